"""Security headers and cookies on every response; templates that keep the strict CSP."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Blueprint, Flask
from flask_wtf.csrf import generate_csrf
from werkzeug.test import TestResponse

from portal.config import Settings
from portal.security.access import public

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"

EXPECTED_CSP = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
}


def _csp(response: TestResponse) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    directives = [d.split() for d in header.split(";") if d.strip()]
    parsed = {d[0]: d[1:] for d in directives}
    assert len(parsed) == len(directives), "a directive is given twice"
    return parsed


def _cookie(response: TestResponse, name: str) -> dict[str, str]:
    """The attributes of one Set-Cookie header, lower-cased names; flags map to ''."""
    for header in response.headers.getlist("Set-Cookie"):
        first, *attributes = (part.strip() for part in header.split(";"))
        if first.split("=", 1)[0] == name:
            pairs = ([*a.split("=", 1), ""] for a in attributes)
            return {key.lower(): value for key, value, *_ in pairs}
    raise AssertionError(f"no Set-Cookie for {name}")


def _with_session_route(app: Flask) -> Flask:
    """Add a public page that starts a session, as every page with a form does."""
    bp = Blueprint("test_session", __name__)

    @bp.get("/test-form")
    @public
    def form_page() -> str:
        return f"token {generate_csrf()}"

    app.register_blueprint(bp)
    return app


@pytest.fixture
def secure_app(settings: Settings, make_app: Callable[[Settings], Flask]) -> Flask:
    return _with_session_route(make_app(settings.with_changes(session_cookie_secure=True)))


@pytest.mark.parametrize("path", ["/", "/healthz", "/no-such-page", "/static/css/portal.css"])
def test_strict_csp_on_every_response(client, path: str) -> None:
    with client.get(path) as response:  # closes the static file it may stream
        assert _csp(response) == EXPECTED_CSP
        header = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in header
    assert "unsafe-eval" not in header
    assert "*" not in header


def test_framing_sniffing_and_referrer(client) -> None:
    response = client.get("/")
    assert _csp(response)["frame-ancestors"] == ["'none'"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] in {"same-origin", "no-referrer"}
    assert response.headers["Cache-Control"] == "no-store"


def test_no_hsts_on_plain_http_development(client) -> None:
    assert "Strict-Transport-Security" not in client.get("/").headers


def test_hsts_when_cookies_are_secure(secure_app: Flask) -> None:
    response = secure_app.test_client().get("/", base_url="https://localhost")
    hsts = response.headers["Strict-Transport-Security"]
    max_age = int(re.search(r"max-age=(\d+)", hsts).group(1))  # type: ignore[union-attr]
    assert max_age >= 180 * 24 * 3600
    assert "includeSubDomains" in hsts


def test_session_cookie_is_httponly_and_lax(app: Flask) -> None:
    response = _with_session_route(app).test_client().get("/test-form")
    cookie = _cookie(response, "boligbro_session")
    assert "httponly" in cookie
    assert cookie["samesite"] == "Lax"
    assert "secure" not in cookie  # development over plain http


def test_session_cookie_is_secure_when_configured(secure_app: Flask) -> None:
    response = secure_app.test_client().get("/test-form", base_url="https://localhost")
    cookie = _cookie(response, "boligbro_session")
    assert "httponly" in cookie
    assert "secure" in cookie
    assert cookie["samesite"] == "Lax"


def test_language_cookie_is_httponly_lax_and_follows_secure(client, secure_app: Flask) -> None:
    cookie = _cookie(client.get("/?lang=en"), "lang")
    assert "httponly" in cookie
    assert cookie["samesite"] == "Lax"
    secure = _cookie(
        secure_app.test_client().get("/?lang=en", base_url="https://localhost"), "lang"
    )
    assert "secure" in secure


# --- templates keep the CSP: no inline style or script anywhere ---------------------------

STYLE_ATTRIBUTE = re.compile(r"""[\s"']style\s*=""", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style[\s>/]", re.IGNORECASE)
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
EVENT_HANDLER = re.compile(
    r"""<[a-z][^>]*\son(?:click|load|error|submit|change|input|focus|blur|key\w+|mouse\w+|"""
    r"""pointer\w+|touch\w+)\s*=""",
    re.IGNORECASE,
)
JAVASCRIPT_URL = re.compile(r"javascript:", re.IGNORECASE)


def _templates() -> list[Path]:
    found = sorted(TEMPLATES.rglob("*.html"))
    assert found, f"no templates under {TEMPLATES}"
    return found


@pytest.mark.parametrize("template", _templates(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_template_has_no_inline_style_or_script(template: Path) -> None:
    text = template.read_text(encoding="utf-8")
    assert not STYLE_ATTRIBUTE.search(text), "style= attribute (blocked by the CSP)"
    assert not STYLE_ELEMENT.search(text), "<style> element (blocked by the CSP)"
    for attributes in SCRIPT_TAG.findall(text):
        assert re.search(r"\bsrc\s*=", attributes), "inline <script> (blocked by the CSP)"
    assert not EVENT_HANDLER.search(text), "inline event handler (blocked by the CSP)"
    assert not JAVASCRIPT_URL.search(text), "javascript: URL (blocked by the CSP)"


def test_the_template_scan_would_catch_inline_code() -> None:
    assert STYLE_ATTRIBUTE.search('<p class="x" style="color:red">')
    assert STYLE_ELEMENT.search("<svg><style>.a{}</style></svg>")
    assert SCRIPT_TAG.findall("<script>alert(1)</script>") == [""]
    assert EVENT_HANDLER.search('<button onclick="go()">')
    assert not STYLE_ATTRIBUTE.search('<p class="lifestyle">lifestyle=good</p>')
