"""Administering landlord organisations and staff accounts.

Every function takes the database session and the acting administrator, checks the
policy (``portal.admin.policy``), changes, writes the audit event, and leaves the commit
to the caller. Loading functions return None for a missing object *and* for one the
actor may not handle, so that views answer both with 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from portal.accounts.models import Account
from portal.admin import policy
from portal.audit.services import record
from portal.errors import DomainError, NotAllowed
from portal.landlords.models import (
    LandlordOrganisation,
    OrganisationKind,
    OrganisationStatus,
)
from portal.municipalities.models import Municipality

PAGE_SIZE = 25
T = TypeVar("T")


@dataclass
class Page(Generic[T]):
    """One page of a list; ``has_next`` without counting the whole table."""

    items: list[T]
    number: int
    has_next: bool


def _page(db: Session, stmt: Select[Any], number: int) -> Page[Any]:
    number = max(1, number)
    rows = list(db.scalars(stmt.limit(PAGE_SIZE + 1).offset((number - 1) * PAGE_SIZE)))
    return Page(items=rows[:PAGE_SIZE], number=number, has_next=len(rows) > PAGE_SIZE)


# -- Landlord organisations -----------------------------------------------------------


def count_pending(db: Session, actor: Account) -> int:
    """How many join requests wait for this administrator."""
    stmt = (
        select(func.count())
        .select_from(LandlordOrganisation)
        .where(
            policy.organisation_scope(actor),
            LandlordOrganisation.status == OrganisationStatus.PENDING,
        )
    )
    return db.scalar(stmt) or 0


def list_organisations(
    db: Session, actor: Account, status: OrganisationStatus | None, page: int = 1
) -> Page[LandlordOrganisation]:
    """Organisations the actor may handle, oldest request first for pending ones."""
    stmt = select(LandlordOrganisation).where(policy.organisation_scope(actor))
    if status is not None:
        stmt = stmt.where(LandlordOrganisation.status == status)
    stmt = stmt.order_by(LandlordOrganisation.created_at, LandlordOrganisation.id)
    return _page(db, stmt, page)


def load_organisation(db: Session, actor: Account, org_id: int) -> LandlordOrganisation | None:
    """The organisation with its members (who asked), or None if missing or not the actor's."""
    org = db.scalars(
        select(LandlordOrganisation)
        .where(LandlordOrganisation.id == org_id)
        .options(selectinload(LandlordOrganisation.members))
    ).first()
    if org is None or not policy.may_handle_organisation(actor, org):
        return None
    return org


class WrongStatus(DomainError):
    """The organisation is not in a status the action applies to."""


class MunicipalityMissing(DomainError):
    """A municipal organisation cannot be approved without its municipality."""

    status_code = 400


def _check(actor: Account, org: LandlordOrganisation, *allowed: OrganisationStatus) -> None:
    if not policy.may_handle_organisation(actor, org):
        raise NotAllowed(_l("You cannot handle this organisation."))
    if org.status not in allowed:
        raise WrongStatus(_l("This cannot be done in the organisation's present status."))


def _set_status(
    db: Session,
    actor: Account,
    org: LandlordOrganisation,
    action: str,
    status: OrganisationStatus,
    reason: str | None,
) -> None:
    old = org.status
    org.status = status
    org.status_reason = reason
    db.flush()
    record(
        db,
        actor,
        f"organisation.{action}",
        "landlord_organisation",
        org.id,
        old_status=old,
        new_status=status,
        reason=reason,
    )


def approve_organisation(
    db: Session, actor: Account, org: LandlordOrganisation, municipality_id: int | None = None
) -> None:
    """Approve a join request. A municipal organisation must belong to a municipality:
    a network administrator names it here when the request did not say."""
    _check(actor, org, OrganisationStatus.PENDING)
    if org.kind == OrganisationKind.MUNICIPAL and org.municipality_id is None:
        if municipality_id is None or db.get(Municipality, municipality_id) is None:
            raise MunicipalityMissing(
                _l("Choose the municipality this housing department belongs to.")
            )
        org.municipality_id = municipality_id
    _set_status(db, actor, org, "approved", OrganisationStatus.ACTIVE, None)


def refuse_organisation(
    db: Session, actor: Account, org: LandlordOrganisation, reason: str
) -> None:
    """Refuse a join request; the asker sees the reason at their next login."""
    _check(actor, org, OrganisationStatus.PENDING)
    _set_status(db, actor, org, "refused", OrganisationStatus.REFUSED, reason)


def suspend_organisation(
    db: Session, actor: Account, org: LandlordOrganisation, reason: str
) -> None:
    """Stop an active organisation's access; its members see the reason."""
    _check(actor, org, OrganisationStatus.ACTIVE)
    _set_status(db, actor, org, "suspended", OrganisationStatus.SUSPENDED, reason)


def reinstate_organisation(db: Session, actor: Account, org: LandlordOrganisation) -> None:
    """Give a suspended or refused organisation its access (back)."""
    _check(actor, org, OrganisationStatus.SUSPENDED, OrganisationStatus.REFUSED)
    _set_status(db, actor, org, "reinstated", OrganisationStatus.ACTIVE, None)


def municipalities(db: Session) -> list[Municipality]:
    return list(db.scalars(select(Municipality).order_by(Municipality.name)))


# -- Staff -------------------------------------------------------------------------------


def list_staff(db: Session, actor: Account, page: int = 1) -> Page[Account]:
    """Staff accounts that have logged in, that the actor may see; latest login first."""
    stmt = (
        select(Account)
        .where(policy.staff_scope(actor), Account.last_login_at.is_not(None))
        .options(selectinload(Account.municipality))
        .order_by(Account.last_login_at.desc().nulls_last(), Account.id)
    )
    return _page(db, stmt, page)


def load_staff(db: Session, actor: Account, account_id: int) -> Account | None:
    account = db.get(Account, account_id)
    if account is None or not policy.may_see_staff(actor, account):
        return None
    return account


def set_staff_active(db: Session, actor: Account, account: Account, active: bool) -> None:
    """Deactivate (the account can no longer log in, its sessions stop working) or
    reactivate a staff account."""
    if not policy.may_change_staff(actor, account):
        raise NotAllowed(_l("You cannot change this account."))
    if account.active == active:
        return
    account.active = active
    db.flush()
    record(
        db,
        actor,
        "staff.reactivated" if active else "staff.deactivated",
        "account",
        account.id,
        old_active=not active,
        new_active=active,
    )
