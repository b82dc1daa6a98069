"""Row locks and the look-ups done under them, shared by the offer and lease services.

The order is always unit, then offer or lease, then case: two steps on the same things
queue one behind the other on PostgreSQL and never deadlock. ``with_for_update`` is a
no-op on SQLite, which lets one writer in at a time anyway. Every lock re-reads the row
(``populate_existing``), so the second of two racing requests decides on what the first
left, not on what it loaded before.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.accounts.models import Account
from portal.cases.models import Case
from portal.landlords.models import (
    LandlordOrganisation,
    MemberStatus,
    OrganisationMember,
    OrganisationStatus,
)
from portal.leases.models import LIVE_LEASE_STATUSES, Lease
from portal.offers.models import OPEN_OFFER_STATUSES, Offer
from portal.units.models import Unit


def lock_unit(session: Session, unit_id: int) -> Unit:
    """The unit row, locked until the transaction ends, with its current values."""
    return session.execute(
        select(Unit)
        .where(Unit.id == unit_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one()


def lock_offer(session: Session, offer: Offer) -> Offer:
    """The offer's unit, then the offer row, locked and re-read."""
    lock_unit(session, offer.unit_id)
    return session.execute(
        select(Offer)
        .where(Offer.id == offer.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one()


def lock_case(session: Session, case_id: int) -> Case:
    """The case row, locked and re-read."""
    return session.execute(
        select(Case)
        .where(Case.id == case_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one()


def lock_lease(session: Session, lease: Lease) -> Lease:
    """The lease's unit (if any), then the lease row, locked and re-read."""
    if lease.unit_id is not None:
        lock_unit(session, lease.unit_id)
    return session.execute(
        select(Lease)
        .where(Lease.id == lease.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one()


def case_has_open_offer(session: Session, case_id: int) -> bool:
    count = session.scalar(
        select(func.count(Offer.id)).where(
            Offer.case_id == case_id, Offer.status.in_(OPEN_OFFER_STATUSES)
        )
    )
    return bool(count)


def case_has_live_lease(session: Session, case_id: int) -> bool:
    count = session.scalar(
        select(func.count(Lease.id)).where(
            Lease.case_id == case_id, Lease.status.in_(LIVE_LEASE_STATUSES)
        )
    )
    return bool(count)


def landlord_organisation_ids(session: Session, actor: Account) -> set[int]:
    """Ids of the active organisations where the account is an active member.

    What :func:`portal.cases.policy.landlord_may_act_on_unit` is given, so that the
    policy itself stays pure.
    """
    rows = session.scalars(
        select(OrganisationMember.organisation_id)
        .join(LandlordOrganisation, LandlordOrganisation.id == OrganisationMember.organisation_id)
        .where(
            OrganisationMember.account_id == actor.id,
            OrganisationMember.status == MemberStatus.ACTIVE,
            LandlordOrganisation.status == OrganisationStatus.ACTIVE,
        )
    )
    return set(rows)
