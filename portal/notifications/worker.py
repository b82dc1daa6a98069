"""The outbox worker: takes due messages, sends them, marks them sent or schedules a retry.

Rows are taken with ``SELECT … FOR UPDATE SKIP LOCKED`` (PostgreSQL; SQLite ignores it
and has one writer anyway), so several workers never take the same row. A taken row is
marked "sending" and committed *before* sending: if the worker dies after sending but
before marking it sent, the row stays "sending", and after ``LEASE_TIMEOUT`` another pass
sends it again with the same idempotency key, which the receiver uses to drop the repeat.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from portal.notifications.messages import render
from portal.notifications.models import Channel, Notification, OutboxMessage, OutboxStatus
from portal.notifications.transports import Outgoing, Transport

log = logging.getLogger(__name__)

BACKOFF = (
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=25),
    dt.timedelta(hours=2),
    dt.timedelta(hours=8),
    dt.timedelta(hours=24),
)
LEASE_TIMEOUT = dt.timedelta(minutes=10)  # a row "sending" longer than this was abandoned
BATCH_SIZE = 20


def backoff(attempts: int) -> dt.timedelta:
    """The wait before the next try, after ``attempts`` tries (1, 5, 25 min, 2 h, 8 h, 24 h)."""
    return BACKOFF[min(max(attempts, 1), len(BACKOFF)) - 1]


@dataclass
class Counts:
    sent: int = 0
    retry: int = 0
    failed: int = 0
    ids: list[int] = field(default_factory=list)


def _claim(session: Session, now: dt.datetime, batch_size: int) -> list[int]:
    """Take up to ``batch_size`` due rows and mark them "sending" (caller commits)."""
    due = or_(
        and_(OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.next_attempt_at <= now),
        and_(
            OutboxMessage.status == OutboxStatus.SENDING,
            OutboxMessage.claimed_at <= now - LEASE_TIMEOUT,
        ),
    )
    rows = list(
        session.scalars(
            select(OutboxMessage)
            .where(due)
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
            .limit(batch_size)
            .with_for_update(skip_locked=True)
        )
    )
    for row in rows:
        # The try is counted before it is made, so a crash mid-send still counts.
        row.status = OutboxStatus.SENDING
        row.claimed_at = now
        row.attempts += 1
    return [row.id for row in rows]


def _outgoing(session: Session, row: OutboxMessage) -> Outgoing:
    notification = session.get_one(Notification, row.notification_id)
    message = render(
        notification.account, notification.kind, notification.endpoint, notification.values
    )
    return Outgoing(
        address=row.address,
        subject=message.subject,
        body=message.body,
        idempotency_key=row.idempotency_key,
    )


def _deliver_one(
    session: Session,
    row_id: int,
    now: dt.datetime,
    transports: Mapping[Channel, Transport],
    max_attempts: int,
    counts: Counts,
) -> None:
    row = session.get_one(OutboxMessage, row_id)
    try:
        transport = transports.get(row.channel)
        if transport is None:
            raise RuntimeError(f"no transport configured for {row.channel}")
        transport.send(_outgoing(session, row))
    except Exception as exc:  # any failure to send is retried, then marked failed
        # The error names the failure, never the message (it holds no personal data anyway).
        row.last_error = f"{type(exc).__name__}: {exc}"[:500]
        row.claimed_at = None
        if row.attempts >= max_attempts:
            row.status = OutboxStatus.FAILED
            counts.failed += 1
            log.warning("outbox message %s failed after %s tries", row.id, row.attempts)
        else:
            row.status = OutboxStatus.PENDING
            row.next_attempt_at = now + backoff(row.attempts)
            counts.retry += 1
        session.commit()
        return
    mark_sent(session, row, now)
    counts.sent += 1
    counts.ids.append(row.id)


def mark_sent(session: Session, row: OutboxMessage, now: dt.datetime) -> None:
    """The step after a successful send (its own function so a test can make it fail)."""
    row.status = OutboxStatus.SENT
    row.sent_at = now
    row.claimed_at = None
    row.last_error = None
    session.commit()


def deliver_due(
    session_factory: Callable[[], Session],
    now: dt.datetime,
    transports: Mapping[Channel, Transport],
    *,
    max_attempts: int = 6,
    batch_size: int = BATCH_SIZE,
) -> Counts:
    """Send every outbox message due at ``now``, in small batches; returns the counts.

    Needs an application context (messages are rendered with the portal's catalogs and
    URL map). A failed send is retried with back-off and marked failed after
    ``max_attempts`` tries; a row is never sent again once marked sent.
    """
    counts = Counts()
    while True:
        with session_factory() as session:
            ids = _claim(session, now, batch_size)
            session.commit()
        if not ids:
            return counts
        for row_id in ids:
            with session_factory() as session:
                _deliver_one(session, row_id, now, transports, max_attempts, counts)


def run_pass(now: dt.datetime | None = None) -> Counts:
    """One pass of the worker with the application's settings (for ``flask notify``)."""
    from flask import current_app

    from portal.db import database, utcnow
    from portal.notifications.transports import transports_from_settings

    settings = current_app.config["SETTINGS"]
    return deliver_due(
        database().sessionmaker,
        now or utcnow(),
        transports_from_settings(settings),
        max_attempts=settings.notify_max_attempts,
    )
