"""The matching rules as a table: cases × units × the expected ✔/✖ (or absent) per rule."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from portal.cases.models import Placement
from portal.matching import rules as r
from portal.municipalities.models import TargetGroup as TG
from portal.offers.models import RuleKind
from portal.offers.rules import RuleNotMet, check_rule_results
from portal.units.models import HousingKind


@dataclass(frozen=True)
class Rate:
    rent_share_pct: int = 600
    rent_addition: int = 0
    income_share_pct: int = 180
    income_threshold: int = 171_500
    threshold_per_child: int = 0
    max_yearly_benefit: int = 50_000
    min_own_payment: int = 0


ALL = frozenset(TG)
RATE = Rate()

CASES = {
    "single": r.CaseFacts(frozenset({TG.SOCIAL_PROBLEMS}), placement=Placement.NO_PREFERENCE),
    "family": r.CaseFacts(frozenset({TG.REFUGEES}), adults=2, children=3),
    "wheelchair": r.CaseFacts(
        frozenset({TG.DISABILITY}), needs_wheelchair=True, needs_step_free=True
    ),
    "ground": r.CaseFacts(frozenset({TG.PSYCHOLOGICALLY_VULNERABLE}), needs_ground_floor=True),
    "tight_budget": r.CaseFacts(
        frozenset({TG.SOCIAL_PROBLEMS}), yearly_income=400_000, max_monthly_housing_cost=3000
    ),
    "cluster": r.CaseFacts(frozenset({TG.DISABILITY}), intellectual_disability=True),
    "wishes": r.CaseFacts(frozenset({TG.DISABILITY}), wished_postcodes=frozenset({"8200"})),
}
UNITS = {
    "flat": r.UnitFacts(ALL, rooms=2, floor=2, rent=5000, utilities=500, postcode="8000"),
    "big_groundfloor": r.UnitFacts(ALL, rooms=4, floor=0, step_free=True, wheelchair=True),
    "room": r.UnitFacts(ALL, rooms=1, floor=1, own_kitchen=False, single_room=True, rent=3000),
    "bomiljo": r.UnitFacts(ALL, housing_kind=HousingKind.SUPPORTED, rooms=1, floor=0),
    "no_refugees": r.UnitFacts(ALL - {TG.REFUGEES}, rooms=4, postcode="8200"),
}
BUSY = r.Surroundings(in_building=2, in_postcode=3)
EMPTY = r.Surroundings()
WITH_ONE = r.Surroundings(in_building=1, in_postcode=1)

Y, N, _ = True, False, None  # ✔, ✖, rule does not apply

TABLE = [
    # case, unit, surroundings, {rule: expected}
    (
        "single",
        "flat",
        EMPTY,
        {
            r.TARGET_GROUP: Y,
            r.ROOMS: Y,
            r.SINGLE_ROOM: _,
            r.WHEELCHAIR: _,
            r.OWN_KITCHEN: Y,
            r.AFFORDABLE: Y,
            r.SPREAD: Y,
            r.CLUSTER: _,
        },
    ),
    ("single", "flat", BUSY, {r.SPREAD: N}),
    ("single", "bomiljo", EMPTY, {r.TARGET_GROUP: N}),
    ("single", "room", EMPTY, {r.ROOMS: Y, r.OWN_KITCHEN: N, r.SINGLE_ROOM: _}),
    ("family", "flat", EMPTY, {r.ROOMS: N, r.SINGLE_ROOM: Y, r.SPREAD: Y}),
    ("family", "room", EMPTY, {r.ROOMS: N, r.SINGLE_ROOM: N}),
    ("family", "big_groundfloor", EMPTY, {r.ROOMS: Y, r.TARGET_GROUP: Y}),
    ("family", "no_refugees", EMPTY, {r.TARGET_GROUP: N, r.ROOMS: Y}),
    ("wheelchair", "flat", EMPTY, {r.WHEELCHAIR: N, r.STEP_FREE: N, r.TARGET_GROUP: Y}),
    ("wheelchair", "big_groundfloor", EMPTY, {r.WHEELCHAIR: Y, r.STEP_FREE: Y}),
    ("wheelchair", "bomiljo", EMPTY, {r.TARGET_GROUP: Y, r.WHEELCHAIR: N, r.STEP_FREE: Y}),
    ("ground", "flat", EMPTY, {r.GROUND_FLOOR: N, r.WHEELCHAIR: _}),
    ("ground", "bomiljo", EMPTY, {r.GROUND_FLOOR: Y, r.TARGET_GROUP: Y, r.SPREAD: _}),
    ("tight_budget", "flat", EMPTY, {r.AFFORDABLE: N}),
    ("tight_budget", "room", EMPTY, {r.AFFORDABLE: Y, r.OWN_KITCHEN: N}),
    ("cluster", "flat", EMPTY, {r.CLUSTER: N, r.SPREAD: _}),
    ("cluster", "flat", WITH_ONE, {r.CLUSTER: Y}),
    ("wishes", "flat", EMPTY, {r.WISHED_AREA: N}),
    ("wishes", "no_refugees", EMPTY, {r.WISHED_AREA: Y}),
    ("single", "flat", EMPTY, {r.WISHED_AREA: _}),
]


@pytest.mark.parametrize(("case", "unit", "around", "expected"), TABLE)
def test_rules_table(case: str, unit: str, around: r.Surroundings, expected: dict) -> None:
    results = {res.rule: res for res in r.evaluate(CASES[case], UNITS[unit], around, RATE)}
    for rule, want in expected.items():
        if want is None:
            assert rule not in results, f"{rule} should not apply to {case} × {unit}"
        else:
            assert rule in results, f"{rule} should apply to {case} × {unit}"
            assert results[rule].passed is want, f"{case} × {unit}: {rule} {results[rule]}"


def test_kinds_are_fixed_per_rule() -> None:
    results = r.evaluate(CASES["family"], UNITS["room"], EMPTY, RATE)
    kinds = {res.rule: res.kind for res in results}
    assert kinds[r.TARGET_GROUP] == RuleKind.MUST
    assert kinds[r.SINGLE_ROOM] == RuleKind.MUST_NOT
    assert kinds[r.OWN_KITCHEN] == RuleKind.PREFERRED
    assert kinds[r.AFFORDABLE] == RuleKind.PREFERRED


def test_affordability_figures_are_stored() -> None:
    (aff,) = [
        x
        for x in r.evaluate(CASES["tight_budget"], UNITS["flat"], EMPTY, RATE)
        if x.rule == r.AFFORDABLE
    ]
    # 60 % of 60,000 = 36,000 − 18 % of (400,000 − 171,500) = 41,130 → 0 benefit.
    assert aff.params == {
        "rent": 5000,
        "utilities": 500,
        "benefit_estimate": 0,
        "subsidy": 0,
        "share": 5500,
        "budget": 3000,
    }


def test_benefit_lowers_the_share() -> None:
    poor = r.CaseFacts(frozenset({TG.SOCIAL_PROBLEMS}), yearly_income=100_000)
    (aff,) = [x for x in r.evaluate(poor, UNITS["flat"], EMPTY, RATE) if x.rule == r.AFFORDABLE]
    assert aff.params["benefit_estimate"] == 3000  # 36,000 a year
    assert aff.params["share"] == 2500


def test_a_preferred_rule_can_be_overridden_never_a_must() -> None:
    results = r.evaluate(CASES["wheelchair"], UNITS["flat"], EMPTY, RATE)
    overridden = r.with_overrides(results, {r.WHEELCHAIR: "Near family", r.OWN_KITCHEN: "x"})
    assert all(x.override_reason is None for x in overridden)
    with pytest.raises(RuleNotMet):
        check_rule_results(overridden)

    results = r.evaluate(CASES["single"], UNITS["room"], EMPTY, RATE)
    with pytest.raises(RuleNotMet):
        check_rule_results(results)  # the missing kitchen needs a written reason
    overridden = r.with_overrides(results, {r.OWN_KITCHEN: "Eats at the day centre"})
    assert check_rule_results(overridden) == 2  # within budget and spread out
    assert r.musts_hold(results)
    assert r.failed_musts(r.evaluate(CASES["wheelchair"], UNITS["flat"], EMPTY, RATE)) == [
        r.STEP_FREE,
        r.WHEELCHAIR,
    ]
