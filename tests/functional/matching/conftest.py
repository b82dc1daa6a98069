"""The matching journeys read the screens in English, so they hold whatever the catalogs
say in Danish (the letters' binding Danish text is checked with the catalog itself)."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient


@pytest.fixture(autouse=True)
def english(client: FlaskClient) -> None:
    client.set_cookie("lang", "en")
