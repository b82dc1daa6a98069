"""The CSV import: Danish or English headers, ';' or ',', every row checked like the
form, errors by line and field, all or nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.units import importer
from portal.units.models import HousingKind, Unit
from tests import factories as f

DANISH = (
    "vejnavn;husnummer;etage;dør;postnummer;boligtype;værelser;m2;husleje;aconto;depositum;"
    "eget_køkken;ledig_fra;beskrivelse\n"
    "Gudrunsvej;42;0;tv;8220;bomiljø;2;52;5200;650;10400;ja;01-08-2026;Lys stue\n"
    "Tovshøjvej;7;1;th;8220;familiebolig;3;78;6900;850;0;ja;2026-09-01;\n"
)
ENGLISH = (
    "street,number,postcode,kind,rooms,m2,rent,available_from,wheelchair\n"
    "Hasle Ringvej,122,8200,family,2,58,5950,2026-08-01,yes\n"
)


@pytest.fixture
def org(db: Session):
    f.municipality(db, code="751")
    return f.landlord_org(db)


def test_danish_headers_with_semicolons(db: Session, org) -> None:
    result = importer.read_csv(db, DANISH.encode("utf-8"))
    assert result.ok, result.errors
    first, second = result.rows
    assert (first.street, first.housing_kind, first.floor, first.deposit) == (
        "Gudrunsvej", HousingKind.SUPPORTED, 0, 10400,
    )  # fmt: skip
    assert second.available_from.isoformat() == "2026-09-01"


def test_english_headers_with_commas_and_windows_1252(db: Session, org) -> None:
    result = importer.read_csv(db, ENGLISH.encode("cp1252"))
    assert result.ok and result.rows[0].wheelchair is True


def test_a_bad_row_imports_nothing_and_names_the_line_and_field(db: Session, org) -> None:
    bad = DANISH + "Viborgvej;220;0;tv;8210;kommunal;2;56;5400;600;20000;ja;2026-08-01;\n"
    bad += "Silkeborgvej;;1;th;9999;slot;to;75;6300;800;0;måske;i morgen;\n"
    result = importer.read_csv(db, bad.encode("utf-8"))
    assert not result.ok
    found = {(e.line, e.column) for e in result.errors}
    assert (4, "depositum") in found
    assert {(5, "husnummer"), (5, "boligtype"), (5, "værelser"), (5, "eget_køkken")} <= found
    assert (5, "ledig_fra") in found
    before = db.scalar(select(func.count(Unit.id)))
    assert before == 0


def test_unknown_and_missing_columns(db: Session, org) -> None:
    result = importer.read_csv(db, b"street;colour\nA;blue\n")
    messages = {(e.column, e.message) for e in result.errors}
    assert ("colour", "This column is not one we know.") in messages
    assert ("rent", "This column is missing.") in messages


def test_the_template_reads_back_clean(db: Session, org) -> None:
    result = importer.read_csv(db, importer.template_csv().encode("utf-8"))
    assert result.ok, result.errors
