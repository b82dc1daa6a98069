"""The spread above the limit, the clusters, the citizens' own answers over time and
education or work at start and end, against the hand-built data set
(tests/unit/reporting/dataset.py); the answers are worked out by hand in the comments."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from portal.reporting import citizens, placement
from portal.reporting.figures import Filters
from tests.unit.reporting.dataset import AS_OF, build


def _home(data, **kw) -> Filters:  # type: ignore[no-untyped-def]
    return Filters(municipality_ids=(data.home.id,), as_of=AS_OF, **kw)


def test_buildings_above_limit_uses_the_limit_in_force(db: Session) -> None:
    data = build(db)
    # Byvej 1 holds c1, c2, c4 (3), Torvet 2 holds c3 (1). On 2026-12-01 the limit is 3:
    # no building is above it.
    assert placement.buildings_above_limit(db, _home(data)) == {
        "limit": 3,
        "buildings": 2,
        "above": 0,
        "share": 0.0,
        "listed": [],
    }
    # A period ending in 2025 reads the limit then in force, 2: Byvej 1 is above, 1 of 2.
    in_2025 = _home(data, period_end=dt.date(2025, 12, 31))
    assert placement.buildings_above_limit(db, in_2025) == {
        "limit": 2,
        "buildings": 2,
        "above": 1,
        "share": 50.0,
        "listed": [("Byvej 1", 3)],
    }
    other = Filters(municipality_ids=(data.other.id,), as_of=AS_OF)
    got = placement.buildings_above_limit(db, other)
    assert (got["buildings"], got["above"]) == (1, 0)
    nobody = placement.buildings_above_limit(db, Filters(municipality_ids=(), as_of=AS_OF))
    assert (nobody["buildings"], nobody["share"]) == (0, None)


def test_clusters_of_citizens_meant_to_live_together(db: Session) -> None:
    data = build(db)
    # Meant to live together: c1 and c4 in Byvej 1 (a cluster of 2), c3 alone in Torvet 2.
    # c2 wishes to be spread out; c5 has an ordinary lease; c6 lives elsewhere. No
    # threshold row for clusters: the default limit 6.
    assert placement.clusters(db, _home(data)) == {
        "limit": 6,
        "participants": 3,
        "in_cluster": 2,
        "clusters": 1,
        "above_limit": 0,
        "listed": [("Byvej 1", 2), ("Torvet 2", 1)],
    }
    group2 = placement.clusters(db, _home(data, citizen_group=2))
    assert (group2["participants"], group2["in_cluster"], group2["clusters"]) == (1, 0, 0)


def test_survey_over_time(db: Session) -> None:
    data = build(db)
    # more_independent (position 10): Q1 2025 (2 + 3) / 2 = 2.5, Q3 2025 4;
    # safe_at_home (20): Q2 2025 (4 + 5 + 4) / 3 = 4.33. The staff question is left out.
    assert citizens.survey_over_time(db, _home(data)) == [
        dict(question="more_independent", year=2025, quarter=1, answers=2, average=2.5),
        dict(question="more_independent", year=2025, quarter=3, answers=1, average=4.0),
        dict(question="safe_at_home", year=2025, quarter=2, answers=3, average=4.33),
    ]
    later = citizens.survey_over_time(db, _home(data, period_start=dt.date(2025, 4, 1)))
    assert [(r["question"], r["quarter"], r["answers"]) for r in later] == [
        ("more_independent", 3, 1),
        ("safe_at_home", 2, 3),
    ]
    group2 = citizens.survey_over_time(db, _home(data, citizen_group=2))
    assert group2 == [dict(question="safe_at_home", year=2025, quarter=2, answers=1, average=5.0)]
    # Everyone: c6's 5 joins Q1, (2 + 3 + 5) / 3 = 3.33.
    everyone = citizens.survey_over_time(db, Filters(municipality_ids=None, as_of=AS_OF))
    assert everyone[0] == dict(
        question="more_independent", year=2025, quarter=1, answers=3, average=3.33
    )
    assert citizens.survey_over_time(db, _home(data, legal_basis_code="nope")) == []


def test_occupation_at_start_and_end(db: Session) -> None:
    data = build(db)
    # With an end recorded and a time-limited lease: c1 none -> work, c2 education ->
    # education. c3 and c4 have no end; c5 (ordinary lease) and c6 (elsewhere) do not count.
    got = citizens.occupation(db, _home(data))
    assert got["citizens"] == 2
    assert {r["status"]: (r["start"], r["end"]) for r in got["rows"]} == {
        "none": (1, 0),
        "education": (1, 1),
        "work": (0, 1),
        "supported_work": (0, 0),
        "unknown": (0, 0),
    }
    assert (got["working_start"], got["working_end"]) == (1, 2)
    assert citizens.occupation(db, _home(data, citizen_group=2))["citizens"] == 0
