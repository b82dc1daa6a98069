"""Administrators see the messages that failed or wait too long, for their own
municipality (the network administrator: all), and can send one again."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.accounts.models import Account, Role
from portal.db import utcnow
from portal.municipalities.models import Municipality
from portal.notifications.events import Kind
from portal.notifications.models import OutboxMessage, OutboxStatus
from portal.notifications.services import notify
from tests import factories as f
from tests.functional.notifications.conftest import GatewayServer, SmtpSink


def _token(html: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
    assert match
    return match.group(1)


@pytest.fixture
def failed(db: Session, smtp_down: SmtpSink, gateway: GatewayServer, deliver: Any) -> f.Scene:
    """A citizen whose e-mail failed after its last try (the mail server was down)."""
    s = f.scene(db)
    s.citizen.email = "borger@example.test"
    notify(db, s.citizen, Kind.OFFER_NEW, endpoint="citizen.offer_list")
    db.commit()
    start = utcnow()
    for minutes in (0, 1, 6):  # three tries (the test settings' NOTIFY_MAX_ATTEMPTS)
        deliver(start + dt.timedelta(minutes=minutes))
    return s


def _row(db: Session) -> OutboxMessage:
    db.expire_all()
    return db.scalars(select(OutboxMessage)).one()


def test_a_failed_message_is_shown_and_sent_again_with_the_same_key(
    db: Session,
    failed: f.Scene,
    smtp_down: SmtpSink,
    client: FlaskClient,
    sign_in: Callable[..., None],
    deliver: Any,
) -> None:
    row = _row(db)
    assert row.status == OutboxStatus.FAILED
    key = row.idempotency_key
    admin = f.account(db, Role.ADMINISTRATOR, municipality_id=failed.municipality.id)
    db.commit()
    sign_in(client, admin)

    page = client.get("/admin/outbox/").get_data(as_text=True)
    assert f'data-outbox="{row.id}"' in page
    assert 'data-status="failed"' in page
    assert 'href="/admin/outbox/"' in page  # in the administrators' menu
    assert "borger@example.test" not in page  # the address is not shown

    response = client.post(f"/admin/outbox/{row.id}/retry", data={"csrf_token": _token(page)})
    assert response.status_code == 303
    row = _row(db)
    assert (row.status, row.attempts, row.idempotency_key) == (OutboxStatus.PENDING, 0, key)

    smtp_down.start()
    assert deliver().sent == 1
    assert smtp_down.keys() == [key]
    assert _row(db).status == OutboxStatus.SENT


def test_another_municipalitys_administrator_neither_sees_nor_retries_it(
    db: Session, failed: f.Scene, client: FlaskClient, sign_in: Callable[..., None]
) -> None:
    row = _row(db)
    other = f.municipality(db)
    admin = f.account(db, Role.ADMINISTRATOR, municipality_id=other.id)
    db.commit()
    sign_in(client, admin)

    page = client.get("/admin/outbox/").get_data(as_text=True)
    assert f'data-outbox="{row.id}"' not in page
    response = client.post(f"/admin/outbox/{row.id}/retry", data={"csrf_token": _token(page)})
    assert response.status_code == 404
    assert _row(db).status == OutboxStatus.FAILED


def test_the_network_administrator_sees_every_municipalitys(
    db: Session, failed: f.Scene, client: FlaskClient, sign_in: Callable[..., None]
) -> None:
    row = _row(db)
    admin = f.network_admin(db)
    db.commit()
    sign_in(client, admin)
    assert f'data-outbox="{row.id}"' in client.get("/admin/outbox/").get_data(as_text=True)


@pytest.mark.parametrize("role", [Role.CITIZEN, Role.LANDLORD, Role.CASEWORKER])
def test_non_administrators_are_refused(
    db: Session,
    failed: f.Scene,
    client: FlaskClient,
    sign_in: Callable[..., None],
    role: Role,
) -> None:
    account: Account = {
        Role.CITIZEN: failed.citizen,
        Role.LANDLORD: failed.landlord,
        Role.CASEWORKER: failed.caseworker,
    }[role]
    sign_in(client, account)
    assert client.get("/admin/outbox/").status_code == 403
    assert client.post(f"/admin/outbox/{_row(db).id}/retry").status_code == 403


def test_a_message_waiting_long_is_shown_and_a_fresh_one_is_not(
    db: Session, client: FlaskClient, sign_in: Callable[..., None], smtp_down: SmtpSink
) -> None:
    s = f.scene(db)
    s.citizen.email = "borger@example.test"
    old = notify(db, s.citizen, Kind.OFFER_NEW, endpoint="citizen.offer_list")
    fresh = notify(db, s.citizen, Kind.LETTER_READY, endpoint="citizen.start")
    assert old is not None and fresh is not None
    db.flush()
    rows = {r.notification_id: r for r in db.scalars(select(OutboxMessage))}
    rows[old.id].created_at = utcnow() - dt.timedelta(hours=3)
    admin = f.account(db, Role.ADMINISTRATOR, municipality_id=s.municipality.id)
    db.commit()
    sign_in(client, admin)

    page = client.get("/admin/outbox/").get_data(as_text=True)
    assert f'data-outbox="{rows[old.id].id}"' in page
    assert f'data-outbox="{rows[fresh.id].id}"' not in page


def test_the_municipality_administrator_turns_sms_off(
    db: Session, client: FlaskClient, sign_in: Callable[..., None]
) -> None:
    s = f.scene(db)
    admin = f.account(db, Role.ADMINISTRATOR, municipality_id=s.municipality.id)
    db.commit()
    sign_in(client, admin)
    page = client.get("/admin/outbox/").get_data(as_text=True)

    response = client.post(
        "/admin/outbox/channels", data={"csrf_token": _token(page), "notify_email": "y"}
    )

    assert response.status_code == 303
    municipality = db.get_one(Municipality, s.municipality.id)
    db.refresh(municipality)
    assert (municipality.notify_email, municipality.notify_sms) == (True, False)
    s.citizen.phone = "+4512345678"
    s.citizen.email = "borger@example.test"
    note = notify(db, s.citizen, Kind.OFFER_NEW, endpoint="citizen.offer_list")
    db.flush()
    assert note is not None
    assert [
        r.channel
        for r in db.scalars(select(OutboxMessage).where(OutboxMessage.notification_id == note.id))
    ] == ["email"]
