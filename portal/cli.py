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


def init_app(app: Flask) -> None:
    for cmd in (db_upgrade, db_revision, demo_data):
        app.cli.add_command(cmd)
