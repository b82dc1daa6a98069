"""The evaluation's figures, each one SQL aggregate over the whole data.

Every figure is a function ``(session, filters)``; the rows it returns are already
grouped by the database (GROUP BY / COUNT / CASE), so the numbers are the same on
SQLite and PostgreSQL and do not depend on how many rows there are. The scope (which
municipalities) is part of the filters and applied in SQL; it is set from the signed-in
account by :func:`portal.reporting.scope.filters_for`, never widened by the form.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Integer, Select, and_, case, cast, distinct, exists, func, or_, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import ColumnElement

from portal.cases.models import Case, CaseTargetGroup
from portal.leases.models import Lease, LeaseModel
from portal.municipalities.models import TargetGroup
from portal.offers.models import DecisionKind, Offer, OfferDecision, OfferStatus
from portal.outcomes.models import FOLLOW_UP_MONTHS, FollowUp, Outcome, Relapse, StillHoused
from portal.rules.models import (
    DeclineReason,
    LegalBasis,
    OutcomeClass,
    OutcomeClassification,
    OutcomeDestination,
)
from portal.units.models import Unit


@dataclass(frozen=True)
class Filters:
    """What a figure is computed over. ``municipality_ids`` None means every municipality
    (only a network administrator gets that); an empty tuple means none."""

    municipality_ids: tuple[int, ...] | None
    citizen_group: int | None = None
    target_group: TargetGroup | None = None
    legal_basis_code: str | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    as_of: dt.date | None = None  # "today" for the figures that look at what is due

    @property
    def today(self) -> dt.date:
        return self.as_of or dt.date.today()


# Bands of the time in the temporary home, in days (a month counted as 30.44 days).
DURATION_BANDS: tuple[tuple[str, int | None], ...] = (
    ("under_6_months", 183),
    ("6_to_12_months", 365),
    ("12_to_24_months", 730),
    ("24_months_or_more", None),
)


def days_between(session: Session, later: Any, earlier: Any) -> ColumnElement[int]:
    """Whole days from ``earlier`` to ``later``: the two databases spell it differently."""
    if session.get_bind().dialect.name == "sqlite":
        return cast(func.julianday(later) - func.julianday(earlier), Integer)
    return cast(later - earlier, Integer)


def case_conditions(filters: Filters) -> list[ColumnElement[bool]]:
    """The conditions on the case: scope, citizen group and target group."""
    conds: list[ColumnElement[bool]] = []
    if filters.municipality_ids is not None:
        conds.append(Case.municipality_id.in_(filters.municipality_ids or (-1,)))
    if filters.citizen_group is not None:
        conds.append(Case.citizen_group == filters.citizen_group)
    if filters.target_group is not None:
        # An alias: a query that itself joins the target groups must not correlate.
        tg = aliased(CaseTargetGroup)
        conds.append(exists().where(tg.case_id == Case.id, tg.target_group == filters.target_group))
    return conds


def _basis_condition(filters: Filters) -> list[ColumnElement[bool]]:
    if filters.legal_basis_code is None:
        return []
    return [
        Lease.legal_basis_id.in_(
            select(LegalBasis.id).where(LegalBasis.code == filters.legal_basis_code)
        )
    ]


def _in_period(column: Any, filters: Filters) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if filters.period_start is not None:
        conds.append(column >= filters.period_start)
    if filters.period_end is not None:
        conds.append(column <= filters.period_end)
    return conds


def _temporary_leases(filters: Filters) -> list[ColumnElement[bool]]:
    """Time-limited leases that overlap the period, for cases in the filters."""
    conds = [
        Lease.legal_basis_id.in_(select(LegalBasis.id).where(LegalBasis.time_limited.is_(True))),
        *case_conditions(filters),
        *_basis_condition(filters),
    ]
    if filters.period_end is not None:
        conds.append(Lease.start_date <= filters.period_end)
    if filters.period_start is not None:
        conds.append(or_(Lease.ended_on.is_(None), Lease.ended_on >= filters.period_start))
    return conds


def housed(session: Session, filters: Filters) -> dict[str, int]:
    """Households (cases) and persons (adults + children) with a time-limited lease
    that overlaps the period."""
    case_ids = (
        select(Lease.case_id)
        .join(Case, Case.id == Lease.case_id)
        .where(*_temporary_leases(filters))
    )
    row = session.execute(
        select(
            func.count(Case.id),
            func.coalesce(func.sum(Case.adults + Case.children), 0),
        ).where(Case.id.in_(case_ids))
    ).one()
    return {"households": int(row[0]), "persons": int(row[1])}


def _ended_stays(session: Session, filters: Filters) -> Select[Any]:
    days = days_between(session, Lease.ended_on, Lease.start_date).label("days")
    conds = [
        Lease.legal_basis_id.in_(select(LegalBasis.id).where(LegalBasis.time_limited.is_(True))),
        Lease.lease_model != LeaseModel.CURRENT_HOME,
        Lease.ended_on.is_not(None),
        *case_conditions(filters),
        *_basis_condition(filters),
        *_in_period(Lease.ended_on, filters),
    ]
    return select(days).join(Case, Case.id == Lease.case_id).where(*conds)


def time_in_home(session: Session, filters: Filters) -> dict[str, Any]:
    """Days in the temporary home for stays that ended in the period: count, median and
    quartiles (inclusive method over the ordered durations), and the spread in bands."""
    stays = _ended_stays(session, filters).subquery()
    ordered = [int(d) for d in session.scalars(select(stays.c.days).order_by(stays.c.days))]
    band = case(
        *[(stays.c.days < limit, name) for name, limit in DURATION_BANDS if limit is not None],
        else_=DURATION_BANDS[-1][0],
    ).label("band")
    counts: dict[str, int] = dict(session.execute(select(band, func.count()).group_by(band)).all())
    result: dict[str, Any] = {
        "count": len(ordered),
        "median": None,
        "q1": None,
        "q3": None,
        "bands": [(name, int(counts.get(name, 0))) for name, _ in DURATION_BANDS],
    }
    if ordered:
        result["median"] = statistics.median(ordered)
        if len(ordered) > 1:
            q1, _, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
            result["q1"], result["q3"] = q1, q3
        else:
            result["q1"] = result["q3"] = ordered[0]
    return result


def destinations(session: Session, filters: Filters) -> list[dict[str, Any]]:
    """Movers (outcomes recorded in the period) by destination group and by whether the
    move counts as positive, neutral or negative for the citizen's group (unclassified:
    neutral)."""
    klass = func.coalesce(OutcomeClassification.outcome_class, OutcomeClass.NEUTRAL.value)
    stmt = (
        select(OutcomeDestination.group, klass.label("klass"), func.count(Outcome.id))
        .join(OutcomeDestination, OutcomeDestination.id == Outcome.destination_id)
        .join(Case, Case.id == Outcome.case_id)
        .join(Lease, Lease.id == Outcome.lease_id)
        .outerjoin(
            OutcomeClassification,
            and_(
                OutcomeClassification.destination_id == OutcomeDestination.id,
                OutcomeClassification.citizen_group == Case.citizen_group,
            ),
        )
        .where(
            *case_conditions(filters),
            *_basis_condition(filters),
            *_in_period(Outcome.moved_on, filters),
        )
        .group_by(OutcomeDestination.group, klass)
    )
    return [
        {"group": str(getattr(g, "value", g)), "class": str(getattr(k, "value", k)), "count": n}
        for g, k, n in session.execute(stmt)
    ]


def still_housed(session: Session, filters: Filters) -> list[dict[str, Any]]:
    """Follow-ups at 6, 12 and 24 months, counted only where due by ``as_of`` (and, with
    a period, due in it): yes, no, unknown, and not yet recorded."""
    due_conds = [FollowUp.due_on <= filters.today, *_in_period(FollowUp.due_on, filters)]

    def count_if(cond: ColumnElement[bool]) -> Any:
        return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)

    stmt = (
        select(
            FollowUp.months,
            func.count(FollowUp.id),
            count_if(FollowUp.still_housed == StillHoused.YES),
            count_if(FollowUp.still_housed == StillHoused.NO),
            count_if(FollowUp.still_housed == StillHoused.UNKNOWN),
            count_if(FollowUp.still_housed.is_(None)),
        )
        .join(Outcome, Outcome.id == FollowUp.outcome_id)
        .join(Case, Case.id == Outcome.case_id)
        .join(Lease, Lease.id == Outcome.lease_id)
        .where(*due_conds, *case_conditions(filters), *_basis_condition(filters))
        .group_by(FollowUp.months)
    )
    found = {row[0]: row for row in session.execute(stmt)}
    out = []
    for months in FOLLOW_UP_MONTHS:
        row = found.get(months, (months, 0, 0, 0, 0, 0))
        out.append(
            dict(
                months=months,
                due=int(row[1]),
                yes=int(row[2]),
                no=int(row[3]),
                unknown=int(row[4]),
                not_recorded=int(row[5]),
            )
        )
    return out


# The experiment's two-year goal is measured for citizen groups 1 and 2 (DESIGN.md).
TWO_YEAR_GROUPS = (1, 2)


def two_year_goal(session: Session, filters: Filters) -> dict[str, int] | None:
    """The 24-month follow-ups of citizen groups 1 and 2 (within the chosen group, if
    one is chosen), counted like :func:`still_housed`; None when the chosen group is
    neither."""
    groups = [g for g in TWO_YEAR_GROUPS if filters.citizen_group in (None, g)]
    if not groups:
        return None
    total = dict(due=0, yes=0, no=0, unknown=0, not_recorded=0)
    for group in groups:
        [row] = [
            r
            for r in still_housed(session, replace(filters, citizen_group=group))
            if r["months"] == 24
        ]
        for key in total:
            total[key] += row[key]
    return total


def relapses(session: Session, filters: Filters) -> list[tuple[str, int]]:
    """Relapses in the period by cause."""
    stmt = (
        select(Relapse.cause, func.count(Relapse.id))
        .join(Case, Case.id == Relapse.case_id)
        .where(*case_conditions(filters), *_in_period(Relapse.occurred_on, filters))
        .group_by(Relapse.cause)
        .order_by(func.count(Relapse.id).desc(), Relapse.cause)
    )
    if filters.legal_basis_code is not None:
        stmt = stmt.join(Lease, Lease.id == Relapse.lease_id).where(*_basis_condition(filters))
    return [(str(getattr(c, "value", c)), int(n)) for c, n in session.execute(stmt)]


def _datetime_period(column: Any, filters: Filters) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if filters.period_start is not None:
        conds.append(column >= dt.datetime.combine(filters.period_start, dt.time(), dt.UTC))
    if filters.period_end is not None:
        end = filters.period_end + dt.timedelta(days=1)
        conds.append(column < dt.datetime.combine(end, dt.time(), dt.UTC))
    return conds


def declines(session: Session, filters: Filters) -> list[tuple[str, str, int]]:
    """Declined offers in the period by who declined (citizen, landlord, caseworker) and
    the reason's code. Offers have no lease yet, so the legal-basis filter does not apply."""
    reason = func.coalesce(DeclineReason.code, "none").label("reason")
    stmt = (
        select(OfferDecision.actor, reason, func.count(OfferDecision.id))
        .join(Offer, Offer.id == OfferDecision.offer_id)
        .join(Case, Case.id == Offer.case_id)
        .outerjoin(DeclineReason, DeclineReason.id == OfferDecision.reason_id)
        .where(
            OfferDecision.decision == DecisionKind.DECLINE,
            *case_conditions(filters),
            *_datetime_period(OfferDecision.decided_at, filters),
        )
        .group_by(OfferDecision.actor, reason)
        .order_by(OfferDecision.actor, reason)
    )
    return [
        (str(getattr(a, "value", a) or "system"), str(r), int(n))
        for a, r, n in session.execute(stmt)
    ]


