"""The rule tables as one JSON file: exported for review, imported all or nothing."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from portal.accounts.models import Account
from portal.admin.rule_tables import TABLES
from portal.rules import services as rules
from portal.rules.models import LegalBasis

TOMORROW = dt.date.today() + dt.timedelta(days=1)


def _export(client: FlaskClient) -> dict[str, Any]:
    response = client.get("/admin/rules/export.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    return json.loads(response.data)


def _import(
    client: FlaskClient, csrf: Callable[[FlaskClient, str], str], data: Any, on: dt.date = TOMORROW
) -> Any:
    token = csrf(client, "/admin/rules/import")
    content = data if isinstance(data, bytes) else json.dumps(data).encode()
    return client.post(
        "/admin/rules/import",
        data={
            "csrf_token": token,
            "valid_from": on.isoformat(),
            "file": (io.BytesIO(content), "rules.json"),
        },
        content_type="multipart/form-data",
    )


def test_the_export_holds_every_table_in_the_documented_format(
    admin_client: Callable[[Account], FlaskClient], cast: Any
) -> None:
    data = _export(admin_client(cast.north_admin))
    assert (data["format"], data["version"]) == ("boligbro-rules", 1)
    assert set(data["tables"]) == {spec.name for spec in TABLES}
    basis = next(r for r in data["tables"]["legal_bases"] if r["code"] == "inklusionsbolig")
    assert basis["max_term_months"] == 24
    assert basis["texts"]["da"]["label"] == "Inklusionsbolig"
    destination = data["tables"]["outcome_destinations"][0]
    assert {"class_1", "class_2", "class_3"} <= set(destination)


def test_importing_an_export_with_one_change_adds_one_version(
    db: Session,
    admin_client: Callable[[Account], FlaskClient],
    csrf: Callable[[FlaskClient, str], str],
    cast: Any,
) -> None:
    client = admin_client(cast.network_admin)
    data = _export(client)
    basis = next(r for r in data["tables"]["legal_bases"] if r["code"] == "inklusionsbolig")
    basis["max_term_months"] = 30
    done = _import(client, csrf, data)
    assert done.status_code == 303, done.text
    old = rules.require(db, LegalBasis, "inklusionsbolig")
    new = rules.require(db, LegalBasis, "inklusionsbolig", TOMORROW)
    assert (old.max_term_months, new.max_term_months) == (24, 30)
    page = client.get("/admin/rules/")
    assert "New versions: 1." in page.text
    # The same file again: nothing differs from the newest versions, nothing is added.
    assert _import(client, csrf, data, TOMORROW + dt.timedelta(days=1)).status_code == 303
    assert "New versions: 0." in client.get("/admin/rules/").text


def test_one_bad_row_imports_nothing_and_every_error_is_listed(
    db: Session,
    admin_client: Callable[[Account], FlaskClient],
    csrf: Callable[[FlaskClient, str], str],
    cast: Any,
    state: Callable[[], dict[str, Any]],
) -> None:
    client = admin_client(cast.network_admin)
    data = _export(client)
    data["tables"]["legal_bases"][0]["max_term_months"] = 30  # a good change
    data["tables"]["thresholds"][0]["value"] = "many"  # a bad one
    data["tables"]["business_case_rates"][0]["colour"] = "blue"  # an unknown field
    before = state()
    page = _import(client, csrf, data)
    assert page.status_code == 200
    assert "Nothing was imported." in page.text
    assert "thresholds, row 1, value: Enter a whole number" in page.text
    assert "the field colour is unknown" in page.text
    assert state() == before


def test_a_file_that_is_not_a_rules_file_is_refused(
    admin_client: Callable[[Account], FlaskClient],
    csrf: Callable[[FlaskClient, str], str],
    cast: Any,
    state: Callable[[], dict[str, Any]],
) -> None:
    client = admin_client(cast.network_admin)
    before = state()
    assert "not a JSON file exported from Boligbro" in _import(client, csrf, b"\xff{no").text
    wrong = _import(client, csrf, {"format": "boligbro-rules", "version": 99, "tables": {}})
    assert "this portal reads version 1" in wrong.text
    past = _import(client, csrf, _export(client), dt.date.today() - dt.timedelta(days=3))
    assert "A change cannot take effect before today." in past.text
    empty = client.post(
        "/admin/rules/import",
        data={"csrf_token": csrf(client, "/admin/rules/import"), "valid_from": ""},
    )
    assert "Choose a file." in empty.text
    assert "Enter the date the change takes effect." in empty.text
    assert state() == before
