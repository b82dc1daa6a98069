"""Shared fixtures.

Every database test runs on SQLite and, when ``DATABASE_URL`` points at PostgreSQL, on
PostgreSQL too (the ``database_url`` fixture is parametrised). The schema is built by the
Alembic migrations once per backend; each test then runs inside a transaction that is
rolled back, with the code under test working in savepoints on the same connection.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from portal import create_app
from portal.accounts.models import Account
from portal.auth.models import AuthSession
from portal.auth.sessions import key_hash
from portal.config import Settings, normalise_database_url
from portal.db import database, get_session, make_engine, utcnow
from portal.migrations import alembic_config
from portal.security.access import login_manager

TEST_SECRET = "test-secret-key-that-is-long-enough-for-tests"


def postgresql_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return normalise_database_url(url) if url.startswith("postgres") else None


BACKENDS = ["sqlite"] + (["postgresql"] if postgresql_url() else [])


def worker_database(url: str) -> str:
    """The database of this pytest-xdist worker (``…_gw0``, ``…_gw1``), created on demand:
    workers run side by side, and each wipes its own schema."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url
    parsed = make_url(url)
    name = f"{parsed.database}_{worker}"
    admin = make_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
        if not exists:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return parsed.set(database=name).render_as_string(hide_password=False)


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
    url = worker_database(url)
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
def make_app(connection: Connection) -> Callable[[Settings], Flask]:
    """Build a portal whose every database session works in a savepoint of the test's
    connection, so that nothing it writes outlives the test (and no pool is left open)."""

    def _make(settings: Settings) -> Flask:
        app = create_app(settings)
        app.config["WTF_CSRF_ENABLED"] = True
        db = database(app)
        db.engine.dispose()
        db.sessionmaker = sessionmaker(
            bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
        )
        return app

    return _make


@pytest.fixture
def app(settings: Settings, make_app: Callable[[Settings], Flask]) -> Flask:
    return make_app(settings)


@pytest.fixture
def app_ctx(app: Flask) -> Iterator[None]:
    # English, the language of the msgids, so that tests can match messages.
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


@pytest.fixture
def db(app: Flask, app_ctx: None) -> Session:
    """The test's own session (of the test's app context), on the test's connection.

    Test-client requests run in contexts of their own (see ``IsolatedClient``) with their own
    sessions on the same connection, as real requests would: commit (it only releases a
    savepoint) before a request so that it sees the data, and refresh objects afterwards
    to see what it changed.
    """
    return get_session()


class IsolatedClient(FlaskClient):
    """A test client whose every request runs in a fresh ``contextvars`` context.

    Flask reuses an app context that is already pushed; the test's own context (for its
    session and lazy strings) would then leak ``g`` (the signed-in user, the locale, the
    request's database session) from one request into the next.
    """

    def open(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        return contextvars.Context().run(super().open, *args, **kwargs)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    app.test_client_class = IsolatedClient
    return app.test_client()


@pytest.fixture
def sign_in(app: Flask, db: Session) -> Callable[..., None]:
    """Sign a test client in as ``account`` without a provider round trip.

    Writes the server-side session a real login would leave (``portal.auth.sessions``) and
    gives the client its cookie; extra keyword arguments go into the session data (e.g.
    ``landlord_org_id=…`` for the organisation a landlord acts for). The login flow itself
    is tested end to end in tests/functional/auth.
    """

    def _sign_in(client: FlaskClient, account: Account, **data: Any) -> None:
        key = secrets.token_urlsafe(32)
        # Flask-Login's "strong" protection ties the session to the client's address and agent.
        with app.test_request_context(environ_base=client.environ_base):
            identifier = login_manager._session_identifier_generator()
        now = utcnow()
        db.add(
            AuthSession(
                key_hash=key_hash(key),
                account_id=account.id,
                provider="test",
                data={"_user_id": str(account.id), "_fresh": True, "_id": identifier, **data},
                created_at=now,
                last_seen_at=now,
                expires_at=now + dt.timedelta(hours=8),
            )
        )
        db.commit()
        name = app.config["SESSION_COOKIE_NAME"]
        client.delete_cookie(name)
        client.set_cookie(name, key)

    return _sign_in
