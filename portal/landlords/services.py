"""The landlord's side: members invited and removed, what a landlord may read of a
tenant (and the record that they read it).

Functions take the session and the acting account, flush, never commit, and write an
audit event. A landlord's read of a citizen's data is recorded with the case and a
purpose, so that the citizen's own log shows who has seen it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Exists, Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from portal.accounts.models import Account
from portal.audit.services import record
from portal.errors import DomainError, NotAllowed
from portal.landlords import policy
from portal.landlords.models import LandlordOrganisation, MemberStatus, OrganisationMember
from portal.leases.models import Lease
from portal.offers.models import DecisionKind, Offer, OfferDecision, OfferStatus
from portal.rules.models import Actor
from portal.units.models import Unit

OFFER_PURPOSE = "Svar på boligtilbud"  # the purpose the citizen's log shows
LEASE_PURPOSE = "Lejemål i udlejerens bolig"


class MemberError(DomainError):
    pass


# -- what a landlord sees of a tenant ---------------------------------------------------


@dataclass(frozen=True)
class TenantView:
    """Everything a landlord page gets about a citizen: nothing more can leak."""

    name: str
    household_size: int
    adults: int
    children: int
    wished_move_in: dt.date | None
    phone: str | None = None
    email: str | None = None

    @property
    def has_contact(self) -> bool:
        return bool(self.phone or self.email)


def tenant_view(offer: Offer) -> TenantView:
    """Name, household and move-in date; contact only if approved and consented."""
    case = offer.case
    contact = policy.may_see_contact(offer.status, case.consent_share_with_landlord)
    return TenantView(
        name=case.name,
        household_size=case.household_size,
        adults=case.adults,
        children=case.children,
        wished_move_in=offer.wished_move_in,
        phone=case.phone if contact else None,
        email=case.email if contact else None,
    )


def lease_tenant_view(lease: Lease) -> TenantView:
    """A tenant of one of our leases: the lease exists, so the match was approved."""
    case = lease.case
    contact = case.consent_share_with_landlord
    return TenantView(
        name=case.name,
        household_size=case.household_size,
        adults=case.adults,
        children=case.children,
        wished_move_in=lease.start_date,
        phone=case.phone if contact else None,
        email=case.email if contact else None,
    )


def _citizen_accepted() -> Exists:
    return exists().where(
        OfferDecision.offer_id == Offer.id,
        OfferDecision.actor == Actor.CITIZEN,
        OfferDecision.decision == DecisionKind.ACCEPT,
    )


def landlord_offers(org_id: int) -> Select[Any]:
    """The offers a landlord sees, scoped in SQL to the organisation's units."""
    return (
        select(Offer)
        .join(Unit, Unit.id == Offer.unit_id)
        .where(
            Unit.organisation_id == org_id,
            or_(
                Offer.status.in_(policy.LANDLORD_STAGES),
                and_(Offer.status.in_(policy.CLOSED_STAGES), _citizen_accepted()),
            ),
        )
    )


def citizen_accepted(session: Session, offer: Offer) -> bool:
    count = session.scalar(
        select(func.count(OfferDecision.id)).where(
            OfferDecision.offer_id == offer.id,
            OfferDecision.actor == Actor.CITIZEN,
            OfferDecision.decision == DecisionKind.ACCEPT,
        )
    )
    return bool(count)


def waiting_count(session: Session, org_id: int) -> int:
    """How many proposed tenants wait for the organisation's answer."""
    return (
        session.scalar(
            select(func.count(Offer.id))
            .join(Unit, Unit.id == Offer.unit_id)
            .where(Unit.organisation_id == org_id, Offer.status == OfferStatus.CITIZEN_ACCEPTED)
        )
        or 0
    )


def record_offer_read(session: Session, actor: Account, offers: list[Offer]) -> None:
    """The landlord looked at these proposed tenants' data."""
    for offer in offers:
        record(
            session, actor, "offer.read", "offer", offer.id,
            case_id=offer.case_id, purpose=OFFER_PURPOSE,
        )  # fmt: skip


def record_lease_read(session: Session, actor: Account, leases: list[Lease]) -> None:
    """The landlord looked at these tenants' lease data."""
    for lease in leases:
        record(
            session, actor, "lease.read", "lease", lease.id,
            case_id=lease.case_id, purpose=LEASE_PURPOSE,
        )  # fmt: skip


# -- members ----------------------------------------------------------------------------


def invite_member(
    session: Session,
    actor: Account,
    organisation: LandlordOrganisation,
    name: str,
    email: str,
) -> OrganisationMember:
    """Invite a colleague. The invitation becomes a membership when that person logs in
    with MitID Erhverv for this CVR with the same e-mail address."""
    email = email.strip().lower()
    taken = session.scalar(
        select(func.count(OrganisationMember.id)).where(
            OrganisationMember.organisation_id == organisation.id,
            func.lower(OrganisationMember.email) == email,
            OrganisationMember.status != MemberStatus.REMOVED,
        )
    )
    if taken:
        raise MemberError(_l("Someone with this e-mail address is already a member or invited."))
    member = OrganisationMember(
        organisation_id=organisation.id,
        account_id=None,
        name=name.strip(),
        email=email,
        status=MemberStatus.INVITED,
        invited_by_id=actor.id,
    )
    session.add(member)
    session.flush()
    record(
        session, actor, "organisation.member_invited", "landlord_organisation",
        organisation.id, member_id=member.id,
    )  # fmt: skip
    return member


def remove_member(
    session: Session, actor: Account, acting: OrganisationMember, target: OrganisationMember
) -> OrganisationMember:
    """Remove a member (or an invitation) of the same organisation: access ends at once."""
    if not policy.may_remove_member(acting, target):
        raise NotAllowed(_l("You cannot remove this member."))
    target.status = MemberStatus.REMOVED
    session.flush()
    record(
        session, actor, "organisation.member_removed", "landlord_organisation",
        target.organisation_id, member_id=target.id,
    )  # fmt: skip
    return target


def claim_invitation(session: Session, account: Account, cvr: str) -> OrganisationMember | None:
    """At login for ``cvr``: an invitation to the account's e-mail address becomes the
    account's membership, which :func:`portal.auth.services.choose_organisation` then
    activates (it finds a member by account and turns ``invited`` into ``active``)."""
    if not account.email:
        return None
    org_id = session.scalar(select(LandlordOrganisation.id).where(LandlordOrganisation.cvr == cvr))
    if org_id is None:
        return None
    already = session.scalar(
        select(func.count(OrganisationMember.id)).where(
            OrganisationMember.organisation_id == org_id,
            OrganisationMember.account_id == account.id,
        )
    )
    if already:
        return None
    invitation = session.scalars(
        select(OrganisationMember).where(
            OrganisationMember.organisation_id == org_id,
            OrganisationMember.account_id.is_(None),
            OrganisationMember.status == MemberStatus.INVITED,
            func.lower(OrganisationMember.email) == account.email.strip().lower(),
        )
    ).first()
    if invitation is None:
        return None
    invitation.account_id = account.id
    session.flush()
    record(
        session, account, "organisation.invitation_claimed", "landlord_organisation",
        org_id, member_id=invitation.id,
    )  # fmt: skip
    return invitation
