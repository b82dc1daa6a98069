"""The inbox in every role's menu: unread counts, opening an item, marking all read,
the citizen's choice of channels, and nobody else's notifications."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.accounts.models import Account, Role
from portal.audit.models import AuditEvent
from portal.notifications.events import Kind
from portal.notifications.models import Notification
from portal.notifications.services import PAGE_SIZE, notify, unread_count
from tests import factories as f


@pytest.fixture
def scene(db: Session) -> f.Scene:
    s = f.scene(db)
    s.citizen.email = "borger@example.test"
    s.citizen.phone = "+4512345678"
    db.flush()
    return s


def _menu_link(html: str) -> str:
    match = re.search(r'<a class="inbox-link"[^>]*>([^<]*)</a>', html)
    assert match, "no inbox link in the menu"
    return match.group(1).strip()


@pytest.mark.parametrize(
    ("who", "page"),
    [
        ("citizen", "/citizen/"),
        ("landlord", "/landlord/tenants"),
        ("caseworker", "/staff/"),
        ("administrator", "/admin/"),
    ],
)
def test_every_role_sees_its_unread_count_in_its_menu(
    db: Session,
    scene: f.Scene,
    client: FlaskClient,
    sign_in: Callable[..., None],
    who: str,
    page: str,
) -> None:
    accounts: dict[str, Account] = {
        "citizen": scene.citizen,
        "landlord": scene.landlord,
        "caseworker": scene.caseworker,
        "administrator": f.account(db, Role.ADMINISTRATOR, municipality_id=scene.municipality.id),
    }
    account = accounts[who]
    extra: dict[str, Any] = {"landlord_org_id": scene.organisation.id} if who == "landlord" else {}
    sign_in(client, account, **extra)

    html = client.get(page).get_data(as_text=True)
    assert _menu_link(html) == "Inbox"

    notify(db, account, Kind.OFFER_NEW, endpoint="notifications.index")
    notify(db, account, Kind.LETTER_READY, endpoint="notifications.index")
    db.commit()
    response = client.get(page)
    assert response.status_code == 200
    assert _menu_link(response.get_data(as_text=True)) == "Inbox (2 unread)"

    inbox = client.get("/inbox/")
    assert inbox.status_code == 200
    assert inbox.get_data(as_text=True).count("inbox-unread") == 2


def test_opening_an_item_marks_it_read_and_goes_to_its_page(
    db: Session, scene: f.Scene, client: FlaskClient, sign_in: Callable[..., None]
) -> None:
    note = notify(db, scene.citizen, Kind.OFFER_NEW, endpoint="citizen.offer_list")
    notify(db, scene.citizen, Kind.LETTER_READY, endpoint="citizen.start")
    assert note is not None
    db.commit()
    sign_in(client, scene.citizen)

    response = client.get(f"/inbox/{note.id}")

    assert response.status_code == 303
    assert response.headers["Location"].endswith("/citizen/offers")
    db.refresh(note)
    assert note.read_at is not None
    assert unread_count(db, scene.citizen) == 1
    html = client.get("/inbox/").get_data(as_text=True)
    assert html.count("inbox-unread") == 1
    assert "Inbox (1 unread)" in html


def test_another_accounts_notification_is_not_found(
    db: Session, scene: f.Scene, client: FlaskClient, sign_in: Callable[..., None]
) -> None:
    theirs = notify(db, scene.caseworker, Kind.REVIEW_DUE, endpoint="staff.start")
    assert theirs is not None
    db.commit()
    sign_in(client, scene.citizen)

    assert client.get(f"/inbox/{theirs.id}").status_code == 404
    assert client.get("/inbox/999999").status_code == 404
    db.refresh(theirs)
    assert theirs.read_at is None
    assert f'data-notification="{theirs.id}"' not in client.get("/inbox/").get_data(as_text=True)


def test_mark_all_read_needs_the_form_and_marks_only_ones_own(
    db: Session, scene: f.Scene, client: FlaskClient, sign_in: Callable[..., None]
) -> None:
    for _ in range(3):
        notify(db, scene.citizen, Kind.OFFER_NEW, endpoint="citizen.offer_list")
    notify(db, scene.caseworker, Kind.REVIEW_DUE, endpoint="staff.start")
    db.commit()
    sign_in(client, scene.citizen)

    assert client.post("/inbox/read-all").status_code == 400  # no CSRF token
    assert unread_count(db, scene.citizen) == 3

    html = client.get("/inbox/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
    assert token
    response = client.post("/inbox/read-all", data={"csrf_token": token.group(1)})
    assert response.status_code == 303
    assert unread_count(db, scene.citizen) == 0
    assert unread_count(db, scene.caseworker) == 1


def test_the_inbox_is_paginated_newest_first(
    db: Session, scene: f.Scene, client: FlaskClient, sign_in: Callable[..., None]
) -> None:
    notes = [
        notify(db, scene.citizen, Kind.OFFER_NEW, endpoint="citizen.offer_list")
        for _ in range(PAGE_SIZE + 2)
    ]
    db.commit()
    sign_in(client, scene.citizen)

    first = client.get("/inbox/").get_data(as_text=True)
    ids = [int(x) for x in re.findall(r'data-notification="(\d+)"', first)]
    assert len(ids) == PAGE_SIZE
    assert ids == sorted(ids, reverse=True)
    assert 'rel="next"' in first
    second = client.get("/inbox/?page=2").get_data(as_text=True)
    rest = [int(x) for x in re.findall(r'data-notification="(\d+)"', second)]
    assert sorted(ids + rest) == sorted(n.id for n in notes if n is not None)


def test_the_inbox_needs_a_login(client: FlaskClient, db: Session) -> None:
    assert client.get("/inbox/").status_code in (302, 401)
    assert client.get("/inbox/settings").status_code in (302, 401)


def test_the_citizen_chooses_email_and_sms_but_cannot_turn_off_the_inbox(
    db: Session, scene: f.Scene, client: FlaskClient, sign_in: Callable[..., None]
) -> None:
    sign_in(client, scene.citizen)
    page = client.get("/inbox/settings").get_data(as_text=True)
    assert "borger@example.test" in page
    assert "+4512345678" in page
    assert "You cannot turn the inbox off." in page
    assert 'href="/inbox/settings"' in client.get("/inbox/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert token

    # Unchecked boxes are not sent: both off.
    response = client.post("/inbox/settings", data={"csrf_token": token.group(1)})
    assert response.status_code == 303
    db.refresh(scene.citizen)
    assert (scene.citizen.notify_email, scene.citizen.notify_sms) == (False, False)
    assert (
        db.scalar(select(AuditEvent.action).where(AuditEvent.actor_id == scene.citizen.id))
        == "notifications.channels"
    )

    client.post("/inbox/settings", data={"csrf_token": token.group(1), "notify_sms": "y"})
    db.refresh(scene.citizen)
    assert (scene.citizen.notify_email, scene.citizen.notify_sms) == (False, True)
    # The inbox still gets everything.
    notify(db, scene.citizen, Kind.OFFER_NEW, endpoint="citizen.offer_list")
    db.commit()
    assert db.scalars(select(Notification).where(Notification.account_id == scene.citizen.id)).all()


def test_the_settings_page_needs_the_csrf_token(
    db: Session, scene: f.Scene, client: FlaskClient, sign_in: Callable[..., None]
) -> None:
    sign_in(client, scene.citizen)
    assert client.post("/inbox/settings", data={}).status_code == 400
    db.refresh(scene.citizen)
    assert scene.citizen.notify_email and scene.citizen.notify_sms
