"""What happens to each citizen: offers and leases, run through the real services.

Every offer goes propose → send → the citizen's answer → the landlord's answer → the
caseworker's approval, and every lease step (review, extension, breach, payment demand,
notice, end, take-over, relapse) is the service's own, so each rule of the portal holds
in the demo too and the audit log fills as it would in use. Steps happen on days
relative to today; :class:`portal.demo.clock.Clock` dates what they wrote.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.accounts.models import Account
from portal.cases.models import Case, Occupation, Placement
from portal.demo.clock import Clock
from portal.demo.plans import create_plan
from portal.demo.reference import Reference
from portal.leases import services as leases
from portal.leases.models import (
    LIVE_LEASE_STATUSES,
    AlternativeOfferKind,
    BreachKind,
    Lease,
    LeaseModel,
    NoticeReason,
    ReviewDecision,
)
from portal.leases.terms import add_months
from portal.offers import services as offers
from portal.offers.models import Offer, RuleKind
from portal.offers.rules import RuleResult
from portal.plans.models import Plan
from portal.rules.models import Actor, DeclineReason, LegalBasis, OutcomeDestination
from portal.rules.services import (
    estimate_housing_benefit,
    housing_benefit_rate,
    monthly_share,
    require,
    threshold,
)
from portal.units.models import HousingKind, Unit

_OVERRIDE = "Borgeren ønsker selv boligen; økonomi og beliggenhed er gennemgået med borgeren."


@dataclass
class Demo:
    session: Session
    ref: Reference
    units: dict[str, Unit]
    cases: dict[str, Case]
    rng: random.Random
    today: dt.date
    clock: Clock
    leases: dict[str, Lease] = field(default_factory=dict)

    def ago(self, months: int, days: int = 0) -> dt.date:
        return add_months(self.today, -months) - dt.timedelta(days=days)

    def caseworker(self, case: Case) -> Account:
        assert case.caseworker is not None  # noqa: S101 - every demo case has one
        return case.caseworker

    def landlord(self, unit: Unit) -> Account:
        return self.ref.landlord_for(unit.organisation)

    def reason(self, actor: Actor, code: str, day: dt.date) -> DeclineReason:
        return require(self.session, DeclineReason, code, day, actor=actor)

    def basis(self, code: str, day: dt.date) -> LegalBasis:
        return require(self.session, LegalBasis, code, day)

    def destination(self, code: str, day: dt.date) -> OutcomeDestination:
        return require(self.session, OutcomeDestination, code, day)


# -- matching rules as the caseworker saw them ------------------------------------------


def _share(demo: Demo, case: Case, unit: Unit, day: dt.date) -> tuple[int, int]:
    rate = housing_benefit_rate(demo.session, case.receives_pension, day)
    benefit = (
        estimate_housing_benefit(
            rate, unit.rent, case.yearly_income, case.children, unit.gets_housing_benefit
        )
        if rate is not None
        else 0
    )
    share = monthly_share(unit.rent, unit.utilities_on_account, benefit, case.rent_subsidy)
    return benefit, share


def rule_results(demo: Demo, case: Case, unit: Unit, day: dt.date) -> list[RuleResult]:
    """The readable rules for this match, each with the figures behind it."""
    results = [
        RuleResult(
            "target_group",
            RuleKind.MUST,
            any(unit.municipality.takes(g) for g in case.target_group_set),
            {"groups": sorted(case.target_group_set)},
        ),
        RuleResult("rooms", RuleKind.MUST, unit.rooms >= case.min_rooms,
                   {"rooms": unit.rooms, "needed": case.min_rooms}),
    ]  # fmt: skip
    if case.needs_wheelchair:
        results.append(RuleResult("wheelchair", RuleKind.MUST, unit.wheelchair))
    if case.needs_step_free:
        results.append(RuleResult("step_free", RuleKind.MUST, unit.step_free or unit.lift))
    if case.needs_ground_floor:
        results.append(RuleResult("ground_floor", RuleKind.MUST, unit.floor == 0 or unit.lift))
    benefit, share = _share(demo, case, unit, day)
    kitchen = unit.gets_housing_benefit
    results.append(
        RuleResult("kitchen_for_benefit", RuleKind.PREFERRED, kitchen,
                   {"own_kitchen": unit.own_kitchen, "single_room": unit.single_room},
                   None if kitchen else _OVERRIDE)
    )  # fmt: skip
    budget = case.max_monthly_housing_cost or 0
    affordable = share <= budget
    results.append(
        RuleResult("within_budget", RuleKind.PREFERRED, affordable,
                   {"rent": unit.rent, "utilities": unit.utilities_on_account,
                    "benefit_estimate": benefit, "subsidy": case.rent_subsidy,
                    "share": share, "budget": budget},
                   None if affordable else _OVERRIDE)
    )  # fmt: skip
    if case.placement != Placement.NO_PREFERENCE:
        placed = demo.session.scalar(
            select(func.count(Lease.id))
            .join(Unit, Unit.id == Lease.unit_id)
            .where(Unit.building_key == unit.building_key, Lease.status.in_(LIVE_LEASE_STATUSES))
        )
        if case.placement == Placement.CLUSTER:
            passed = unit.housing_kind == HousingKind.SUPPORTED
            limit = threshold(demo.session, "placement_cluster_max_per_building", day, 6)
            passed = passed and (placed or 0) < limit
        else:
            limit = threshold(demo.session, "placement_max_per_building", day, 2)
            passed = (placed or 0) < limit
        results.append(
            RuleResult(case.placement.value, RuleKind.PREFERRED, passed,
                       {"in_building": placed or 0, "limit": limit},
                       None if passed else _OVERRIDE)
        )  # fmt: skip
    return results


# -- offers ---------------------------------------------------------------------------


def propose(demo: Demo, case: Case, unit_key: str, day: dt.date) -> Offer:
    """The caseworker's match, after the plan's goals were agreed; the citizen was waiting."""
    if case.waiting_since > day:
        case.waiting_since = day - dt.timedelta(days=demo.rng.randint(30, 150))
    ensure_plan(demo, case, day - dt.timedelta(days=7))
    unit = demo.units[unit_key]
    offer = offers.propose(
        demo.session, demo.caseworker(case), unit, case, rule_results(demo, case, unit, day),
        today=day, wished_move_in=day + dt.timedelta(days=30),
    )  # fmt: skip
    demo.clock.stamp(day)
    return offer


def send(demo: Demo, offer: Offer, day: dt.date) -> Offer:
    days = threshold(demo.session, "offer_response_days", day, 7)
    offers.send_to_citizen(
        demo.session, demo.caseworker(offer.case), offer, day + dt.timedelta(days=days), day
    )
    demo.clock.stamp(day)
    return offer


def citizen_says(
    demo: Demo, offer: Offer, day: dt.date, accept: bool = True, reason: str | None = None
) -> Offer:
    account = offer.case.account
    assert account is not None  # noqa: S101 - every demo citizen has an account
    why = demo.reason(Actor.CITIZEN, reason, day) if reason else None
    offers.citizen_answer(demo.session, account, offer, accept, why, today=day)
    demo.clock.stamp(day, offer)
    return offer


def landlord_says(
    demo: Demo, offer: Offer, day: dt.date, accept: bool = True, reason: str | None = None
) -> Offer:
    why = demo.reason(Actor.LANDLORD, reason, day) if reason else None
    offers.landlord_answer(demo.session, demo.landlord(offer.unit), offer, accept, why, today=day)
    demo.clock.stamp(day, offer)
    return offer


def accepted_offer(demo: Demo, case: Case, unit_key: str, day: dt.date) -> Offer:
    """An offer both the citizen and the landlord said yes to, over about a week."""
    offer = send(demo, propose(demo, case, unit_key, day), day)
    citizen_says(demo, offer, day + dt.timedelta(days=2))
    return landlord_says(demo, offer, day + dt.timedelta(days=5))


# -- leases ---------------------------------------------------------------------------


def house(
    demo: Demo,
    subject: str,
    unit_key: str,
    basis_code: str,
    start: dt.date,
    *,
    model: LeaseModel = LeaseModel.DIRECT,
    term_months: int | None = None,
) -> Lease:
    """Plan, offer, approval and lease starting on ``start``; the offer began 3 weeks before."""
    case = demo.cases[subject]
    offer_day = start - dt.timedelta(days=21)
    offer = accepted_offer(demo, case, unit_key, offer_day)
    basis = demo.basis(basis_code, start)
    months = term_months or basis.max_term_months
    planned_end = add_months(start, months) if basis.time_limited and months else None
    _benefit, share = _share(demo, case, offer.unit, offer_day)
    terms = leases.LeaseTerms(
        legal_basis=basis,
        start_date=start,
        purpose=(
            "Midlertidig bolig med bostøtte, indtil borgeren kan overtage boligen eller "
            "flytte i en varig bolig."
        ),
        lease_model=model,
        planned_end=planned_end,
        next_review=add_months(start, 3),
        citizen_share=share,
    )
    approve_day = offer_day + dt.timedelta(days=8)
    lease = offers.approve(demo.session, demo.caseworker(case), offer, terms, approve_day)
    demo.clock.stamp(approve_day, offer)
    demo.leases[subject] = lease
    return lease


def ensure_plan(demo: Demo, case: Case, start: dt.date) -> None:
    """Goals are agreed before allocation, so the plan comes before any offer."""
    exists = demo.session.scalar(select(func.count(Plan.id)).where(Plan.case_id == case.id))
    if not exists:
        create_plan(demo.session, demo.ref, case, demo.rng, start, demo.today)


def reviews(
    demo: Demo, lease: Lease, since: dt.date, until: dt.date, last_next: dt.date | None = None
) -> None:
    """Quarterly reviews from three months after ``since`` up to ``until``."""
    cw = demo.caseworker(lease.case)
    held = add_months(since, 3)
    while held <= until:
        following = add_months(held, 3)
        if last_next is not None and following > until:
            following = last_next
        leases.hold_review(
            demo.session, cw, lease, held, ReviewDecision.CONTINUE, next_review=following,
            note="Planen er gennemgået med borgeren; støtten fortsætter.",
        )  # fmt: skip
        demo.clock.stamp(held)
        held = add_months(held, 3)


def notice(
    demo: Demo,
    lease: Lease,
    day: dt.date,
    reason: NoticeReason,
    alternative: AlternativeOfferKind,
    details: str,
    **kwargs: Any,
) -> None:
    leases.give_notice(
        demo.session, demo.caseworker(lease.case), lease, reason=reason, notice_date=day,
        alternative_offer=alternative, alternative_details=details, **kwargs,
    )  # fmt: skip
    demo.clock.stamp(day)


def end(
    demo: Demo,
    lease: Lease,
    day: dt.date,
    destination: str,
    note: str,
    occupation: Occupation | None = None,
) -> None:
    leases.end_lease(
        demo.session, demo.caseworker(lease.case), lease, day,
        demo.destination(destination, day), note=note, occupation_at_end=occupation,
    )  # fmt: skip
    demo.clock.stamp(day)


def take_over(demo: Demo, lease: Lease, day: dt.date) -> None:
    leases.take_over(
        demo.session, demo.caseworker(lease.case), lease, day,
        demo.destination("took_over", day),
        note="Borgeren har fast arbejde og overtager boligen på almindelige vilkår.",
    )  # fmt: skip
    demo.clock.stamp(day)


def relapse(demo: Demo, subject: str, day: dt.date, cause: Any, action: str) -> None:
    case = demo.cases[subject]
    leases.record_relapse(
        demo.session, demo.caseworker(case), case, day, cause, action,
        lease=demo.leases.get(subject),
    )  # fmt: skip
    demo.clock.stamp(day)


def breach_then_notice(demo: Demo, lease: Lease) -> None:
    """Arrears reported, a payment demand with 14 days, and only then notice."""
    landlord = demo.landlord(lease.unit) if lease.unit else demo.caseworker(lease.case)
    reported = demo.ago(0, 50)
    breach = leases.report_breach(
        demo.session, landlord, lease, BreachKind.ARREARS, reported,
        arrears_amount=lease.citizen_share * 2, arrears_due_on=reported - dt.timedelta(days=20),
    )  # fmt: skip
    demo.clock.stamp(reported)
    demanded = reported + dt.timedelta(days=2)
    leases.send_payment_demand(demo.session, landlord, lease, breach, demanded)
    demo.clock.stamp(demanded)
    notice(
        demo, lease, demo.ago(0, 30), NoticeReason.BREACH, AlternativeOfferKind.SUPPORTED_HOUSING,
        "Plads i bomiljøet Hyldegården med personale hele dagen, fra opsigelsen har virkning.",
        breach=breach,
    )  # fmt: skip
