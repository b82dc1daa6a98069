"""The lease: created on approval (or for a citizen kept at home), reviewed, extended.

``active → notice_given → ended``, or ``active → taken_over``; reviews and extensions
while active. This module is the one place callers import lease steps from: the pure
term rules live in :mod:`portal.leases.terms`, breach and notice in
:mod:`portal.leases.notice`, the endings in :mod:`portal.leases.endings`. Every step
takes the session and the acting account, flushes, never commits, and writes one audit
event per state change.
"""

from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from portal.accounts.models import Account
from portal.announcements import leases as announce
from portal.audit.services import record
from portal.cases.models import Case, CaseStatus
from portal.leases.endings import end_lease, record_relapse, take_over
from portal.leases.errors import (
    GoalsRequired,
    IntegrationActRefused,
    LeaseError,
    LeaseExists,
    LeaseNotLive,
    NoticeRefused,
    TermLimitExceeded,
)
from portal.leases.events import add_event, clean, require_caseworker, require_live
from portal.leases.models import (
    Lease,
    LeaseEvent,
    LeaseEventKind,
    LeaseModel,
    LeaseStatus,
    ReviewDecision,
)
from portal.leases.notice import (
    complaint_guidance,
    give_notice,
    guidance_for_notice,
    report_breach,
    send_payment_demand,
)
from portal.leases.terms import LeaseTerms, add_months, check_lease_rules, term_limit, term_warning
from portal.offers.locking import case_has_open_offer, lock_case, lock_lease, lock_unit
from portal.offers.models import Offer, OfferStatus
from portal.plans.models import Goal, Plan
from portal.rules.models import ExtensionRule
from portal.units.models import UnitStatus

__all__ = [
    "GoalsRequired",
    "IntegrationActRefused",
    "LeaseError",
    "LeaseExists",
    "LeaseNotLive",
    "LeaseTerms",
    "NoticeRefused",
    "TermLimitExceeded",
    "add_months",
    "check_lease_rules",
    "complaint_guidance",
    "create_lease",
    "end_lease",
    "extend",
    "give_notice",
    "guidance_for_notice",
    "hold_review",
    "record_relapse",
    "report_breach",
    "send_payment_demand",
    "take_over",
    "term_limit",
    "term_warning",
]


def _has_goal(session: Session, case_id: int) -> bool:
    count = session.scalar(
        select(func.count(Goal.id))
        .join(Plan, Plan.id == Goal.plan_id)
        .where(Plan.case_id == case_id)
    )
    return bool(count)


def create_lease(
    session: Session,
    actor: Account,
    case: Case,
    terms: LeaseTerms,
    *,
    today: dt.date,
    offer: Offer | None = None,
    address: str | None = None,
    landlord_name: str | None = None,
) -> Lease:
    """Create a lease: in the offer's unit (called by ``offers.services.approve``), or,
    with ``lease_model`` current_home and no offer, for a citizen kept in their current
    home (``address`` and ``landlord_name`` default to those recorded on the case).

    Refused when a rule of the legal basis is broken, when the basis needs goals agreed
    before allocation and the case has none, or when the case or unit already has a live
    lease. Nothing is changed when it is refused.
    """
    require_caseworker(actor, case)
    if terms.lease_model == LeaseModel.CURRENT_HOME:
        if offer is not None:
            raise LeaseError(_l("A citizen kept in their current home has no offer."))
        address = (address or case.current_address or "").strip() or None
        landlord_name = (landlord_name or case.current_landlord or "").strip() or None
        if address is None or landlord_name is None:
            raise LeaseError(_l("Write the address and the landlord of the current home."))
        if terms.rent is None:
            raise LeaseError(_l("Write the rent of the current home."))
    else:
        if offer is None or offer.case_id != case.id:
            raise LeaseError(_l("A lease in a unit is created by approving its offer."))
        if offer.status != OfferStatus.LANDLORD_ACCEPTED:
            raise LeaseError(_l("The landlord has not accepted this offer."))
        address, landlord_name = None, None
    check_lease_rules(case, terms)
    if terms.legal_basis.goals_before_allocation and not _has_goal(session, case.id):
        raise GoalsRequired(
            _l(
                "On the basis %(basis)s the plan must hold at least one goal before the "
                "lease is made."
            ),
            basis=terms.legal_basis.name,
        )

    unit = lock_unit(session, offer.unit_id) if offer is not None else None
    case = lock_case(session, case.id)
    if case.status != CaseStatus.WAITING:
        raise LeaseError(_l("This citizen is not waiting for a home."))
    if offer is None and case_has_open_offer(session, case.id):
        raise LeaseError(_l("This citizen is in an open offer. Withdraw it first."))
    if unit is not None and unit.status != UnitStatus.OFFERED:
        raise LeaseExists(_l("This unit is not available. It may just have been let."))

    rent = terms.rent if terms.rent is not None else (unit.rent if unit else 0)
    utilities = (
        terms.utilities
        if terms.utilities is not None
        else (unit.utilities_on_account if unit else 0)
    )
    subsidy = terms.subsidy if terms.subsidy is not None else case.rent_subsidy
    share = (
        terms.citizen_share
        if terms.citizen_share is not None
        else max(rent + utilities - subsidy, 0)
    )
    lease = Lease(
        unit=unit,
        case=case,
        organisation_id=unit.organisation_id if unit else None,
        offer=offer,
        legal_basis=terms.legal_basis,
        lease_model=terms.lease_model,
        start_date=terms.start_date,
        purpose=terms.purpose.strip(),
        next_review=terms.next_review,
        planned_end=terms.planned_end,
        rent=rent,
        utilities=utilities,
        subsidy=subsidy,
        citizen_share=share,
        status=LeaseStatus.ACTIVE,
        address=address,
        landlord_name=landlord_name,
    )
    try:
        with session.begin_nested():
            session.add(lease)
            add_event(session, actor, lease, LeaseEventKind.CREATED, terms.start_date)
            if unit is not None:
                unit.status = UnitStatus.LET
            case.status = (
                CaseStatus.KEPT_IN_HOME
                if terms.lease_model == LeaseModel.CURRENT_HOME
                else CaseStatus.HOUSED
            )
            session.flush()
    except IntegrityError:
        # The partial unique indexes (one live lease per unit and per case) settle what
        # the locks and checks above did not see.
        raise LeaseExists(_l("There is already a live lease for this citizen or unit.")) from None
    record(
        session,
        actor,
        "lease.create",
        "lease",
        lease.id,
        case_id=case.id,
        unit_id=lease.unit_id,
        legal_basis=terms.legal_basis.code,
        model=terms.lease_model,
        start_date=terms.start_date,
        planned_end=terms.planned_end,
    )
    session.flush()
    announce.decided(session, actor, lease)
    return lease


