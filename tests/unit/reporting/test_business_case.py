"""The business case against the hand-built data set and rates set in the test."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from portal.municipalities.models import TargetGroup
from portal.reporting.business_case import business_case, rate_sources
from portal.reporting.figures import Filters
from portal.rules.models import BusinessCaseRate
from tests.unit.reporting.dataset import AS_OF, build

RATES = {
    "support_month": 7000,
    "rent_subsidy_month": 1000,
    "shelter_month": 45000,
    "botilbud_107_month": 58000,
}


def test_business_case_per_target_group(db: Session) -> None:
    data = build(db)
    for code, amount in RATES.items():
        db.add(
            BusinessCaseRate(
                code=code, amount=amount, source=f"Kilde {code}", valid_from=dt.date(2026, 6, 1)
            )
        )
    db.flush()
    rows = {
        r["target_group"]: r
        for r in business_case(db, Filters(municipality_ids=(data.home.id,), as_of=AS_OF))
    }
    # Social problems: c1 30 days, c2 60, c4 from 2025-03-01 to 2026-12-01 = 640 days;
    # 730 days / 30.44 = 23.98 -> 24.0 months; 8,000 kr a month against 45,000 kr.
    social = rows[TargetGroup.SOCIAL_PROBLEMS.value]
    assert (social["citizens"], social["months"]) == (3, 24.0)
    assert (social["temporary"], social["alternative"]) == (192_000, 1_080_000)
    assert (social["saving"], social["saving_per_citizen"]) == (888_000, 296_000)
    # Refugees: c3 200 days = 6.57 -> 6.6 months.
    refugees = rows[TargetGroup.REFUGEES.value]
    assert (refugees["citizens"], refugees["months"]) == (1, 6.6)
    assert (refugees["temporary"], refugees["alternative"]) == (52_800, 297_000)
    assert rows[TargetGroup.DISABILITY.value]["citizens"] == 0
    assert rows[TargetGroup.DISABILITY.value]["saving_per_citizen"] is None
    sources = {r["code"]: r["source"] for r in rate_sources(db, Filters(None, as_of=AS_OF))}
    assert sources["shelter_month"] == "Kilde shelter_month"


def test_business_case_one_target_group(db: Session) -> None:
    data = build(db)
    rows = business_case(
        db,
        Filters(municipality_ids=(data.home.id,), as_of=AS_OF, target_group=TargetGroup.REFUGEES),
    )
    assert [r["target_group"] for r in rows] == ["refugees"]
