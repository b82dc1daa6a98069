"""The accounts that hear about a case, an offer or a lease; each a single query at most.

A recipient must be an active account; the person who made the change is never told
about it (``tell`` leaves them out), so a caseworker recording a citizen's answer is
not notified of their own work.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.accounts.models import Account
from portal.cases.models import Case
from portal.landlords.models import MemberStatus, OrganisationMember
from portal.notifications.events import Kind
from portal.notifications.services import notify


def citizen(case: Case) -> Account | None:
    """The citizen's own account (``Case.account``), or None when the case has none."""
    account = case.account
    return account if account is not None and account.active else None


def caseworker(case: Case) -> Account | None:
    """The case's assigned caseworker, or None when no one is assigned."""
    account = case.caseworker
    return account if account is not None and account.active else None


def landlord_members(session: Session, organisation_id: int | None) -> list[Account]:
    """Every active member of the landlord organisation, in one query."""
    if organisation_id is None:
        return []
    return list(
        session.scalars(
            select(Account)
            .join(OrganisationMember, OrganisationMember.account_id == Account.id)
            .where(
                OrganisationMember.organisation_id == organisation_id,
                OrganisationMember.status == MemberStatus.ACTIVE,
                Account.active.is_(True),
            )
            .order_by(Account.id)
        )
    )


def tell(
    session: Session,
    recipients: Iterable[Account | None],
    kind: Kind,
    *,
    actor: Account | None,
    endpoint: str,
    values: dict[str, Any] | None = None,
    dedupe_key: str | None = None,
) -> int:
    """Notify each recipient (skipping None and the actor); returns how many were written."""
    written = 0
    for recipient in recipients:
        if recipient is None or (actor is not None and recipient.id == actor.id):
            continue
        made = notify(
            session, recipient, kind, endpoint=endpoint, values=values, dedupe_key=dedupe_key
        )
        written += made is not None
    return written
