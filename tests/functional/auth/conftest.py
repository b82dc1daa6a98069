"""Fixtures of the login tests: a live portal, a visitor, and the data logins find."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.auth.providers import clear_cache
from portal.cases.cpr import CprCipher
from portal.cases.models import Case, HousingSituation
from portal.config import Settings
from portal.landlords.models import LandlordOrganisation, OrganisationKind, OrganisationStatus
from portal.municipalities.models import Municipality
from tests.functional.auth.auth_http import (
    CITIZEN_CPR,
    LANDLORD_CVR,
    Browser,
    LiveServer,
    World,
    serve,
)


@pytest.fixture(autouse=True)
def _fresh_provider_cache() -> Iterator[None]:
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def live(app: Flask) -> Iterator[LiveServer]:
    server, thread = serve(app)
    try:
        yield LiveServer(f"http://127.0.0.1:{server.server_port}", app)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


@pytest.fixture
def visitor() -> Iterator[Browser]:
    with Browser() as b:
        yield b


@pytest.fixture
def world(db: Session, settings: Settings) -> World:
    """A municipality, a citizen's case found by CPR, and a known landlord organisation."""
    municipality = db.scalars(select(Municipality).where(Municipality.code == "751")).first()
    if municipality is None:
        municipality = Municipality(
            code="751", name="Aarhus", contact_phone="+45 89 40 20 00", contact_email="a@x.dk"
        )
        db.add(municipality)
        db.flush()
    cipher = CprCipher.from_settings(settings)
    case = Case(
        municipality_id=municipality.id,
        cpr_ciphertext=cipher.encrypt(CITIZEN_CPR),
        cpr_hash=cipher.hash(CITIZEN_CPR),
        name="Mette Jensen",
        citizen_group=1,
        housing_situation=HousingSituation.SHELTER,
        waiting_since=dt.date(2026, 1, 5),
    )
    org = LandlordOrganisation(
        cvr=LANDLORD_CVR,
        name="Aarhus Bolig",
        kind=OrganisationKind.SOCIAL,
        status=OrganisationStatus.ACTIVE,
    )
    db.add_all([case, org])
    db.commit()
    return World(municipality, case, org)
