"""Bulk import of units from a CSV file, for organisations with many homes.

The columns are documented on the import page and in the template file; each has an
English and a Danish header, matched without regard to case. Fields are separated by
``;`` (as Danish Excel writes them) or ``,``. Every row is checked with the same rules as
the form (:func:`portal.units.services.check_unit`); an error names its line and field,
and nothing is imported unless every row is valid, in one transaction.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from portal.accounts.models import Account
from portal.landlords.models import LandlordOrganisation
from portal.units.models import HousingKind, Unit
from portal.units.services import UnitData, check_unit, create_unit

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000

_TRUE = {"ja", "j", "yes", "y", "1", "x", "true", "sand"}
_FALSE = {"nej", "n", "no", "0", "", "false", "falsk"}
_KINDS = {
    "family": HousingKind.FAMILY,
    "familiebolig": HousingKind.FAMILY,
    "youth": HousingKind.YOUTH,
    "ungdomsbolig": HousingKind.YOUTH,
    "supported": HousingKind.SUPPORTED,
    "bomiljø": HousingKind.SUPPORTED,
    "bomiljoe": HousingKind.SUPPORTED,
    "private": HousingKind.PRIVATE,
    "privat": HousingKind.PRIVATE,
    "municipal": HousingKind.MUNICIPAL,
    "kommunal": HousingKind.MUNICIPAL,
}


class _Bad(ValueError):
    def __init__(self, message: LazyString) -> None:
        super().__init__(str(message))
        self.message = message


def _int(value: str) -> int:
    try:
        return int(value.replace(".", "").replace(" ", ""))
    except ValueError:
        raise _Bad(_l("Write a whole number.")) from None


def _int_or_none(value: str) -> int | None:
    return _int(value) if value else None


def _int_or_zero(value: str) -> int:
    return _int(value) if value else 0


def _bool(value: str) -> bool:
    low = value.lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise _Bad(_l("Write ja or nej (yes or no)."))


def _date(value: str) -> dt.date:
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise _Bad(_l("Write the date as 2026-08-01 or 01-08-2026."))


def _kind(value: str) -> HousingKind:
    kind = _KINDS.get(value.lower())
    if kind is None:
        raise _Bad(_l("Write one of: family, youth, supported, private, municipal."))
    return kind


def _text(value: str) -> str | None:
    return value or None


@dataclass(frozen=True)
class Column:
    field: str
    english: str
    danish: str
    required: bool
    parse: Callable[[str], Any]
    example: str
    label: LazyString


COLUMNS: tuple[Column, ...] = (
    Column("street", "street", "vejnavn", True, str, "Søndergade", _l("Street")),
    Column("number", "number", "husnummer", True, str, "12B", _l("House number")),
    Column("floor", "floor", "etage", False, _int_or_none, "1", _l("Floor, 0 is the ground floor")),
    Column("door", "door", "dør", False, _text, "tv", _l("Door")),
    Column("postcode", "postcode", "postnummer", True, str, "8000", _l("Postcode, four digits")),
    Column("stairwell", "stairwell", "opgang", False, _text, "", _l("Stairwell or building")),
    Column(
        "housing_kind",
        "kind",
        "boligtype",
        True,
        _kind,
        "family",
        _l(
            "Kind: family, youth, supported, private or municipal (familiebolig, ungdomsbolig, "
            "bomiljø, privat, kommunal)"
        ),
    ),
    Column("rooms", "rooms", "værelser", True, _int, "2", _l("Rooms")),
    Column("area_m2", "m2", "m2", True, _int, "55", _l("Size in m²")),
    Column("rent", "rent", "husleje", True, _int, "5200", _l("Rent per month in kroner")),
    Column(
        "utilities_on_account",
        "utilities",
        "aconto",
        False,
        _int_or_zero,
        "600",
        _l("Utilities on account per month in kroner"),
    ),
    Column(
        "deposit", "deposit", "depositum", False, _int_or_zero, "10400", _l("Deposit in kroner")
    ),
    Column(
        "prepaid_rent",
        "prepaid_rent",
        "forudbetalt_leje",
        False,
        _int_or_zero,
        "0",
        _l("Prepaid rent in kroner"),
    ),
    Column(
        "own_kitchen",
        "own_kitchen",
        "eget_køkken",
        False,
        _bool,
        "ja",
        _l("Own kitchen: ja or nej"),
    ),
    Column(
        "single_room",
        "single_room",
        "enkeltværelse",
        False,
        _bool,
        "nej",
        _l("A single room: ja or nej"),
    ),
    Column("step_free", "step_free", "niveaufri", False, _bool, "nej", _l("Step-free: ja or nej")),
    Column("lift", "lift", "elevator", False, _bool, "nej", _l("Lift: ja or nej")),
    Column(
        "wheelchair", "wheelchair", "kørestol", False, _bool, "nej", _l("Wheelchair: ja or nej")
    ),
    Column(
        "available_from",
        "available_from",
        "ledig_fra",
        True,
        _date,
        "2026-08-01",
        _l("Available from: 2026-08-01 or 01-08-2026"),
    ),
    Column(
        "description",
        "description",
        "beskrivelse",
        False,
        _text,
        "",
        _l("Description, any language"),
    ),
)

_BY_HEADER = {name: col for col in COLUMNS for name in (col.english, col.danish)}


@dataclass(frozen=True)
class RowError:
    line: int
    column: str | None  # the header as written in the file
    message: str


@dataclass
class ImportResult:
    rows: list[UnitData] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.errors


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel in Danish saves "CSV" as Windows-1252 unless told otherwise.
        return raw.decode("cp1252", errors="replace")


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    first = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(first, delimiters=";,")
    except csv.Error:
        return csv.excel


def read_csv(session: Session, raw: bytes) -> ImportResult:
    """Read and check every row; the result holds the units or every error found."""
    result = ImportResult()
    if not raw.strip():
        result.errors.append(RowError(0, None, str(_l("The file is empty."))))
        return result
    if len(raw) > MAX_BYTES:
        result.errors.append(RowError(0, None, str(_l("The file is larger than 2 MB."))))
        return result
    text = _decode(raw)
    reader = csv.reader(io.StringIO(text), _dialect(text))
    header = next(reader, [])
    columns: list[Column | None] = [_BY_HEADER.get(h.strip().lower()) for h in header]
    written = {col.field: h.strip() for col, h in zip(columns, header, strict=True) if col}
    for name, col in zip(header, columns, strict=True):
        if col is None and name.strip():
            result.errors.append(
                RowError(1, name.strip(), str(_l("This column is not one we know.")))
            )
    for col in COLUMNS:
        if col.required and col.field not in written:
            result.errors.append(RowError(1, col.english, str(_l("This column is missing."))))
    if result.errors:
        return result
    for line_no, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(result.rows) + 1 > MAX_ROWS:
            result.errors.append(
                RowError(line_no, None, str(_l("A file can hold at most 2000 homes.")))
            )
            break
        _read_row(session, result, line_no, columns, written, cells)
    if not result.rows and not result.errors:
        result.errors.append(RowError(0, None, str(_l("The file holds no homes."))))
    return result


def _read_row(
    session: Session,
    result: ImportResult,
    line_no: int,
    columns: list[Column | None],
    written: dict[str, str],
    cells: list[str],
) -> None:
    values: dict[str, Any] = {}
    errors: list[RowError] = []
    for col, cell in zip(columns, cells, strict=False):
        if col is None:
            continue
        value = cell.strip()
        if col.required and not value:
            errors.append(RowError(line_no, written[col.field], str(_l("This field is required."))))
            continue
        try:
            parsed = col.parse(value)
        except _Bad as bad:
            errors.append(RowError(line_no, written[col.field], str(bad.message)))
            continue
        if parsed is not None or col.field in ("floor",):
            values[col.field] = parsed
    missing = [c for c in COLUMNS if c.required and c.field not in values]
    if missing and not errors:
        for col in missing:
            errors.append(RowError(line_no, written[col.field], str(_l("This field is required."))))
    if errors:
        result.errors.extend(errors)
        return
    data = UnitData(**values)
    checked = check_unit(session, data)
    for name, message in checked.items():
        header = written.get(name) or written.get("postcode", name)
        result.errors.append(RowError(line_no, header, str(message)))
    if not checked:
        result.rows.append(data)


def import_rows(
    session: Session, actor: Account, organisation: LandlordOrganisation, rows: list[UnitData]
) -> int:
    """Create every row as a draft unit, all or none (one savepoint)."""
    created: list[Unit] = []
    with session.begin_nested():
        for data in rows:
            created.append(create_unit(session, actor, organisation, data))
    return len(created)


def template_csv() -> str:
    """The template to download: Danish headers, ';' as Danish Excel expects, one example."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.danish for c in COLUMNS])
    writer.writerow([c.example for c in COLUMNS])
    return "\ufeff" + out.getvalue()
