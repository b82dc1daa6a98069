"""The export for the external evaluator: rows without CPR, names or addresses, a
stable pseudonym per citizen, and aggregate tables with small cells suppressed.

No free-text field is exported (notes, actions): a caseworker may have written a name
in one. The pseudonym is an HMAC of the case id under the CPR hash key with a fixed
label, so it is stable between exports but cannot be turned back into a case without
the key. Text that a spreadsheet would run as a formula (starting with = + - @) gets a
leading apostrophe, in the CSV files and in the workbook (``portal.reporting.workbook``).
Every column is described in the data dictionary (``portal.reporting.dictionary``), the
one definition the headers are taken from.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.cases.models import Case, CaseTargetGroup
from portal.leases.models import Lease
from portal.municipalities.models import Municipality
from portal.outcomes.models import FollowUp, Outcome, Relapse, SurveyAnswer
from portal.reporting import citizens, dictionary, figures, placement
from portal.reporting.figures import Filters, case_conditions
from portal.reporting.labels import Labels
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


# Name -> (header, query); the headers come from the data dictionary (one definition for
# the CSV, the XLSX and the dictionary). The first column of every query is the case id,
# exported only as its pseudonym.
TABLES: dict[str, tuple[tuple[str, ...], Any]] = {
    name: (dictionary.header(name), query)
    for name, query in (
        ("cases", _cases),
        ("target_groups", _case_groups),
        ("leases", _leases),
        ("outcomes", _outcomes),
        ("follow_ups", _follow_ups),
        ("relapses", _relapses),
        ("survey_answers", _survey),
    )
}

# A spreadsheet runs a cell that begins with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A value as exported: enums as their code, None as empty, and text that a
    spreadsheet would read as a formula with a leading apostrophe."""
    if value is None:
        return ""
    value = getattr(value, "value", value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([neutralise(v) for v in row] for row in rows)
    return out.getvalue()


def table_rows(session: Session, name: str, filters: Filters, key: bytes) -> Iterator[list[Any]]:
    """The rows of table ``name``, the case id replaced by the citizen's pseudonym;
    read in batches so a national export does not sit in memory at once."""
    _, query = TABLES[name]
    result = session.execute(query(filters), execution_options={"yield_per": 1000})
    for row in result:
        yield [pseudonym(key, row[0]), *row[1:]]


def table_csv(session: Session, name: str, filters: Filters, key: bytes) -> str:
    """One row table as CSV; the case id replaced by the citizen's pseudonym."""
    return _csv(TABLES[name][0], table_rows(session, name, filters, key))


def aggregate_rows(session: Session, filters: Filters) -> list[tuple[str, str, str, str]]:
    """Every figure as one long table (figure, category, subcategory, value) with small
    cells suppressed; an average over fewer than 5 answers is hidden as well, since it
    would tell a few citizens' own answers."""
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
    above = placement.buildings_above_limit(session, filters)
    rows += [
        ("buildings_above_limit", "buildings", "", suppress(above["buildings"])),
        ("buildings_above_limit", "above", str(above["limit"]), suppress(above["above"])),
    ]
    together = placement.clusters(session, filters)
    rows += [("clusters", k, "", suppress(together[k])) for k in ("participants", "in_cluster")]
    for r in citizens.survey_over_time(session, filters):
        period = f"{r['year']}-Q{r['quarter']}"
        shown = r["answers"] >= SMALL_CELL
        rows.append(("survey_answers", r["question"], period, suppress(r["answers"])))
        average = str(r["average"]) if shown else f"<{SMALL_CELL}"
        rows.append(("survey_average", r["question"], period, average))
    for r in citizens.occupation(session, filters)["rows"]:
        rows.append(("occupation", r["status"], "start", suppress(r["start"])))
        rows.append(("occupation", r["status"], "end", suppress(r["end"])))
    for r in figures.funnel(session, filters):
        for k in ("proposed", "accepted", "approved", "declined"):
            rows.append(("funnel", str(r["citizen_group"]), k, suppress(r[k])))
    return rows


def aggregates_csv(session: Session, filters: Filters) -> str:
    """The figures file: :func:`aggregate_rows` as CSV."""
    return _csv(dictionary.header("figures"), aggregate_rows(session, filters))


def dictionary_csv(session: Session, lb: Labels) -> str:
    """The data dictionary as CSV: every column of every table of the export."""
    return _csv(dictionary.HEADER, dictionary.rows(session, lb))
