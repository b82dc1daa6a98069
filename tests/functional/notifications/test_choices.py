"""Who gets what: the citizen's own choice, the municipality's switch, the dedupe key,
and no personal data in anything that leaves the portal."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.notifications.events import Kind
from portal.notifications.models import Channel, Notification, OutboxMessage
from portal.notifications.services import notify
from tests import factories as f
from tests.functional.notifications.conftest import GatewayServer, SmtpSink


def channels(db: Session, note: Notification | None) -> set[Channel]:
    assert note is not None
    db.flush()
    return set(
        db.scalars(select(OutboxMessage.channel).where(OutboxMessage.notification_id == note.id))
    )


@pytest.fixture
def scene(db: Session) -> f.Scene:
    s = f.scene(db)
    s.citizen.email = "borger@example.test"
    s.citizen.phone = "+4512345678"
    db.flush()
    return s


def test_both_channels_by_default(db: Session, scene: f.Scene) -> None:
    note = notify(db, scene.citizen, Kind.OFFER_NEW, endpoint="citizen.offer_list")
    assert channels(db, note) == {Channel.EMAIL, Channel.SMS}


@pytest.mark.parametrize(
    ("email", "sms", "expected"),
    [(False, True, {Channel.SMS}), (True, False, {Channel.EMAIL}), (False, False, set())],
)
def test_the_citizens_opt_out_is_honoured_but_the_inbox_stays(
    db: Session, scene: f.Scene, email: bool, sms: bool, expected: set[Channel]
) -> None:
    scene.citizen.notify_email = email
    scene.citizen.notify_sms = sms
    note = notify(db, scene.citizen, Kind.OFFER_NEW, endpoint="citizen.offer_list")
    assert channels(db, note) == expected
    assert db.scalar(select(func.count(Notification.id))) == 1


def test_no_address_no_channel(db: Session, scene: f.Scene) -> None:
    scene.citizen.email = None
    scene.citizen.phone = ""
    note = notify(db, scene.citizen, Kind.OFFER_NEW, endpoint="citizen.offer_list")
    assert channels(db, note) == set()


@pytest.mark.parametrize(
    ("email", "sms", "expected"),
    [(False, True, {Channel.SMS}), (True, False, {Channel.EMAIL}), (False, False, set())],
)
def test_the_municipality_switch_is_honoured_for_citizens_and_staff(
    db: Session, scene: f.Scene, email: bool, sms: bool, expected: set[Channel]
) -> None:
    scene.municipality.notify_email = email
    scene.municipality.notify_sms = sms
    scene.caseworker.email = "sagsbehandler@kommune.test"
    scene.caseworker.phone = "+4511111111"
    db.flush()
    citizen_note = notify(db, scene.citizen, Kind.OFFER_NEW, endpoint="citizen.offer_list")
    staff_note = notify(db, scene.caseworker, Kind.CITIZEN_ANSWERED, endpoint="staff.start")
    assert channels(db, citizen_note) == expected
    assert channels(db, staff_note) == expected


def test_another_municipalitys_switch_does_not_apply(db: Session, scene: f.Scene) -> None:
    other = f.municipality(db, notify_email=False, notify_sms=False)
    assert other.id != scene.municipality.id
    note = notify(db, scene.citizen, Kind.OFFER_NEW, endpoint="citizen.offer_list")
    assert channels(db, note) == {Channel.EMAIL, Channel.SMS}


def test_a_repeated_dedupe_key_is_a_no_op(db: Session, scene: f.Scene) -> None:
    first = notify(
        db,
        scene.citizen,
        Kind.OFFER_DEADLINE,
        endpoint="citizen.offer_list",
        dedupe_key="offer-deadline:42",
    )
    again = notify(
        db,
        scene.citizen,
        Kind.OFFER_DEADLINE,
        endpoint="citizen.offer_list",
        dedupe_key="offer-deadline:42",
    )
    db.commit()
    later = notify(
        db,
        scene.citizen,
        Kind.OFFER_DEADLINE,
        endpoint="citizen.offer_list",
        dedupe_key="offer-deadline:42",
    )
    assert first is not None and again is None and later is None
    assert db.scalar(select(func.count(Notification.id))) == 1
    assert db.scalar(select(func.count(OutboxMessage.id))) == 2
    # The key is per recipient: the caseworker may get the same key.
    assert (
        notify(
            db,
            scene.caseworker,
            Kind.REVIEW_DUE,
            endpoint="staff.start",
            dedupe_key="offer-deadline:42",
        )
        is not None
    )


def test_notify_does_not_commit(db: Session, scene: f.Scene) -> None:
    notify(db, scene.citizen, Kind.OFFER_NEW, endpoint="citizen.offer_list")
    db.rollback()
    assert db.scalar(select(func.count(Notification.id))) == 0
    assert db.scalar(select(func.count(OutboxMessage.id))) == 0


def test_no_cpr_name_address_health_or_plan_in_any_email_or_sms(
    db: Session, smtp: SmtpSink, gateway: GatewayServer, deliver: Any
) -> None:
    cpr = f.cpr_number()
    m = f.municipality(db)
    org = f.landlord_org(db)
    case = f.case(db, m, cpr=cpr, name="Yohannes Tesfaye Berhe")
    citizen = f.citizen_account(db, case)
    citizen.display_name = "Yohannes Tesfaye Berhe"
    plan = f.plan_with_goal(db, case)
    plan.purpose = "Stabil psykisk helbred og ophør med misbrug"
    unit = f.unit(
        db, org, m, street="Hjortespringvej", number="117", postcode="8210", city="Aarhus V"
    )
    caseworker = f.caseworker(db, m, display_name="Mette Sagsbehandler")
    landlord = f.landlord_member(db, org)
    for acc, who in ((citizen, "c"), (caseworker, "w"), (landlord, "l")):
        acc.email = f"{who}@example.test"
        acc.phone = "+4522222222"
    values = {"case_id": case.id}
    for kind in Kind:
        # Whatever the event and whoever gets it, the same words and a link.
        for acc in (citizen, caseworker, landlord):
            notify(db, acc, kind, endpoint="cases.detail", values=values)
    db.commit()

    counts = deliver()

    assert counts.sent == 2 * 3 * len(Kind)
    bodies = [f"{m['Subject']}\n{m.get_content()}" for m in smtp.messages] + [
        r["json"]["text"] for r in gateway.requests
    ]
    raw = [m.as_string() for m in smtp.messages] + [str(r["json"]) for r in gateway.requests]
    assert len(bodies) == len(raw) == counts.sent
    secrets = [
        cpr,
        cpr.replace("-", ""),
        "Yohannes",
        "Tesfaye",
        "Hjortespringvej",
        "117",
        "8210",
        "Aarhus V",
        "psykisk",
        "misbrug",
        "økonomi",
        plan.goals[0].text,
        "Mette",
        unit.building_key,
        org.name,
        m.name,
    ]
    for body in bodies:
        for secret in secrets:
            assert secret.lower() not in body.lower(), secret
        assert not re.search(r"\d{6}-?\d{4}", body)  # nothing shaped like a CPR
    for message in raw:  # headers and envelope included
        for secret in (cpr, cpr.replace("-", ""), "Yohannes", "Hjortespringvej", "psykisk"):
            assert secret.lower() not in message.lower(), secret
