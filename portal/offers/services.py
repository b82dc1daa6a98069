"""The offer flow: a unit matched to a case, answered by citizen and landlord, approved.

``proposed → offered → citizen_accepted → landlord_accepted → approved`` (the lease is
created), or ``declined`` at any answer, or ``withdrawn`` / ``expired`` from any open
state. A unit and a case are each in at most one open offer: the unit row is locked while
the offer is made, and the partial unique indexes settle whatever a lock cannot.

Every function takes the session and the acting account, flushes, never commits, and
writes one audit event per state change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from portal.accounts.models import Account
from portal.announcements import offers as announce
from portal.audit.services import record
from portal.cases import policy
from portal.cases.models import Case, CaseStatus
from portal.db import utcnow
from portal.errors import NotAllowed
from portal.leases.models import Lease
from portal.leases.services import LeaseTerms, create_lease
from portal.offers.locking import (
    case_has_live_lease,
    case_has_open_offer,
    landlord_organisation_ids,
    lock_case,
    lock_offer,
    lock_unit,
)
from portal.offers.models import (
    OPEN_OFFER_STATUSES,
    DecisionKind,
    Offer,
    OfferDecision,
    OfferRuleResult,
    OfferStatus,
    RuleKind,
)
from portal.offers.rules import OfferError, RuleNotMet, RuleResult, check_rule_results
from portal.rules.models import Actor, Consequence, DeclineReason
from portal.units.models import Unit, UnitStatus

__all__ = [
    "CaseNotMatchable",
    "InvalidDeclineReason",
    "OfferError",
    "OfferNotOpen",
    "RuleNotMet",
    "RuleResult",
    "UnitNotAvailable",
    "approve",
    "caseworker_decline",
    "check_rule_results",
    "citizen_answer",
    "expire_due",
    "landlord_answer",
    "propose",
    "send_to_citizen",
    "withdraw",
]


class OfferNotOpen(OfferError):
    pass


class UnitNotAvailable(OfferError):
    pass


class CaseNotMatchable(OfferError):
    pass


class InvalidDeclineReason(OfferError):
    pass


def propose(
    session: Session,
    actor: Account,
    unit: Unit,
    case: Case,
    rule_results: Sequence[RuleResult],
    today: dt.date,
    wished_move_in: dt.date | None = None,
) -> Offer:
    """Propose ``unit`` to ``case``: the caseworker's match, not yet shown to the citizen.

    Refused unless the unit is available, the case is waiting, not paused and not in
    another open offer or a live lease, and the rule results allow it.
    """
    if not policy.caseworker_may_act_on_case(actor, case):
        raise NotAllowed(_l("You cannot make offers on this case."))
    score = check_rule_results(rule_results)
    unit = lock_unit(session, unit.id)
    case = lock_case(session, case.id)
    if unit.status != UnitStatus.AVAILABLE:
        raise UnitNotAvailable(_l("This unit is not available. It may just have been offered."))
    if case.status != CaseStatus.WAITING:
        raise CaseNotMatchable(_l("This citizen is not waiting for a home."))
    if policy.case_is_paused(case, today):
        raise CaseNotMatchable(_l("This citizen is paused until %(date)s."), date=case.paused_until)
    if case_has_open_offer(session, case.id):
        raise CaseNotMatchable(_l("This citizen is already in an open offer."))
    if case_has_live_lease(session, case.id):
        raise CaseNotMatchable(_l("This citizen already has a temporary lease."))

    offer = Offer(
        unit=unit,
        case=case,
        proposed_by=actor,
        status=OfferStatus.PROPOSED,
        score=score,
        wished_move_in=wished_move_in,
        rule_results=[
            OfferRuleResult(
                rule=r.rule,
                kind=r.kind,
                passed=r.passed,
                params=dict(r.params),
                override_reason=(r.override_reason or "").strip() or None,
            )
            for r in rule_results
        ],
    )
    try:
        with session.begin_nested():
            session.add(offer)
            unit.status = UnitStatus.OFFERED
            session.flush()
    except IntegrityError as exc:
        # The lock covers the unit; this is the database settling what slipped past it
        # (a case matched to two units at once, or a unit whose status was out of step).
        if "uq_offer_open_unit" in str(exc.orig) or "offer.unit_id" in str(exc.orig):
            raise UnitNotAvailable(
                _l("This unit is not available. It may just have been offered.")
            ) from None
        raise CaseNotMatchable(_l("This citizen is already in an open offer.")) from None
    record(
        session,
        actor,
        "offer.propose",
        "offer",
        offer.id,
        case_id=case.id,
        unit_id=unit.id,
        score=score,
        failed_preferred=[
            r.rule for r in rule_results if r.kind == RuleKind.PREFERRED and not r.passed
        ],
    )
    session.flush()
    return offer


def _require_status(offer: Offer, *statuses: OfferStatus) -> None:
    if offer.status not in statuses:
        if offer.status in OPEN_OFFER_STATUSES:
            raise OfferNotOpen(_l("This step is not possible at this point of the offer."))
        raise OfferNotOpen(_l("This offer is no longer open."))


def _decide(
    session: Session,
    actor: Account | None,
    offer: Offer,
    who: Actor | None,
    decision: DecisionKind,
    *,
    reason: DeclineReason | None = None,
    note: str | None = None,
) -> OfferDecision:
    made = OfferDecision(
        offer=offer,
        actor=who,
        decision=decision,
        reason=reason,
        note=(note or "").strip() or None,
        decided_by=actor,
        decided_at=utcnow(),
    )
    session.add(made)
    return made


def _close(offer: Offer, status: OfferStatus) -> None:
    """End an open offer; the unit is free again unless the offer became a lease."""
    offer.status = status
    offer.closed_at = utcnow()
    if status != OfferStatus.APPROVED and offer.unit.status == UnitStatus.OFFERED:
        offer.unit.status = UnitStatus.AVAILABLE


def _check_reason(reason: DeclineReason | None, who: Actor) -> DeclineReason:
    if reason is None:
        raise InvalidDeclineReason(_l("Choose a reason for saying no."))
    if reason.actor != who or not reason.active:
        raise InvalidDeclineReason(_l("This reason cannot be used here. Choose one from the list."))
    return reason


def _apply_consequence(case: Case, reason: DeclineReason, today: dt.date) -> None:
    # The consequence is configured per reason, and the citizen was shown it before
    # answering; it is applied to the case, never silently dropped.
    if reason.consequence == Consequence.PAUSED and reason.pause_days:
        until = today + dt.timedelta(days=reason.pause_days)
        case.paused_until = max(until, case.paused_until or until)
    elif reason.consequence == Consequence.REASSESSMENT:
        case.needs_reassessment = True


def _decline(
    session: Session,
    actor: Account,
    offer: Offer,
    who: Actor,
    reason: DeclineReason,
    today: dt.date,
    note: str | None,
) -> Offer:
    _decide(session, actor, offer, who, DecisionKind.DECLINE, reason=reason, note=note)
    _close(offer, OfferStatus.DECLINED)
    _apply_consequence(offer.case, reason, today)
    session.flush()
    record(
        session,
        actor,
        "offer.decline",
        "offer",
        offer.id,
        case_id=offer.case_id,
        by=who,
        reason=reason.code,
        consequence=reason.consequence,
        paused_until=offer.case.paused_until,
    )
    announce.declined(session, actor, offer, who)
    return offer


def send_to_citizen(
    session: Session, actor: Account, offer: Offer, response_deadline: dt.date, today: dt.date
) -> Offer:
    """Show the proposed offer to the citizen, who must answer by ``response_deadline``."""
    if not policy.caseworker_may_act_on_case(actor, offer.case):
        raise NotAllowed(_l("You cannot make offers on this case."))
    offer = lock_offer(session, offer)
    _require_status(offer, OfferStatus.PROPOSED)
    if response_deadline <= today:
        raise OfferError(_l("The deadline to answer must be after today."))
    offer.status = OfferStatus.OFFERED
    offer.response_deadline = response_deadline
    _decide(session, actor, offer, Actor.CASEWORKER, DecisionKind.OFFER)
    session.flush()
    record(
        session,
        actor,
        "offer.send",
        "offer",
        offer.id,
        case_id=offer.case_id,
        response_deadline=response_deadline,
    )
    announce.sent_to_citizen(session, actor, offer)
    return offer


def citizen_answer(
    session: Session,
    actor: Account,
    offer: Offer,
    accept: bool,
    reason: DeclineReason | None = None,
    *,
    today: dt.date,
    note: str | None = None,
) -> Offer:
    """The citizen's yes or no (given by the citizen, or recorded by their caseworker).

    A no needs one of the citizen's decline reasons, whose consequence is applied.
    """
    if not policy.may_answer_for_citizen(actor, offer.case):
        raise NotAllowed(_l("You cannot answer this offer."))
    offer = lock_offer(session, offer)
    _require_status(offer, OfferStatus.OFFERED)
    if offer.response_deadline is not None and today > offer.response_deadline:
        raise OfferNotOpen(
            _l("The time to answer this offer ran out on %(date)s."),
            date=offer.response_deadline,
        )
    if not accept:
        return _decline(
            session,
            actor,
            offer,
            Actor.CITIZEN,
            _check_reason(reason, Actor.CITIZEN),
            today,
            note,
        )
    offer.status = OfferStatus.CITIZEN_ACCEPTED
    _decide(session, actor, offer, Actor.CITIZEN, DecisionKind.ACCEPT, note=note)
    session.flush()
    record(session, actor, "offer.citizen_accept", "offer", offer.id, case_id=offer.case_id)
    announce.citizen_accepted(session, actor, offer)
    return offer


def landlord_answer(
    session: Session,
    actor: Account,
    offer: Offer,
    accept: bool,
    reason: DeclineReason | None = None,
    *,
    today: dt.date,
    note: str | None = None,
) -> Offer:
    """The landlord's yes or no to the tenant the citizen accepted to be."""
    if not policy.landlord_may_act_on_unit(landlord_organisation_ids(session, actor), offer.unit):
        raise NotAllowed(_l("You cannot answer this offer."))
    offer = lock_offer(session, offer)
    _require_status(offer, OfferStatus.CITIZEN_ACCEPTED)
    if not accept:
        return _decline(
            session,
            actor,
            offer,
            Actor.LANDLORD,
            _check_reason(reason, Actor.LANDLORD),
            today,
            note,
        )
    offer.status = OfferStatus.LANDLORD_ACCEPTED
    _decide(session, actor, offer, Actor.LANDLORD, DecisionKind.ACCEPT, note=note)
    session.flush()
    record(session, actor, "offer.landlord_accept", "offer", offer.id, case_id=offer.case_id)
    announce.landlord_accepted(session, actor, offer)
    return offer


