"""The housing-benefit estimate and the monthly share, worked out by hand.

Rates are the 2026 figures: boligsikring 60 % of the yearly rent minus 18 % of income
above 171,500 kr (+45,200 per child after the first, up to four), at most 50,760 kr a
year, own payment at least 28,900 kr; boligydelse 75 % of (rent + 8,500 kr) minus 22.5 %
of income above 201,400 kr (+53,100 per child after the first), at most 59,628 kr a year,
own payment at least 21,300 kr.
"""

from __future__ import annotations

import pytest

from portal.rules.models import BenefitScheme, HousingBenefitRate
from portal.rules.services import estimate_housing_benefit, monthly_share


@pytest.fixture
def boligsikring() -> HousingBenefitRate:
    return HousingBenefitRate(
        scheme=BenefitScheme.BOLIGSIKRING,
        year=2026,
        rent_share_pct=600,
        rent_addition=0,
        income_share_pct=180,
        income_threshold=171_500,
        threshold_per_child=45_200,
        max_yearly_benefit=50_760,
        min_own_payment=28_900,
        source="test",
    )


@pytest.fixture
def boligydelse() -> HousingBenefitRate:
    return HousingBenefitRate(
        scheme=BenefitScheme.BOLIGYDELSE,
        year=2026,
        rent_share_pct=750,
        rent_addition=8_500,
        income_share_pct=225,
        income_threshold=201_400,
        threshold_per_child=53_100,
        max_yearly_benefit=59_628,
        min_own_payment=21_300,
        source="test",
    )


def test_income_above_the_threshold_reduces_the_benefit(boligsikring):
    # 8,000 × 12 = 96,000; 60 % = 57,600. Income 271,500 is 100,000 above 171,500;
    # 18 % of it = 18,000. 57,600 − 18,000 = 39,600 a year (below both caps) = 3,300.
    assert estimate_housing_benefit(boligsikring, 8_000, 271_500, 0, True) == 3_300


def test_the_household_pays_at_least_its_own_payment(boligsikring):
    # 5,000 × 12 = 60,000; 60 % = 36,000; income below the threshold. But the tenant
    # pays at least 28,900 of 60,000 itself: at most 31,100 a year; 31,100 / 12 = 2,591.66.
    assert estimate_housing_benefit(boligsikring, 5_000, 150_000, 0, True) == 2_591


def test_the_benefit_is_capped_at_the_yearly_maximum(boligsikring):
    # Three children raise the threshold by 2 × 45,200: 261,900. Income 271,500 is 9,600
    # above; 18 % = 1,728. 57,600 − 1,728 = 55,872, above the cap 50,760 = 4,230 a month.
    assert estimate_housing_benefit(boligsikring, 8_000, 271_500, 3, True) == 4_230


def test_children_after_the_fourth_do_not_raise_the_threshold(boligsikring):
    # Five children count as three after the first: 171,500 + 3 × 45,200 = 307,100.
    # Income 400,000 is 92,900 above; 18 % = 16,722. 57,600 − 16,722 = 40,878 a year;
    # 40,878 / 12 = 3,406.5. (Counting four would give 4,084.)
    assert estimate_housing_benefit(boligsikring, 8_000, 400_000, 5, True) == 3_406


def test_one_child_does_not_raise_the_threshold(boligsikring):
    # The same as with no children: 3,300 (see the first test).
    assert estimate_housing_benefit(boligsikring, 8_000, 271_500, 1, True) == 3_300


def test_a_high_income_gets_nothing(boligsikring):
    # 36,000 − 18 % × (500,000 − 171,500) = 36,000 − 59,130 < 0.
    assert estimate_housing_benefit(boligsikring, 5_000, 500_000, 0, True) == 0


def test_no_kitchen_or_a_single_room_gets_nothing(boligsikring):
    assert estimate_housing_benefit(boligsikring, 8_000, 100_000, 0, False) == 0


def test_boligydelse_adds_to_the_rent_before_its_share(boligydelse):
    # (5,000 × 12 + 8,500) × 75 % = 68,500 × 0.75 = 51,375. Income 301,400 is 100,000
    # above 201,400; 22.5 % = 22,500. 51,375 − 22,500 = 28,875; own payment leaves at most
    # 60,000 − 21,300 = 38,700. 28,875 / 12 = 2,406.25.
    assert estimate_housing_benefit(boligydelse, 5_000, 301_400, 0, True) == 2_406


def test_boligydelse_is_capped(boligydelse):
    # (108,000 + 8,500) × 75 % = 87,375; income below the threshold; cap 59,628 = 4,969;
    # own payment leaves 108,000 − 21,300 = 86,700, not binding.
    assert estimate_housing_benefit(boligydelse, 9_000, 150_000, 0, True) == 4_969


def test_monthly_share_subtracts_benefit_and_subsidy():
    # 6,000 rent + 700 utilities − 2,000 benefit − 500 subsidy.
    assert monthly_share(6_000, 700, 2_000, 500) == 4_200


def test_monthly_share_is_never_negative():
    assert monthly_share(3_000, 0, 2_500, 1_000) == 0
