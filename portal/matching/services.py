"""Matching queries: eligible cases ranked for a unit, units ranked for a case, and why a
case is not matching.

The candidate set is chosen in SQL (scoped to the municipality, one page at a time);
the rules of :mod:`portal.matching.rules` are evaluated in Python on that page only.
Participant counts per stairwell and postcode are one grouped query per page, so the
number of statements does not grow with the data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql.expression import Exists

from portal.accounts.models import Account
from portal.cases.models import Case, CaseStatus
from portal.leases.models import LIVE_LEASE_STATUSES, Lease
from portal.matching import rules
from portal.municipalities.models import MunicipalityTargetGroup, TargetGroup
from portal.offers.models import OPEN_OFFER_STATUSES, Offer
from portal.offers.rules import RuleResult
from portal.rules.services import housing_benefit_rate, threshold
from portal.units.models import Unit, UnitStatus

PAGE_SIZE = 25


@dataclass(frozen=True)
class Candidate:
    """One (case, unit) pair with its rule results."""

    case: Case
    unit: Unit
    results: list[RuleResult]

    @property
    def eligible(self) -> bool:
        return rules.musts_hold(self.results)

    @property
    def score(self) -> int:
        return rules.preferred_met(self.results)

    @property
    def share(self) -> int:
        for r in self.results:
            if r.rule == rules.AFFORDABLE:
                return int(r.params["share"])
        return 0


def scope_municipality(actor: Account) -> int | None:
    """The municipality an actor works in; None for a network admin (all of them)."""
    return None if actor.is_network_admin else (actor.municipality_id or -1)


def scoped_cases(actor: Account) -> Select[Case]:
    stmt = select(Case)
    muni = scope_municipality(actor)
    return stmt if muni is None else stmt.where(Case.municipality_id == muni)


def scoped_units(actor: Account) -> Select[Unit]:
    stmt = select(Unit)
    muni = scope_municipality(actor)
    return stmt if muni is None else stmt.where(Unit.municipality_id == muni)


def _open_offer(case_id_col: Any) -> Exists:
    return exists().where(Offer.case_id == case_id_col, Offer.status.in_(OPEN_OFFER_STATUSES))


def _live_lease(case_id_col: Any) -> Exists:
    return exists().where(Lease.case_id == case_id_col, Lease.status.in_(LIVE_LEASE_STATUSES))


def matchable_cases(municipality_id: int | None, today: dt.date) -> Select[Case]:
    """Waiting, unpaused cases not needing reassessment, without an open offer or a live
    lease, longest waiting first."""
    stmt = select(Case).where(
        Case.status == CaseStatus.WAITING,
        or_(Case.paused_until.is_(None), Case.paused_until <= today),
        Case.needs_reassessment.is_(False),
        ~_open_offer(Case.id),
        ~_live_lease(Case.id),
    )
    if municipality_id is not None:
        stmt = stmt.where(Case.municipality_id == municipality_id)
    return stmt.order_by(Case.waiting_since, Case.id)


def available_units(municipality_id: int | None) -> Select[Unit]:
    stmt = select(Unit).where(Unit.status == UnitStatus.AVAILABLE)
    if municipality_id is not None:
        stmt = stmt.where(Unit.municipality_id == municipality_id)
    return stmt.order_by(Unit.available_from, Unit.id)


def _municipality_groups(session: Session, ids: set[int]) -> dict[int, set[TargetGroup]]:
    groups: dict[int, set[TargetGroup]] = {i: set() for i in ids}
    for mid, group in session.execute(
        select(MunicipalityTargetGroup.municipality_id, MunicipalityTargetGroup.target_group).where(
            MunicipalityTargetGroup.municipality_id.in_(ids)
        )
    ):
        groups[mid].add(group)
    return groups


def _participants(session: Session, units: Sequence[Unit]) -> tuple[dict[str, int], dict[str, int]]:
    """Live leases per stairwell and per postcode, for the units on the page."""
    keys = {u.building_key for u in units}
    postcodes = {u.postcode for u in units}
    live = Lease.status.in_(LIVE_LEASE_STATUSES)
    by_building: dict[str, int] = {
        key: count
        for key, count in session.execute(
            select(Unit.building_key, func.count(Lease.id))
            .join(Lease, Lease.unit_id == Unit.id)
            .where(live, Unit.building_key.in_(keys))
            .group_by(Unit.building_key)
        )
    }
    by_postcode: dict[str, int] = {
        key: count
        for key, count in session.execute(
            select(Unit.postcode, func.count(Lease.id))
            .join(Lease, Lease.unit_id == Unit.id)
            .where(live, Unit.postcode.in_(postcodes))
            .group_by(Unit.postcode)
        )
    }
    return by_building, by_postcode


def _thresholds(session: Session, today: dt.date) -> dict[str, int]:
    return {
        "max_per_building": threshold(session, "placement_max_per_building", today, 2),
        "cluster_max_per_building": threshold(
            session, "placement_cluster_max_per_building", today, 6
        ),
        "max_per_postcode": threshold(session, "placement_max_per_postcode", today, 12),
    }


def _evaluate(
    session: Session, cases: Sequence[Case], units: Sequence[Unit], today: dt.date
) -> list[Candidate]:
    if not cases or not units:
        return []
    groups = _municipality_groups(session, {u.municipality_id for u in units})
    by_building, by_postcode = _participants(session, units)
    limits = _thresholds(session, today)
    rates = {
        pension: housing_benefit_rate(session, pension, today)
        for pension in {c.receives_pension for c in cases}
    }
    out = []
    for case in cases:
        facts = rules.CaseFacts.of(case)
        for unit in units:
            around = rules.Surroundings(
                in_building=by_building.get(unit.building_key, 0),
                in_postcode=by_postcode.get(unit.postcode, 0),
                **limits,
            )
            results = rules.evaluate(
                facts,
                rules.UnitFacts.of(unit, groups[unit.municipality_id]),
                around,
                rates[case.receives_pension],
            )
            out.append(Candidate(case, unit, results))
    return out


def evaluate_pair(session: Session, case: Case, unit: Unit, today: dt.date) -> list[RuleResult]:
    """The rule results for one case and unit, as the offer will store them."""
    (candidate,) = _evaluate(session, [case], [unit], today)
    return candidate.results


def _with_case_details(stmt: Select[Case]) -> Select[Case]:
    return stmt.options(selectinload(Case.target_groups), selectinload(Case.wished_areas))


def units_for_case(
    session: Session, case: Case, today: dt.date, *, page: int = 1
) -> list[Candidate]:
    """Available units of the case's municipality, eligible first, then by preferred
    rules met and by the citizen's monthly share (lowest first)."""
    units = session.scalars(
        available_units(case.municipality_id)
        .limit(PAGE_SIZE)
        .offset((max(page, 1) - 1) * PAGE_SIZE)
    ).all()
    found = _evaluate(session, [case], units, today)
    return sorted(found, key=lambda c: (not c.eligible, -c.score, c.share, c.unit.id))