def caseworker_decline(
    session: Session,
    actor: Account,
    offer: Offer,
    reason: DeclineReason | None,
    *,
    today: dt.date,
    note: str | None = None,
) -> Offer:
    """The caseworker does not approve a match both parties accepted, with a reason."""
    if not policy.caseworker_may_act_on_case(actor, offer.case):
        raise NotAllowed(_l("You cannot make offers on this case."))
    offer = lock_offer(session, offer)
    _require_status(offer, OfferStatus.LANDLORD_ACCEPTED)
    return _decline(
        session,
        actor,
        offer,
        Actor.CASEWORKER,
        _check_reason(reason, Actor.CASEWORKER),
        today,
        note,
    )


def approve(
    session: Session, actor: Account, offer: Offer, terms: LeaseTerms, today: dt.date
) -> Lease:
    """Approve a match both parties accepted and create its lease from ``terms``.

    ``terms`` is a :class:`portal.leases.services.LeaseTerms`. Every lease rule (term
    limit, integration act, goals before allocation, one live lease) is checked by
    :func:`portal.leases.services.create_lease` before anything changes.
    """
    if not policy.caseworker_may_act_on_case(actor, offer.case):
        raise NotAllowed(_l("You cannot make offers on this case."))
    # Of two approvals at once the second waits here, then finds the offer approved.
    offer = lock_offer(session, offer)
    _require_status(offer, OfferStatus.LANDLORD_ACCEPTED)
    lease = create_lease(session, actor, offer.case, terms, today=today, offer=offer)
    offer.status = OfferStatus.APPROVED
    offer.closed_at = utcnow()
    _decide(session, actor, offer, Actor.CASEWORKER, DecisionKind.APPROVE)
    session.flush()
    record(
        session,
        actor,
        "offer.approve",
        "offer",
        offer.id,
        case_id=offer.case_id,
        lease_id=lease.id,
    )
    announce.approved(session, actor, offer, lease)
    return lease


