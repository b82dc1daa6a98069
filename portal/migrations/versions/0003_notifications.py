"""Notifications: inbox, outbox, and the channel switches per account and municipality

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 12:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = (
    "offer_new",
    "offer_deadline",
    "meeting_reminder",
    "letter_ready",
    "decision_ready",
    "tenant_proposed",
    "offer_approved",
    "citizen_answered",
    "landlord_answered",
    "breach_reported",
    "review_due",
    "follow_up_due",
)


def upgrade() -> None:
    op.create_table(
        "notification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                *KINDS,
                name="notification_kind",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("endpoint", sa.String(length=100), nullable=False),
        sa.Column("values", sa.JSON(), nullable=False),
        sa.Column("dedupe_key", sa.String(length=120), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_notification_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification")),
        sa.UniqueConstraint(
            "account_id", "dedupe_key", name=op.f("uq_notification_account_id_dedupe_key")
        ),
    )
    op.create_index("ix_notification_account_created", "notification", ["account_id", "created_at"])
    op.create_index("ix_notification_account_read", "notification", ["account_id", "read_at"])
    op.create_table(
        "outbox_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notification_id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=True),
        sa.Column(
            "channel",
            sa.Enum(
                "email",
                "sms",
                name="outbox_channel",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "sending",
                "sent",
                "failed",
                name="outbox_status",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("idempotency_key", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipality.id"],
            name=op.f("fk_outbox_message_municipality_id_municipality"),
        ),
        sa.ForeignKeyConstraint(
            ["notification_id"],
            ["notification.id"],
            name=op.f("fk_outbox_message_notification_id_notification"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_message")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_outbox_message_idempotency_key")),
    )
    op.create_index(
        op.f("ix_outbox_message_notification_id"), "outbox_message", ["notification_id"]
    )
    op.create_index(
        op.f("ix_outbox_message_municipality_id"), "outbox_message", ["municipality_id"]
    )
    op.create_index(
        "ix_outbox_message_status_next", "outbox_message", ["status", "next_attempt_at"]
    )
    for table in ("account", "municipality"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("notify_email", sa.Boolean(), server_default=sa.true(), nullable=False)
            )
            batch_op.add_column(
                sa.Column("notify_sms", sa.Boolean(), server_default=sa.true(), nullable=False)
            )
    # The daily meeting reminders look up tomorrow's meetings.
    with op.batch_alter_table("support_activity", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_support_activity_next_meeting_at"), ["next_meeting_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("support_activity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_support_activity_next_meeting_at"))
    for table in ("municipality", "account"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("notify_sms")
            batch_op.drop_column("notify_email")
    op.drop_index("ix_outbox_message_status_next", table_name="outbox_message")
    op.drop_index(op.f("ix_outbox_message_municipality_id"), table_name="outbox_message")
    op.drop_index(op.f("ix_outbox_message_notification_id"), table_name="outbox_message")
    op.drop_table("outbox_message")
    op.drop_index("ix_notification_account_read", table_name="notification")
    op.drop_index("ix_notification_account_created", table_name="notification")
    op.drop_table("notification")
