"""A citizen sees only their own case: every page, and every offer, photo and download id
of another citizen → 404. Staff and landlords' reads are logged; the citizen's are not."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from citizen_world import World, citizen, lease_for, offer_to
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.accounts.models import Role
from portal.audit.models import AuditEvent
from portal.audit.services import record
from portal.storage import FolderStorage
from portal.units.models import UnitPhoto
from tests import factories as f

PAGES = [
    "/citizen/",
    "/citizen/plan",
    "/citizen/offers",
    "/citizen/rights",
    "/citizen/seen-by",
    "/citizen/my-data",
    "/citizen/my-data/download.json",
    "/citizen/my-data/download.html",
    "/citizen/how-am-i-doing",
    "/citizen/settings",
]


def _photo(app: Flask, db: Session, unit_id: int) -> UnitPhoto:
    store = FolderStorage(app.config["SETTINGS"].storage_dir)
    store.put(f"units/{unit_id}/a.jpg", b"\xff\xd8full")
    store.put(f"units/{unit_id}/a-thumb.jpg", b"\xff\xd8thumb")
    photo = UnitPhoto(unit_id=unit_id, storage_key=f"units/{unit_id}/a.jpg",
                      thumbnail_key=f"units/{unit_id}/a-thumb.jpg", content_type="image/jpeg",
                      width=1200, height=800, alt_text="Stuen")  # fmt: skip
    db.add(photo)
    db.flush()
    return photo


def test_another_citizens_offer_photo_and_answer_are_404(
    app: Flask, db: Session, world: World, signed_in
) -> None:
    mine = citizen(db, world)
    other = citizen(db, world)
    my_offer = offer_to(db, world, mine)
    their_offer = offer_to(db, world, other)
    my_photo = _photo(app, db, my_offer.unit_id)
    their_photo = _photo(app, db, their_offer.unit_id)
    client = signed_in(mine)

    page = client.get(f"/citizen/offers/{my_offer.id}").get_data(as_text=True)
    # Photos: through the citizen's own route, lazy, with width and height.
    assert 'loading="lazy"' in page and 'width="320"' in page and 'height="213"' in page
    thumb = client.get(f"/citizen/offers/{my_offer.id}/photos/{my_photo.id}/thumb")
    assert thumb.status_code == 200 and thumb.data == b"\xff\xd8thumb"
    assert thumb.mimetype == "image/jpeg"
    full = client.get(f"/citizen/offers/{my_offer.id}/photos/{my_photo.id}/full")
    assert full.data == b"\xff\xd8full"

    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    for url in (
        f"/citizen/offers/{their_offer.id}",
        f"/citizen/offers/{their_offer.id}/decline",
        f"/citizen/offers/{their_offer.id}/photos/{their_photo.id}/thumb",
        # Their photo through my offer, and my photo through their offer.
        f"/citizen/offers/{my_offer.id}/photos/{their_photo.id}/full",
        f"/citizen/offers/{their_offer.id}/photos/{my_photo.id}/full",
        "/citizen/offers/999999",
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        f"/citizen/offers/{their_offer.id}/accept",
        f"/citizen/offers/{their_offer.id}/decline",
    ):
        answer = client.post(url, data={"csrf_token": token, "reason": world.far_away.id,
                                        "confirmed": "yes"})  # fmt: skip
        assert answer.status_code == 404, url
    db.refresh(their_offer)
    assert their_offer.status == "offered"
    # Lists show only the citizen's own.
    listing = client.get("/citizen/offers").get_data(as_text=True)
    assert f"/citizen/offers/{my_offer.id}" in listing
    assert f"/citizen/offers/{their_offer.id}" not in listing


def test_a_proposal_not_yet_sent_is_not_the_citizens_to_see(
    db: Session, world: World, signed_in
) -> None:
    from portal.offers import services as offers
    from portal.offers.models import RuleKind

    person = citizen(db, world)
    unit = f.unit(db, world.organisation, world.municipality)
    rules = [offers.RuleResult("rooms", RuleKind.MUST, True)]
    proposal = offers.propose(db, world.caseworker, unit, person.case, rules, dt.date.today())
    client = signed_in(person)
    assert client.get(f"/citizen/offers/{proposal.id}").status_code == 404
    assert "You have not been offered a home yet" in client.get("/citizen/offers").get_data(
        as_text=True
    )


def test_the_download_holds_my_data_and_cpr_and_nobody_elses(
    db: Session, world: World, signed_in
) -> None:
    mine = citizen(db, world, cpr="010190-1239", name="Mette Min")
    other = citizen(db, world, cpr="020290-2345", name="Anden Borger")
    lease_for(db, world, mine)
    lease_for(db, world, other)
    client = signed_in(mine)
    response = client.get("/citizen/my-data/download.json")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response.headers["Cache-Control"]
    data = json.loads(response.data)
    assert data["person"]["name"] == "Mette Min" and data["person"]["cpr"] == "010190-1239"
    assert len(data["leases"]) == 1
    text = response.get_data(as_text=True)
    assert "Anden Borger" not in text and "020290-2345" not in text
    readable = client.get("/citizen/my-data/download.html").get_data(as_text=True)
    assert "Mette Min" in readable and "010190-1239" in readable
    assert "Anden Borger" not in readable
    # The CPR is never in a URL or on the ordinary pages.
    for url in ("/citizen/", "/citizen/my-data", "/citizen/settings"):
        assert "010190-1239" not in client.get(url).get_data(as_text=True)


def test_who_has_seen_my_data_shows_staff_and_landlord_reads_newest_first(
    db: Session, world: World, signed_in
) -> None:
    person = citizen(db, world)
    other = citizen(db, world)
    old = record(db, world.caseworker, "case.read", "case", person.case.id,
                 case_id=person.case.id, purpose="Sagsbehandling")  # fmt: skip
    old.at = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
    new = record(db, world.landlord, "offer.read", "offer", 1, case_id=person.case.id,
                 purpose="Svar på boligtilbud")  # fmt: skip
    new.at = dt.datetime(2026, 2, 7, 9, tzinfo=dt.UTC)
    record(db, person.account, "survey.answer", "case", person.case.id, case_id=person.case.id,
           purpose="Mit eget svar")  # fmt: skip
    record(db, world.caseworker, "case.read", "case", other.case.id, case_id=other.case.id,
           purpose="En anden borgers sag")  # fmt: skip
    db.flush()
    client = signed_in(person)
    before = db.scalar(select(func.count(AuditEvent.id)))
    page = client.get("/citizen/seen-by").get_data(as_text=True)
    assert page.index("Svar på boligtilbud") < page.index("Sagsbehandling")
    assert "Landlord" in page and "Caseworker at the municipality" in page
    assert "Mit eget svar" not in page and "En anden borgers sag" not in page
    # The citizen's own reads of every page are not written to the log.
    for url in [
        "/citizen/",
        "/citizen/plan",
        "/citizen/rights",
        "/citizen/seen-by",
        "/citizen/my-data/download.json",
    ]:
        client.get(url)
    assert db.scalar(select(func.count(AuditEvent.id))) == before


def test_who_has_seen_my_data_is_paginated(db: Session, world: World, signed_in) -> None:
    person = citizen(db, world)
    for n in range(25):
        event = record(db, world.caseworker, "case.read", "case", person.case.id,
                       case_id=person.case.id, purpose=f"Læsning {n:02d}")  # fmt: skip
        event.at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=n)
    client = signed_in(person)
    first = client.get("/citizen/seen-by").get_data(as_text=True)
    assert (
        "Læsning 24" in first
        and "Læsning 04" not in first
        and "Page <bdi>1</bdi> of <bdi>2</bdi>" in first
    )
    second = client.get("/citizen/seen-by?page=2").get_data(as_text=True)
    assert "Læsning 04" in second and "Læsning 24" not in second
    assert client.get("/citizen/seen-by?page=abc").status_code == 200


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.LANDLORD])
def test_staff_and_landlords_cannot_use_the_citizen_pages(
    db: Session, world: World, client, sign_in, role: Role
) -> None:
    account = world.caseworker if role == Role.CASEWORKER else world.landlord
    db.commit()
    sign_in(client, account)
    for url in PAGES:
        assert client.get(url).status_code == 403, url


def test_a_citizen_account_without_a_case_gets_404(db: Session, client, sign_in) -> None:
    account = f.account(db, Role.CITIZEN)
    db.commit()
    sign_in(client, account)
    for url in PAGES:
        assert client.get(url).status_code == 404, url


def test_anonymous_visitors_are_refused(client) -> None:
    for url in PAGES:
        assert client.get(url).status_code == 401, url
