"""Never sent twice: a worker that dies between sending and marking the row sent leaves
it "sending"; the next worker after the lease timeout sends it again with the SAME
idempotency key, and the receivers (which dedupe on it) count one message."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.db import utcnow
from portal.notifications import worker
from portal.notifications.events import Kind
from portal.notifications.models import OutboxMessage, OutboxStatus
from portal.notifications.services import notify
from tests import factories as f
from tests.functional.notifications.conftest import GatewayServer, SmtpSink


class WorkerCrashed(RuntimeError):
    pass


def _outbox(db: Session) -> list[OutboxMessage]:
    db.expire_all()
    return list(db.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


@pytest.fixture
def waiting(db: Session) -> f.Scene:
    s = f.scene(db)
    s.citizen.email = "borger@example.test"
    s.citizen.phone = "+4512345678"
    notify(db, s.citizen, Kind.OFFER_NEW, endpoint="citizen.offer_list")
    db.commit()
    return s


def test_a_crash_after_sending_is_retried_with_the_same_key_and_counted_once(
    db: Session,
    waiting: f.Scene,
    smtp: SmtpSink,
    gateway: GatewayServer,
    deliver: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    start = utcnow()

    def crash(*_args: Any) -> None:
        raise WorkerCrashed("the worker died before it could mark the row sent")

    # The transports really send; the step after them fails, as a killed worker would.
    monkeypatch.setattr(worker, "mark_sent", crash)
    with pytest.raises(WorkerCrashed):
        deliver(start)
    monkeypatch.undo()

    first = _outbox(db)[0]
    assert first.status == OutboxStatus.SENDING  # committed before the send
    assert first.attempts == 1
    assert len(smtp.messages) + len(gateway.requests) == 1
    # Within the lease the row belongs to the (presumed still running) worker.
    assert deliver(start + dt.timedelta(minutes=5)).sent == 0
    # After it, the row is taken again, and everything goes out.
    later = start + worker.LEASE_TIMEOUT + dt.timedelta(seconds=1)
    assert deliver(later).sent == 2

    rows = _outbox(db)
    assert {r.status for r in rows} == {OutboxStatus.SENT}
    assert rows[0].attempts == 2
    raw = smtp.keys() + gateway.keys()
    assert len(raw) == 3  # the crashed row was delivered twice ...
    assert raw.count(first.idempotency_key) == 2  # ... with the same key both times
    assert set(raw) == {r.idempotency_key for r in rows}  # one distinct message per row
    # The e-mail row was written first, so it was the one in flight at the crash.
    assert first.channel == "email"
    assert len(smtp.messages) == 2 and len(smtp.distinct()) == 1
    assert smtp.messages[0]["Message-ID"] == smtp.messages[1]["Message-ID"]
    assert len(gateway.requests) == 1


def test_a_row_left_sending_by_a_dead_worker_is_resent_with_its_key(
    db: Session, waiting: f.Scene, smtp: SmtpSink, gateway: GatewayServer, deliver: Any
) -> None:
    start = utcnow()
    rows = _outbox(db)
    for row in rows:  # as a worker that died mid-send leaves them
        row.status = OutboxStatus.SENDING
        row.attempts = 1
        row.claimed_at = start - dt.timedelta(hours=1)
    keys = {r.id: r.idempotency_key for r in rows}
    db.commit()

    assert deliver(start).sent == 2

    assert sorted(smtp.keys() + gateway.keys()) == sorted(keys.values())
    after = _outbox(db)
    assert {r.id: r.idempotency_key for r in after} == keys  # never a new key
    assert {r.attempts for r in after} == {2}
    assert deliver(start + dt.timedelta(hours=1)).sent == 0


def test_a_row_sent_is_never_taken_again(
    db: Session, waiting: f.Scene, smtp: SmtpSink, gateway: GatewayServer, deliver: Any
) -> None:
    start = utcnow()
    assert deliver(start).sent == 2
    for step in (1, 30, 600, 6000):
        assert deliver(start + dt.timedelta(minutes=step)).sent == 0
    assert len(smtp.messages) == 1 and len(gateway.requests) == 1
