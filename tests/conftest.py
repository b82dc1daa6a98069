"""Shared fixtures.

Every database test runs on SQLite and, when ``DATABASE_URL`` points at PostgreSQL, on
PostgreSQL too (the ``database_url`` fixture is parametrised). The schema is built by the
Alembic migrations once per backend; each test then runs inside a transaction that is
rolled back, with the code under test working in savepoints on the same connection.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Connection, Engine, text
from sqlalchemy.orm import Session, sessionmaker

from portal import create_app
from portal.config import Settings, normalise_database_url
from portal.db import database, get_session, make_engine
from portal.migrations import alembic_config

TEST_SECRET = "test-secret-key-that-is-long-enough-for-tests"


def postgresql_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return normalise_database_url(url) if url.startswith("postgres") else None


BACKENDS = ["sqlite"] + (["postgresql"] if postgresql_url() else [])


def reset_postgresql(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'test.sqlite'}"
    url = postgresql_url()
    assert url is not None
    reset_postgresql(url)
    return url


@pytest.fixture(scope="session")
def backend(database_url: str) -> str:
    return "postgresql" if database_url.startswith("postgresql") else "sqlite"


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    command.upgrade(alembic_config(database_url), "heads")
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    conn = engine.connect()
    outer = conn.begin()
    yield conn
    outer.rollback()
    conn.close()


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        env="test",
        secret_key=TEST_SECRET,
        database_url=database_url,
        storage_dir=str(tmp_path / "storage"),
    )


@pytest.fixture
def app(settings: Settings, connection: Connection) -> Iterator[Flask]:
    app = create_app(settings)
    app.config["WTF_CSRF_ENABLED"] = True
    db = database(app)
    db.engine.dispose()
    # Every session the app opens works in a savepoint of the test's connection.
    db.sessionmaker = sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    yield app


@pytest.fixture
def app_ctx(app: Flask) -> Iterator[None]:
    with app.test_request_context():
        yield


@pytest.fixture
def db(app: Flask, app_ctx: None) -> Session:
    """The session of the test's own (request) context, bound to the test's connection."""
    return get_session()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()
