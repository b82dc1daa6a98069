"""Nobody but an administrator reaches an administration page, and a municipality's
administrator reaches nothing of another municipality."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session
from werkzeug.routing.converters import AnyConverter, IntegerConverter

from portal.accounts.models import Account
from portal.landlords.models import OrganisationKind, OrganisationStatus
from tests import factories as f


def _admin_requests(app: Flask) -> list[tuple[str, str, str]]:
    out = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("admin."):
            continue
        values: dict[str, Any] = {}
        for name, conv in rule._converters.items():
            if isinstance(conv, IntegerConverter):
                values[name] = 1
            elif isinstance(conv, AnyConverter):
                values[name] = sorted(conv.items)[0]
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            url = app.url_map.bind("localhost").build(rule.endpoint, values, method=method)
            out.append((rule.endpoint, method, url))
    return out


def test_the_walk_covers_the_whole_area(app: Flask) -> None:
    endpoints = {endpoint for endpoint, _m, _u in _admin_requests(app)}
    assert {"admin.index", "admin.approve", "admin.staff_deactivate", "admin.rules_import"} <= (
        endpoints
    )
    assert len(endpoints) >= 17


@pytest.mark.parametrize("role", ["caseworker", "landlord", "citizen"])
def test_no_other_role_reaches_any_admin_page(
    app: Flask,
    db: Session,
    client: FlaskClient,
    sign_in: Callable[..., None],
    cast: Any,
    role: str,
    state: Callable[[], dict[str, Any]],
) -> None:
    org = f.landlord_org(db, status=OrganisationStatus.PENDING)
    if role == "caseworker":
        account: Account = cast.north_caseworker
        sign_in(client, account)
    elif role == "landlord":
        account = f.landlord_member(db, org)
        sign_in(client, account, landlord_org_id=org.id, landlord_cvrs=[org.cvr])
    else:
        account = f.citizen_account(db, f.case(db, cast.north))
        sign_in(client, account)
    db.commit()
    before = state()
    app.config["WTF_CSRF_ENABLED"] = False
    for endpoint, method, url in _admin_requests(app):
        response = client.open(url, method=method)
        assert response.status_code in (403, 404), (endpoint, method, response.status_code)
    assert state() == before


def test_a_municipality_admin_cannot_change_the_rules(
    app: Flask, admin_client: Callable[[Account], FlaskClient], cast: Any
) -> None:
    client = admin_client(cast.north_admin)
    assert client.get("/admin/rules/legal_bases/").status_code == 200
    assert client.get("/admin/rules/export.json").status_code == 200
    app.config["WTF_CSRF_ENABLED"] = False
    assert client.get("/admin/rules/legal_bases/new").status_code == 403
    assert client.post("/admin/rules/thresholds/new", data={"code": "x"}).status_code == 403
    assert client.post("/admin/rules/import").status_code == 403


def test_another_municipalitys_organisation_and_staff_are_missing(
    app: Flask,
    db: Session,
    admin_client: Callable[[Account], FlaskClient],
    cast: Any,
    state: Callable[[], dict[str, Any]],
) -> None:
    theirs = f.landlord_org(
        db,
        OrganisationKind.MUNICIPAL,
        status=OrganisationStatus.PENDING,
        municipality_id=cast.south.id,
    )
    active = f.landlord_org(db, OrganisationKind.MUNICIPAL, municipality_id=cast.south.id)
    db.commit()
    client = admin_client(cast.north_admin)
    listing = client.get("/admin/organisations/?status=all")
    assert theirs.cvr not in listing.text and active.cvr not in listing.text
    assert cast.south_caseworker.display_name not in client.get("/admin/staff/").text
    before = state()
    app.config["WTF_CSRF_ENABLED"] = False
    assert client.get(f"/admin/organisations/{theirs.id}").status_code == 404
    assert client.post(f"/admin/organisations/{theirs.id}/approve").status_code == 404
    assert (
        client.post(f"/admin/organisations/{theirs.id}/refuse", data={"refuse-reason": "Nej"})
    ).status_code == 404
    assert (
        client.post(f"/admin/organisations/{active.id}/suspend", data={"suspend-reason": "Nej"})
    ).status_code == 404
    account = cast.south_caseworker.id
    assert client.post(f"/admin/staff/{account}/deactivate").status_code == 404
    assert client.post("/admin/staff/999999/deactivate").status_code == 404
    assert client.get("/admin/organisations/999999").status_code == 404
    assert state() == before
    # The south's own administrator and the network administrator do see them.
    assert (
        admin_client(cast.south_admin).get(f"/admin/organisations/{theirs.id}").status_code == 200
    )
    assert (
        admin_client(cast.network_admin).get(f"/admin/organisations/{theirs.id}").status_code == 200
    )


def test_administrators_start_page(
    admin_client: Callable[[Account], FlaskClient], cast: Any, db: Session
) -> None:
    f.landlord_org(db, status=OrganisationStatus.PENDING)
    db.commit()
    page = admin_client(cast.north_admin).get("/admin/")
    assert page.status_code == 200
    assert 'data-start-page="admin"' in page.text
    assert "1 landlord is waiting for an answer." in page.text
    assert cast.north.name in page.text
