"""The caseworker's work list: what needs doing soon, across the cases in scope.

Each list is one query (with its rows' related objects loaded in one more query each,
by ``selectinload``), scoped in SQL by :func:`portal.cases.services.case_scope` and
limited, so the number of statements does not grow with the data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, selectinload

from portal.accounts.models import Account
from portal.cases.models import Case, CaseStatus
from portal.cases.services import case_scope
from portal.leases.models import (
    LIVE_LEASE_STATUSES,
    Lease,
    LeaseEvent,
    LeaseEventKind,
    LeaseStatus,
)
from portal.leases.terms import add_months, term_limit, term_warning
from portal.offers.models import OPEN_OFFER_STATUSES, Offer
from portal.outcomes.models import FollowUp, Outcome
from portal.plans.models import FollowUpDecision, Plan
from portal.rules.models import LegalBasis

LIMIT = 10
HORIZON_DAYS = 14  # "due" means due within two weeks, or overdue
PLANNED_END_DAYS = 90  # a planned end within three months needs a plan for the move


@dataclass(frozen=True)
class Section:
    """One list on the work list: the first rows and how many there are in all."""

    items: Sequence[Any]
    total: int


@dataclass(frozen=True)
class NearingEnd:
    lease: Lease
    limit: dt.date | None  # the legal basis's term limit, when that is what is near
    planned_end: dt.date | None


@dataclass(frozen=True)
class WorkList:
    reviews: Section
    plan_follow_ups: Section
    follow_ups: Section
    offers: Section
    nearing_end: Section
    breaches: Section
    waiting: Section


def _section(db: Session, query: Any, limit: int = LIMIT) -> Section:
    total = db.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    return Section(items=db.scalars(query.limit(limit)).all(), total=total)


def _reviews(db: Session, actor: Account, soon: dt.date) -> Section:
    query = (
        select(Lease)
        .join(Case, Case.id == Lease.case_id)
        # Reviews are held while the lease is active (not once notice is given).
        .where(case_scope(actor), Lease.status == LeaseStatus.ACTIVE, Lease.next_review <= soon)
        .options(selectinload(Lease.case), selectinload(Lease.unit))
        .order_by(Lease.next_review, Lease.id)
    )
    return _section(db, query)


def _plan_follow_ups(db: Session, actor: Account, soon: dt.date) -> Section:
    open_plan = or_(
        Plan.follow_up_decision.is_(None), Plan.follow_up_decision == FollowUpDecision.CONTINUE
    )
    query = (
        select(Plan)
        .join(Case, Case.id == Plan.case_id)
        .where(
            case_scope(actor),
            open_plan,
            Plan.next_follow_up <= soon,
            Case.status != CaseStatus.CLOSED,
        )
        .options(selectinload(Plan.case))
        .order_by(Plan.next_follow_up, Plan.id)
    )
    return _section(db, query)


def _follow_ups(db: Session, actor: Account, soon: dt.date) -> Section:
    query = (
        select(FollowUp)
        .join(Outcome, Outcome.id == FollowUp.outcome_id)
        .join(Case, Case.id == Outcome.case_id)
        .where(case_scope(actor), FollowUp.still_housed.is_(None), FollowUp.due_on <= soon)
        .options(selectinload(FollowUp.outcome).selectinload(Outcome.case))
        .order_by(FollowUp.due_on, FollowUp.id)
    )
    return _section(db, query)


def _offers(db: Session, actor: Account) -> Section:
    query = (
        select(Offer)
        .join(Case, Case.id == Offer.case_id)
        .where(case_scope(actor), Offer.status.in_(OPEN_OFFER_STATUSES))
        .options(selectinload(Offer.case), selectinload(Offer.unit))
        # Soonest deadline first; offers without a deadline (not yet sent) last.
        .order_by(Offer.response_deadline.is_(None), Offer.response_deadline, Offer.id)
    )
    return _section(db, query)


def _nearing_end(db: Session, actor: Account, today: dt.date) -> Section:
    # The term limit depends on each legal basis (data, a handful of rows): turn each into
    # a cut-off start date, so SQL finds the leases; term_warning then decides exactly.
    near_limit = []
    for basis in db.scalars(select(LegalBasis).where(LegalBasis.max_term_months.is_not(None))):
        months = (basis.max_term_months or 0) - basis.warn_months_before_limit
        cutoff = add_months(today, -months) + dt.timedelta(days=3)
        near_limit.append(and_(Lease.legal_basis_id == basis.id, Lease.start_date <= cutoff))
    end_soon = today + dt.timedelta(days=PLANNED_END_DAYS)
    query = (
        select(Lease)
        .join(Case, Case.id == Lease.case_id)
        .where(
            case_scope(actor),
            Lease.status.in_(LIVE_LEASE_STATUSES),
            or_(Lease.planned_end <= end_soon, *near_limit),
        )
        .options(
            selectinload(Lease.case), selectinload(Lease.unit), selectinload(Lease.legal_basis)
        )
        .order_by(Lease.planned_end.is_(None), Lease.planned_end, Lease.start_date, Lease.id)
    )
    section = _section(db, query, LIMIT + 5)
    items = []
    for lease in section.items:
        warn = term_warning(lease.legal_basis, lease.start_date, today)
        ends_soon = lease.planned_end is not None and lease.planned_end <= end_soon
        if warn or ends_soon:
            limit = term_limit(lease.legal_basis, lease.start_date) if warn else None
            items.append(NearingEnd(lease=lease, limit=limit, planned_end=lease.planned_end))
    return Section(items=items[:LIMIT], total=section.total - (len(section.items) - len(items)))


def _breaches(db: Session, actor: Account) -> Section:
    query = (
        select(LeaseEvent)
        .join(Lease, Lease.id == LeaseEvent.lease_id)
        .join(Case, Case.id == Lease.case_id)
        .where(
            case_scope(actor),
            LeaseEvent.kind == LeaseEventKind.BREACH_REPORTED,
            Lease.status.in_(LIVE_LEASE_STATUSES),
        )
        .options(selectinload(LeaseEvent.lease).selectinload(Lease.case))
        .order_by(LeaseEvent.occurred_on.desc(), LeaseEvent.id.desc())
    )
    return _section(db, query)


def _waiting(db: Session, actor: Account) -> Section:
    query = (
        select(Case)
        .where(case_scope(actor), Case.status == CaseStatus.WAITING)
        .order_by(Case.waiting_since, Case.id)
    )
    return _section(db, query)


def work_list(db: Session, actor: Account, today: dt.date) -> WorkList:
    """Everything on the caseworker's start page, for the cases ``actor`` may see."""
    soon = today + dt.timedelta(days=HORIZON_DAYS)
    return WorkList(
        reviews=_reviews(db, actor, soon),
        plan_follow_ups=_plan_follow_ups(db, actor, soon),
        follow_ups=_follow_ups(db, actor, soon),
        offers=_offers(db, actor),
        nearing_end=_nearing_end(db, actor, today),
        breaches=_breaches(db, actor),
        waiting=_waiting(db, actor),
    )
