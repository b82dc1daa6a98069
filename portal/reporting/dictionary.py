"""The data dictionary of the evaluator's export: one definition of every column of
every table, used for the CSV headers, the XLSX sheets and the dictionary itself.

A column's allowed codes come either from an enum fixed in the code (labels through
Babel) or from a rule table kept as data (labels from the rows' texts), so the
dictionary lists exactly the codes the export can contain.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.cases.models import CaseStatus, HousingSituation, Occupation
from portal.leases.models import LeaseModel, LeaseStatus
from portal.municipalities.models import Municipality, TargetGroup
from portal.outcomes.models import FOLLOW_UP_MONTHS, RelapseCause, StillHoused
from portal.reporting import labels
from portal.reporting.labels import Labels
from portal.rules.models import DestinationGroup
from portal.units.models import HousingKind

Codes = Callable[[Session, Labels], list[tuple[str, str]]]

KINDS: dict[str, Any] = {
    "pseudonym": _l("Pseudonym (the same for the same citizen in every table)"),
    "integer": _l("Whole number"),
    "date": _l("Date (YYYY-MM-DD)"),
    "code": _l("Code"),
    "kroner": _l("Kroner per month"),
    "text": _l("Text"),
}


@dataclass(frozen=True)
class Column:
    name: str
    meaning: Any  # a lazy string: read in the reader's language
    kind: str
    codes: Codes | None = None


def _enum(enum_cls: type[enum.Enum], label: Callable[[Any], str]) -> Codes:
    def codes(session: Session, lb: Labels) -> list[tuple[str, str]]:
        return [(str(m.value), label(m.value)) for m in enum_cls]

    return codes


def _fixed(pairs: Callable[[], Iterable[tuple[Any, Any]]]) -> Codes:
    def codes(session: Session, lb: Labels) -> list[tuple[str, str]]:
        return [(str(c), str(t)) for c, t in pairs()]

    return codes


def _municipalities(session: Session, lb: Labels) -> list[tuple[str, str]]:
    return [
        (c, n)
        for c, n in session.execute(
            select(Municipality.code, Municipality.name).order_by(Municipality.code)
        )
    ]


def _data(attribute: str) -> Codes:
    def codes(session: Session, lb: Labels) -> list[tuple[str, str]]:
        return sorted(getattr(lb, attribute).items())

    return codes


def _groups() -> Iterable[tuple[Any, Any]]:
    return [(g, labels.citizen_group(g)) for g in (1, 2, 3)]


def _figures() -> Iterable[tuple[Any, Any]]:
    return FIGURES.items()


CITIZEN = Column("citizen", _l("The citizen's pseudonym"), "pseudonym")
LEASE = Column(
    "lease", _l("Number of the lease, the same in the leases, outcomes and relapses"), "integer"
)

FIGURES: dict[str, Any] = {
    "housed": _l("Households and persons housed with a temporary lease"),
    "time_in_home": _l("Stays in the temporary home by length"),
    "destinations": _l("Moves by destination group and result"),
    "still_housed": _l("Follow-ups due at 6, 12 and 24 months, by answer"),
    "relapses": _l("Relapses by cause"),
    "declines": _l("Declined offers by who declined and reason"),
    "postcodes": _l("Participants per postcode"),
    "buildings_above_limit": _l("Buildings with participants, and those above the limit"),
    "clusters": _l("Participants meant to live together, and the clusters they form"),
    "survey_answers": _l("Number of citizens' survey answers per question and quarter"),
    "survey_average": _l("Average survey answer (1 to 5) per question and quarter"),
    "occupation": _l("Education or work at the start and at the end"),
    "funnel": _l("Offers proposed, accepted, approved and declined per citizen group"),
}

DICTIONARY: dict[str, tuple[Column, ...]] = {
    "cases": (
        CITIZEN,
        Column("municipality_code", _l("The municipality's code"), "code", _municipalities),
        Column("citizen_group", _l("Citizen group"), "code", _fixed(_groups)),
        Column(
            "housing_situation",
            _l("Where the citizen lived when the case began"),
            "code",
            _enum(HousingSituation, labels.housing_situation),
        ),
        Column("adults", _l("Adults in the household"), "integer"),
        Column("children", _l("Children in the household"), "integer"),
        Column(
            "occupation_at_start",
            _l("Education or work when the case began"),
            "code",
            _enum(Occupation, labels.occupation),
        ),
        Column(
            "occupation_at_end",
            _l("Education or work when the case ended; empty while it runs"),
            "code",
            _enum(Occupation, labels.occupation),
        ),
        Column("status", _l("The case's status"), "code", _enum(CaseStatus, labels.case_status)),
        Column("waiting_since", _l("Waiting for a home since"), "date"),
    ),
    "target_groups": (
        CITIZEN,
        Column(
            "target_group",
            _l("A target group of the citizen (one row per group)"),
            "code",
            _enum(TargetGroup, labels.target_group),
        ),
    ),
    "leases": (
        CITIZEN,
        LEASE,
        Column("legal_basis", _l("The legal basis of the lease"), "code", _data("legal_bases")),
        Column(
            "lease_model",
            _l("Who the citizen leases from"),
            "code",
            _enum(LeaseModel, labels.lease_model),
        ),
        Column(
            "housing_kind",
            _l("The kind of home; empty when kept in the current home"),
            "code",
            _enum(HousingKind, labels.housing_kind),
        ),
        Column("start_date", _l("Start of the lease"), "date"),
        Column("planned_end", _l("Planned end; empty until the purpose is reached"), "date"),
        Column("ended_on", _l("The day the lease ended; empty while it runs"), "date"),
        Column("status", _l("The lease's status"), "code", _enum(LeaseStatus, labels.lease_status)),
        Column("rent", _l("Rent"), "kroner"),
        Column("subsidy", _l("Rent subsidy from the municipality"), "kroner"),
    ),
    "outcomes": (
        CITIZEN,
        LEASE,
        Column("destination", _l("Where the citizen moved"), "code", _data("destinations")),
        Column(
            "destination_group",
            _l("The destination's group (as the US HMIS standard groups exits)"),
            "code",
            _enum(DestinationGroup, labels.destination_group),
        ),
        Column("moved_on", _l("The day of the move"), "date"),
    ),
    "follow_ups": (
        CITIZEN,
        Column(
            "months",
            _l("Months after the move to a permanent home"),
            "integer",
            _fixed(lambda: [(m, m) for m in FOLLOW_UP_MONTHS]),
        ),
        Column("due_on", _l("The day the follow-up is due"), "date"),
        Column(
            "still_housed",
            _l("Still in the permanent home; empty when not yet recorded"),
            "code",
            _enum(StillHoused, labels.still_housed),
        ),
        Column("answered_on", _l("The day the answer was recorded"), "date"),
    ),
    "relapses": (
        CITIZEN,
        Column(
            "lease",
            _l("Number of the lease the relapse happened in; empty when outside a lease"),
            "integer",
        ),
        Column("occurred_on", _l("The day of the relapse"), "date"),
        Column("cause", _l("The cause"), "code", _enum(RelapseCause, labels.relapse_cause)),
    ),
    "survey_answers": (
        CITIZEN,
        Column("question", _l("The question"), "code", _data("questions")),
        Column(
            "value",
            _l("The answer, from 1 (not at all) to 5 (very much)"),
            "integer",
            _fixed(lambda: [(v, v) for v in range(1, 6)]),
        ),
        Column("answered_on", _l("The day of the answer"), "date"),
    ),
    "figures": (
        Column("figure", _l("The figure"), "code", _fixed(_figures)),
        Column("category", _l("What is counted, e.g. a cause, a group or a postcode"), "text"),
        Column("subcategory", _l("A second grouping where the figure has one"), "text"),
        Column(
            "value",
            _l("The count (fewer than 5 shown as <5) or, for an average, the average"),
            "text",
        ),
    ),
}

HEADER = ("sheet", "column", "meaning", "type", "codes")


def header(table: str) -> tuple[str, ...]:
    return tuple(c.name for c in DICTIONARY[table])


def rows(session: Session, lb: Labels) -> list[tuple[str, str, str, str, str]]:
    """Every column of every table: sheet, column, meaning, type, and the allowed codes
    as "code = label" separated by semicolons."""
    out = []
    for table, columns in DICTIONARY.items():
        for col in columns:
            codes = col.codes(session, lb) if col.codes else []
            listed = "; ".join(f"{c} = {t}" for c, t in codes)
            out.append((table, col.name, str(col.meaning), str(KINDS[col.kind]), listed))
    return out
