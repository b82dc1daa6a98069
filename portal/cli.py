"""Command-line tasks: ``flask --app wsgi <command>``."""

from __future__ import annotations

import click
from alembic import command
from flask import Flask, current_app

from portal.migrations import alembic_config


def _settings_url() -> str:
    return str(current_app.config["SETTINGS"].database_url)


@click.command("db-upgrade")
@click.option("--revision", default="heads", show_default=True)
def db_upgrade(revision: str) -> None:
    """Migrate the database to the newest schema."""
    command.upgrade(alembic_config(_settings_url()), revision)
    click.echo(f"Database at {revision}.")


@click.command("db-revision")
@click.option("-m", "--message", required=True)
def db_revision(message: str) -> None:
    """Write a new migration from the difference between the models and the database."""
    command.revision(alembic_config(_settings_url()), message=message, autogenerate=True)


@click.command("demo-data")
@click.option("--reset", is_flag=True, help="Delete all data first and load it anew.")
def demo_data(reset: bool) -> None:
    """Load the demo data (kept as it is if already there, unless --reset)."""
    from portal.demo import load_demo_data

    with current_app.app_context():
        loaded = load_demo_data(reset=reset)
    click.echo("Demo data loaded." if loaded else "Demo data already present; kept as it is.")


@click.command("remind")
@click.option("--offer-days", default=2, show_default=True, help="Days before an offer's deadline.")
@click.option("--review-days", default=7, show_default=True, help="Days before a lease review.")
@click.option("--follow-up-days", default=7, show_default=True, help="Days before a follow-up.")
def remind(offer_days: int, review_days: int, follow_up_days: int) -> None:
    """Send the reminders that are due: offer deadlines, reviews, follow-ups, meetings.

    Run daily by cron; a reminder already sent is never sent again.
    """
    from portal.announcements.reminders import Horizon, send_reminders
    from portal.db import get_session, utcnow

    db = get_session()
    horizon = Horizon(offer_deadline=offer_days, review=review_days, follow_up=follow_up_days)
    count = send_reminders(db, utcnow(), horizon)
    db.commit()
    click.echo(f"Reminders sent: {count}")


@click.command("notify")
@click.option("--loop", is_flag=True, help="Keep running, one pass every --interval seconds.")
@click.option("--interval", default=30, show_default=True, help="Seconds between passes.")
def notify(loop: bool, interval: int) -> None:
    """Send the e-mails and text messages waiting in the outbox (cron, or --loop)."""
    import time

    from portal.notifications.worker import run_pass

    while True:
        counts = run_pass()
        click.echo(f"Sent: {counts.sent}, to retry: {counts.retry}, failed: {counts.failed}")
        if not loop:
            return
        time.sleep(max(1, interval))


def init_app(app: Flask) -> None:
    for cmd in (db_upgrade, db_revision, demo_data, notify, remind):
        app.cli.add_command(cmd)
