"""The access ring and the security headers, in one place."""

from __future__ import annotations

from flask import Flask

from portal.security import access, headers


def init_app(app: Flask) -> None:
    access.init_app(app)
    headers.init_app(app)
