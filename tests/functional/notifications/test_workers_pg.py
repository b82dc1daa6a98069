"""Two workers at once never take the same row (FOR UPDATE SKIP LOCKED).

PostgreSQL only: the workers run on real, committed data in their own connections (not
the per-test rollback). SQLite has one writer at a time and ignores SKIP LOCKED.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from portal.accounts.models import Account
from portal.cases.cpr import CprCipher
from portal.config import Settings
from portal.db import utcnow
from portal.notifications.events import Kind
from portal.notifications.models import OutboxMessage, OutboxStatus
from portal.notifications.services import notify
from portal.notifications.transports import transports_from_settings
from portal.notifications.worker import Counts, _claim, deliver_due
from tests import factories as f
from tests.functional.notifications.conftest import SmtpSink

pytestmark = pytest.mark.postgresql_only

CIPHER = CprCipher(b"e" * 32, b"h" * 32)
MESSAGES = 12


@pytest.fixture
def pg_engine(backend: str, engine: Engine) -> Engine:
    if backend != "postgresql":
        pytest.skip("SKIP LOCKED is tested on PostgreSQL only (set DATABASE_URL=postgresql://…).")
    return engine


@pytest.fixture
def waiting(pg_engine: Engine, app: Flask) -> Iterator[list[int]]:
    """Committed: MESSAGES e-mails waiting in the outbox. Removed afterwards."""
    with app.app_context(), Session(pg_engine, expire_on_commit=False) as session:
        m = f.municipality(session)
        for _ in range(MESSAGES):
            citizen = f.citizen_account(session, f.case(session, m, cipher=CIPHER))
            citizen.email = "borger@example.test"
            notify(session, citizen, Kind.OFFER_NEW, endpoint="citizen.offer_list")
        session.commit()
        ids = list(session.scalars(select(OutboxMessage.id)))
    assert len(ids) == MESSAGES
    yield ids
    with pg_engine.begin() as conn:
        names = conn.scalars(
            text(
                "SELECT tablename FROM pg_tables "
                "WHERE schemaname = current_schema() AND tablename <> 'alembic_version'"
            )
        ).all()
        tables = ", ".join(f'"{name}"' for name in names)
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


def test_a_second_worker_skips_the_rows_the_first_holds(
    pg_engine: Engine, waiting: list[int]
) -> None:
    now = utcnow()
    with Session(pg_engine) as first, Session(pg_engine) as second:
        taken_first = _claim(first, now, 5)  # holds its row locks until it commits
        # Without SKIP LOCKED the second would wait for those locks: fail, don't hang.
        second.execute(text("SET LOCAL lock_timeout = '3s'"))
        taken_second = _claim(second, now, 100)
        assert len(taken_first) == 5
        assert set(taken_first).isdisjoint(taken_second)
        assert sorted(taken_first + taken_second) == sorted(waiting)
        first.commit()
        second.commit()


def test_two_workers_at_once_send_every_message_exactly_once(
    pg_engine: Engine, waiting: list[int], app: Flask, settings: Settings, smtp: SmtpSink
) -> None:
    factory = sessionmaker(bind=pg_engine, expire_on_commit=False)
    barrier = threading.Barrier(2)
    results: list[Counts | BaseException] = []

    def work() -> None:
        with app.app_context():
            try:
                barrier.wait(timeout=10)
                counts = deliver_due(
                    factory, utcnow(), transports_from_settings(settings), batch_size=2
                )
                results.append(counts)
            except BaseException as exc:  # reported by the assertion below
                results.append(exc)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    counts: list[Any] = results
    assert all(isinstance(c, Counts) for c in counts), counts
    assert sum(c.sent for c in counts) == MESSAGES
    sent_ids = [i for c in counts for i in c.ids]
    assert sorted(sent_ids) == sorted(waiting)  # no row sent by both
    assert len(smtp.messages) == MESSAGES == len(smtp.distinct())
    with Session(pg_engine) as session:
        assert set(session.scalars(select(OutboxMessage.status))) == {OutboxStatus.SENT}
        assert session.scalar(select(Account.id).limit(1)) is not None
