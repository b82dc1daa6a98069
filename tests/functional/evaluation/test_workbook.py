"""The evaluator's XLSX workbook, the data dictionary and the labels on the page,
through the test client against the hand-built data set."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from flask.testing import FlaskClient
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.cases.cpr import cpr_cipher
from portal.rules.models import DeclineReason, SurveyQuestion
from tests import factories as f
from tests.unit.reporting.dataset import Data, build

EN = {"Accept-Language": "en"}
SHEETS = [
    "cases",
    "target_groups",
    "leases",
    "outcomes",
    "follow_ups",
    "relapses",
    "survey_answers",
    "figures",
    "data_dictionary",
]
STREETS = ("Søndergade", "Byvej", "Torvet", "Fjernvej")


def _book(client: FlaskClient, query: str = "") -> Any:
    resp = client.get(f"/staff/evaluation/export/evaluation.xlsx{query}", headers=EN)
    assert resp.status_code == 200
    assert resp.mimetype.endswith("spreadsheetml.sheet")
    return load_workbook(io.BytesIO(resp.data))


def _rows(sheet: Any) -> list[list[Any]]:
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def _signed_in(db: Session, client: FlaskClient, sign_in: Any) -> Data:
    data = build(db)
    db.commit()
    sign_in(client, data.caseworker)
    return data


def test_workbook_sheets_and_dictionary(db: Session, client: FlaskClient, sign_in) -> None:  # type: ignore[no-untyped-def]
    _signed_in(db, client, sign_in)
    book = _book(client)
    assert book.sheetnames == SHEETS
    columns = {(name, header) for name in SHEETS[:-1] for header in _rows(book[name])[0]}
    dictionary = _rows(book["data_dictionary"])
    assert dictionary[0] == ["sheet", "column", "meaning", "type", "codes"]
    described = [(r[0], r[1]) for r in dictionary[1:]]
    # Every column of every sheet, once, and nothing else.
    assert sorted(described) == sorted(columns)
    assert len(described) == len(set(described))
    assert all(r[2] and r[3] for r in dictionary[1:])
    by_column = {(r[0], r[1]): r for r in dictionary[1:]}
    # Codes with their words, in English here.
    assert "work = In work" in by_column[("cases", "occupation_at_end")][4]
    assert "economy = Economy or arrears" in by_column[("relapses", "cause")][4]
    assert "permanent = Permanent home" in by_column[("outcomes", "destination_group")][4]
    assert "safe_at_home = " in by_column[("survey_answers", "question")][4]
    # c1..c5 are the caseworker's: five rows under the header, as in the CSV.
    cases_csv = client.get("/staff/evaluation/export/cases.csv").get_data(as_text=True)
    csv_rows = list(csv.reader(io.StringIO(cases_csv)))
    sheet_rows = _rows(book["cases"])
    assert len(sheet_rows) == 1 + 5
    assert [r[0] for r in sheet_rows] == [r[0] for r in csv_rows]  # the same pseudonyms


def test_dictionary_csv_matches_the_workbook(db: Session, client: FlaskClient, sign_in) -> None:  # type: ignore[no-untyped-def]
    _signed_in(db, client, sign_in)
    resp = client.get("/staff/evaluation/export/data_dictionary.csv", headers=EN)
    assert resp.status_code == 200
    from_csv = [r[:2] for r in csv.reader(io.StringIO(resp.get_data(as_text=True)))]
    from_book = [r[:2] for r in _rows(_book(client)["data_dictionary"])]
    assert from_csv == from_book


def test_workbook_has_no_cpr_names_or_addresses(db: Session, client: FlaskClient, sign_in) -> None:  # type: ignore[no-untyped-def]
    data = _signed_in(db, client, sign_in)
    cipher = cpr_cipher()
    cprs = [cipher.decrypt(c.cpr_ciphertext) for c in data.cases.values()]
    forbidden = [
        *cprs,
        *(c.replace("-", "") for c in cprs),
        *(c.name for c in data.cases.values()),
        *STREETS,
    ]
    book = _book(client)
    seen = 0
    for name in SHEETS:
        for row in _rows(book[name]):
            for cell in row:
                text = "" if cell is None else str(cell)
                seen += 1
                assert not any(word in text for word in forbidden), (name, text)
                assert not re.fullmatch(r"\d{6}-?\d{4}", text), (name, text)
    assert seen > 100


def test_workbook_figures_suppress_small_cells(db: Session, client: FlaskClient, sign_in) -> None:  # type: ignore[no-untyped-def]
    _signed_in(db, client, sign_in)
    rows = _rows(_book(client)["figures"])
    assert rows[0] == ["figure", "category", "subcategory", "value"]
    values = {(r[0], r[1], r[2] or ""): r[3] for r in rows[1:]}
    # 4 households hidden, 7 persons shown; the survey average of 3 answers hidden too.
    assert values[("housed", "households", "")] == "<5"
    assert values[("housed", "persons", "")] == "7"
    assert values[("survey_answers", "safe_at_home", "2025-Q2")] == "<5"
    assert values[("survey_average", "safe_at_home", "2025-Q2")] == "<5"
    assert values[("buildings_above_limit", "buildings", "")] == "<5"
    assert values[("occupation", "education", "end")] == "<5"
    assert values[("occupation", "supported_work", "end")] == "0"
    assert not any(v in {"1", "2", "3", "4"} for v in values.values())
    csv_rows = client.get("/staff/evaluation/export/figures.csv").get_data(as_text=True)
    assert "survey_average,safe_at_home,2025-Q2,<5" in csv_rows.splitlines()
    assert len(csv_rows.strip().splitlines()) == len(rows)


def test_other_caseworker_gets_only_their_own(db: Session, client: FlaskClient, sign_in) -> None:  # type: ignore[no-untyped-def]
    data = build(db)
    db.commit()
    sign_in(client, data.caseworker)
    home_pseudonyms = {r[0] for r in _rows(_book(client)["cases"])[1:]}
    other = client.application.test_client()
    sign_in(other, data.other_caseworker)
    # Asking for the home municipality does not widen the other caseworker's scope.
    book = _book(other, f"?municipality={data.home.id}")
    cases = _rows(book["cases"])
    assert len(cases) == 1 + 1  # c6 only
    assert cases[1][1] == data.other.code
    assert not home_pseudonyms & {r[0] for r in cases[1:]}
    assert len(_rows(book["survey_answers"])) == 1 + 1  # c6's one answer
    values = {(r[0], r[1]): r[3] for r in _rows(book["figures"])[1:]}
    assert values[("housed", "persons")] == "<5"


def test_formula_in_a_code_is_not_run(db: Session, client: FlaskClient, sign_in) -> None:  # type: ignore[no-untyped-def]
    data = _signed_in(db, client, sign_in)
    evil = f.legal_basis(db, code='=HYPERLINK("http://x","y")')
    f.raw_lease(db, f.case(db, data.home), evil)
    db.commit()
    body = client.get("/staff/evaluation/export/leases.csv").get_data(as_text=True)
    assert '"\'=HYPERLINK(""http://x"",""y"")"' in body
    assert not any(line.split(",")[2].startswith("=") for line in body.splitlines())
    book = load_workbook(io.BytesIO(client.get("/staff/evaluation/export/evaluation.xlsx").data))
    cells = [c for row in book["leases"].iter_rows() for c in row]
    assert any(c.value == "'" + evil.code for c in cells)
    assert not any(c.data_type == "f" for c in cells)


def test_page_shows_words_not_codes(db: Session, client: FlaskClient, sign_in) -> None:  # type: ignore[no-untyped-def]
    data = _signed_in(db, client, sign_in)
    for reason in db.scalars(select(DeclineReason)):
        reason.texts = {"en": {"label": f"Label of {reason.code.replace('_', ' ')}"}}
    for q in db.scalars(select(SurveyQuestion)):
        q.texts = {"en": {"question": f"Question about {q.code.replace('_', ' ')}"}}
    db.commit()
    html = client.get("/staff/evaluation/", headers=EN).get_data(as_text=True)
    main = html.split("<main", 1)[-1]
    for words in (
        "Permanent home",
        "Homeless",
        "Positive",
        "Economy or arrears",
        "Label of too far",
        "Landlord",
        "Question about safe at home",
        "Quarter 2 2025",
        "In education",
        "Buildings above the limit",
        "Clusters of citizens meant to live together",
        "Newly arrived refugees",
        "Group 1: ready for an own home",
    ):
        assert words in main, words
    # Raw codes of the data set never reach the page (outside the export links' URLs).
    text = re.sub(r'href="[^"]*"', "", main)
    for code in (">permanent<", ">economy<", "too_far", "safe_at_home", ">refugees<", "no_fit"):
        assert code not in text, code
    assert "style=" not in main
    assert f">{data.basis_code}<" not in text and "Forsøgshjemmel" in text
