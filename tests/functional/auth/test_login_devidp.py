"""Each role logs in through the built-in development provider, over real HTTP."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.accounts.models import Account, Role
from portal.landlords.models import LandlordOrganisation, OrganisationStatus
from tests.functional.auth.auth_http import Browser, LiveServer, World, logged_in_sessions


def pick(visitor: Browser, live: LiveServer, role: str, subject: str, **params: str):  # type: ignore[no-untyped-def]
    page = visitor.get(f"{live.url}/login/{role}", params=params)
    assert page.status_code == 200, page.text
    assert "/dev-idp/authorize" in page.url
    action = re.search(r'<form method="post" action="([^"]+)"', page.text)
    assert action
    return visitor.post(
        live.url + action.group(1).replace("&amp;", "&"),
        data={"csrf_token": visitor.csrf(page.text), "subject": subject},
    )


def test_citizen_logs_in_and_lands_on_their_page(
    live: LiveServer, visitor: Browser, world: World, db: Session
) -> None:
    page = pick(visitor, live, "citizen", "citizen-01")
    assert page.status_code == 200, page.text
    assert page.url == f"{live.url}/citizen/"
    assert 'data-start-page="citizen"' in page.text
    assert "Mette Jensen" in page.text and "Aarhus" in page.text
    # The cookie carries an opaque key only; no token, no CPR.
    cookie = visitor.cookies.get("boligbro_session") or ""
    assert len(cookie) < 60 and "." not in cookie
    assert "1403911682" not in page.text and "140391" not in page.url
    db.expire_all()
    account = db.scalars(select(Account).where(Account.subject == "citizen-01")).one()
    assert account.issuer == "urn:boligbro:dev-idp"
    assert (
        world.case.account_id == account.id
        or db.get(type(world.case), world.case.id).account_id == account.id
    )


def test_the_session_id_changes_at_login(live: LiveServer, visitor: Browser, world: World) -> None:
    page = visitor.get(f"{live.url}/login/citizen")
    before = visitor.cookies.get("boligbro_session")
    assert before
    action = re.search(r'<form method="post" action="([^"]+)"', page.text)
    assert action
    visitor.post(
        live.url + action.group(1).replace("&amp;", "&"),
        data={"csrf_token": visitor.csrf(page.text), "subject": "citizen-01"},
    )
    after = visitor.cookies.get("boligbro_session")
    assert after and after != before


def test_logout_ends_the_session_here_and_at_the_provider(
    live: LiveServer, visitor: Browser, world: World, db: Session
) -> None:
    page = pick(visitor, live, "citizen", "citizen-01")
    response = visitor.post(
        f"{live.url}/logout", data={"csrf_token": visitor.csrf(page.text)}, allow_redirects=False
    )
    assert response.status_code == 303, response.text
    assert response.headers["Location"].startswith(f"{live.url}/dev-idp/end-session?id_token_hint=")
    done = visitor.get(response.headers["Location"])
    assert done.url == f"{live.url}/logged-out"
    assert visitor.get(f"{live.url}/citizen/").status_code == 401
    assert logged_in_sessions(db) == 0


def test_landlord_of_a_known_company_lands_on_its_page(
    live: LiveServer, visitor: Browser, world: World
) -> None:
    page = pick(visitor, live, "landlord", "landlord-aabo-1")
    assert page.url == f"{live.url}/landlord/", page.text
    assert 'data-start-page="landlord"' in page.text and "Aarhus Bolig" in page.text


def test_landlord_of_an_unknown_company_asks_to_join_and_waits(
    live: LiveServer, visitor: Browser, world: World, db: Session
) -> None:
    page = pick(visitor, live, "landlord", "test-landlord-new-cvr")
    assert "/landlord/join?cvr=12345678" in page.url
    page = visitor.post(
        page.url,
        data={
            "csrf_token": visitor.csrf(page.text),
            "name": "Test Ejendomme ApS",
            "kind": "private",
        },
    )
    assert page.url == f"{live.url}/landlord/"
    assert 'data-organisation-status="pending"' in page.text
    db.expire_all()
    org = db.scalars(
        select(LandlordOrganisation).where(LandlordOrganisation.cvr == "12345678")
    ).one()
    assert org.status == OrganisationStatus.PENDING


@pytest.mark.parametrize(
    ("subject", "role", "start"),
    [
        ("staff-751-cw-1", Role.CASEWORKER, "/staff/"),
        ("staff-751-admin", Role.ADMINISTRATOR, "/admin/"),
    ],
)
def test_staff_get_role_and_municipality_from_the_roles_claim(
    live: LiveServer,
    visitor: Browser,
    world: World,
    db: Session,
    subject: str,
    role: Role,
    start: str,
) -> None:
    page = pick(visitor, live, "staff", subject)
    assert page.url == f"{live.url}{start}", page.text
    assert "Aarhus" in page.text
    db.expire_all()
    account = db.scalars(select(Account).where(Account.subject == subject)).one()
    assert account.role == role and account.municipality_id == world.municipality.id


def test_a_citizen_with_no_case_gets_a_kind_page_and_no_session(
    live: LiveServer, visitor: Browser, world: World, db: Session
) -> None:
    page = pick(visitor, live, "citizen", "test-citizen-no-case")
    assert page.status_code == 200
    assert 'data-login-outcome="no-case"' in page.text and "Aarhus" in page.text
    assert logged_in_sessions(db) == 0
    assert (
        db.scalars(select(Account).where(Account.subject == "test-citizen-no-case")).first() is None
    )


@pytest.mark.parametrize(
    ("role", "subject", "reason"),
    [("citizen", "test-citizen-low-loa", "loa"), ("staff", "test-staff-no-role", "staff_unknown")],
)
def test_refusals_through_the_development_provider(
    live: LiveServer,
    visitor: Browser,
    world: World,
    db: Session,
    role: str,
    subject: str,
    reason: str,
) -> None:
    page = pick(visitor, live, role, subject)
    assert page.status_code == 403
    assert f'data-login-error="{reason}"' in page.text
    assert logged_in_sessions(db) == 0


def test_the_mitid_screen_gets_the_portal_language(live: LiveServer, visitor: Browser) -> None:
    for portal, mitid in (("da", "da"), ("en", "en"), ("ar", "en"), ("ti", "en")):
        response = visitor.get(
            f"{live.url}/login/citizen", params={"lang": portal}, allow_redirects=False
        )
        assert f"language={mitid}" in response.headers["Location"]


def test_identity_page_lists_the_demo_identities_by_role(
    live: LiveServer, visitor: Browser
) -> None:
    page = visitor.get(f"{live.url}/dev-idp/")
    assert page.status_code == 200
    for name in ("Mette Jensen", "Jette Kragh", "Birgitte Lund"):
        assert name in page.text
