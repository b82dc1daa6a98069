"""Rules are versioned by valid_from: a later change never rewrites what held before."""

from __future__ import annotations

import datetime as dt

from portal.rules.defaults import install_default_rules
from portal.rules.defaults.legal_bases import EXPERIMENT, INKLUSIONSBOLIG, LEGAL_BASES
from portal.rules.models import (
    Actor,
    DeclineReason,
    ExtensionRule,
    HousingBenefitRate,
    LegalBasis,
    OutcomeClass,
    OutcomeDestination,
    Threshold,
)
from portal.rules.services import (
    business_case_rates,
    current,
    decline_reasons,
    housing_benefit_rate,
    legal_bases,
    outcome_destinations,
    survey_questions,
    threshold,
)

JAN_2026 = dt.date(2026, 1, 1)
JAN_2027 = dt.date(2027, 1, 1)


def test_the_defaults_install_once(db):
    first = install_default_rules(db)
    assert first > 40
    assert install_default_rules(db) == 0
    assert len(legal_bases(db, dt.date(2026, 6, 1))) == len(LEGAL_BASES)


def test_nothing_is_in_force_before_the_first_version(db):
    install_default_rules(db)
    assert current(db, LegalBasis, INKLUSIONSBOLIG, dt.date(2025, 12, 31)) is None
    assert current(db, LegalBasis, INKLUSIONSBOLIG, JAN_2026) is not None


def test_a_later_version_does_not_change_what_held_before(db):
    install_default_rules(db)
    old = current(db, LegalBasis, INKLUSIONSBOLIG, dt.date(2026, 6, 1))
    assert old is not None and old.max_term_months == 24
    db.add(
        LegalBasis(
            code=INKLUSIONSBOLIG,
            valid_from=JAN_2027,
            name=old.name,
            law_reference=old.law_reference,
            time_limited=True,
            max_term_months=36,
            extension_rule=ExtensionRule.WITHIN_MAX,
            allowed_for_integration_act=False,
            texts=old.texts,
        )
    )
    db.flush()

    before = current(db, LegalBasis, INKLUSIONSBOLIG, dt.date(2026, 12, 31))
    after = current(db, LegalBasis, INKLUSIONSBOLIG, dt.date(2027, 1, 1))
    assert before is not None and before.id == old.id and before.max_term_months == 24
    assert after is not None and after.id != old.id and after.max_term_months == 36
    # Listing shows one version per rule: the one in force on the date.
    in_2026 = {b.code: b.max_term_months for b in legal_bases(db, dt.date(2026, 12, 31))}
    in_2027 = {b.code: b.max_term_months for b in legal_bases(db, dt.date(2027, 3, 1))}
    assert in_2026[INKLUSIONSBOLIG] == 24 and in_2027[INKLUSIONSBOLIG] == 36
    assert len(in_2027) == len(LEGAL_BASES)


def test_a_retired_decline_reason_drops_out_only_from_its_date(db):
    install_default_rules(db)
    codes_2026 = [r.code for r in decline_reasons(db, Actor.CITIZEN, dt.date(2026, 6, 1))]
    assert "not_ready" in codes_2026
    db.add(
        DeclineReason(
            actor=Actor.CITIZEN,
            code="not_ready",
            valid_from=JAN_2027,
            consequence="none",
            active=False,
            texts={},
        )
    )
    db.flush()
    assert "not_ready" in [r.code for r in decline_reasons(db, Actor.CITIZEN, dt.date(2026, 12, 1))]
    assert "not_ready" not in [
        r.code for r in decline_reasons(db, Actor.CITIZEN, dt.date(2027, 2, 1))
    ]
    paused = current(db, DeclineReason, "not_ready", dt.date(2026, 6, 1), actor=Actor.CITIZEN)
    assert paused is not None and paused.pause_days == 30


def test_a_new_years_rate_takes_over_from_its_date(db):
    install_default_rules(db)
    rate_2026 = housing_benefit_rate(db, receives_pension=False, on=dt.date(2026, 5, 1))
    assert rate_2026 is not None and rate_2026.income_threshold == 171_500
    pension = housing_benefit_rate(db, receives_pension=True, on=dt.date(2026, 5, 1))
    assert pension is not None and pension.income_threshold == 201_400
    db.add(
        HousingBenefitRate(
            scheme="boligsikring",
            year=2027,
            valid_from=JAN_2027,
            rent_share_pct=600,
            income_share_pct=180,
            income_threshold=175_000,
            max_yearly_benefit=52_000,
            source="test",
        )
    )
    db.flush()
    assert current(db, HousingBenefitRate, "boligsikring", dt.date(2026, 12, 31)).year == 2026
    assert current(db, HousingBenefitRate, "boligsikring", dt.date(2027, 1, 2)).year == 2027


def test_thresholds_and_rates_read_as_of_a_date(db):
    install_default_rules(db)
    on = dt.date(2026, 3, 1)
    assert threshold(db, "offer_response_days", on) == 7
    assert threshold(db, "no_such_threshold", on, default=5) == 5
    db.add(Threshold(code="offer_response_days", value=10, valid_from=dt.date(2026, 7, 1)))
    db.flush()
    assert threshold(db, "offer_response_days", dt.date(2026, 6, 30)) == 7
    assert threshold(db, "offer_response_days", dt.date(2026, 7, 1)) == 10
    rates = business_case_rates(db, on)
    assert rates["shelter_month"] * 12 >= 549_000


def test_default_rules_hold_what_the_design_says(db):
    install_default_rules(db)
    on = dt.date(2026, 3, 1)
    bases = {b.code: b for b in legal_bases(db, on)}
    assert bases[INKLUSIONSBOLIG].goals_before_allocation
    assert bases[EXPERIMENT].max_term_months is None
    assert bases[EXPERIMENT].extension_rule == ExtensionRule.OPEN
    allowed = {code for code, b in bases.items() if b.allowed_for_integration_act}
    assert allowed == {EXPERIMENT, "ordinary"}
    assert not bases["ordinary"].time_limited
    for basis in bases.values():
        assert set(basis.texts) == {"da", "en", "ar", "ti"}
        for text in basis.texts.values():
            assert "§" not in text["explanation"]

    destinations = {d.code: d for d in outcome_destinations(db, on)}
    assert destinations["botilbud_108"].class_for(3) == OutcomeClass.POSITIVE
    assert destinations["botilbud_108"].class_for(1) == OutcomeClass.NEGATIVE
    assert destinations["took_over"].starts_follow_up
    assert not destinations["shelter"].starts_follow_up
    assert isinstance(destinations["street"], OutcomeDestination)

    for actor in Actor:
        assert decline_reasons(db, actor, on), actor
    assert survey_questions(db, "staff", on)
    assert {q.code for q in survey_questions(db, "citizen", on)} >= {
        "more_independent",
        "safe_at_home",
        "support_coherent",
    }
