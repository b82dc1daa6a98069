"""Each figure against the hand-built data set (tests/unit/reporting/dataset.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy.orm import Session

from portal.municipalities.models import TargetGroup
from portal.reporting import figures
from portal.reporting.figures import Filters
from tests.unit.reporting.dataset import AS_OF, build


def _home(data, **kw) -> Filters:  # type: ignore[no-untyped-def]
    return Filters(municipality_ids=(data.home.id,), as_of=AS_OF, **kw)


def test_housed(db: Session) -> None:
    data = build(db)
    # c1 (3 persons), c2 (2), c3 (1), c4 (1); c5 has an ordinary lease, c6 is elsewhere.
    assert figures.housed(db, _home(data)) == {"households": 4, "persons": 7}
    assert figures.housed(db, _home(data, citizen_group=2)) == {"households": 1, "persons": 1}
    refugees = _home(data, target_group=TargetGroup.REFUGEES)
    assert figures.housed(db, refugees) == {"households": 1, "persons": 1}
    other = Filters(municipality_ids=(data.other.id,), as_of=AS_OF)
    assert figures.housed(db, other) == {"households": 1, "persons": 1}
    everyone = Filters(municipality_ids=None, as_of=AS_OF)
    assert figures.housed(db, everyone) == {"households": 5, "persons": 8}
    assert figures.housed(db, _home(data, legal_basis_code="nope"))["households"] == 0
    assert figures.housed(db, _home(data, legal_basis_code=data.basis_code))["households"] == 4
    # Only c4's lease (started 2025-03-01, still running) overlaps a period from April.
    april = _home(data, period_start=dt.date(2025, 4, 1), period_end=dt.date(2025, 4, 30))
    assert figures.housed(db, april) == {"households": 2, "persons": 2}  # c3 ran to July


def test_time_in_home(db: Session) -> None:
    data = build(db)
    got = figures.time_in_home(db, _home(data))
    # Stays of 30, 60 and 200 days: median 60; inclusive quartiles 45 and 130.
    assert got["count"] == 3
    assert got["median"] == 60
    assert (got["q1"], got["q3"]) == (45, 130)
    assert got["bands"] == [
        ("under_6_months", 2),
        ("6_to_12_months", 1),
        ("12_to_24_months", 0),
        ("24_months_or_more", 0),
    ]
    later = figures.time_in_home(db, _home(data, period_start=dt.date(2025, 6, 1)))
    assert (later["count"], later["median"]) == (1, 200)
    other = figures.time_in_home(db, Filters(municipality_ids=(data.other.id,)))
    assert other["bands"][2] == ("12_to_24_months", 1)  # 400 days


def test_destinations(db: Session) -> None:
    data = build(db)
    got = sorted(
        (r["group"], r["class"], r["count"]) for r in figures.destinations(db, _home(data))
    )
    # c1 permanent (positive for group 1), c2 homeless (negative), c3 permanent (group 2:
    # not classified, so neutral).
    assert got == [
        ("homeless", "negative", 1),
        ("permanent", "neutral", 1),
        ("permanent", "positive", 1),
    ]


def test_still_housed_counts_only_due_follow_ups(db: Session) -> None:
    data = build(db)
    got = {r["months"]: r for r in figures.still_housed(db, _home(data))}
    assert got[6] == dict(months=6, due=2, yes=1, no=0, unknown=1, not_recorded=0)
    assert got[12] == dict(months=12, due=2, yes=0, no=1, unknown=0, not_recorded=1)
    assert got[24] == dict(months=24, due=0, yes=0, no=0, unknown=0, not_recorded=0)
    # A year earlier only c1's 6-month follow-up was due.
    early = {
        r["months"]: r
        for r in figures.still_housed(
            db, Filters(municipality_ids=(data.home.id,), as_of=dt.date(2025, 12, 1))
        )
    }
    assert (early[6]["due"], early[12]["due"]) == (1, 0)


def test_relapses(db: Session) -> None:
    data = build(db)
    assert figures.relapses(db, _home(data)) == [("economy", 2), ("health", 1)]
    # With a legal basis only relapses during a lease count: c4's has none.
    assert figures.relapses(db, _home(data, legal_basis_code=data.basis_code)) == [("economy", 2)]


def test_declines(db: Session) -> None:
    data = build(db)
    assert figures.declines(db, _home(data)) == [
        ("citizen", "too_far", 1),
        ("landlord", "no_fit", 1),
    ]
    assert figures.declines(db, _home(data, period_start=dt.date(2025, 2, 1))) == []


def test_spread(db: Session) -> None:
    data = build(db)
    # Byvej 1: c1, c2, c4; Torvet 2: c3 (c5's ordinary lease does not count).
    assert figures.spread(db, _home(data)) == [("Byvej 1", 3), ("Torvet 2", 1)]
    assert figures.spread(db, _home(data), "postcode") == [("8000", 3), ("8200", 1)]


def test_funnel(db: Session) -> None:
    data = build(db)
    assert figures.funnel(db, _home(data)) == [
        dict(citizen_group=1, proposed=3, accepted=2, approved=1, declined=2),
        dict(citizen_group=2, proposed=1, accepted=1, approved=1, declined=0),
    ]


def test_the_two_year_goal_counts_groups_1_and_2_at_24_months(db: Session) -> None:
    data = build(db)
    # Nothing is due at 24 months yet on AS_OF.
    assert figures.two_year_goal(db, _home(data)) == dict(
        due=0, yes=0, no=0, unknown=0, not_recorded=0
    )
    # On 1 March 2027 c1's 24-month follow-up (group 1, due 1 February 2027) is due and
    # not recorded; c6's is in another municipality and has none.
    later = Filters(municipality_ids=(data.home.id,), as_of=dt.date(2027, 3, 1))
    expected = dict(due=1, yes=0, no=0, unknown=0, not_recorded=1)
    assert figures.two_year_goal(db, later) == expected
    assert figures.two_year_goal(db, replace(later, citizen_group=1)) == expected
    assert figures.two_year_goal(db, replace(later, citizen_group=2))["due"] == 0  # type: ignore[index]
    # Group 3 is not part of the two-year goal.
    assert figures.two_year_goal(db, replace(later, citizen_group=3)) is None
