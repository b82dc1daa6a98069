"""Deny by default.

Every endpoint needs a signed-in user unless its view is marked :func:`public`.
Every blueprint other than the public ones declares which roles may use it with
:func:`restrict_blueprint`; an endpoint on a blueprint that declared nothing is
refused (403) even for a signed-in user, so forgetting a gate fails closed.
Per-object checks (own case, own organisation, own municipality) are the policy
functions of each domain, called by the views after loading the object.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from flask import Blueprint, Flask, abort, current_app, request
from flask_login import LoginManager, current_user

from portal.accounts.models import Account, Role

F = TypeVar("F", bound=Callable[..., Any])

login_manager = LoginManager()
_PUBLIC_ATTR = "_boligbro_public"
_ROLES_KEY = "boligbro.blueprint_roles"


def public(view: F) -> F:
    """Mark a view as reachable without signing in."""
    setattr(view, _PUBLIC_ATTR, True)
    return view


def is_public_endpoint(app: Flask, endpoint: str) -> bool:
    if endpoint == "static":
        return True
    view = app.view_functions.get(endpoint)
    return bool(view is not None and getattr(view, _PUBLIC_ATTR, False))


def restrict_blueprint(bp: Blueprint, roles: Iterable[Role]) -> None:
    """Declare the roles that may use every endpoint of ``bp``."""
    allowed = frozenset(roles)

    def record(state: Any) -> None:
        state.app.extensions.setdefault(_ROLES_KEY, {})[bp.name] = allowed

    bp.record_once(record)


def blueprint_roles(app: Flask, blueprint: str | None) -> frozenset[Role] | None:
    if blueprint is None:
        return None
    roles: frozenset[Role] | None = app.extensions.get(_ROLES_KEY, {}).get(blueprint)
    return roles


def _enforce() -> Any:
    endpoint = request.endpoint
    if endpoint is None:
        return None  # no such route: the 404 handler answers
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if is_public_endpoint(app, endpoint):
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    roles = blueprint_roles(app, request.blueprint)
    if roles is None or current_user.role not in roles:
        abort(403)
    return None


def _load_user(user_id: str) -> Account | None:
    from portal.db import get_session

    if not user_id.isdigit():
        return None
    account = get_session().get(Account, int(user_id))
    if account is None or not account.active:
        return None
    return account


def _unauthorized() -> Any:
    abort(401)


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.user_loader(_load_user)
    login_manager.unauthorized_handler(_unauthorized)
    login_manager.session_protection = "strong"
    app.before_request(_enforce)
