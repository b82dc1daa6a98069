"""The inbox (one row per notification) and the outbox (one row per message to send)."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import Account
from portal.db import Base, UTCDateTime, enum_type, utcnow
from portal.notifications.events import Kind


class Channel(enum.StrEnum):
    EMAIL = "email"
    SMS = "sms"


class OutboxStatus(enum.StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class Notification(Base):
    """One item in an account's inbox; it holds a link, never the content itself."""

    __tablename__ = "notification"
    __table_args__ = (
        # A repeated reminder (cron) with the same key is a no-op.
        UniqueConstraint("account_id", "dedupe_key"),
        Index("ix_notification_account_created", "account_id", "created_at"),
        Index("ix_notification_account_read", "account_id", "read_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    kind: Mapped[Kind] = mapped_column(enum_type(Kind, name="notification_kind"))
    endpoint: Mapped[str] = mapped_column(String(100))
    values: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    dedupe_key: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    account: Mapped[Account] = relationship()

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


def _new_key() -> str:
    return str(uuid.uuid4())


class OutboxMessage(Base):
    """One e-mail or SMS to send, written in the same transaction as its cause."""

    __tablename__ = "outbox_message"
    __table_args__ = (Index("ix_outbox_message_status_next", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    notification_id: Mapped[int] = mapped_column(
        ForeignKey("notification.id", ondelete="CASCADE"), index=True
    )
    # Whose municipality's administrators see it when it fails (None: network only).
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipality.id"), index=True)
    channel: Mapped[Channel] = mapped_column(enum_type(Channel, name="outbox_channel"))
    # The address as it was when the notification was written.
    address: Mapped[str] = mapped_column(String(200))
    status: Mapped[OutboxStatus] = mapped_column(
        enum_type(OutboxStatus, name="outbox_status"), default=OutboxStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # When a worker took it ("sending"); a stale lease means the worker died mid-send.
    claimed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    # The same key on every try, so the receiving side can drop a repeat.
    idempotency_key: Mapped[str] = mapped_column(String(36), unique=True, default=_new_key)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    notification: Mapped[Notification] = relationship()
