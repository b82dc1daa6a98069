"""A visitor's first steps: the landing page in their language, and error pages they can read."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Blueprint, Flask, abort, template_rendered
from flask.testing import FlaskClient

from portal.security.access import public

LOCALES = ["da", "en", "ar", "ti"]


def _html_tag(response: Any) -> str:
    match = re.search(r"<html[^>]*>", response.get_data(as_text=True))
    assert match, "no <html> element"
    return match.group(0)


def _lang_and_dir(response: Any) -> tuple[str, str]:
    tag = _html_tag(response)
    lang = re.search(r'\blang="([^"]+)"', tag)
    direction = re.search(r'\bdir="([^"]+)"', tag)
    assert lang and direction, tag
    return lang.group(1), direction.group(1)


@pytest.fixture
def rendered(app: Flask) -> Iterator[list[tuple[str, dict[str, Any]]]]:
    records: list[tuple[str, dict[str, Any]]] = []

    def record(_sender: Flask, template: Any, context: dict[str, Any], **_extra: Any) -> None:
        records.append((template.name, context))

    with template_rendered.connected_to(record, app):
        yield records


@pytest.fixture
def trouble_app(app: Flask) -> Flask:
    """The portal plus public test routes that fail in the ways real pages can."""
    bp = Blueprint("trouble", __name__, url_prefix="/trouble")

    @bp.get("/crash")
    @public
    def crash() -> str:
        raise RuntimeError("secret internal detail cpr=0101011234")

    @bp.get("/forbidden")
    @public
    def forbidden() -> str:
        abort(403)

    @bp.post("/form")
    @public
    def form() -> str:
        return "form accepted"

    app.register_blueprint(bp)
    return app


@pytest.fixture
def trouble_client(trouble_app: Flask) -> FlaskClient:
    return trouble_app.test_client()


# --- the landing page in each language ---------------------------------------------------


@pytest.mark.parametrize("locale", LOCALES)
def test_landing_page_in_each_language(client: FlaskClient, locale: str) -> None:
    response = client.get(f"/?lang={locale}")
    assert response.status_code == 200
    assert _lang_and_dir(response) == (locale, "rtl" if locale == "ar" else "ltr")
    body = response.get_data(as_text=True)
    # The menu marks the current language, and every language is named in its own script.
    assert re.search(rf'<a href="/\?lang={locale}" lang="{locale}"[^>]*aria-current="true"', body)
    for name in ("Dansk", "English", "العربية", "ትግርኛ"):
        assert name in body


def test_the_choice_is_remembered_in_a_cookie(client: FlaskClient) -> None:
    first = client.get("/?lang=ti")
    assert any(h.startswith("lang=ti;") for h in first.headers.getlist("Set-Cookie"))
    assert _lang_and_dir(client.get("/")) == ("ti", "ltr")
    # A new explicit choice wins over the remembered one.
    assert _lang_and_dir(client.get("/?lang=ar")) == ("ar", "rtl")
    assert _lang_and_dir(client.get("/")) == ("ar", "rtl")


def test_browser_language_is_honoured(client: FlaskClient) -> None:
    response = client.get("/", headers={"Accept-Language": "ar-SA,ar;q=0.9,en;q=0.5"})
    assert _lang_and_dir(response) == ("ar", "rtl")
    response = client.get("/", headers={"Accept-Language": "fr-FR,en;q=0.7"})
    assert _lang_and_dir(response) == ("en", "ltr")


def test_danish_when_nothing_else_is_known(client: FlaskClient) -> None:
    response = client.get("/", headers={"Accept-Language": "fr-FR,de;q=0.7"})
    assert _lang_and_dir(response) == ("da", "ltr")
    assert "Set-Cookie" not in response.headers


def test_an_explicit_choice_wins_over_the_browser(client: FlaskClient) -> None:
    response = client.get("/?lang=da", headers={"Accept-Language": "ar"})
    assert _lang_and_dir(response) == ("da", "ltr")


def test_unknown_language_falls_back_without_error(client: FlaskClient) -> None:
    response = client.get("/?lang=xx")
    assert response.status_code == 200
    assert _lang_and_dir(response) == ("da", "ltr")


def test_landing_page_links_each_way_in(client: FlaskClient) -> None:
    body = client.get("/?lang=en").get_data(as_text=True)
    assert "Log in with MitID to see your home" in body
    assert "Log in with MitID Erhverv" in body
    assert "municipality's own login" in body
    for role in ("citizen", "landlord", "staff"):
        assert f'href="/login/{role}"' in body


# --- error pages -------------------------------------------------------------------------


def _assert_error_page(
    response: Any, rendered: list[tuple[str, dict[str, Any]]], status: int
) -> str:
    assert response.status_code == status
    assert response.mimetype == "text/html"
    assert [(name, ctx["code"]) for name, ctx in rendered] == [("errors/error.html", status)]
    body = response.get_data(as_text=True)
    assert "Traceback" not in body
    assert 'href="/"' in body  # a way back to the front page
    return body


@pytest.mark.parametrize(
    ("method", "path", "status", "title"),
    [
        ("GET", "/no-such-page", 404, "We could not find this page"),
        ("GET", "/trouble/forbidden", 403, "You do not have access to this page"),
        ("POST", "/", 405, "This action is not possible here"),
        ("GET", "/trouble/crash", 500, "Something went wrong on our side"),
    ],
)
def test_error_pages_are_the_translated_template(
    trouble_client: FlaskClient,
    rendered: list[tuple[str, dict[str, Any]]],
    method: str,
    path: str,
    status: int,
    title: str,
) -> None:
    response = trouble_client.open(f"{path}?lang=en", method=method)
    body = _assert_error_page(response, rendered, status)
    assert f"<h1>{title}</h1>" in body
    assert f"<bdi>{status}</bdi>" in body
    assert _lang_and_dir(response) == ("en", "ltr")


def test_a_crash_shows_no_internal_detail(
    trouble_client: FlaskClient, rendered: list[tuple[str, dict[str, Any]]]
) -> None:
    response = trouble_client.get("/trouble/crash")
    body = _assert_error_page(response, rendered, 500)
    assert "secret internal detail" not in body
    assert "0101011234" not in body
    assert "RuntimeError" not in body


@pytest.mark.parametrize("locale", LOCALES)
def test_error_page_speaks_the_visitors_language(
    trouble_client: FlaskClient, rendered: list[tuple[str, dict[str, Any]]], locale: str
) -> None:
    trouble_client.get(f"/?lang={locale}")
    rendered.clear()
    response = trouble_client.get("/no-such-page")
    _assert_error_page(response, rendered, 404)
    assert _lang_and_dir(response) == (locale, "rtl" if locale == "ar" else "ltr")


def test_an_expired_form_explains_itself(
    trouble_client: FlaskClient, rendered: list[tuple[str, dict[str, Any]]]
) -> None:
    response = trouble_client.post("/trouble/form?lang=en", data={"name": "Amal"})
    body = _assert_error_page(response, rendered, 400)
    assert "form accepted" not in body
    assert "The form had expired. Your changes were not saved." in body
    assert 'role="alert"' in body
