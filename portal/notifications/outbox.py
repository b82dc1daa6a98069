"""The outbox seen by administrators, and the switches of people and municipalities."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session, selectinload

from portal.accounts.models import Account
from portal.audit.services import record
from portal.db import utcnow
from portal.errors import DomainError, NotAllowed
from portal.municipalities.models import Municipality
from portal.notifications import policy
from portal.notifications.models import Notification, OutboxMessage, OutboxStatus

PAGE_SIZE = 25
LONG_PENDING = dt.timedelta(hours=1)  # pending longer than this is worth a look


@dataclass(frozen=True)
class OutboxPage:
    items: list[OutboxMessage]
    page: int
    total: int

    @property
    def has_next(self) -> bool:
        return self.page * PAGE_SIZE < self.total


def _problem(now: dt.datetime) -> ColumnElement[bool]:
    return or_(
        OutboxMessage.status == OutboxStatus.FAILED,
        and_(
            OutboxMessage.status.in_([OutboxStatus.PENDING, OutboxStatus.SENDING]),
            OutboxMessage.created_at <= now - LONG_PENDING,
        ),
    )


def list_problems(
    session: Session, actor: Account, page: int = 1, now: dt.datetime | None = None
) -> OutboxPage:
    """Failed and long-pending messages the administrator may see, newest first."""
    if not policy.may_see_outbox(actor):
        raise NotAllowed(_l("Only administrators see the outbox."))
    now = now or utcnow()
    where = and_(policy.outbox_scope(actor), _problem(now))
    total = int(session.scalar(select(func.count(OutboxMessage.id)).where(where)) or 0)
    page = max(1, page)
    rows = list(
        session.scalars(
            select(OutboxMessage)
            .where(where)
            .options(selectinload(OutboxMessage.notification).selectinload(Notification.account))
            .order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc())
            .offset((page - 1) * PAGE_SIZE)
            .limit(PAGE_SIZE)
        )
    )
    return OutboxPage(rows, page, total)


def load_message(session: Session, actor: Account, row_id: int) -> OutboxMessage | None:
    """The outbox row, or None if missing or not the administrator's."""
    row = session.get(OutboxMessage, row_id)
    if row is None or not policy.may_handle_outbox_message(actor, row):
        return None
    return row


class NotRetryable(DomainError):
    """Only a failed or stuck message can be sent again."""


def retry(
    session: Session, actor: Account, row: OutboxMessage, now: dt.datetime | None = None
) -> None:
    """Put a failed (or stuck) message back in line, with fresh tries and the SAME
    idempotency key, so a receiver that already has it drops the repeat."""
    if not policy.may_handle_outbox_message(actor, row):
        raise NotAllowed(_l("This message is not yours to handle."))
    if row.status == OutboxStatus.SENT:
        raise NotRetryable(_l("This message has already been sent."))
    now = now or utcnow()
    row.status = OutboxStatus.PENDING
    row.attempts = 0
    row.next_attempt_at = now
    row.claimed_at = None
    record(session, actor, "outbox.retry", "outbox_message", row.id, channel=row.channel)


def set_own_channels(session: Session, actor: Account, *, email: bool, sms: bool) -> None:
    """The account's own choice of e-mail and SMS; the inbox cannot be turned off."""
    actor.notify_email = email
    actor.notify_sms = sms
    record(session, actor, "notifications.channels", "account", actor.id, email=email, sms=sms)


def set_municipality_channels(
    session: Session, actor: Account, municipality: Municipality, *, email: bool, sms: bool
) -> None:
    """Turn a municipality's e-mail and/or SMS notifications on or off (administrators of
    that municipality, or of the network). Messages already in the outbox still go."""
    if not policy.may_see_outbox(actor) or not (
        policy.is_network_admin(actor) or actor.municipality_id == municipality.id
    ):
        raise NotAllowed(_l("Only the municipality's administrators may change this."))
    municipality.notify_email = email
    municipality.notify_sms = sms
    record(
        session,
        actor,
        "municipality.notification_channels",
        "municipality",
        municipality.id,
        email=email,
        sms=sms,
    )
