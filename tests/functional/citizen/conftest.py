"""Fixtures of the citizen journeys (the cast is built in ``citizen_world``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from citizen_world import Citizen, World, build_world
from flask.testing import FlaskClient
from sqlalchemy.orm import Session


@pytest.fixture
def world(db: Session) -> World:
    return build_world(db)


@pytest.fixture
def signed_in(
    db: Session, client: FlaskClient, sign_in: Callable[..., None]
) -> Callable[[Citizen], FlaskClient]:
    """Commit the scene and sign the test client in as ``person``."""

    def _as(person: Citizen) -> FlaskClient:
        db.commit()
        sign_in(client, person.account)
        return client

    return _as
