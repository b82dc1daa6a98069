"""Fixtures of the caseworkers' case and plan pages: two municipalities, their staff
and a citizen in each, and a helper that reads a form's CSRF token."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from portal.accounts.models import Account
from portal.cases.models import Case
from portal.municipalities.models import Municipality, TargetGroup
from tests import factories

_CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def csrf_token(client: FlaskClient, url: str) -> str:
    """The CSRF token of the form on the page at ``url``."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    match = _CSRF.search(page.get_data(as_text=True))
    assert match, "no CSRF token on " + url
    return match.group(1)


@dataclass
class World:
    home: Municipality
    other: Municipality
    caseworker: Account
    colleague: Account
    stranger: Account  # a caseworker of the other municipality
    case: Case
    foreign_case: Case
    foreign_cpr: str


@pytest.fixture
def world(db: Session) -> World:
    home = factories.municipality(
        db,
        name="Aarhus",
        target_groups=[
            TargetGroup.DISABILITY,
            TargetGroup.PSYCHOLOGICALLY_VULNERABLE,
            TargetGroup.SOCIAL_PROBLEMS,
        ],
    )
    other = factories.municipality(db, name="Randers")
    caseworker = factories.caseworker(db, home, display_name="Birgitte Lund")
    colleague = factories.caseworker(db, home, display_name="Hassan Yilmaz")
    stranger = factories.caseworker(db, other, display_name="Søren Brix")
    case = factories.case(db, home, name="Mette Jensen", caseworker_id=caseworker.id)
    foreign_cpr = "150601-4568"
    foreign_case = factories.case(db, other, name="Mette Knudsen", cpr=foreign_cpr)
    db.commit()
    return World(home, other, caseworker, colleague, stranger, case, foreign_case, foreign_cpr)


@pytest.fixture
def as_caseworker(world: World, client: FlaskClient, sign_in: Callable[..., None]) -> FlaskClient:
    sign_in(client, world.caseworker)
    return client
