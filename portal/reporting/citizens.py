"""The citizens' own view and their way into education or work: SQL aggregates, like
:mod:`portal.reporting.figures`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, case, cast, exists, extract, func, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import ColumnElement

from portal.cases.models import Case, Occupation
from portal.leases.models import Lease
from portal.outcomes.models import SurveyAnswer
from portal.reporting.figures import Filters, _in_period, _temporary_leases, case_conditions
from portal.rules.models import LegalBasis, SurveyQuestion

# Education or work of any kind, for the "into education or work" line.
IN_EDUCATION_OR_WORK = (Occupation.EDUCATION, Occupation.WORK, Occupation.SUPPORTED_WORK)


def _had_basis(filters: Filters) -> list[ColumnElement[bool]]:
    """With a legal-basis filter: the case had a lease on that basis."""
    if filters.legal_basis_code is None:
        return []
    lease = aliased(Lease)
    return [
        exists().where(
            lease.case_id == Case.id,
            lease.legal_basis_id.in_(
                select(LegalBasis.id).where(LegalBasis.code == filters.legal_basis_code)
            ),
        )
    ]


def survey_over_time(session: Session, filters: Filters) -> list[dict[str, Any]]:
    """Citizens' answers (1–5) answered in the period, per question and calendar
    quarter: the number of answers and their average (two decimals). Staff answers
    (the staff survey) are not counted here. Questions in their survey order."""
    month = cast(extract("month", SurveyAnswer.answered_on), Integer)
    year = cast(extract("year", SurveyAnswer.answered_on), Integer).label("year")
    quarter = case((month <= 3, 1), (month <= 6, 2), (month <= 9, 3), else_=4).label("quarter")
    stmt = (
        select(
            SurveyQuestion.code,
            year,
            quarter,
            func.count(SurveyAnswer.id),
            func.avg(SurveyAnswer.value),
        )
        .join(SurveyQuestion, SurveyQuestion.id == SurveyAnswer.question_id)
        .join(Case, Case.id == SurveyAnswer.case_id)
        .where(
            SurveyQuestion.audience == "citizen",
            *case_conditions(filters),
            *_had_basis(filters),
            *_in_period(SurveyAnswer.answered_on, filters),
        )
        .group_by(SurveyQuestion.code, year, quarter)
        .order_by(func.min(SurveyQuestion.position), SurveyQuestion.code, year, quarter)
    )
    return [
        {
            "question": code,
            "year": int(y),
            "quarter": int(q),
            "answers": int(n),
            "average": round(float(avg), 2),
        }
        for code, y, q, n, avg in session.execute(stmt)
    ]


def occupation(session: Session, filters: Filters) -> dict[str, Any]:
    """Education or work at the start and at the end, for the citizens with a
    time-limited lease in the period whose end is recorded (``occupation_at_end`` set):
    counts per status at start and at end, in the order of :class:`Occupation`, and how
    many were in education or work of any kind at each end."""
    ids = (
        select(Lease.case_id)
        .join(Case, Case.id == Lease.case_id)
        .where(*_temporary_leases(filters))
    )
    ended = [Case.id.in_(ids), Case.occupation_at_end.is_not(None)]
    at_start = dict(
        session.execute(
            select(Case.occupation_at_start, func.count(Case.id))
            .where(*ended)
            .group_by(Case.occupation_at_start)
        ).all()
    )
    at_end = dict(
        session.execute(
            select(Case.occupation_at_end, func.count(Case.id))
            .where(*ended)
            .group_by(Case.occupation_at_end)
        ).all()
    )
    rows = [
        {"status": o.value, "start": int(at_start.get(o, 0)), "end": int(at_end.get(o, 0))}
        for o in Occupation
    ]
    return {
        "citizens": sum(r["start"] for r in rows),
        "rows": rows,
        "working_start": sum(r["start"] for r in rows if r["status"] in IN_EDUCATION_OR_WORK),
        "working_end": sum(r["end"] for r in rows if r["status"] in IN_EDUCATION_OR_WORK),
    }
