"""A real SMTP server (aiosmtpd, in a thread) and a local HTTP server standing in for the
SMS gateway, both on 127.0.0.1; the portal's settings point at them.

Both receivers record every delivery and, like a real receiver honouring the key, count
the *distinct* idempotency keys: a repeat after a crash is visible as a second raw
delivery carrying the same key.
"""

from __future__ import annotations

import datetime as dt
import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from flask import Flask
from flask.testing import FlaskClient

from portal.config import Settings
from portal.db import database, utcnow
from portal.notifications.transports import transports_from_settings
from portal.notifications.worker import Counts, deliver_due
from tests.conftest import TEST_SECRET

BASE_URL = "https://boligbro.test"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class SmtpSink:
    """Messages as the SMTP server received them."""

    port: int
    messages: list[EmailMessage] = field(default_factory=list)
    controller: Controller | None = None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)  # type: ignore[arg-type]
        return "250 Message accepted for delivery"

    def start(self) -> None:
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def keys(self) -> list[str]:
        return [str(m["X-Boligbro-Idempotency-Key"]) for m in self.messages]

    def distinct(self) -> set[str]:
        return set(self.keys())


class _GatewayHandler(BaseHTTPRequestHandler):
    server: GatewayServer

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.server.requests.append(
            {"path": self.path, "headers": dict(self.headers), "json": json.loads(body)}
        )
        status = self.server.answer
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"ok": true}' if status < 300 else b'{"error": "down"}')

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep the test output clean


class GatewayServer(ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _GatewayHandler)
        self.requests: list[dict[str, Any]] = []
        self.answer = 202

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/sms"

    def keys(self) -> list[str]:
        return [r["headers"]["Idempotency-Key"] for r in self.requests]

    def texts(self) -> list[str]:
        return [r["json"]["text"] for r in self.requests]


@pytest.fixture
def smtp_port() -> int:
    return free_port()


@pytest.fixture
def smtp_down(smtp_port: int) -> Iterator[SmtpSink]:
    """The SMTP server, not started: the test starts it when the mail server is back."""
    sink = SmtpSink(smtp_port)
    yield sink
    sink.stop()


@pytest.fixture
def smtp(smtp_down: SmtpSink) -> SmtpSink:
    smtp_down.start()
    return smtp_down


@pytest.fixture
def gateway() -> Iterator[GatewayServer]:
    server = GatewayServer()
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def settings(database_url: str, tmp_path: Path, smtp_port: int, gateway: GatewayServer) -> Settings:
    return Settings(
        env="test",
        secret_key=TEST_SECRET,
        database_url=database_url,
        storage_dir=str(tmp_path / "storage"),
        smtp_host="127.0.0.1",
        smtp_port=smtp_port,
        smtp_tls="none",
        mail_sender="boligbro@kommune.test",
        sms_gateway_url=gateway.url,
        sms_gateway_token="gateway-token",
        sms_sender="Boligbro",
        public_base_url=BASE_URL,
        notify_max_attempts=3,
    )


@pytest.fixture
def deliver(app: Flask, settings: Settings, app_ctx: None) -> Any:
    """One pass of the outbox worker at a given moment, with the real transports."""

    def _deliver(now: dt.datetime | None = None) -> Counts:
        return deliver_due(
            database(app).sessionmaker,
            now or utcnow(),
            transports_from_settings(settings),
            max_attempts=settings.notify_max_attempts,
        )

    return _deliver


@pytest.fixture(autouse=True)
def english(client: FlaskClient) -> None:
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
