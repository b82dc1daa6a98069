"""The cast of the notification journeys: a scene whose case has its caseworker assigned
and whose landlord organisation has a second active member."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests import factories as f


@pytest.fixture(autouse=True)
def english(client: FlaskClient) -> None:
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def s(db: Session) -> f.Scene:
    scene = f.scene(db)
    scene.case.caseworker_id = scene.caseworker.id
    db.flush()
    return scene
