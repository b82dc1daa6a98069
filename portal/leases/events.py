"""What every lease step shares: the permission check, the lock, the state check, and
the event appended to the lease's history."""

from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from portal.accounts.models import Account
from portal.cases import policy
from portal.cases.models import Case
from portal.errors import NotAllowed
from portal.leases.errors import LeaseNotLive
from portal.leases.models import LIVE_LEASE_STATUSES, Lease, LeaseEvent, LeaseEventKind, LeaseStatus


def require_caseworker(actor: Account, case: Case) -> None:
    """Refuse unless the actor is staff of the case's municipality (or a network admin)."""
    if not policy.caseworker_may_act_on_case(actor, case):
        raise NotAllowed(_l("You cannot change leases on this case."))


def require_live(lease: Lease, *statuses: LeaseStatus) -> None:
    """Refuse unless the lease is in one of ``statuses`` (default: live)."""
    if lease.status not in (statuses or LIVE_LEASE_STATUSES):
        if lease.status in LIVE_LEASE_STATUSES:
            raise LeaseNotLive(_l("Notice has been given on this lease; it can only be ended."))
        raise LeaseNotLive(_l("This lease has ended."))


def add_event(
    session: Session,
    actor: Account,
    lease: Lease,
    kind: LeaseEventKind,
    occurred_on: dt.date,
    **fields: object,
) -> LeaseEvent:
    """Append one event to the lease's history (review, extension, breach, notice, end)."""
    event = LeaseEvent(lease=lease, kind=kind, occurred_on=occurred_on, actor_id=actor.id, **fields)
    session.add(event)
    return event


def clean(text: str | None) -> str | None:
    """Free text as stored: stripped, and None when nothing was written."""
    return (text or "").strip() or None
