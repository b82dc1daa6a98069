"""The evaluation page and export through the test client."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests import factories as f
from tests.unit.reporting.dataset import build


def test_page_shows_own_figures(db: Session, client: FlaskClient, sign_in) -> None:  # type: ignore[no-untyped-def]
    data = build(db)
    db.commit()
    sign_in(client, data.caseworker)
    page = client.get("/staff/evaluation/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<svg" in html and "style=" not in html.split("<main", 1)[-1]
    assert "Byvej 1" in html and "Fjernvej 9" not in html
    # The two-year goal of citizen groups 1 and 2 is stated on its own; not for group 3.
    assert 'data-figure="two_year_goal"' in html
    group_3 = client.get("/staff/evaluation/?citizen_group=3").get_data(as_text=True)
    assert 'data-figure="two_year_goal"' not in group_3


def test_caseworker_cannot_widen_scope(db: Session, client: FlaskClient, sign_in) -> None:  # type: ignore[no-untyped-def]
    data = build(db)
    db.commit()
    sign_in(client, data.caseworker)
    html = client.get(f"/staff/evaluation/?municipality={data.other.id}").get_data(as_text=True)
    assert "Fjernvej 9" not in html
    body = client.get(f"/staff/evaluation/export/cases.csv?municipality={data.other.id}").get_data(
        as_text=True
    )
    # c1..c5 are in the caseworker's municipality; c6 is not.
    assert len(body.strip().splitlines()) == 1 + 5
    assert data.other.code not in {line.split(",")[1] for line in body.splitlines()[1:]}


def test_export_has_no_cpr_names_or_addresses(db: Session, client: FlaskClient, sign_in) -> None:  # type: ignore[no-untyped-def]
    data = build(db)
    db.commit()
    sign_in(client, data.caseworker)
    names = [c.name for c in data.cases.values()]
    for table in (
        "cases",
        "target_groups",
        "leases",
        "outcomes",
        "follow_ups",
        "relapses",
        "survey_answers",
        "figures",
    ):
        resp = client.get(f"/staff/evaluation/export/{table}.csv")
        assert resp.status_code == 200
        body = resp.get_data(as_text=True)
        # A CPR number on its own (pseudonyms are hex, so digits inside them do not count).
        assert not re.search(r"\b\d{6}-?\d{4}\b", body), table
        assert not any(n in body for n in names), table
        assert "Søndergade" not in body and "Byvej" not in body, table
    cases = client.get("/staff/evaluation/export/cases.csv").get_data(as_text=True)
    again = client.get("/staff/evaluation/export/cases.csv").get_data(as_text=True)
    assert cases == again  # stable pseudonyms
    assert str(data.cases["c1"].id) not in {line.split(",")[0] for line in cases.splitlines()}


def test_small_cells_suppressed(db: Session, client: FlaskClient, sign_in) -> None:  # type: ignore[no-untyped-def]
    data = build(db)
    db.commit()
    sign_in(client, data.caseworker)
    rows = client.get("/staff/evaluation/export/figures.csv").get_data(as_text=True).splitlines()
    # 4 households, 7 persons: the 4 is hidden, the 7 shown.
    assert "housed,households,,<5" in rows
    assert "housed,persons,,7" in rows
    assert "relapses,economy,,<5" in rows
    assert not any(line.endswith((",1", ",2", ",3", ",4")) for line in rows)


def test_unknown_export_and_landlord_refused(db: Session, client: FlaskClient, sign_in) -> None:  # type: ignore[no-untyped-def]
    data = build(db)
    org = f.landlord_org(db)
    landlord = f.landlord_member(db, org)
    db.commit()
    sign_in(client, data.caseworker)
    assert client.get("/staff/evaluation/export/secrets.csv").status_code == 404
    other = client.application.test_client()
    sign_in(other, landlord, landlord_org_id=org.id)
    assert other.get("/staff/evaluation/").status_code in (403, 404)


def test_bad_filter_shows_error_and_no_500(db: Session, client: FlaskClient, sign_in) -> None:  # type: ignore[no-untyped-def]
    data = build(db)
    db.commit()
    sign_in(client, data.caseworker)
    resp = client.get("/staff/evaluation/?period_start=2025-06-01&period_end=2025-01-01&lang=en")
    assert resp.status_code == 200
    assert "The end of the period must be after its start." in resp.get_data(as_text=True)
    assert client.get("/staff/evaluation/?period_start=nonsense").status_code == 200


def test_network_admin_chooses_municipality(db: Session, client: FlaskClient, sign_in) -> None:  # type: ignore[no-untyped-def]
    data = build(db)
    admin = f.network_admin(db)
    db.commit()
    sign_in(client, admin)
    everyone = client.get("/staff/evaluation/export/cases.csv").get_data(as_text=True)
    assert len(everyone.strip().splitlines()) >= 1 + 6
    other = client.get(f"/staff/evaluation/export/cases.csv?municipality={data.other.id}").get_data(
        as_text=True
    )
    assert len(other.strip().splitlines()) == 1 + 1
