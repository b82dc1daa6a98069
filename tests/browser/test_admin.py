"""The administration at desktop size, in Danish and English, in a real Chromium:
zero axe violations on every page, and screenshots to look at."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from sqlalchemy import update

from portal import create_app
from portal.accounts.models import Account, Role
from portal.config import Settings
from portal.db import database, get_session
from tests.browser.conftest import assert_no_axe_violations, log_in

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}


def _prefer(settings: Settings, lang: str) -> None:
    """The staff's own language choice (their profile) is what the portal follows."""
    app = create_app(settings)
    with app.app_context():
        session = get_session()
        staff = Account.role.in_((Role.CASEWORKER, Role.ADMINISTRATOR))
        session.execute(update(Account).values(preferred_language=lang).where(staff))
        session.commit()
    database(app).engine.dispose()


@pytest.fixture(params=["da", "en"])
def desktop(
    browser: Browser, request: pytest.FixtureRequest, live_settings: Settings, live_server: str
) -> Iterator[tuple[Page, str]]:
    lang = request.param
    _prefer(live_settings, lang)
    context = browser.new_context(
        viewport=DESKTOP, locale="da-DK" if lang == "da" else "en-GB", device_scale_factor=1
    )
    page = context.new_page()
    yield page, lang
    context.close()


def _check(page: Page, screenshots: Path, name: str, lang: str) -> None:
    assert page.locator("html").get_attribute("lang") == lang
    assert_no_axe_violations(page)
    page.screenshot(path=str(screenshots / f"admin-{name}-{lang}.png"), full_page=True)


def test_the_network_administrator_walks_the_administration(
    desktop: tuple[Page, str], base_url: str, screenshots: Path
) -> None:
    page, lang = desktop
    log_in(page, base_url, "staff", "staff-network-admin")
    page.goto(f"{base_url}/admin/")
    assert page.locator('[data-start-page="admin"]').count() == 1
    _check(page, screenshots, "index", lang)

    page.goto(f"{base_url}/admin/organisations/")
    assert page.locator('[data-organisation="43218765"]').count() == 1
    _check(page, screenshots, "requests", lang)
    page.locator('[data-organisation="43218765"] a').click()
    page.wait_for_load_state()
    # Refusing without a reason: the message stands beside the field.
    page.locator("form[action$='/refuse'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".form-error-message").count() == 1
    _check(page, screenshots, "request-refuse-error", lang)

    page.goto(f"{base_url}/admin/staff/")
    assert page.locator("tr[data-account]").count() > 0
    _check(page, screenshots, "staff", lang)

    page.goto(f"{base_url}/admin/rules/")
    _check(page, screenshots, "rules", lang)
    page.goto(f"{base_url}/admin/rules/legal_bases/")
    _check(page, screenshots, "legal-bases", lang)
    page.locator("tr[data-rule] a").first.click()
    page.wait_for_load_state()
    _check(page, screenshots, "legal-basis", lang)
    page.locator("a[href$='/new-version']").click()
    page.wait_for_load_state()
    page.fill("#max_term_months", "12,5")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").count() == 1
    _check(page, screenshots, "legal-basis-form-error", lang)

    page.goto(f"{base_url}/admin/rules/import")
    _check(page, screenshots, "import", lang)


def test_a_municipality_administrator_reads_the_rules(
    desktop: tuple[Page, str], base_url: str, screenshots: Path
) -> None:
    page, lang = desktop
    log_in(page, base_url, "staff", "staff-751-admin")
    page.goto(f"{base_url}/admin/rules/thresholds/")
    assert page.locator("a[href$='/new']").count() == 0
    _check(page, screenshots, "thresholds-read-only", lang)
