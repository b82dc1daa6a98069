"""Matching citizens to homes, the staff side of offers, and the lease to its end."""

from __future__ import annotations

import datetime as dt

import click
from flask import Flask


@click.command("expire-offers")
def expire_offers() -> None:
    """Expire the offers whose citizen did not answer in time (run daily by cron)."""
    from portal.db import get_session
    from portal.offers.services import expire_due

    db = get_session()
    count = expire_due(db, dt.date.today())
    db.commit()
    click.echo(f"Expired offers: {count}")


def init_app(app: Flask) -> None:
    """Register the matching and staff lease screens and the ``expire-offers`` command."""
    from portal.leases.views import bp as leases_bp
    from portal.matching.views import bp as matching_bp

    app.register_blueprint(matching_bp)
    app.register_blueprint(leases_bp)
    app.cli.add_command(expire_offers)
