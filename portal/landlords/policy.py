"""What a landlord may see and do: pure functions, no database, no request.

Landlords see the minimum (DESIGN.md): a proposed tenant's name, household size and
wished move-in date; contact details only once the caseworker has approved the match
and only if the citizen agreed to share them. Never target group, health, plan or goals.
"""

from __future__ import annotations

from portal.landlords.models import MemberStatus, OrganisationMember
from portal.leases.models import Lease
from portal.offers.models import Offer, OfferStatus

# The citizen has said yes, so the landlord is asked: from here on the offer is theirs to see.
LANDLORD_STAGES = (
    OfferStatus.CITIZEN_ACCEPTED,
    OfferStatus.LANDLORD_ACCEPTED,
    OfferStatus.APPROVED,
)
CLOSED_STAGES = (OfferStatus.DECLINED, OfferStatus.WITHDRAWN, OfferStatus.EXPIRED)


def may_see_offer(org_id: int, offer: Offer, citizen_accepted: bool) -> bool:
    """An offer for one of our units, once the citizen said yes (also after it closed)."""
    if offer.unit.organisation_id != org_id:
        return False
    return offer.status in LANDLORD_STAGES or (offer.status in CLOSED_STAGES and citizen_accepted)


def may_answer(offer: Offer) -> bool:
    """The landlord answers only while the offer waits for them."""
    return offer.status == OfferStatus.CITIZEN_ACCEPTED


def may_see_contact(offer_status: OfferStatus, consent: bool) -> bool:
    """Contact details after the caseworker's approval, and only with the citizen's consent."""
    return offer_status == OfferStatus.APPROVED and consent


def may_see_lease(org_id: int, lease: Lease) -> bool:
    """A lease in one of our units."""
    return (
        lease.organisation_id == org_id
        and lease.unit is not None
        and lease.unit.organisation_id == org_id
    )


def may_report_on_lease(org_id: int, lease: Lease) -> bool:
    """Arrears or a breach can be reported while the lease is live."""
    return may_see_lease(org_id, lease) and lease.is_live


def may_remove_member(acting: OrganisationMember, target: OrganisationMember) -> bool:
    """A member removes another member of the same organisation (not themself: someone
    must be left who can act, and a person leaves by asking a colleague)."""
    return (
        acting.organisation_id == target.organisation_id
        and acting.status == MemberStatus.ACTIVE
        and target.id != acting.id
        and target.status != MemberStatus.REMOVED
    )
