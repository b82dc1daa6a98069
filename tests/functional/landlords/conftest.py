"""The landlord journeys' cast: see landlord_world.py."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from landlord_world import World, build_world
from sqlalchemy.orm import Session


@pytest.fixture
def world(db: Session) -> World:
    return build_world(db)


@pytest.fixture(autouse=True)
def english(client: FlaskClient) -> None:
    """The journeys read the English msgids (the Danish catalog comes after this issue)."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
