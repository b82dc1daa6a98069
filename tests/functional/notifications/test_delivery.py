"""Notifications go out by e-mail (real SMTP server) and SMS (local gateway), in the
recipient's language, with a link and nothing else."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.accounts.models import Account
from portal.db import utcnow
from portal.notifications.events import TEXTS, Kind
from portal.notifications.models import Channel, Notification, OutboxMessage, OutboxStatus
from portal.notifications.services import notify
from tests import factories as f
from tests.functional.notifications.conftest import BASE_URL, GatewayServer, SmtpSink


def in_locale(locale: str, kind: Kind) -> tuple[str, str]:
    """The title and line as the catalogs render them for ``locale`` (right also once the
    catalogs are translated)."""
    with force_locale(locale):
        return str(TEXTS[kind].title), str(TEXTS[kind].line)


def rows(db: Session, notification: Notification) -> dict[Channel, OutboxMessage]:
    db.expire_all()
    found = db.scalars(
        select(OutboxMessage).where(OutboxMessage.notification_id == notification.id)
    )
    return {row.channel: row for row in found}


@pytest.fixture
def scene(db: Session) -> f.Scene:
    s = f.scene(db)
    s.citizen.email = "borger@example.test"
    s.citizen.phone = "+4512345678"
    db.flush()
    return s


def test_an_arabic_speaking_citizen_gets_email_and_sms_in_arabic_with_the_link(
    db: Session, scene: f.Scene, smtp: SmtpSink, gateway: GatewayServer, deliver: Any
) -> None:
    scene.citizen.preferred_language = "ar"
    note = notify(db, scene.citizen, Kind.OFFER_NEW, endpoint="citizen.offer_list")
    assert note is not None
    db.commit()

    counts = deliver()

    assert (counts.sent, counts.retry, counts.failed) == (2, 0, 0)
    title, line = in_locale("ar", Kind.OFFER_NEW)
    link = f"{BASE_URL}/citizen/offers"
    [mail] = smtp.messages
    assert mail["Subject"] == title
    assert mail["To"] == "borger@example.test"
    assert mail["From"] == "boligbro@kommune.test"
    body = mail.get_content()
    assert line in body and link in body
    [sms] = gateway.requests
    assert sms["json"]["to"] == "+4512345678"
    assert sms["json"]["from"] == "Boligbro"
    assert sms["headers"]["Authorization"] == "Bearer gateway-token"
    assert title in sms["json"]["text"] and line in sms["json"]["text"]
    assert link in sms["json"]["text"]
    sent = rows(db, note)
    assert mail["X-Boligbro-Idempotency-Key"] == sent[Channel.EMAIL].idempotency_key
    assert sent[Channel.EMAIL].idempotency_key in mail["Message-ID"]
    assert sms["headers"]["Idempotency-Key"] == sent[Channel.SMS].idempotency_key
    assert {r.status for r in sent.values()} == {OutboxStatus.SENT}
    assert all(r.sent_at is not None for r in sent.values())


def _recipients(db: Session, scene: f.Scene) -> dict[str, Account]:
    return {"citizen": scene.citizen, "landlord": scene.landlord, "caseworker": scene.caseworker}


EVENTS = [
    (Kind.OFFER_NEW, "citizen", "citizen.offer_list", {}),
    (Kind.OFFER_DEADLINE, "citizen", "citizen.offer_list", {}),
    (Kind.MEETING_REMINDER, "citizen", "citizen.plan", {}),
    (Kind.LETTER_READY, "citizen", "citizen.start", {}),
    (Kind.DECISION_READY, "citizen", "citizen.start", {}),
    (Kind.TENANT_PROPOSED, "landlord", "landlords.tenants", {}),
    (Kind.OFFER_APPROVED, "landlord", "landlords.tenants", {}),
    (Kind.CITIZEN_ANSWERED, "caseworker", "staff.start", {}),
    (Kind.LANDLORD_ANSWERED, "caseworker", "staff.start", {}),
    (Kind.BREACH_REPORTED, "caseworker", "staff.start", {}),
    (Kind.REVIEW_DUE, "caseworker", "staff.start", {}),
    (Kind.FOLLOW_UP_DUE, "caseworker", "staff.start", {}),
]
LOCALES = ["da", "en", "ar", "ti"]


def test_every_kind_has_its_words() -> None:
    assert {kind for kind, *_ in EVENTS} == set(Kind) == set(TEXTS)


@pytest.mark.parametrize(
    ("kind", "who", "endpoint", "values", "locale"),
    [(*event, LOCALES[i % 4]) for i, event in enumerate(EVENTS)],
    ids=[kind.value for kind, *_ in EVENTS],
)
def test_each_event_reaches_its_recipient_in_their_language(
    db: Session,
    scene: f.Scene,
    smtp: SmtpSink,
    gateway: GatewayServer,
    deliver: Any,
    kind: Kind,
    who: str,
    endpoint: str,
    values: dict[str, Any],
    locale: str,
) -> None:
    recipient = _recipients(db, scene)[who]
    recipient.email = f"{who}@example.test"
    recipient.phone = "+4587654321"
    recipient.preferred_language = locale
    notify(db, recipient, kind, endpoint=endpoint, values=values)
    db.commit()

    assert deliver().sent == 2

    title, line = in_locale(locale, kind)
    [mail] = smtp.messages
    assert mail["To"] == f"{who}@example.test"
    assert mail["Subject"] == title
    assert line in mail.get_content()
    [sms] = gateway.requests
    assert sms["json"]["text"].startswith(title)


def test_without_a_preferred_language_the_message_is_in_danish(
    db: Session, scene: f.Scene, smtp: SmtpSink, deliver: Any
) -> None:
    scene.citizen.preferred_language = None
    notify(db, scene.citizen, Kind.LETTER_READY, endpoint="citizen.start")
    db.commit()
    deliver()
    [mail] = smtp.messages
    assert mail["Subject"] == in_locale("da", Kind.LETTER_READY)[0]


def test_smtp_down_the_message_waits_and_goes_out_later_once(
    db: Session, scene: f.Scene, smtp_down: SmtpSink, gateway: GatewayServer, deliver: Any
) -> None:
    scene.citizen.phone = None
    note = notify(db, scene.citizen, Kind.OFFER_NEW, endpoint="citizen.offer_list")
    assert note is not None
    db.commit()
    start = utcnow()

    counts = deliver(start)

    assert (counts.sent, counts.retry) == (0, 1)
    row = rows(db, note)[Channel.EMAIL]
    assert row.status == OutboxStatus.PENDING
    assert row.attempts == 1
    assert row.next_attempt_at == start + dt.timedelta(minutes=1)
    assert row.last_error
    # Not due yet: a second pass at once leaves it alone.
    assert deliver(start + dt.timedelta(seconds=30)).retry == 0
    assert rows(db, note)[Channel.EMAIL].attempts == 1

    smtp_down.start()
    assert deliver(start + dt.timedelta(minutes=2)).sent == 1
    assert deliver(start + dt.timedelta(hours=3)).sent == 0
    assert deliver(start + dt.timedelta(days=3)).sent == 0

    assert len(smtp_down.messages) == 1
    row = rows(db, note)[Channel.EMAIL]
    assert row.status == OutboxStatus.SENT
    assert row.attempts == 2
    assert row.last_error is None


def test_back_off_grows_and_the_last_try_marks_the_message_failed(
    db: Session, scene: f.Scene, smtp: SmtpSink, gateway: GatewayServer, deliver: Any
) -> None:
    scene.citizen.email = None
    gateway.answer = 500
    note = notify(db, scene.citizen, Kind.OFFER_NEW, endpoint="citizen.offer_list")
    assert note is not None
    db.commit()
    start = utcnow()

    deliver(start)
    assert rows(db, note)[Channel.SMS].next_attempt_at == start + dt.timedelta(minutes=1)
    deliver(start + dt.timedelta(minutes=1))
    assert rows(db, note)[Channel.SMS].next_attempt_at == start + dt.timedelta(minutes=6)
    counts = deliver(start + dt.timedelta(minutes=6))  # the third and last try (setting: 3)

    assert counts.failed == 1
    row = rows(db, note)[Channel.SMS]
    assert row.status == OutboxStatus.FAILED
    assert row.attempts == 3
    assert "500" in (row.last_error or "")
    assert len(gateway.requests) == 3
    assert set(gateway.keys()) == {row.idempotency_key}  # every try, the same key
    assert deliver(start + dt.timedelta(days=2)).failed == 0  # failed stays failed


def test_no_email_or_sms_when_the_installation_has_no_transport(
    db: Session, scene: f.Scene, make_app: Any, settings: Any
) -> None:
    app = make_app(settings.with_changes(smtp_host=None, sms_gateway_url=None))
    with app.test_request_context():
        from portal.db import get_session

        session = get_session()
        citizen = session.get_one(Account, scene.citizen.id)
        note = notify(session, citizen, Kind.OFFER_NEW, endpoint="citizen.offer_list")
        session.flush()
        assert note is not None
        assert (
            session.scalars(
                select(OutboxMessage).where(OutboxMessage.notification_id == note.id)
            ).all()
            == []
        )


def test_flask_notify_sends_what_waits_and_reports_it(
    app: Any, db: Session, scene: f.Scene, smtp: SmtpSink, gateway: GatewayServer
) -> None:
    notify(db, scene.citizen, Kind.OFFER_NEW, endpoint="citizen.offer_list")
    db.commit()

    result = app.test_cli_runner().invoke(args=["notify"])

    assert result.exit_code == 0, result.output
    assert "Sent: 2, to retry: 0, failed: 0" in result.output
    assert len(smtp.messages) == 1 and len(gateway.requests) == 1
    again = app.test_cli_runner().invoke(args=["notify"])
    assert "Sent: 0" in again.output


def test_a_citizen_is_reached_at_the_contact_kept_on_their_case(
    db: Session, smtp: SmtpSink, gateway: GatewayServer, deliver: Any
) -> None:
    # MitID gives a citizen's login no e-mail or phone: the caseworker keeps them on the case.
    scene = f.scene(db)
    assert scene.citizen.email is None and scene.citizen.phone is None
    scene.case.email = "sag@example.test"
    scene.case.phone = "+4511223344"
    notify(db, scene.citizen, Kind.LETTER_READY, endpoint="citizen.start")
    db.commit()

    assert deliver().sent == 2
    [mail] = smtp.messages
    assert mail["To"] == "sag@example.test"
    [sms] = gateway.requests
    assert sms["json"]["to"] == "+4511223344"
