"""Notification settings from the environment, the back-off schedule, the words of each
kind, and the e-mail's headers."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from flask import Flask
from flask_babel import force_locale

from portal.config import Settings, SettingsError
from portal.notifications.events import TEXTS, Kind
from portal.notifications.messages import recipient_locale, render
from portal.notifications.models import Channel
from portal.notifications.transports import (
    Outgoing,
    SmsTransport,
    SmtpTransport,
    transports_from_settings,
)
from portal.notifications.worker import backoff
from tests import factories as f


def test_settings_are_read_from_the_environment() -> None:
    s = Settings.from_env(
        {
            "SMTP_HOST": "mail.kommune.dk",
            "SMTP_PORT": "465",
            "SMTP_TLS": "tls",
            "SMTP_USER": "boligbro",
            "SMTP_PASSWORD": "hemmelig",
            "MAIL_SENDER": "boligbro@kommune.dk",
            "SMS_GATEWAY_URL": "https://sms.example/send",
            "SMS_GATEWAY_TOKEN": "tok",
            "SMS_SENDER": "Kommunen",
            "PUBLIC_BASE_URL": "https://boligbro.dk",
            "NOTIFY_MAX_ATTEMPTS": "4",
        }
    )
    assert (s.smtp_host, s.smtp_port, s.smtp_tls, s.smtp_user) == (
        "mail.kommune.dk",
        465,
        "tls",
        "boligbro",
    )
    assert (s.sms_gateway_url, s.sms_gateway_token, s.sms_sender) == (
        "https://sms.example/send",
        "tok",
        "Kommunen",
    )
    assert (s.public_base_url, s.notify_max_attempts) == ("https://boligbro.dk", 4)
    assert "hemmelig" not in repr(s) and "tok'" not in repr(s)
    assert set(transports_from_settings(s)) == {Channel.EMAIL, Channel.SMS}


def test_without_host_or_gateway_no_channel() -> None:
    assert transports_from_settings(Settings.from_env({})) == {}


@pytest.mark.parametrize(
    ("env", "names"),
    [
        ({"SMTP_TLS": "ssl3"}, "SMTP_TLS"),
        ({"SMTP_PORT": "0"}, "SMTP_PORT"),
        ({"SMTP_PORT": "many"}, "SMTP_PORT"),
        ({"SMS_GATEWAY_URL": "sms.example"}, "SMS_GATEWAY_URL"),
        ({"PUBLIC_BASE_URL": "boligbro.dk"}, "PUBLIC_BASE_URL"),
        ({"NOTIFY_MAX_ATTEMPTS": "0"}, "NOTIFY_MAX_ATTEMPTS"),
        ({"SMTP_HOST": "mail", "MAIL_SENDER": "boligbro"}, "MAIL_SENDER"),
    ],
)
def test_wrong_settings_are_refused_by_name(env: dict[str, str], names: str) -> None:
    with pytest.raises(SettingsError, match=names):
        Settings.from_env(env)


def test_back_off_is_1_5_25_minutes_then_hours() -> None:
    assert [backoff(n) for n in range(1, 8)] == [
        dt.timedelta(minutes=1),
        dt.timedelta(minutes=5),
        dt.timedelta(minutes=25),
        dt.timedelta(hours=2),
        dt.timedelta(hours=8),
        dt.timedelta(hours=24),
        dt.timedelta(hours=24),
    ]


def test_every_kind_has_a_title_and_a_line_without_placeholders() -> None:
    assert set(TEXTS) == set(Kind)
    for text in TEXTS.values():
        for words in (str(text.title), str(text.line)):
            assert words and "%(" not in words and "{" not in words
        assert "Boligbro" in str(text.line)


def test_the_message_is_rendered_in_the_recipients_language(app: Flask, db) -> None:  # type: ignore[no-untyped-def]
    m = f.municipality(db)
    citizen = f.citizen_account(db, f.case(db, m))
    for chosen, used in (("ar", "ar"), ("ti", "ti"), ("en", "en"), (None, "da"), ("xx", "da")):
        citizen.preferred_language = chosen
        assert recipient_locale(citizen) == used
        message = render(citizen, Kind.DECISION_READY, "citizen.start", {})
        with force_locale(used):
            assert message.subject == str(TEXTS[Kind.DECISION_READY].title)
            assert str(TEXTS[Kind.DECISION_READY].line) in message.body
        assert message.link == "http://127.0.0.1:5000/citizen/"
        assert message.locale == used


def test_the_email_carries_the_idempotency_key_as_message_id_and_header() -> None:
    transport = SmtpTransport(
        Settings(smtp_host="mail.test", smtp_tls="none", mail_sender="bb@kommune.dk")
    )
    mail = transport.build(
        Outgoing("a@example.test", "Ny besked", "Log ind i Boligbro.", "1234-abcd")
    )
    assert mail["Message-ID"] == "<1234-abcd@kommune.dk>"
    assert mail["X-Boligbro-Idempotency-Key"] == "1234-abcd"
    assert mail["Subject"] == "Ny besked"
    assert re.match(r"text/plain", mail.get_content_type())


def test_the_sms_transport_sends_the_token_as_bearer() -> None:
    transport = SmsTransport(Settings(sms_gateway_url="http://127.0.0.1:9/", sms_gateway_token="t"))
    assert transport.token == "t" and transport.url == "http://127.0.0.1:9/"
