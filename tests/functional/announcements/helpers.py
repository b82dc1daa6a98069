"""What each account finds in its inbox, as (kind, link) pairs."""

from __future__ import annotations

from flask import url_for
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.accounts.models import Account
from portal.notifications.events import Kind
from portal.notifications.models import Notification


def inbox(db: Session, account: Account) -> list[tuple[Kind, str]]:
    """The account's notifications, oldest first, each with the page it links to."""
    db.flush()
    rows = db.scalars(
        select(Notification).where(Notification.account_id == account.id).order_by(Notification.id)
    )
    return [(n.kind, url_for(n.endpoint, **n.values)) for n in rows]


def notification_count(db: Session) -> int:
    db.flush()
    return db.scalar(select(func.count()).select_from(Notification)) or 0
