"""The unit services enforce the rules themselves, whatever page calls them."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from portal.errors import NotAllowed
from portal.offers import services as offers
from portal.offers.models import RuleKind
from portal.offers.services import RuleResult
from portal.units import policy, services
from portal.units.models import HousingKind, UnitStatus
from portal.units.postcodes import lookup, postcode_table
from tests import factories as f


def data(**changes: object) -> services.UnitData:
    values: dict[str, object] = {
        "street": "Gudrunsvej", "number": "42", "postcode": "8220",
        "housing_kind": HousingKind.SUPPORTED, "rooms": 2, "area_m2": 52, "rent": 5200,
        "available_from": dt.date(2026, 8, 1), "floor": 0, "door": "tv", "stairwell": "B",
    }  # fmt: skip
    values.update(changes)
    return services.UnitData(**values)  # type: ignore[arg-type]


@pytest.fixture
def org(db: Session):
    f.municipality(db, code="751")
    return f.landlord_org(db)


def test_the_postcode_table_covers_the_network() -> None:
    table = postcode_table()
    for code in ("751", "169", "101", "265", "730"):
        assert any(p.kommunekode == code for p in table.values()), code
    assert lookup("2630") is not None and lookup("2630").city == "Taastrup"  # type: ignore[union-attr]
    assert lookup("8900").kommunekode == "730"  # type: ignore[union-attr]
    assert lookup("1650").city == "København V"  # type: ignore[union-attr]
    assert lookup("0000") is None and lookup("") is None


def test_create_sets_city_municipality_and_stairwell_key(db: Session, org) -> None:
    landlord = f.landlord_member(db, org)
    unit = services.create_unit(db, landlord, org, data())
    assert (unit.city, unit.municipality.code, unit.status) == ("Brabrand", "751", UnitStatus.DRAFT)
    assert unit.building_key == "gudrunsvej 42 b 8220"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"deposit": 15601}, "deposit"),
        ({"prepaid_rent": 15601}, "prepaid_rent"),
        ({"deposit": -1}, "deposit"),
        ({"postcode": "9999"}, "postcode"),
        ({"rent": 0}, "rent"),
        ({"rooms": 0}, "rooms"),
    ],
)
def test_bad_data_is_refused_by_the_service(db: Session, org, changes, field) -> None:
    landlord = f.landlord_member(db, org)
    with pytest.raises(services.UnitError) as refused:
        services.create_unit(db, landlord, org, data(**changes))
    assert refused.value.field == field


def test_three_months_exactly_is_allowed() -> None:
    assert policy.within_three_months(15600, 5200)
    assert not policy.within_three_months(15601, 5200)


def test_terms_are_frozen_in_an_open_offer_and_others_cannot_change(db: Session, org) -> None:
    s = f.scene(db)
    offers.propose(db, s.caseworker, s.unit, s.case, [RuleResult("x", RuleKind.MUST, True)],
                   dt.date(2026, 3, 1))  # fmt: skip
    current = services.unit_data(s.unit)
    current.rent += 100
    with pytest.raises(services.UnitError) as refused:
        services.update_unit(db, s.landlord, {s.organisation.id}, s.unit, current)
    assert "rent and terms cannot change" in str(refused.value)
    current.rent -= 100
    current.description = "Ny tekst"
    assert services.update_unit(db, s.landlord, {s.organisation.id}, s.unit, current).description
    other = f.landlord_org(db)
    with pytest.raises(NotAllowed):
        services.publish_unit(db, s.landlord, {other.id}, s.unit)
    with pytest.raises(services.UnitError, match="cannot be withdrawn"):
        services.withdraw_unit(db, s.landlord, {s.organisation.id}, s.unit)
