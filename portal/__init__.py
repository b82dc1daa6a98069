"""Boligbro: temporary leases with time-limited support, for Danish municipalities."""

from __future__ import annotations

import datetime as dt

from flask import Flask
from flask_wtf import CSRFProtect

from portal import auth, cli, db, errors, i18n, security
from portal.config import Settings

csrf = CSRFProtect()


def create_app(settings: Settings | None = None) -> Flask:
    """Build the portal for the given settings (development defaults when none)."""
    settings = settings or Settings()
    app = Flask(
        __name__,
        template_folder="../templates",
        static_folder="../static",
        static_url_path="/static",
    )
    app.config.update(
        SETTINGS=settings,
        SECRET_KEY=settings.secret_key,
        TESTING=settings.env == "test",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.session_cookie_secure,
        SESSION_COOKIE_NAME="boligbro_session",
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=8),
        MAX_CONTENT_LENGTH=12 * 1024 * 1024,
        WTF_CSRF_TIME_LIMIT=None,
        PREFERRED_URL_SCHEME="https" if settings.is_production else "http",
    )
    if settings.server_name:
        app.config["SERVER_NAME"] = settings.server_name

    db.init_app(app, settings.database_url)
    i18n.init_app(app, settings)
    # The access ring runs before the CSRF check: an anonymous POST is refused as such.
    security.init_app(app)
    csrf.init_app(app)
    auth.init_app(app, settings)
    _register_blueprints(app)
    errors.init_app(app)
    cli.init_app(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from portal.citizen.views import bp as citizen_bp
    from portal.landlords.views import bp as landlords_bp
    from portal.public.views import bp as public_bp
    from portal.staff.views import bp as staff_bp
    from portal.units.views import bp as units_bp

    app.register_blueprint(public_bp)
    for bp in (citizen_bp, landlords_bp, staff_bp, units_bp):
        app.register_blueprint(bp)
    from portal.cases.views import register as register_cases  # cases and plans

    register_cases(app)
    from portal.matching import init_app as init_matching  # matching and staff leases

    init_matching(app)
    from portal.admin.views import bp as admin_bp  # administration

    app.register_blueprint(admin_bp)
    app.register_blueprint(__import__("portal.reporting.views", fromlist=["bp"]).bp)  # evaluation
    __import__("portal.notifications.views", fromlist=["init_app"]).init_app(app)  # inbox
