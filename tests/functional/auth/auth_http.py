"""Helpers for the login tests. Real HTTP on every side: the portal on a live server,
the providers on their own.

The "browser" is a ``requests`` session that keeps cookies and follows redirects, as a
browser would; the portal talks to each provider over HTTP with no mocks in between.
The live portal works on the test's rolled-back connection (see tests/conftest.py), so
every test starts from a clean database.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

import requests
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.serving import make_server

from portal.auth.models import AuthSession
from portal.cases.models import Case
from portal.landlords.models import LandlordOrganisation
from portal.municipalities.models import Municipality

CITIZEN_CPR = "140391-1682"  # Mette Jensen in the demo data (fictional)
LANDLORD_CVR = "29481736"


@dataclass
class LiveServer:
    url: str
    app: Flask


def serve(app: Any) -> tuple[Any, threading.Thread]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


class Browser(requests.Session):
    """Cookies and redirects like a browser; forms filled from the HTML they come in."""

    def csrf(self, html: str) -> str:
        match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
        assert match, "no CSRF token on the page"
        return match.group(1)


@dataclass
class World:
    municipality: Municipality
    case: Case
    organisation: LandlordOrganisation


def logged_in_sessions(db: Session) -> int:
    db.expire_all()
    return int(
        db.scalar(
            select(func.count()).select_from(AuthSession).where(AuthSession.account_id.is_not(None))
        )
        or 0
    )