def withdraw(session: Session, actor: Account, offer: Offer, note: str) -> Offer:
    """The caseworker withdraws an open offer, saying why; the unit is free again."""
    if not policy.caseworker_may_act_on_case(actor, offer.case):
        raise NotAllowed(_l("You cannot make offers on this case."))
    if not (note or "").strip():
        raise OfferError(_l("Write why the offer is withdrawn."))
    offer = lock_offer(session, offer)
    _require_status(offer, *OPEN_OFFER_STATUSES)
    _decide(session, actor, offer, Actor.CASEWORKER, DecisionKind.WITHDRAW, note=note)
    _close(offer, OfferStatus.WITHDRAWN)
    session.flush()
    record(session, actor, "offer.withdraw", "offer", offer.id, case_id=offer.case_id)
    announce.withdrawn(session, actor, offer)
    return offer


def expire_due(session: Session, today: dt.date) -> int:
    """Expire offers whose citizen did not answer by the deadline (run daily by the system).

    Only offers waiting for the citizen have a deadline. Returns how many expired.
    Rows locked by a caseworker acting right now are skipped and picked up next run.
    """
    # Offer and unit rows are locked together and skipped when either is taken, so the
    # job never waits on a caseworker (and never deadlocks with one).
    due = session.scalars(
        select(Offer)
        .join(Unit, Unit.id == Offer.unit_id)
        .where(Offer.status == OfferStatus.OFFERED, Offer.response_deadline < today)
        .order_by(Offer.id)
        .with_for_update(skip_locked=True)
        .execution_options(populate_existing=True)
    ).all()
    for offer in due:
        _decide(session, None, offer, None, DecisionKind.EXPIRE)
        _close(offer, OfferStatus.EXPIRED)
        record(session, None, "offer.expire", "offer", offer.id, case_id=offer.case_id)
    session.flush()
    return len(due)
