"""The built-in development identity provider (real OpenID Connect, test identities).

On only when the settings say so, and never in production (``Settings`` refuses it).
"""

from __future__ import annotations

from flask import Flask

from portal.config import Settings


def init_app(app: Flask, settings: Settings) -> None:
    if settings.is_production or not settings.dev_idp:
        raise RuntimeError("The development identity provider must not run here.")
    from portal import csrf
    from portal.devidp import views
    from portal.devidp.server import build_server

    build_server(app, settings)
    # Back-channel endpoints, called by the relying party's HTTP client, not a browser.
    for view in (views.token, views.userinfo, views.end_session):
        csrf.exempt(view)
    app.register_blueprint(views.bp)
