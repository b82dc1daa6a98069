"""A citizen, a landlord and a caseworker log in through the development provider in
Chromium and land on their own page; logout works; an idle session ends."""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Iterator

import pytest
from alembic import command
from playwright.sync_api import Page, expect
from sqlalchemy.orm import Session
from werkzeug.serving import make_server

from portal import create_app
from portal.cases.cpr import CprCipher
from portal.cases.models import Case, HousingSituation
from portal.config import Settings
from portal.db import database, make_engine
from portal.landlords.models import LandlordOrganisation, OrganisationKind, OrganisationStatus
from portal.migrations import alembic_config
from portal.municipalities.models import Municipality

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def login_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("login")
    url = f"sqlite:///{folder / 'login.sqlite'}"
    command.upgrade(alembic_config(url), "heads")
    settings = Settings(
        env="test",
        secret_key="browser-login-secret-key-that-is-long-enough",
        database_url=url,
        storage_dir=str(folder / "storage"),
        session_idle_timeout=8,
        session_idle_warning=5,
    )
    engine = make_engine(url)
    cipher = CprCipher.from_settings(settings)
    with Session(engine) as db:
        aarhus = Municipality(code="751", name="Aarhus")
        db.add(aarhus)
        db.flush()
        db.add(
            Case(
                municipality_id=aarhus.id,
                cpr_ciphertext=cipher.encrypt("140391-1682"),
                cpr_hash=cipher.hash("140391-1682"),
                name="Mette Jensen",
                citizen_group=1,
                housing_situation=HousingSituation.SHELTER,
                waiting_since=dt.date(2026, 1, 5),
            )
        )
        db.add(
            LandlordOrganisation(
                cvr="29481736",
                name="Aarhus Bolig",
                kind=OrganisationKind.SOCIAL,
                status=OrganisationStatus.ACTIVE,
            )
        )
        db.commit()
    engine.dispose()
    app = create_app(settings)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        database(app).engine.dispose()


def log_in(page: Page, base: str, button: str, person: str) -> None:
    page.goto(f"{base}/?lang=en")
    page.get_by_role("link", name=button, exact=True).click()
    page.locator(f'button[data-subject="{person}"]').click()


@pytest.mark.parametrize(
    ("button", "person", "start", "text"),
    [
        ("Log in with MitID", "citizen-01", "/citizen/", "Aarhus"),
        ("Log in with MitID Erhverv", "landlord-aabo-1", "/landlord/", "Aarhus Bolig"),
        ("Log in as municipal staff", "staff-751-cw-1", "/staff/", "caseworker"),
    ],
)
def test_each_role_logs_in_and_out(
    page: Page, login_server: str, button: str, person: str, start: str, text: str
) -> None:
    log_in(page, login_server, button, person)
    expect(page).to_have_url(login_server + start)
    expect(page.locator("main")).to_contain_text(text)
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(f"{login_server}/logged-out")
    page.goto(login_server + start)
    expect(page.locator("h1")).to_have_text("Please log in")


def test_an_idle_session_warns_then_ends(page: Page, login_server: str) -> None:
    log_in(page, login_server, "Log in with MitID", "citizen-01")
    expect(page).to_have_url(f"{login_server}/citizen/")
    warning = page.locator("#session-timer")
    expect(warning).to_be_visible(timeout=6000)
    expect(page).to_have_url(re.compile(r"/session-ended$"), timeout=10000)
    page.goto(f"{login_server}/citizen/")
    expect(page.locator("h1")).to_have_text("Please log in")


def test_answering_the_warning_keeps_the_session(page: Page, login_server: str) -> None:
    log_in(page, login_server, "Log in with MitID", "citizen-01")
    expect(page.locator("#session-timer")).to_be_visible(timeout=6000)
    page.get_by_role("button", name="Stay logged in").click()
    expect(page.locator("#session-timer")).to_be_hidden()
    page.wait_for_timeout(5000)  # past the first idle end, but the answer renewed it
    page.reload()
    expect(page).to_have_url(f"{login_server}/citizen/")