def cases_for_unit(
    session: Session, unit: Unit, today: dt.date, *, page: int = 1
) -> list[Candidate]:
    """Matchable cases of the unit's municipality, eligible first, then by preferred
    rules met, then longest waiting."""
    cases = session.scalars(
        _with_case_details(matchable_cases(unit.municipality_id, today))
        .limit(PAGE_SIZE)
        .offset((max(page, 1) - 1) * PAGE_SIZE)
    ).all()
    found = _evaluate(session, cases, [unit], today)
    return sorted(found, key=lambda c: (not c.eligible, -c.score, c.case.waiting_since, c.case.id))


def why_not_matching(
    session: Session, case: Case, today: dt.date, candidates: Sequence[Candidate] | None = None
) -> list[str]:
    """Plain reasons why a case is not matched now; empty when it can be.

    ``candidates`` (the units evaluated for the case) adds the must rules that removed
    every available unit, e.g. "no available unit meets: wheelchair".
    """
    from portal.matching.explain import label  # the labels need the request's locale

    reasons: list[str] = []
    if case.status != CaseStatus.WAITING:
        reasons.append(str(_l("Not waiting for a home (status: %(status)s).", status=case.status)))
    if session.scalar(select(_open_offer(case.id))):
        reasons.append(str(_l("In an open offer.")))
    if session.scalar(select(_live_lease(case.id))):
        reasons.append(str(_l("Has a live lease.")))
    if case.paused_until is not None and today < case.paused_until:
        from portal.i18n.formatting import date

        reasons.append(str(_l("Paused until %(date)s.", date=date(case.paused_until))))
    if case.needs_reassessment:
        reasons.append(str(_l("Needs reassessment after a decline.")))
    if candidates is not None and not reasons:
        if not candidates:
            reasons.append(str(_l("No unit is available in the municipality.")))
        elif not any(c.eligible for c in candidates):
            failing = [set(rules.failed_musts(c.results)) for c in candidates]
            everywhere = set.intersection(*failing) or set.union(*failing)
            names = ", ".join(label(x) for x in rules.RULE_ORDER if x in everywhere)
            reasons.append(str(_l("No available unit meets: %(rules)s.", rules=names)))
    return reasons
