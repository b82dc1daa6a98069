"""Deny by default, checked by walking every route the portal has.

A new endpoint fails these tests until it is either behind a login (and its blueprint
declares its roles) or added, on purpose and with review, to the short public allow-list.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Blueprint, Flask, template_rendered
from flask.testing import FlaskClient
from flask_login import login_user
from werkzeug.routing import Rule
from werkzeug.routing.converters import (
    AnyConverter,
    FloatConverter,
    IntegerConverter,
    PathConverter,
    UUIDConverter,
)

from portal.accounts.models import Account, Role
from portal.db import get_session
from portal.security.access import is_public_endpoint, public, restrict_blueprint

# Every endpoint anyone may reach without logging in. Keep it short; each entry is reviewed.
PUBLIC_ENDPOINTS = {
    "static",
    "public.index",
    "public.healthz",
    # The accessibility statement the law requires, and its short address.
    "public.accessibility",
    "public.was",
    # The way in and out: the login redirects, the provider's callback, logout.
    "auth.login",
    "auth.callback",
    "auth.logout",
    "auth.logged_out",
    "auth.session_ended",
    # The development identity provider (never on in production).
    "devidp.discovery",
    "devidp.jwks",
    "devidp.index",
    "devidp.authorize",
    "devidp.token",
    "devidp.userinfo",
    "devidp.end_session",
}

IGNORED_METHODS = {"HEAD", "OPTIONS"}


def _sample_value(converter: Any) -> Any:
    """A value that the converter accepts, so the request reaches the access ring."""
    if isinstance(converter, IntegerConverter):
        return 1
    if isinstance(converter, FloatConverter):
        return 1.5
    if isinstance(converter, UUIDConverter):
        return uuid.UUID(int=1)
    if isinstance(converter, AnyConverter):
        return sorted(converter.items)[0]
    if isinstance(converter, PathConverter):
        return "some/path"
    return "sample"


def _sample_url(app: Flask, rule: Rule, method: str) -> str:
    # Werkzeug keeps a rule's converters only on this attribute.
    values = {name: _sample_value(conv) for name, conv in rule._converters.items()}
    return app.url_map.bind("localhost").build(rule.endpoint, values, method=method)


def _protected_requests(app: Flask) -> Iterator[tuple[str, str, str]]:
    for rule in app.url_map.iter_rules():
        if is_public_endpoint(app, rule.endpoint):
            continue
        for method in sorted((rule.methods or set()) - IGNORED_METHODS):
            yield rule.endpoint, method, _sample_url(app, rule, method)


@pytest.fixture
def rendered(app: Flask) -> Iterator[list[tuple[str, dict[str, Any]]]]:
    records: list[tuple[str, dict[str, Any]]] = []

    def record(_sender: Flask, template: Any, context: dict[str, Any], **_extra: Any) -> None:
        records.append((template.name, context))

    with template_rendered.connected_to(record, app):
        yield records


def _walk_anonymously(
    app: Flask, rendered: list[tuple[str, dict[str, Any]]]
) -> list[tuple[str, str]]:
    """Request every protected endpoint without a login; return (endpoint, method) visited."""
    # The access ring must refuse on its own, whatever the CSRF check would have said first.
    app.config["WTF_CSRF_ENABLED"] = False
    client = app.test_client()
    visited = []
    for endpoint, method, url in _protected_requests(app):
        rendered.clear()
        response = client.open(url, method=method)
        assert response.status_code == 401, (endpoint, method, url, response.status_code)
        # Nothing but the error page was rendered: no view ran, no data left the server.
        assert [(name, ctx["code"]) for name, ctx in rendered] == [("errors/error.html", 401)]
        visited.append((endpoint, method))
    return visited


def test_public_endpoints_are_exactly_the_allow_list(app: Flask) -> None:
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    public_endpoints = {e for e in endpoints if is_public_endpoint(app, e)}
    assert public_endpoints == PUBLIC_ENDPOINTS


def test_every_other_endpoint_answers_anonymous_requests_with_401(
    app: Flask, rendered: list[tuple[str, dict[str, Any]]]
) -> None:
    visited = _walk_anonymously(app, rendered)
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert {e for e, _m in visited} == endpoints - PUBLIC_ENDPOINTS


# --- the ring itself, on blueprints built for the test ------------------------------------


def _create_account(app: Flask, role: Role, subject: str) -> int:
    with app.app_context():
        session = get_session()
        account = Account(
            issuer="https://idp.test.invalid",
            subject=subject,
            role=role,
            display_name="Test Person",
        )
        session.add(account)
        session.commit()
        return account.id


@pytest.fixture
def ring_app(app: Flask) -> Flask:
    """The portal plus: a blueprint that forgot its gate, one for caseworkers, and a
    test-only sign-in route (a real ``login_user`` in a real request)."""
    unguarded = Blueprint("unguarded", __name__, url_prefix="/unguarded")

    @unguarded.get("/")
    def unguarded_index() -> str:
        return "unguarded data"

    @unguarded.post("/<int:item_id>/change")
    def unguarded_change(item_id: int) -> str:
        return f"changed {item_id}"

    casework = Blueprint("casework", __name__, url_prefix="/casework")
    restrict_blueprint(casework, [Role.CASEWORKER])

    @casework.get("/cases/<uuid:case_id>")
    def case(case_id: uuid.UUID) -> str:
        return "case data"

    signin = Blueprint("test_signin", __name__)

    @signin.get("/test-sign-in/<int:account_id>")
    @public
    def sign_in(account_id: int) -> str:
        login_user(get_session().get_one(Account, account_id))
        return "signed in"

    app.register_blueprint(unguarded)
    app.register_blueprint(casework)
    app.register_blueprint(signin)
    return app


def _signed_in_client(app: Flask, role: Role) -> FlaskClient:
    account_id = _create_account(app, role, subject=f"subject-{uuid.uuid4()}")
    client = app.test_client()
    assert client.get(f"/test-sign-in/{account_id}").status_code == 200
    return client


def test_the_walk_reaches_endpoints_added_later(
    ring_app: Flask, rendered: list[tuple[str, dict[str, Any]]]
) -> None:
    visited = _walk_anonymously(ring_app, rendered)
    assert ("unguarded.unguarded_index", "GET") in visited
    assert ("unguarded.unguarded_change", "POST") in visited
    assert ("casework.case", "GET") in visited


def test_blueprint_without_declared_roles_refuses_a_signed_in_user(ring_app: Flask) -> None:
    client = _signed_in_client(ring_app, Role.CASEWORKER)
    response = client.get("/unguarded/")
    assert response.status_code == 403
    assert b"unguarded data" not in response.data
    ring_app.config["WTF_CSRF_ENABLED"] = False
    assert client.post("/unguarded/1/change").status_code == 403


def test_restricted_blueprint_admits_only_its_roles(ring_app: Flask) -> None:
    url = f"/casework/cases/{uuid.UUID(int=7)}"
    caseworker = _signed_in_client(ring_app, Role.CASEWORKER)
    assert caseworker.get(url).status_code == 200

    citizen = _signed_in_client(ring_app, Role.CITIZEN)
    response = citizen.get(url)
    assert response.status_code == 403
    assert b"case data" not in response.data

    assert ring_app.test_client().get(url).status_code == 401
