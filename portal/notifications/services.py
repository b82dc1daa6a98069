"""Writing notifications and reading the inbox.

``notify`` is what the other domains call: it adds one inbox row and, per channel the
recipient may receive, one outbox row, all in the caller's transaction (it never
commits), so a notification exists exactly when the change that caused it does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from flask import current_app, has_app_context
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from portal.accounts.models import Account, Role
from portal.db import utcnow
from portal.errors import NotAllowed
from portal.municipalities.models import Municipality
from portal.notifications.events import Kind
from portal.notifications.models import Channel, Notification, OutboxMessage

PAGE_SIZE = 20


def configured_channels() -> set[Channel]:
    """The channels this installation can send on: e-mail needs an SMTP host, SMS a
    gateway URL. Outside an application context nothing can be sent."""
    if not has_app_context():
        return set()
    settings = current_app.config["SETTINGS"]
    channels: set[Channel] = set()
    if getattr(settings, "smtp_host", None):
        channels.add(Channel.EMAIL)
    if getattr(settings, "sms_gateway_url", None):
        channels.add(Channel.SMS)
    return channels


def recipient_municipality_id(session: Session, account: Account) -> int | None:
    """The municipality whose switches apply: the staff member's own, the citizen's
    case's, or a municipal landlord organisation's; None when there is none."""
    if account.municipality_id is not None:
        return account.municipality_id
    from portal.cases.models import Case
    from portal.landlords.models import LandlordOrganisation, OrganisationMember

    found = session.scalar(select(Case.municipality_id).where(Case.account_id == account.id))
    if found is None:
        found = session.scalar(
            select(LandlordOrganisation.municipality_id)
            .join(OrganisationMember, OrganisationMember.organisation_id == LandlordOrganisation.id)
            .where(OrganisationMember.account_id == account.id)
            .where(LandlordOrganisation.municipality_id.is_not(None))
            .limit(1)
        )
    return found


@dataclass(frozen=True)
class Contact:
    email: str | None
    phone: str | None


def contact_of(session: Session, account: Account) -> Contact:
    """Where this account's e-mails and SMS go. A citizen's login carries no contact
    details (MitID gives none): theirs are the ones the caseworker keeps on the case."""
    if account.role == Role.CITIZEN:
        from portal.cases.models import Case

        row = session.execute(
            select(Case.email, Case.phone).where(Case.account_id == account.id)
        ).first()
        if row is not None:
            return Contact(account.email or row.email, account.phone or row.phone)
    return Contact(account.email, account.phone)


def allowed_channels(
    session: Session, account: Account, municipality_id: int | None
) -> dict[Channel, str]:
    """Channel → address for every channel this recipient receives right now."""
    configured = configured_channels()
    if not configured:
        return {}
    municipality = session.get(Municipality, municipality_id) if municipality_id else None
    contact = contact_of(session, account)
    out: dict[Channel, str] = {}
    if (
        Channel.EMAIL in configured
        and contact.email
        and account.notify_email
        and (municipality is None or municipality.notify_email)
    ):
        out[Channel.EMAIL] = contact.email
    if (
        Channel.SMS in configured
        and contact.phone
        and account.notify_sms
        and (municipality is None or municipality.notify_sms)
    ):
        out[Channel.SMS] = contact.phone
    return out


def notify(
    session: Session,
    recipient: Account,
    kind: Kind,
    *,
    endpoint: str,
    values: dict[str, Any] | None = None,
    dedupe_key: str | None = None,
) -> Notification | None:
    """Add a notification for ``recipient`` linking to ``endpoint`` (+ ``values``).

    Adds (does not commit) one inbox row and one outbox row per channel the recipient
    receives (their e-mail/phone, their own and their municipality's choice). With a
    ``dedupe_key`` already used for this recipient nothing is added and None returned,
    so reminders run by cron never repeat. ``values`` are URL parameters only (ids),
    never personal data: they end up in a link in an e-mail.
    """
    if dedupe_key is not None:
        # Also look at what this transaction has added but not yet flushed.
        pending = any(
            isinstance(obj, Notification)
            and obj.account_id == recipient.id
            and obj.dedupe_key == dedupe_key
            for obj in session.new
        )
        exists = session.scalar(
            select(Notification.id).where(
                Notification.account_id == recipient.id, Notification.dedupe_key == dedupe_key
            )
        )
        if pending or exists is not None:
            return None
    now = utcnow()
    notification = Notification(
        account_id=recipient.id,
        kind=kind,
        endpoint=endpoint,
        values=dict(values or {}),
        dedupe_key=dedupe_key,
        created_at=now,
    )
    session.add(notification)
    municipality_id = recipient_municipality_id(session, recipient)
    for channel, address in allowed_channels(session, recipient, municipality_id).items():
        session.add(
            OutboxMessage(
                notification=notification,
                municipality_id=municipality_id,
                channel=channel,
                address=address,
                next_attempt_at=now,
                created_at=now,
            )
        )
    return notification


def unread_count(session: Session, account: Account) -> int:
    """How many of the account's notifications are unread (one COUNT query)."""
    return int(
        session.scalar(
            select(func.count(Notification.id)).where(
                Notification.account_id == account.id, Notification.read_at.is_(None)
            )
        )
        or 0
    )


@dataclass(frozen=True)
class InboxPage:
    items: list[Notification]
    page: int
    has_next: bool
    has_prev: bool


def inbox(session: Session, account: Account, page: int = 1) -> InboxPage:
    """One page of the account's notifications, newest first."""
    page = max(1, page)
    rows = list(
        session.scalars(
            select(Notification)
            .where(Notification.account_id == account.id)
            .order_by(Notification.created_at.desc(), Notification.id.desc())
            .offset((page - 1) * PAGE_SIZE)
            .limit(PAGE_SIZE + 1)
        )
    )
    return InboxPage(rows[:PAGE_SIZE], page, len(rows) > PAGE_SIZE, page > 1)


def get_own(session: Session, account: Account, notification_id: int) -> Notification | None:
    """The account's own notification, or None: another account's is "not found"."""
    return session.scalar(
        select(Notification).where(
            Notification.id == notification_id, Notification.account_id == account.id
        )
    )


def mark_read(session: Session, account: Account, notification: Notification) -> None:
    """Mark one of the account's own notifications read (idempotent)."""
    if notification.account_id != account.id:
        raise NotAllowed(_l("This notification is not yours."))
    if notification.read_at is None:
        notification.read_at = utcnow()


def mark_all_read(session: Session, account: Account, now: dt.datetime | None = None) -> int:
    """Mark every unread notification of the account read; returns how many."""
    result = session.execute(
        update(Notification)
        .where(Notification.account_id == account.id, Notification.read_at.is_(None))
        .values(read_at=now or utcnow())
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
