"""What a citizen may see and do in their own area: pure functions, no database.

Every object a citizen asks for by id (offer, lease, photo) is first loaded scoped to
the citizen's own case in SQL; these checks then say whether the loaded object may be
shown or acted on, so a forgotten scope in a query still fails closed (404).
"""

from __future__ import annotations

import datetime as dt

from portal.cases.models import Case
from portal.leases.models import Lease
from portal.offers.models import DecisionKind, Offer, OfferStatus
from portal.plans.models import GoalUpdate
from portal.units.models import UnitPhoto

# Whose reads of a case the citizen's own log ("who has seen my data") shows. The
# citizen's own reads are not recorded at all, so they are never noise in the log.
READER_ROLES = ("caseworker", "administrator", "landlord")


def offer_was_sent(offer: Offer) -> bool:
    """An offer reaches the citizen only once the caseworker sent it (a proposal that
    was withdrawn before it was sent was never the citizen's to see)."""
    return offer.status != OfferStatus.PROPOSED and any(
        d.decision == DecisionKind.OFFER for d in offer.decisions
    )


def may_see_offer(case: Case, offer: Offer) -> bool:
    """The citizen sees offers of their own case that were sent to them."""
    return offer.case_id == case.id and offer_was_sent(offer)


def may_answer_offer(case: Case, offer: Offer, today: dt.date) -> bool:
    """An offer waiting for the citizen's answer, before its deadline has passed."""
    return (
        may_see_offer(case, offer)
        and offer.status == OfferStatus.OFFERED
        and (offer.response_deadline is None or today <= offer.response_deadline)
    )


def may_see_photo(case: Case, offer: Offer, photo: UnitPhoto) -> bool:
    """A photo of the unit in one of the citizen's own offers."""
    return may_see_offer(case, offer) and photo.unit_id == offer.unit_id


def may_see_lease(case: Case, lease: Lease) -> bool:
    """The citizen's own leases only."""
    return lease.case_id == case.id


def may_see_update(update: GoalUpdate) -> bool:
    """Dated goal updates marked for the citizen; internal notes never."""
    return bool(update.citizen_visible)
