"""The default rule rows of the experiment, from DESIGN.md, installed as data.

``install_default_rules`` is idempotent: a row whose natural key (its code, or actor and
code, or scheme and year, together with ``valid_from``) is already there is left as it
is, so running it again, or after an administrator has edited a row, changes nothing.
A later version of a rule is a new row with a later ``valid_from``.

Texts are per locale (da, en, ar, ti): legal bases and decline reasons carry ``label``
and ``explanation`` or ``consequence``; destinations ``label``; survey questions
``question``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.rules.defaults.decline_reasons import DECLINE_REASONS
from portal.rules.defaults.legal_bases import LEGAL_BASES
from portal.rules.defaults.outcomes import OUTCOME_DESTINATIONS
from portal.rules.defaults.rates import BUSINESS_CASE_RATES, HOUSING_BENEFIT_RATES, THRESHOLDS
from portal.rules.defaults.surveys import SURVEY_QUESTIONS
from portal.rules.models import (
    BusinessCaseRate,
    DeclineReason,
    HousingBenefitRate,
    LegalBasis,
    OutcomeClassification,
    OutcomeDestination,
    SurveyQuestion,
    Threshold,
)

DEFAULT_VALID_FROM = dt.date(2026, 1, 1)

__all__ = [
    "BUSINESS_CASE_RATES",
    "DECLINE_REASONS",
    "DEFAULT_VALID_FROM",
    "HOUSING_BENEFIT_RATES",
    "LEGAL_BASES",
    "OUTCOME_DESTINATIONS",
    "SURVEY_QUESTIONS",
    "THRESHOLDS",
    "install_default_rules",
]


def _exists(session: Session, model: type[Any], valid_from: dt.date, **key: Any) -> bool:
    stmt = select(model.id).filter_by(valid_from=valid_from, **key).limit(1)
    return session.scalar(stmt) is not None


def install_default_rules(session: Session, valid_from: dt.date = DEFAULT_VALID_FROM) -> int:
    """Add the default rule rows in force from ``valid_from``; return how many were added.

    Rows already present for that date are kept unchanged. The caller commits.
    """
    added: list[Any] = []
    for row in LEGAL_BASES:
        if not _exists(session, LegalBasis, valid_from, code=row["code"]):
            added.append(LegalBasis(valid_from=valid_from, **row))
    for row in HOUSING_BENEFIT_RATES:
        if not _exists(
            session, HousingBenefitRate, valid_from, scheme=row["scheme"], year=row["year"]
        ):
            added.append(HousingBenefitRate(valid_from=valid_from, **row))
    for row in DECLINE_REASONS:
        if not _exists(session, DeclineReason, valid_from, actor=row["actor"], code=row["code"]):
            added.append(DeclineReason(valid_from=valid_from, **row))
    for position, row in enumerate(OUTCOME_DESTINATIONS, start=1):
        if _exists(session, OutcomeDestination, valid_from, code=row["code"]):
            continue
        fields = {k: v for k, v in row.items() if k != "classes"}
        destination = OutcomeDestination(valid_from=valid_from, position=position * 10, **fields)
        destination.classes = [
            OutcomeClassification(citizen_group=group, outcome_class=cls)
            for group, cls in row["classes"].items()
        ]
        added.append(destination)
    for row in BUSINESS_CASE_RATES:
        if not _exists(session, BusinessCaseRate, valid_from, code=row["code"]):
            added.append(BusinessCaseRate(valid_from=valid_from, **row))
    for row in SURVEY_QUESTIONS:
        if not _exists(session, SurveyQuestion, valid_from, code=row["code"]):
            added.append(SurveyQuestion(valid_from=valid_from, **row))
    for row in THRESHOLDS:
        if not _exists(session, Threshold, valid_from, code=row["code"]):
            added.append(Threshold(valid_from=valid_from, **row))
    session.add_all(added)
    session.flush()
    return len(added)