# -- while active ---------------------------------------------------------------------


def hold_review(
    session: Session,
    actor: Account,
    lease: Lease,
    held_on: dt.date,
    decision: ReviewDecision,
    *,
    next_review: dt.date | None = None,
    note: str | None = None,
) -> LeaseEvent:
    """Record a review of an active lease and set the next one."""
    require_caseworker(actor, lease.case)
    lease = lock_lease(session, lease)
    require_live(lease, LeaseStatus.ACTIVE)
    if next_review is not None and next_review <= held_on:
        raise LeaseError(_l("The next review must be after this one."))
    event = add_event(
        session,
        actor,
        lease,
        LeaseEventKind.REVIEW_HELD,
        held_on,
        review_decision=decision,
        note=clean(note),
    )
    lease.next_review = next_review
    session.flush()
    record(
        session,
        actor,
        "lease.review",
        "lease",
        lease.id,
        case_id=lease.case_id,
        decision=decision,
        next_review=next_review,
    )
    announce.decided(session, actor, lease)
    return event


def extend(
    session: Session,
    actor: Account,
    lease: Lease,
    new_planned_end: dt.date,
    *,
    today: dt.date,
    note: str | None = None,
) -> LeaseEvent:
    """Move the planned end of an active lease later, as far as its legal basis allows.

    ``none``: no extension; ``within_max``: up to the term limit; ``open``: past it, for as
    long as the purpose is not reached.
    """
    require_caseworker(actor, lease.case)
    lease = lock_lease(session, lease)
    require_live(lease, LeaseStatus.ACTIVE)
    basis = lease.legal_basis
    if basis.extension_rule == ExtensionRule.NONE:
        raise TermLimitExceeded(
            _l("A lease on the basis %(basis)s cannot be extended."), basis=basis.name
        )
    if lease.planned_end is None:
        raise LeaseError(_l("This lease runs until its purpose is reached; it has no end to move."))
    if new_planned_end <= lease.planned_end or new_planned_end <= today:
        raise LeaseError(_l("The new end must be later than the current end and than today."))
    limit = term_limit(basis, lease.start_date)
    if basis.extension_rule == ExtensionRule.WITHIN_MAX and limit and new_planned_end > limit:
        raise TermLimitExceeded(_l("The lease can run until %(date)s at the latest."), date=limit)
    previous = lease.planned_end
    event = add_event(
        session,
        actor,
        lease,
        LeaseEventKind.EXTENDED,
        today,
        previous_planned_end=previous,
        new_planned_end=new_planned_end,
        note=clean(note),
    )
    lease.planned_end = new_planned_end
    session.flush()
    record(
        session,
        actor,
        "lease.extend",
        "lease",
        lease.id,
        case_id=lease.case_id,
        previous_planned_end=previous,
        new_planned_end=new_planned_end,
    )
    announce.decided(session, actor, lease)
    return event