def spread(
    session: Session, filters: Filters, column: str = "building_key"
) -> list[tuple[str, int]]:
    """Participants (distinct cases) with a time-limited lease in the period, per building
    (``building_key``) or per ``postcode``."""
    key = getattr(Unit, column)
    stmt = (
        select(key, func.count(distinct(Lease.case_id)))
        .join(Unit, Unit.id == Lease.unit_id)
        .join(Case, Case.id == Lease.case_id)
        .where(*_temporary_leases(filters))
        .group_by(key)
        .order_by(func.count(distinct(Lease.case_id)).desc(), key)
    )
    return [(str(k), int(n)) for k, n in session.execute(stmt)]


def funnel(session: Session, filters: Filters) -> list[dict[str, int]]:
    """Offers made in the period per citizen group: proposed (all), accepted by the
    citizen (an accept decision by the citizen, whatever came after), approved, declined."""
    accepted = exists().where(
        OfferDecision.offer_id == Offer.id,
        OfferDecision.decision == DecisionKind.ACCEPT,
        OfferDecision.actor == "citizen",
    )

    def count_if(cond: ColumnElement[bool]) -> Any:
        return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)

    stmt = (
        select(
            Case.citizen_group,
            func.count(Offer.id),
            count_if(accepted),
            count_if(Offer.status == OfferStatus.APPROVED),
            count_if(Offer.status == OfferStatus.DECLINED),
        )
        .join(Case, Case.id == Offer.case_id)
        .where(*case_conditions(filters), *_datetime_period(Offer.proposed_at, filters))
        .group_by(Case.citizen_group)
        .order_by(Case.citizen_group)
    )
    return [
        dict(citizen_group=g, proposed=int(p), accepted=int(a), approved=int(ap), declined=int(d))
        for g, p, a, ap, d in session.execute(stmt)
    ]
