"""Each role logs in against oidc-provider-mock, an independent provider in a thread.

It puts every claim in the ID token (like Idura), so these profiles read claims from
there, where the development provider's read them from UserInfo.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.accounts.models import Account, Role
from portal.config import Settings
from tests.functional.auth.auth_http import (
    CITIZEN_CPR,
    LANDLORD_CVR,
    Browser,
    LiveServer,
    World,
    logged_in_sessions,
)

# oidc-provider-mock 0.3.4 still configures Authlib the old way.
pytestmark = pytest.mark.filterwarnings("ignore:get_jwt_config:DeprecationWarning")

SUBSTANTIAL = "urn:grn:authn:dk:mitid:substantial"
USERS: list[tuple[str, dict[str, Any]]] = [
    (
        "citizen-1",
        {
            "cprNumberIdentifier": CITIZEN_CPR.replace("-", ""),
            "name": "Mette Jensen",
            "acr": SUBSTANTIAL,
        },
    ),
    (
        "citizen-low",
        {"cprNumberIdentifier": CITIZEN_CPR.replace("-", ""), "acr": "urn:grn:authn:dk:mitid:low"},
    ),
    ("landlord-1", {"cvrNumberIdentifier": LANDLORD_CVR, "name": "Jette Kragh"}),
    (
        "worker-1",
        {"oid": "oid-worker-1", "name": "Birgitte Lund", "roles": ["Boligbro.Caseworker"]},
    ),
    ("worker-none", {"oid": "oid-worker-none", "name": "Nobody", "roles": []}),
]


@pytest.fixture(scope="module")
def mock_issuer() -> Iterator[str]:
    with warnings.catch_warnings():
        # Its own imports use Authlib's deprecated modules.
        warnings.simplefilter("ignore", DeprecationWarning)
        from oidc_provider_mock import User, run_server_in_thread
    users = [User(sub=sub, claims=claims) for sub, claims in USERS]
    with run_server_in_thread(user_claims=users, require_nonce=True) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def settings(settings: Settings, mock_issuer: str) -> Settings:
    common: dict[str, Any] = {"issuer": mock_issuer, "client_secret": "secret"}
    return settings.with_changes(
        dev_idp=False,
        oidc_providers={
            "idura-mitid": {
                **common,
                "login": "citizen",
                "client_id": "portal-citizen",
                "scopes": ["openid", "ssn"],
                "authorize_params": {"acr_values": SUBSTANTIAL},
                "claims": {"cpr": "cprNumberIdentifier"},
                "loa": {"claim": "acr", "accepted": [SUBSTANTIAL, "urn:grn:authn:dk:mitid:high"]},
            },
            "idura-business": {
                **common,
                "login": "landlord",
                "client_id": "portal-landlord",
                "claims": {"cvr": "cvrNumberIdentifier"},
            },
            "entra": {
                **common,
                "login": "staff",
                "client_id": "portal-staff",
                "scopes": ["openid", "profile", "email"],
                "authorize_params": {"response_mode": "query"},
                "claims": {"subject": "oid", "roles": "roles"},
                "staff_roles": [
                    {"value": "Boligbro.Caseworker", "role": "caseworker", "municipality": "751"}
                ],
            },
        },
    )


def login_as(visitor: Browser, live: LiveServer, role: str, sub: str) -> Any:
    form = visitor.get(f"{live.url}/login/{role}")
    assert form.status_code == 200 and "/oauth2/authorize" in form.url, form.text[-500:]
    return visitor.post(form.url, data={"sub": sub})


@pytest.mark.parametrize(
    ("role", "sub", "start"),
    [
        ("citizen", "citizen-1", "/citizen/"),
        ("landlord", "landlord-1", "/landlord/"),
        ("staff", "worker-1", "/staff/"),
    ],
)
def test_each_role_logs_in(
    live: LiveServer, visitor: Browser, world: World, role: str, sub: str, start: str
) -> None:
    page = login_as(visitor, live, role, sub)
    assert page.url == live.url + start, page.text[-800:]


def test_entra_staff_are_keyed_by_oid(
    live: LiveServer, visitor: Browser, world: World, db: Session, mock_issuer: str
) -> None:
    login_as(visitor, live, "staff", "worker-1")
    db.expire_all()
    account = db.scalars(select(Account).where(Account.subject == "oid-worker-1")).one()
    assert account.issuer == mock_issuer and account.role == Role.CASEWORKER


@pytest.mark.parametrize(
    ("role", "sub", "reason"),
    [("citizen", "citizen-low", "loa"), ("staff", "worker-none", "staff_unknown")],
)
def test_refused_identities(
    live: LiveServer, visitor: Browser, world: World, db: Session, role: str, sub: str, reason: str
) -> None:
    page = login_as(visitor, live, role, sub)
    assert page.status_code == 403 and f'data-login-error="{reason}"' in page.text
    assert logged_in_sessions(db) == 0


def test_a_wrong_state_is_refused(
    live: LiveServer, visitor: Browser, world: World, db: Session
) -> None:
    form = visitor.get(f"{live.url}/login/citizen")
    callback = visitor.post(form.url, data={"sub": "citizen-1"}, allow_redirects=False)
    location = callback.headers["Location"]
    state = location.split("state=")[1].split("&")[0]
    page = visitor.get(location.replace(state, "not-the-state"))
    assert page.status_code == 400 and 'data-login-error="expired"' in page.text
    assert logged_in_sessions(db) == 0


def test_a_replayed_code_is_refused_by_the_provider(
    live: LiveServer, visitor: Browser, world: World, db: Session
) -> None:
    form = visitor.get(f"{live.url}/login/citizen")
    first = visitor.post(form.url, data={"sub": "citizen-1"}, allow_redirects=False)
    code = first.headers["Location"].split("code=")[1].split("&")[0]
    assert visitor.get(first.headers["Location"]).url.endswith("/citizen/")
    # A fresh login in the same browser, answered with the old, already redeemed code.
    form = visitor.get(f"{live.url}/login/citizen")
    second = visitor.post(form.url, data={"sub": "citizen-1"}, allow_redirects=False)
    fresh_code = second.headers["Location"].split("code=")[1].split("&")[0]
    page = visitor.get(second.headers["Location"].replace(fresh_code, code))
    assert page.status_code == 400 and 'data-login-error="expired"' in page.text
    assert visitor.get(f"{live.url}/citizen/").status_code == 401
