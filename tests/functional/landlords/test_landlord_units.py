"""A landlord lists a home, publishes and withdraws it; wrong data is refused beside the
field with nothing saved; rent and terms are frozen while the home is in an open offer."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from landlord_world import World
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.audit.models import AuditEvent
from portal.units.models import Unit, UnitStatus
from tests import factories as f


def csrf(client: FlaskClient, url: str) -> str:
    html = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]


def unit_form(**overrides: str) -> dict[str, str]:
    values = {
        "street": "Jægergårdsgade",
        "number": "118",
        "floor": "2",
        "door": "tv",
        "postcode": "8000",
        "stairwell": "",
        "housing_kind": "family",
        "rooms": "2",
        "area_m2": "61",
        "rent": "6450",
        "utilities_on_account": "700",
        "deposit": "12900",
        "prepaid_rent": "0",
        "own_kitchen": "y",
        "available_from": "2026-09-01",
        "description": "شقة مشرقة قريبة من المحطة",
    }
    values.update(overrides)
    return values


def _units(db: Session) -> int:
    return db.scalar(select(func.count(Unit.id))) or 0


def test_create_publish_withdraw(client: FlaskClient, sign_in, world: World, db: Session) -> None:
    sign_in(client, world.a, landlord_org_id=world.a_org.id)
    token = csrf(client, "/landlord/units/new")
    response = client.post("/landlord/units/new", data={"csrf_token": token, **unit_form()})
    assert response.status_code == 303
    unit = db.scalars(select(Unit).where(Unit.street == "Jægergårdsgade")).one()
    assert (unit.city, unit.municipality.code, unit.status) == ("Aarhus C", "751", UnitStatus.DRAFT)
    assert unit.organisation_id == world.a_org.id
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'dir="auto"' in page and "شقة مشرقة" in page

    token = csrf(client, f"/landlord/units/{unit.id}")
    assert (
        client.post(f"/landlord/units/{unit.id}/publish", data={"csrf_token": token}).status_code
        == 303
    )
    db.refresh(unit)
    assert unit.status == UnitStatus.AVAILABLE
    client.post(f"/landlord/units/{unit.id}/withdraw", data={"csrf_token": token})
    db.refresh(unit)
    assert unit.status == UnitStatus.WITHDRAWN
    actions = f.audit_actions(db, object_type="unit", object_id=unit.id)
    assert actions == ["unit.create", "unit.publish", "unit.withdraw"]


def test_deposit_above_three_months_is_refused_beside_the_field(
    client: FlaskClient, sign_in, world: World, db: Session
) -> None:
    sign_in(client, world.a, landlord_org_id=world.a_org.id)
    before = _units(db)
    token = csrf(client, "/landlord/units/new")
    data = unit_form(rent="5000", deposit="15001", prepaid_rent="20000", street="Vestergade")
    response = client.post("/landlord/units/new", data={"csrf_token": token, **data})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "The deposit can be at most three months" in html
    assert "Prepaid rent can be at most three months" in html
    assert 'value="Vestergade"' in html  # what was typed is kept
    assert _units(db) == before


def test_unknown_postcode_and_bad_numbers(
    client: FlaskClient, sign_in, world: World, db: Session
) -> None:
    sign_in(client, world.a, landlord_org_id=world.a_org.id)
    before = _units(db)
    token = csrf(client, "/landlord/units/new")
    for data, message in (
        (unit_form(postcode="0999"), "We do not know this postcode"),
        (unit_form(postcode="5000"), "does not work in the municipality"),
        (unit_form(postcode="80a0"), "Write the four digits"),
        (unit_form(rent="lots"), "Not a valid integer value"),
        (unit_form(rent="-5"), "Number must be between"),
    ):
        response = client.post("/landlord/units/new", data={"csrf_token": token, **data})
        assert response.status_code == 200
        assert message in response.get_data(as_text=True), message
    assert _units(db) == before


def test_rent_and_terms_cannot_change_in_an_open_offer(
    client: FlaskClient, sign_in, world: World, db: Session
) -> None:
    sign_in(client, world.b, landlord_org_id=world.b_org.id)
    unit = world.b_unit
    url = f"/landlord/units/{unit.id}/edit"
    token = csrf(client, url)
    data = unit_form(
        street=unit.street, number=unit.number, floor="1", door="", postcode="8000",
        rooms="2", area_m2="55", rent="9999", utilities_on_account="600", deposit="0",
        available_from="2026-01-01", description="Ny beskrivelse",
    )  # fmt: skip
    html = client.post(url, data={"csrf_token": token, **data}).get_data(as_text=True)
    assert "rent and terms cannot change" in html
    db.refresh(unit)
    assert unit.rent == 5200
    # The description may change.
    data["rent"] = "5200"
    assert client.post(url, data={"csrf_token": token, **data}).status_code == 303
    db.refresh(unit)
    assert unit.description == "Ny beskrivelse"
    assert (
        db.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "unit.update")) == 1
    )


def test_list_filters_and_sorts(client: FlaskClient, sign_in, world: World, db: Session) -> None:
    m = world.a_unit.municipality
    f.unit(db, world.a_org, m, street="Åboulevarden", rent=9000, status=UnitStatus.DRAFT)
    f.unit(db, world.a_org, m, street="Banegårdsgade", rent=3000)
    db.commit()
    sign_in(client, world.a, landlord_org_id=world.a_org.id)
    html = client.get("/landlord/units/?status=draft").get_data(as_text=True)
    assert "Åboulevarden" in html and "Banegårdsgade" not in html
    html = client.get("/landlord/units/?sort=rent").get_data(as_text=True)
    assert html.index("Banegårdsgade") < html.index("Åboulevarden")
    html = client.get("/landlord/units/?q=bane").get_data(as_text=True)
    assert "Banegårdsgade" in html and "Åboulevarden" not in html
    assert client.get("/landlord/units/?status=nonsense&page=99").status_code == 200
