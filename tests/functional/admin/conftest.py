"""The cast of the administration journeys: two municipalities, their administrators
and caseworkers, a network administrator, and the default rules."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.accounts.models import Account, Role
from portal.audit.models import AuditEvent
from portal.db import utcnow
from portal.landlords.models import LandlordOrganisation, OrganisationMember
from portal.municipalities.models import Municipality
from portal.rules.defaults import install_default_rules
from portal.rules.models import (
    BusinessCaseRate,
    DeclineReason,
    HousingBenefitRate,
    LegalBasis,
    OutcomeClassification,
    OutcomeDestination,
    SurveyQuestion,
    Threshold,
)
from tests import factories as f

RULE_MODELS = (
    LegalBasis,
    HousingBenefitRate,
    DeclineReason,
    OutcomeDestination,
    OutcomeClassification,
    BusinessCaseRate,
    SurveyQuestion,
    Threshold,
)


@dataclass
class Cast:
    north: Municipality
    south: Municipality
    north_admin: Account
    south_admin: Account
    network_admin: Account
    north_caseworker: Account
    south_caseworker: Account


@pytest.fixture
def cast(db: Session) -> Cast:
    north, south = f.municipality(db, name="Nord"), f.municipality(db, name="Syd")
    now = utcnow()
    cast = Cast(
        north=north,
        south=south,
        north_admin=f.account(db, Role.ADMINISTRATOR, municipality_id=north.id, last_login_at=now),
        south_admin=f.account(db, Role.ADMINISTRATOR, municipality_id=south.id, last_login_at=now),
        network_admin=f.account(db, Role.ADMINISTRATOR, is_network_admin=True, last_login_at=now),
        north_caseworker=f.caseworker(
            db, north, display_name="Nina Nord", last_login_at=now - dt.timedelta(days=2)
        ),
        south_caseworker=f.caseworker(db, south, display_name="Søren Syd", last_login_at=now),
    )
    install_default_rules(db)
    db.commit()
    return cast


def csrf_token(client: FlaskClient, url: str) -> str:
    """The CSRF token of the form on ``url``, as a browser would submit it."""
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code)
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.text)
    if match is None:
        match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text)
    assert match is not None, url
    return match.group(1)


def snapshot(db: Session) -> dict[str, Any]:
    """Everything the administration writes to, to compare before and after a refusal."""
    db.expire_all()
    counts: dict[str, Any] = {
        model.__tablename__: db.scalar(select(func.count()).select_from(model))
        for model in (*RULE_MODELS, AuditEvent, OrganisationMember)
    }
    counts["organisations"] = [
        (o.id, o.status.value, o.status_reason, o.municipality_id)
        for o in db.scalars(select(LandlordOrganisation).order_by(LandlordOrganisation.id))
    ]
    counts["accounts"] = [
        (a.id, a.active, a.role.value) for a in db.scalars(select(Account).order_by(Account.id))
    ]
    return counts


@pytest.fixture
def admin_client(
    client: FlaskClient, sign_in: Callable[..., None]
) -> Callable[[Account], FlaskClient]:
    def _as(account: Account) -> FlaskClient:
        # English pages: the assertions read the msgids (Danish is tested in the browser).
        client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
        sign_in(client, account)
        return client

    return _as


@pytest.fixture
def csrf() -> Callable[[FlaskClient, str], str]:
    return csrf_token


@pytest.fixture
def state(db: Session) -> Callable[[], dict[str, Any]]:
    """Call before and after a refused request: the two must be equal."""
    return lambda: snapshot(db)
