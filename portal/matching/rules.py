"""The matching rules: readable rules, each must / must not / preferred, per (case, unit).

Pure: no database, no request. The caller gathers the facts (:class:`CaseFacts`,
:class:`UnitFacts`, :class:`Surroundings`) and gets back one
:class:`portal.offers.rules.RuleResult` per rule that applies, with the figures behind
it, which the offer stores. There is deliberately no single score of the citizen: the
order of candidates is "all must rules hold", then the number of preferred rules met.

A rule that does not apply to the case (no wheelchair need, no wished area) is left
out rather than shown as met, so the caseworker reads only what matters for this
citizen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from portal.cases.models import Case, Placement
from portal.municipalities.models import TargetGroup
from portal.offers.models import RuleKind
from portal.offers.rules import RuleResult
from portal.rules.services import BenefitRate, estimate_housing_benefit, monthly_share
from portal.units.models import HousingKind, Unit

# Rule codes, stored with each offer (OfferRuleResult.rule).
TARGET_GROUP = "target_group"
ROOMS = "rooms"
SINGLE_ROOM = "single_room"
STEP_FREE = "step_free"
GROUND_FLOOR = "ground_floor"
WHEELCHAIR = "wheelchair"
OWN_KITCHEN = "kitchen_for_benefit"
AFFORDABLE = "within_budget"
CLUSTER = "cluster"
SPREAD = "spread"
WISHED_AREA = "wished_area"

RULE_ORDER = (
    TARGET_GROUP,
    ROOMS,
    SINGLE_ROOM,
    STEP_FREE,
    GROUND_FLOOR,
    WHEELCHAIR,
    OWN_KITCHEN,
    AFFORDABLE,
    CLUSTER,
    SPREAD,
    WISHED_AREA,
)
PREFERRED_RULES = (OWN_KITCHEN, AFFORDABLE, CLUSTER, SPREAD, WISHED_AREA)

# Which target groups a housing kind suits. A bomiljø (ABL § 105) is supported housing
# for citizens with a disability or a psychological vulnerability; the other kinds are
# ordinary homes that suit every group.
_KIND_SUITS: dict[HousingKind, frozenset[TargetGroup]] = {
    HousingKind.SUPPORTED: frozenset(
        {TargetGroup.DISABILITY, TargetGroup.PSYCHOLOGICALLY_VULNERABLE}
    ),
}
# Groups best spread out (DESIGN.md, placement): socially vulnerable citizens, refugees.
_SPREAD_GROUPS = frozenset({TargetGroup.SOCIAL_PROBLEMS, TargetGroup.REFUGEES})


@dataclass(frozen=True)
class CaseFacts:
    """What the rules read of a case."""

    target_groups: frozenset[TargetGroup]
    adults: int = 1
    children: int = 0
    min_rooms: int = 1
    needs_step_free: bool = False
    needs_ground_floor: bool = False
    needs_wheelchair: bool = False
    yearly_income: int = 0
    max_monthly_housing_cost: int | None = None
    rent_subsidy: int = 0
    placement: Placement = Placement.NO_PREFERENCE
    intellectual_disability: bool = False
    wished_postcodes: frozenset[str] = frozenset()

    @property
    def household_size(self) -> int:
        return self.adults + self.children

    @classmethod
    def of(cls, case: Case) -> CaseFacts:
        return cls(
            target_groups=frozenset(case.target_group_set),
            adults=case.adults,
            children=case.children,
            min_rooms=case.min_rooms,
            needs_step_free=case.needs_step_free,
            needs_ground_floor=case.needs_ground_floor,
            needs_wheelchair=case.needs_wheelchair,
            yearly_income=case.yearly_income,
            max_monthly_housing_cost=case.max_monthly_housing_cost,
            rent_subsidy=case.rent_subsidy,
            placement=case.placement,
            intellectual_disability=case.intellectual_disability,
            wished_postcodes=frozenset(a.postcode for a in case.wished_areas),
        )


@dataclass(frozen=True)
class UnitFacts:
    """What the rules read of a unit, with the target groups its municipality takes."""

    municipality_groups: frozenset[TargetGroup]
    housing_kind: HousingKind = HousingKind.FAMILY
    rooms: int = 2
    floor: int | None = 1
    step_free: bool = False
    lift: bool = False
    wheelchair: bool = False
    own_kitchen: bool = True
    single_room: bool = False
    rent: int = 5000
    utilities: int = 0
    postcode: str = "8000"

    @property
    def gets_housing_benefit(self) -> bool:
        return self.own_kitchen and not self.single_room

    @classmethod
    def of(cls, unit: Unit, municipality_groups: Collection[TargetGroup]) -> UnitFacts:
        return cls(
            municipality_groups=frozenset(municipality_groups),
            housing_kind=unit.housing_kind,
            rooms=unit.rooms,
            floor=unit.floor,
            step_free=unit.step_free,
            lift=unit.lift,
            wheelchair=unit.wheelchair,
            own_kitchen=unit.own_kitchen,
            single_room=unit.single_room,
            rent=unit.rent,
            utilities=unit.utilities_on_account,
            postcode=unit.postcode,
        )


@dataclass(frozen=True)
class Surroundings:
    """Participants already living (live leases) in the unit's building and postcode, and
    the placement thresholds in force."""

    in_building: int = 0
    in_postcode: int = 0
    max_per_building: int = 2
    cluster_max_per_building: int = 6
    max_per_postcode: int = 12


def rooms_needed(facts: CaseFacts) -> int:
    """The case's own minimum, and at least one room per two people in the household."""
    return max(facts.min_rooms, (facts.household_size + 1) // 2, 1)


def placement_wish(facts: CaseFacts) -> Placement:
    """Cluster for an intellectual disability, spread for socially vulnerable citizens and
    refugees, unless the case states its own preference."""
    if facts.placement != Placement.NO_PREFERENCE:
        return facts.placement
    if facts.intellectual_disability:
        return Placement.CLUSTER
    if facts.target_groups & _SPREAD_GROUPS:
        return Placement.SPREAD
    return Placement.NO_PREFERENCE


def _result(rule: str, kind: RuleKind, passed: bool, **params: Any) -> RuleResult:
    return RuleResult(rule, kind, bool(passed), params)


def evaluate(
    case: CaseFacts,
    unit: UnitFacts,
    surroundings: Surroundings,
    benefit_rate: BenefitRate | None,
) -> list[RuleResult]:
    """Every rule that applies to this case and unit, in :data:`RULE_ORDER`."""
    results: list[RuleResult] = []
    taken = case.target_groups & unit.municipality_groups
    suits = _KIND_SUITS.get(unit.housing_kind)
    suited = taken if suits is None else taken & suits
    results.append(
        _result(
            TARGET_GROUP,
            RuleKind.MUST,
            bool(suited),
            groups=sorted(case.target_groups),
            municipality_takes=bool(taken),
            housing_kind=unit.housing_kind.value,
        )
    )
    needed = rooms_needed(case)
    results.append(
        _result(
            ROOMS,
            RuleKind.MUST,
            unit.rooms >= needed,
            rooms=unit.rooms,
            needed=needed,
            household=case.household_size,
        )
    )
    if case.household_size > 1:
        results.append(
            _result(
                SINGLE_ROOM,
                RuleKind.MUST_NOT,
                not unit.single_room,
                household=case.household_size,
            )
        )
    if case.needs_step_free:
        step_free = unit.step_free or unit.lift or unit.floor == 0
        results.append(
            _result(STEP_FREE, RuleKind.MUST, step_free, lift=unit.lift, floor=unit.floor)
        )
    if case.needs_ground_floor:
        results.append(_result(GROUND_FLOOR, RuleKind.MUST, unit.floor == 0, floor=unit.floor))
    if case.needs_wheelchair:
        results.append(_result(WHEELCHAIR, RuleKind.MUST, unit.wheelchair))
    results.append(_result(OWN_KITCHEN, RuleKind.PREFERRED, unit.gets_housing_benefit))
    benefit = (
        estimate_housing_benefit(
            benefit_rate, unit.rent, case.yearly_income, case.children, unit.gets_housing_benefit
        )
        if benefit_rate is not None
        else 0
    )
    share = monthly_share(unit.rent, unit.utilities, benefit, case.rent_subsidy)
    budget = case.max_monthly_housing_cost
    results.append(
        _result(
            AFFORDABLE,
            # Preferred: the budget is the caseworker's own estimate, so a home a little
            # above it may be offered, with the reason written down.
            RuleKind.PREFERRED,
            budget is None or share <= budget,
            rent=unit.rent,
            utilities=unit.utilities,
            benefit_estimate=benefit,
            subsidy=case.rent_subsidy,
            share=share,
            budget=budget,
        )
    )
    wish = placement_wish(case)
    if wish == Placement.CLUSTER:
        results.append(
            _result(
                CLUSTER,
                RuleKind.PREFERRED,
                0 < surroundings.in_building < surroundings.cluster_max_per_building,
                in_building=surroundings.in_building,
                limit=surroundings.cluster_max_per_building,
            )
        )
    elif wish == Placement.SPREAD:
        results.append(
            _result(
                SPREAD,
                RuleKind.PREFERRED,
                surroundings.in_building < surroundings.max_per_building
                and surroundings.in_postcode < surroundings.max_per_postcode,
                in_building=surroundings.in_building,
                max_building=surroundings.max_per_building,
                in_postcode=surroundings.in_postcode,
                max_postcode=surroundings.max_per_postcode,
            )
        )
    if case.wished_postcodes:
        results.append(
            _result(
                WISHED_AREA,
                RuleKind.PREFERRED,
                unit.postcode in case.wished_postcodes,
                postcode=unit.postcode,
                wished=sorted(case.wished_postcodes),
            )
        )
    return results


def musts_hold(results: Sequence[RuleResult]) -> bool:
    """True when no must / must-not rule fails: the unit may be offered."""
    return all(r.passed for r in results if r.kind != RuleKind.PREFERRED)


def failed_musts(results: Sequence[RuleResult]) -> list[str]:
    return [r.rule for r in results if r.kind != RuleKind.PREFERRED and not r.passed]


def preferred_met(results: Sequence[RuleResult]) -> int:
    return sum(1 for r in results if r.kind == RuleKind.PREFERRED and r.passed)


def with_overrides(results: Sequence[RuleResult], reasons: dict[str, str]) -> list[RuleResult]:
    """Attach the caseworker's written reasons to preferred rules that are not met.

    A reason given for a must rule, or for a rule that is met, is ignored: a must rule
    can never be overridden (and :func:`portal.offers.rules.check_rule_results` refuses
    the offer anyway).
    """
    out = []
    for r in results:
        reason = (reasons.get(r.rule) or "").strip()
        if reason and r.kind == RuleKind.PREFERRED and not r.passed:
            out.append(RuleResult(r.rule, r.kind, r.passed, r.params, override_reason=reason))
        else:
            out.append(r)
    return out


def waiting_days(waiting_since: dt.date, today: dt.date) -> int:
    return max(0, (today - waiting_since).days)


__all__ = [
    "CaseFacts",
    "Surroundings",
    "UnitFacts",
    "evaluate",
    "failed_musts",
    "musts_hold",
    "placement_wish",
    "preferred_met",
    "rooms_needed",
    "with_overrides",
]
