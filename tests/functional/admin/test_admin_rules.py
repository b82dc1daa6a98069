"""Rules as data: each change a new version from a date, audited with the old and the
new value; a decision made before keeps its rule; a bad value changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.accounts.models import Account
from portal.admin.rule_tables import BY_NAME, TABLES, TableSpec, raw_values
from portal.admin.rules import in_force
from portal.audit.models import AuditEvent
from portal.leases.models import Lease
from portal.rules import services as rules
from portal.rules.models import LegalBasis
from tests import factories as f

TOMORROW = dt.date.today() + dt.timedelta(days=1)


def form_data(spec: TableSpec, row: Any, token: str, **changes: Any) -> dict[str, str]:
    """What the browser posts for a new version of ``row`` with ``changes``."""
    values = {k: v for k, v in raw_values(spec, row).items() if k not in spec.keys}
    values.update(changes)
    data = {"csrf_token": token, "valid_from": TOMORROW.isoformat()}
    for name, value in values.items():
        if value is True:
            data[name] = "y"
        elif value is False:
            continue
        else:
            data[name] = "" if value is None else str(value)
    return data


def _first(db: Session, spec: TableSpec) -> Any:
    return in_force(db, spec, dt.date.today())[0]


def test_a_legal_basis_change_is_a_new_audited_version_and_an_old_lease_keeps_its_rule(
    db: Session,
    admin_client: Callable[[Account], FlaskClient],
    csrf: Callable[[FlaskClient, str], str],
    cast: Any,
) -> None:
    spec = BY_NAME["legal_bases"]
    old = rules.require(db, LegalBasis, "inklusionsbolig")
    lease = f.raw_lease(db, f.case(db, cast.north), old, start_date=dt.date.today())
    db.commit()
    client = admin_client(cast.network_admin)
    url = f"/admin/rules/legal_bases/{old.id}/new-version"
    token = csrf(client, url)
    done = client.post(url, data=form_data(spec, old, token, max_term_months=36))
    assert done.status_code == 303, done.text
    db.expire_all()
    versions = list(
        db.scalars(
            select(LegalBasis)
            .where(LegalBasis.code == "inklusionsbolig")
            .order_by(LegalBasis.valid_from)
        )
    )
    assert [v.max_term_months for v in versions][-2:] == [24, 36]
    new = versions[-1]
    assert new.valid_from == TOMORROW and new.id != old.id
    assert db.get(LegalBasis, old.id).max_term_months == 24  # never updated in place
    # In force: the old one today, the new one from tomorrow.
    assert rules.require(db, LegalBasis, "inklusionsbolig").id == old.id
    assert rules.require(db, LegalBasis, "inklusionsbolig", TOMORROW).id == new.id
    # The lease made before still rests on, and shows, the old rule.
    lease = db.get(Lease, lease.id)
    assert lease.legal_basis_id == old.id and lease.legal_basis.max_term_months == 24
    page = client.get(f"/admin/rules/legal_bases/{lease.legal_basis_id}").text
    assert 'data-field="max_term_months">24<' in page
    event = db.scalars(select(AuditEvent).where(AuditEvent.action == "rules.version_added")).one()
    assert event.actor_id == cast.network_admin.id and event.at is not None
    assert event.details["old"]["max_term_months"] == 24
    assert event.details["new"]["max_term_months"] == 36
    assert event.details["valid_from"] == TOMORROW.isoformat()


@pytest.mark.parametrize("spec", TABLES, ids=lambda s: s.name)
def test_every_table_takes_a_new_version(
    db: Session,
    admin_client: Callable[[Account], FlaskClient],
    csrf: Callable[[FlaskClient, str], str],
    cast: Any,
    spec: TableSpec,
) -> None:
    row = _first(db, spec)
    client = admin_client(cast.network_admin)
    url = f"/admin/rules/{spec.name}/{row.id}/new-version"
    done = client.post(url, data=form_data(spec, row, csrf(client, url)))
    assert done.status_code == 303, done.text
    assert len(in_force(db, spec, TOMORROW)) == len(in_force(db, spec, dt.date.today()))


def _bad_values(spec: TableSpec) -> list[tuple[dict[str, Any], str]]:
    """(changes, the message beside the field) for each kind of bad value the table has."""
    out: list[tuple[dict[str, Any], str]] = [
        (
            {"valid_from": (dt.date.today() - dt.timedelta(days=1)).isoformat()},
            "A change cannot take effect before today.",
        ),
        ({"valid_from": ""}, "Enter the date the change takes effect."),
    ]
    for field in spec.fields:
        if field.name in spec.keys:
            continue
        if field.kind == "int":
            out.append(({field.name: "12,5"}, "Enter a whole number, without decimals or dots."))
            out.append(
                (
                    {field.name: str(field.maximum + 1)},
                    f"Enter a number from {field.minimum} to {field.maximum}.",
                )
            )
        elif field.kind == "choice":
            out.append(({field.name: "nonsense"}, "Choose one of the options."))
        elif field.kind in ("str", "text") and field.required:
            out.append(({field.name: "  "}, "Fill in this field."))
    for key, _label in spec.text_keys:
        out.append(({f"text__da__{key}": ""}, "Write the Danish text"))
    return out


CASES = [(spec, changes, message) for spec in TABLES for changes, message in _bad_values(spec)]


@pytest.mark.parametrize(
    ("spec", "changes", "message"),
    CASES,
    ids=[f"{s.name}-{next(iter(c))}-{i}" for i, (s, c, _m) in enumerate(CASES)],
)
def test_every_form_refuses_a_bad_value_beside_the_field_and_changes_nothing(
    db: Session,
    admin_client: Callable[[Account], FlaskClient],
    csrf: Callable[[FlaskClient, str], str],
    cast: Any,
    state: Callable[[], dict[str, Any]],
    spec: TableSpec,
    changes: dict[str, Any],
    message: str,
) -> None:
    row = _first(db, spec)
    client = admin_client(cast.network_admin)
    url = f"/admin/rules/{spec.name}/{row.id}/new-version"
    token = csrf(client, url)
    before = state()
    data = form_data(spec, row, token)
    data.update(changes)
    page = client.post(url, data=data)
    assert page.status_code == 200
    assert 'class="form-error-message"' in page.text
    assert message in page.text
    # The form keeps what was typed (a select can only offer its own options).
    name, typed = next(iter(changes.items()))
    chosen = name in {f.name for f in spec.fields if f.kind == "choice"}
    if typed.strip() and not chosen:
        assert typed in page.text
    assert state() == before


def test_cross_field_rules_are_checked(
    db: Session,
    admin_client: Callable[[Account], FlaskClient],
    csrf: Callable[[FlaskClient, str], str],
    cast: Any,
    state: Callable[[], dict[str, Any]],
) -> None:
    client = admin_client(cast.network_admin)
    reason = _first(db, BY_NAME["decline_reasons"])
    url = f"/admin/rules/decline_reasons/{reason.id}/new-version"
    token = csrf(client, url)
    before = state()
    paused = form_data(
        BY_NAME["decline_reasons"], reason, token, consequence="paused", pause_days=None
    )
    assert "Give the number of days of the pause." in client.post(url, data=paused).text
    none = form_data(BY_NAME["decline_reasons"], reason, token, consequence="none", pause_days=5)
    assert "Only a pause has a number of days." in client.post(url, data=none).text
    basis = rules.require(db, LegalBasis, "inklusionsbolig")
    url = f"/admin/rules/legal_bases/{basis.id}/new-version"
    within = form_data(BY_NAME["legal_bases"], basis, token, max_term_months=None)
    assert "Give the maximum term" in client.post(url, data=within).text
    # A second version on the same date as the newest is refused too.
    ok = form_data(BY_NAME["legal_bases"], basis, token)
    assert client.post(url, data=ok).status_code == 303
    after_one = state()
    again = client.post(url, data=ok)
    assert "Choose a date after" in again.text
    assert state() == after_one
    assert after_one["legal_basis"] == before["legal_basis"] + 1


def test_a_new_rule_needs_a_new_code(
    db: Session,
    admin_client: Callable[[Account], FlaskClient],
    csrf: Callable[[FlaskClient, str], str],
    cast: Any,
    state: Callable[[], dict[str, Any]],
) -> None:
    client = admin_client(cast.network_admin)
    url = "/admin/rules/thresholds/new"
    token = csrf(client, url)
    data = {"csrf_token": token, "valid_from": TOMORROW.isoformat(), "value": "4"}
    before = state()
    taken = client.post(url, data={**data, "code": "offer_response_days"})
    assert "A rule with this code exists." in taken.text
    bad = client.post(url, data={**data, "code": "Ny Regel!"})
    assert "Use lower-case letters a to z" in bad.text
    assert state() == before
    done = client.post(url, data={**data, "code": "max_open_offers"})
    assert done.status_code == 303
    assert rules.threshold(db, "max_open_offers", TOMORROW) == 4


def test_the_rule_pages_show_the_tables_and_the_history(
    db: Session, admin_client: Callable[[Account], FlaskClient], cast: Any
) -> None:
    client = admin_client(cast.north_admin)
    index = client.get("/admin/rules/").text
    assert "Only a network administrator can change them." in index
    for spec in TABLES:
        table = client.get(f"/admin/rules/{spec.name}/")
        assert table.status_code == 200
        row = _first(db, spec)
        detail = client.get(f"/admin/rules/{spec.name}/{row.id}")
        assert detail.status_code == 200
        assert "Make a new version" not in detail.text
    assert client.get("/admin/rules/legal_bases/999999").status_code == 404
    assert client.get("/admin/rules/nonsense/").status_code == 404
