"""Sending one message: e-mail over SMTP, SMS over an HTTP gateway.

Each message carries its outbox row's idempotency key (``Message-ID`` and
``X-Boligbro-Idempotency-Key`` in e-mail, ``Idempotency-Key`` to the gateway), the same
on every try, so the receiving side can drop a repeat after a worker crashed between
sending and marking the row sent.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from typing import Protocol

import requests

from portal.config import Settings
from portal.notifications.models import Channel

TIMEOUT = 15  # seconds; a slow server must not hold a worker


@dataclass(frozen=True)
class Outgoing:
    address: str
    subject: str
    body: str
    idempotency_key: str


class Transport(Protocol):
    def send(self, message: Outgoing) -> None: ...


class SmtpTransport:
    def __init__(self, settings: Settings) -> None:
        self.host = settings.smtp_host or "localhost"
        self.port = settings.smtp_port
        self.tls = settings.smtp_tls
        self.user = settings.smtp_user
        self.password = settings.smtp_password
        self.sender = settings.mail_sender

    def build(self, message: Outgoing) -> EmailMessage:
        mail = EmailMessage()
        mail["From"] = self.sender
        mail["To"] = message.address
        mail["Subject"] = message.subject
        mail["Date"] = formatdate(localtime=False)
        domain = self.sender.rpartition("@")[2] or "boligbro.local"
        mail["Message-ID"] = f"<{message.idempotency_key}@{domain}>"
        mail["X-Boligbro-Idempotency-Key"] = message.idempotency_key
        mail["Auto-Submitted"] = "auto-generated"
        mail.set_content(message.body)
        return mail

    def send(self, message: Outgoing) -> None:
        mail = self.build(message)
        smtp: smtplib.SMTP
        if self.tls == "tls":
            smtp = smtplib.SMTP_SSL(
                self.host, self.port, timeout=TIMEOUT, context=ssl.create_default_context()
            )
        else:
            smtp = smtplib.SMTP(self.host, self.port, timeout=TIMEOUT)
        with smtp:
            if self.tls == "starttls":
                smtp.starttls(context=ssl.create_default_context())
            if self.user:
                smtp.login(self.user, self.password or "")
            smtp.send_message(mail)


class SmsGatewayError(RuntimeError):
    pass


class SmsTransport:
    """POST {"to", "from", "text"} as JSON, with a Bearer token."""

    def __init__(self, settings: Settings) -> None:
        self.url = settings.sms_gateway_url or ""
        self.token = settings.sms_gateway_token
        self.sender = settings.sms_sender

    def send(self, message: Outgoing) -> None:
        headers = {"Idempotency-Key": message.idempotency_key}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        response = requests.post(
            self.url,
            json={"to": message.address, "from": self.sender, "text": message.body},
            headers=headers,
            timeout=TIMEOUT,
        )
        if response.status_code >= 300:
            raise SmsGatewayError(f"SMS gateway answered HTTP {response.status_code}")


def transports_from_settings(settings: Settings) -> dict[Channel, Transport]:
    """The transports this installation has settings for."""
    out: dict[Channel, Transport] = {}
    if settings.smtp_host:
        out[Channel.EMAIL] = SmtpTransport(settings)
    if settings.sms_gateway_url:
        out[Channel.SMS] = SmsTransport(settings)
    return out
