"""Login through OpenID Connect providers (MitID, MitID Erhverv, the municipality's own),
server-side sessions, and who a signed-in person is in the portal."""

from __future__ import annotations

from typing import Any

import click
from flask import Flask, current_app
from flask_login import current_user

from portal.config import Settings


def init_app(app: Flask, settings: Settings) -> None:
    from portal.auth import registry, sessions
    from portal.auth.views import bp

    sessions.init_app(app, settings)
    registry.build(app, settings)
    app.register_blueprint(bp)
    if settings.dev_idp:
        from portal import devidp

        devidp.init_app(app, settings)
    app.context_processor(_session_timer)
    app.cli.add_command(purge_command)


def _session_timer() -> dict[str, Any]:
    from portal.auth.sessions import seconds_left

    settings: Settings = current_app.config["SETTINGS"]
    context: dict[str, Any] = {
        "session_seconds_left": seconds_left,
        "session_idle_warning": settings.session_idle_warning,
    }
    if current_user.is_authenticated:
        # Every signed-in page carries the logout button (a POST with CSRF) in base.html.
        from portal.auth.forms import LogoutForm

        context["logout_form"] = LogoutForm()
    return context


@click.command("auth-purge")
def purge_command() -> None:
    """Delete ended sessions and unused login transactions (run it from cron)."""
    from portal.auth.flow import purge_transactions
    from portal.auth.sessions import purge_expired
    from portal.db import database

    sessions_gone = purge_expired(current_app, current_app.config["SETTINGS"])
    with database().sessionmaker() as db:
        transactions_gone = purge_transactions(db)
        db.commit()
    click.echo(f"Removed {sessions_gone} sessions and {transactions_gone} login transactions.")
