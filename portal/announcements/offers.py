"""Who hears about each step of an offer, and the page their notification links to.

The citizen hears of an offer sent to them and of the caseworker's no or withdrawal
(only of offers they were shown); the landlord's members hear of a tenant the citizen
said yes to and of the approval; the case's caseworker hears every answer. A landlord's
link goes to its own tenant or lease page, which shows only what a landlord may see.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from portal.accounts.models import Account
from portal.announcements.recipients import caseworker, citizen, landlord_members, tell
from portal.citizen.policy import offer_was_sent
from portal.leases.models import Lease
from portal.notifications.events import Kind
from portal.offers.models import Offer
from portal.rules.models import Actor


def sent_to_citizen(session: Session, actor: Account, offer: Offer) -> None:
    """A new offer: the citizen reads it on their offer page."""
    tell(
        session, [citizen(offer.case)], Kind.OFFER_NEW,
        actor=actor, endpoint="citizen.offer", values={"offer_id": offer.id},
    )  # fmt: skip


def citizen_accepted(session: Session, actor: Account, offer: Offer) -> None:
    """The citizen said yes: the landlord has a proposed tenant to answer, and the
    caseworker sees the answer."""
    tell(
        session, landlord_members(session, offer.unit.organisation_id), Kind.TENANT_PROPOSED,
        actor=actor, endpoint="landlords.tenant", values={"offer_id": offer.id},
    )  # fmt: skip
    _tell_caseworker(session, actor, offer, Kind.CITIZEN_ANSWERED)


def landlord_accepted(session: Session, actor: Account, offer: Offer) -> None:
    """The landlord said yes: the caseworker can approve."""
    _tell_caseworker(session, actor, offer, Kind.LANDLORD_ANSWERED)


def declined(session: Session, actor: Account, offer: Offer, who: Actor) -> None:
    """A no: the citizen's or landlord's goes to the caseworker, the caseworker's to the
    citizen (a decision about their home)."""
    if who == Actor.CITIZEN:
        _tell_caseworker(session, actor, offer, Kind.CITIZEN_ANSWERED)
    elif who == Actor.LANDLORD:
        _tell_caseworker(session, actor, offer, Kind.LANDLORD_ANSWERED)
    else:
        _tell_citizen_of_decision(session, actor, offer)


def withdrawn(session: Session, actor: Account, offer: Offer) -> None:
    """A withdrawn offer is news to the citizen only if it had been sent to them."""
    _tell_citizen_of_decision(session, actor, offer)


def approved(session: Session, actor: Account, offer: Offer, lease: Lease) -> None:
    """The match is approved and the lease made: the landlord's members see the lease.
    (The citizen hears of the lease from :func:`portal.announcements.leases.lease_made`.)"""
    tell(
        session, landlord_members(session, lease.organisation_id), Kind.OFFER_APPROVED,
        actor=actor, endpoint="landlords.lease", values={"lease_id": lease.id},
    )  # fmt: skip


def _tell_caseworker(session: Session, actor: Account, offer: Offer, kind: Kind) -> None:
    tell(
        session, [caseworker(offer.case)], kind,
        actor=actor, endpoint="matching.offer", values={"offer_id": offer.id},
    )  # fmt: skip


def _tell_citizen_of_decision(session: Session, actor: Account, offer: Offer) -> None:
    if offer_was_sent(offer):
        tell(
            session, [citizen(offer.case)], Kind.DECISION_READY,
            actor=actor, endpoint="citizen.offer", values={"offer_id": offer.id},
        )  # fmt: skip
