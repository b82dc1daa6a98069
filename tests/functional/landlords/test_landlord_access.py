"""Landlord A cannot see or change B's units, photos, offers, leases or members: 404."""

from __future__ import annotations

import io

import pytest
from flask.testing import FlaskClient
from landlord_world import World, jpeg_bytes
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.landlords.models import MemberStatus
from portal.leases.models import LeaseEvent
from portal.offers.models import OfferStatus
from portal.units.models import UnitPhoto, UnitStatus


def _csrf(client: FlaskClient, url: str) -> str:
    html = client.get(url).get_data(as_text=True)
    marker = 'name="csrf_token" type="hidden" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


def _get_urls(w: World) -> list[str]:
    return [
        f"/landlord/units/{w.b_unit.id}",
        f"/landlord/units/{w.b_unit.id}/edit",
        f"/landlord/units/{w.b_unit.id}/photos/{w.photo.id}",
        f"/landlord/units/{w.b_unit.id}/photos/{w.photo.id}/thumbnail",
        # B's photo under A's own unit id: the photo must belong to that unit too.
        f"/landlord/units/{w.a_unit.id}/photos/{w.photo.id}",
        f"/landlord/tenants/{w.offer.id}",
        f"/landlord/leases/{w.lease.id}",
    ]


def test_a_gets_404_for_every_page_of_b(client: FlaskClient, sign_in, world: World) -> None:
    sign_in(client, world.a, landlord_org_id=world.a_org.id)
    for url in _get_urls(world):
        assert client.get(url).status_code == 404, url


def test_b_sees_its_own(client: FlaskClient, sign_in, world: World) -> None:
    sign_in(client, world.b, landlord_org_id=world.b_org.id)
    for url in _get_urls(world)[:4] + _get_urls(world)[5:]:
        assert client.get(url).status_code == 200, url


def test_a_cannot_change_anything_of_b(
    client: FlaskClient, sign_in, world: World, db: Session
) -> None:
    sign_in(client, world.a, landlord_org_id=world.a_org.id)
    token = _csrf(client, "/landlord/organisation")
    b_unit = world.b_unit.id
    posts: list[tuple[str, dict[str, object]]] = [
        (f"/landlord/units/{b_unit}/edit", {"street": "X", "rent": "1"}),
        (f"/landlord/units/{b_unit}/publish", {}),
        (f"/landlord/units/{b_unit}/withdraw", {}),
        (f"/landlord/units/{b_unit}/photos", {"photo": (io.BytesIO(jpeg_bytes()), "a.jpg")}),
        (f"/landlord/units/{b_unit}/photos/{world.photo.id}/delete", {}),
        (f"/landlord/tenants/{world.offer.id}", {"answer": "decline", "reason": world.reason.id}),
        (
            f"/landlord/leases/{world.lease.id}/reports",
            {"kind": "house_rules", "occurred_on": "2026-01-01", "what": "Larm"},
        ),
        (f"/landlord/organisation/members/{world.b_member.id}/remove", {}),
    ]
    for url, data in posts:
        response = client.post(url, data={"csrf_token": token, **data})
        assert response.status_code == 404, url
    db.expire_all()
    assert world.b_unit.status == UnitStatus.OFFERED
    assert world.offer.status == OfferStatus.CITIZEN_ACCEPTED
    assert world.b_member.status == MemberStatus.ACTIVE
    assert db.scalar(select(func.count(UnitPhoto.id))) == 1
    assert db.scalar(select(func.count(LeaseEvent.id))) == 0


def test_lists_show_only_our_own(client: FlaskClient, sign_in, world: World) -> None:
    sign_in(client, world.a, landlord_org_id=world.a_org.id)
    units = client.get("/landlord/units/").get_data(as_text=True)
    assert f'data-unit-id="{world.a_unit.id}"' in units
    assert f'data-unit-id="{world.b_unit.id}"' not in units
    assert "Mette Jensen" not in client.get("/landlord/tenants").get_data(as_text=True)
    assert "Lars Nielsen" not in client.get("/landlord/leases").get_data(as_text=True)
    members = client.get("/landlord/organisation").get_data(as_text=True)
    assert f'data-member-id="{world.b_member.id}"' not in members


@pytest.mark.parametrize("org", ["b", "none"])
def test_acting_for_an_organisation_one_is_not_a_member_of_is_refused(
    client: FlaskClient, sign_in, world: World, org: str
) -> None:
    # A session pointing at B's organisation (or none) never shows B's data.
    if org == "b":
        sign_in(client, world.a, landlord_org_id=world.b_org.id)
        assert client.get("/landlord/units/").status_code == 403
    else:
        sign_in(client, world.a)
        response = client.get("/landlord/units/")
        assert response.status_code == 303
        assert "/landlord/choose" in response.headers["Location"]


def test_a_removed_member_loses_access_at_once(
    client: FlaskClient, sign_in, world: World, db: Session
) -> None:
    sign_in(client, world.b, landlord_org_id=world.b_org.id)
    assert client.get("/landlord/units/").status_code == 200
    world.b_member.status = MemberStatus.REMOVED
    db.commit()
    assert client.get("/landlord/units/").status_code == 403
