"""The export for the external evaluator: rows without CPR, names or addresses, a
stable pseudonym per citizen, and aggregate tables with small cells suppressed.

No free-text field is exported (notes, actions): a caseworker may have written a name
in one. The pseudonym is an HMAC of the case id under the CPR hash key with a fixed
label, so it is stable between exports but cannot be turned back into a case without
the key.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.cases.models import Case, CaseTargetGroup
from portal.leases.models import Lease
from portal.municipalities.models import Municipality
from portal.outcomes.models import FollowUp, Outcome, Relapse, SurveyAnswer
from portal.reporting import figures
from portal.reporting.figures import Filters, case_conditions
from portal.rules.models import LegalBasis, OutcomeDestination, SurveyQuestion
from portal.units.models import Unit

PSEUDONYM_LABEL = b"boligbro-evaluation-pseudonym-v1:"
SMALL_CELL = 5  # counts from 1 to 4 are shown as "<5"


def pseudonym(key: bytes, case_id: int) -> str:
    """A stable pseudonym for the citizen of ``case_id``."""
    digest = hmac.new(key, PSEUDONYM_LABEL + str(case_id).encode(), hashlib.sha256)
    return digest.hexdigest()[:20]


def suppress(count: int) -> str:
    """A count as exported in an aggregate table: fewer than 5 (but not 0) hidden."""
    return f"<{SMALL_CELL}" if 0 < count < SMALL_CELL else str(count)


def _value(v: Any) -> Any:
    return getattr(v, "value", v) if v is not None else ""


def _cases(f: Filters) -> Any:
    return (
        select(
            Case.id,
            Municipality.code,
            Case.citizen_group,
            Case.housing_situation,
            Case.adults,
            Case.children,
            Case.occupation_at_start,
            Case.occupation_at_end,
            Case.status,
            Case.waiting_since,
        )
        .join(Municipality, Municipality.id == Case.municipality_id)
        .where(*case_conditions(f))
        .order_by(Case.id)
    )


def _case_groups(f: Filters) -> Any:
    return (
        select(CaseTargetGroup.case_id, CaseTargetGroup.target_group)
        .join(Case, Case.id == CaseTargetGroup.case_id)
        .where(*case_conditions(f))
        .order_by(CaseTargetGroup.case_id, CaseTargetGroup.target_group)
    )


def _leases(f: Filters) -> Any:
    return (
        select(
            Lease.case_id,
            Lease.id,
            LegalBasis.code,
            Lease.lease_model,
            Unit.housing_kind,
            Lease.start_date,
            Lease.planned_end,
            Lease.ended_on,
            Lease.status,
            Lease.rent,
            Lease.subsidy,
        )
        .join(Case, Case.id == Lease.case_id)
        .join(LegalBasis, LegalBasis.id == Lease.legal_basis_id)
        .outerjoin(Unit, Unit.id == Lease.unit_id)
        .where(*case_conditions(f))
        .order_by(Lease.id)
    )


def _outcomes(f: Filters) -> Any:
    return (
        select(
            Outcome.case_id,
            Outcome.lease_id,
            OutcomeDestination.code,
            OutcomeDestination.group,
            Outcome.moved_on,
        )
        .join(Case, Case.id == Outcome.case_id)
        .join(OutcomeDestination, OutcomeDestination.id == Outcome.destination_id)
        .where(*case_conditions(f))
        .order_by(Outcome.id)
    )


def _follow_ups(f: Filters) -> Any:
    return (
        select(
            Outcome.case_id,
            FollowUp.months,
            FollowUp.due_on,
            FollowUp.still_housed,
            FollowUp.answered_on,
        )
        .join(Outcome, Outcome.id == FollowUp.outcome_id)
        .join(Case, Case.id == Outcome.case_id)
        .where(*case_conditions(f))
        .order_by(FollowUp.id)
    )


def _relapses(f: Filters) -> Any:
    return (
        select(Relapse.case_id, Relapse.lease_id, Relapse.occurred_on, Relapse.cause)
        .join(Case, Case.id == Relapse.case_id)
        .where(*case_conditions(f))
        .order_by(Relapse.id)
    )


def _survey(f: Filters) -> Any:
    return (
        select(
            SurveyAnswer.case_id, SurveyQuestion.code, SurveyAnswer.value, SurveyAnswer.answered_on
        )
        .join(Case, Case.id == SurveyAnswer.case_id)
        .join(SurveyQuestion, SurveyQuestion.id == SurveyAnswer.question_id)
        .where(*case_conditions(f))
        .order_by(SurveyAnswer.id)
    )


# Name -> (header, query); the first column of every query is the case id, exported
# only as its pseudonym.
TABLES: dict[str, tuple[tuple[str, ...], Any]] = {
    "cases": (
        (
            "citizen",
            "municipality_code",
            "citizen_group",
            "housing_situation",
            "adults",
            "children",
            "occupation_at_start",
            "occupation_at_end",
            "status",
            "waiting_since",
        ),
        _cases,
    ),
    "target_groups": (("citizen", "target_group"), _case_groups),
    "leases": (
        (
            "citizen",
            "lease",
            "legal_basis",
            "lease_model",
            "housing_kind",
            "start_date",
            "planned_end",
            "ended_on",
            "status",
            "rent",
            "subsidy",
        ),
        _leases,
    ),
    "outcomes": (("citizen", "lease", "destination", "destination_group", "moved_on"), _outcomes),
    "follow_ups": (("citizen", "months", "due_on", "still_housed", "answered_on"), _follow_ups),
    "relapses": (("citizen", "lease", "occurred_on", "cause"), _relapses),
    "survey_answers": (("citizen", "question", "value", "answered_on"), _survey),
}


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def table_csv(session: Session, name: str, filters: Filters, key: bytes) -> str:
    """One row table as CSV; the case id replaced by the citizen's pseudonym."""
    header, query = TABLES[name]
    rows = (
        [pseudonym(key, row[0]), *(_value(v) for v in row[1:])]
        for row in session.execute(query(filters))
    )
    return _csv(header, rows)


def aggregates_csv(session: Session, filters: Filters) -> str:
    """Every figure as one long table (figure, category, subcategory, count) with small
    cells suppressed."""
    rows: list[tuple[str, str, str, str]] = []
    h = figures.housed(session, filters)
    rows += [("housed", k, "", suppress(v)) for k, v in h.items()]
    rows += [
        ("time_in_home", b, "", suppress(n))
        for b, n in figures.time_in_home(session, filters)["bands"]
    ]
    rows += [
        ("destinations", r["group"], r["class"], suppress(r["count"]))
        for r in figures.destinations(session, filters)
    ]
    for r in figures.still_housed(session, filters):
        for k in ("due", "yes", "no", "unknown", "not_recorded"):
            rows.append(("still_housed", str(r["months"]), k, suppress(r[k])))
    rows += [("relapses", c, "", suppress(n)) for c, n in figures.relapses(session, filters)]
    rows += [("declines", a, r, suppress(n)) for a, r, n in figures.declines(session, filters)]
    rows += [
        ("postcodes", p, "", suppress(n)) for p, n in figures.spread(session, filters, "postcode")
    ]
    for r in figures.funnel(session, filters):
        for k in ("proposed", "accepted", "approved", "declined"):
            rows.append(("funnel", str(r["citizen_group"]), k, suppress(r[k])))
    return _csv(("figure", "category", "subcategory", "count"), rows)
