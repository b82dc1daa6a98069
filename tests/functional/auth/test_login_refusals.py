"""Every way a callback can be wrong is refused: a translated page, and no session.

The tokens come from a stand-in provider over real HTTP (see standin_provider.py), so
each check of the portal meets the exact fault it is there for.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy.orm import Session

from portal.config import Settings
from tests.functional.auth.auth_http import Browser, LiveServer, World, logged_in_sessions, serve
from tests.functional.auth.standin_provider import CLIENT_ID, OTHER_KEY, Standin

LOW = "https://data.gov.dk/concept/core/nsis/Low"
SUBSTANTIAL = "https://data.gov.dk/concept/core/nsis/Substantial"
HIGH = "https://data.gov.dk/concept/core/nsis/High"


@pytest.fixture(scope="module")
def standin() -> Iterator[Standin]:
    provider = Standin()
    server, thread = serve(provider.app)
    provider.url = f"http://127.0.0.1:{server.server_port}"
    yield provider
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()


def _profile(standin: Standin, login: str, **extra: Any) -> dict[str, Any]:
    return {
        "login": login,
        "issuer": standin.url,
        "client_id": CLIENT_ID,
        "client_secret": "s3cret",
        "scopes": ["openid", "mitid", "ssn"],
        "claims_from_userinfo": True,
        "claims": {"name": "mitid.identity_name"},
        "loa": {"claim": "loa", "accepted": [SUBSTANTIAL, HIGH]},
        **extra,
    }


@pytest.fixture
def settings(settings: Settings, standin: Standin) -> Settings:
    standin.reset()
    return settings.with_changes(
        dev_idp=False,
        oidc_providers={
            "standin": _profile(standin, "citizen"),
            # The same provider again, for landlords: a second redirect URI for mix-up.
            "standin-b": _profile(standin, "landlord", loa={}, claims={"cvr": "cvr"}),
            "standin-staff": _profile(
                standin,
                "staff",
                loa={},
                staff_roles=[{"value": "cw", "role": "caseworker", "municipality": "751"}],
            ),
        },
    )


def login(visitor: Browser, live: LiveServer, role: str = "citizen") -> Any:
    return visitor.get(f"{live.url}/login/{role}")


def logout(visitor: Browser, live: LiveServer, start_page: Any) -> None:
    assert start_page.url.endswith("/citizen/")
    done = visitor.post(f"{live.url}/logout", data={"csrf_token": visitor.csrf(start_page.text)})
    assert done.url == f"{live.url}/logged-out"


def assert_refused(page: Any, visitor: Browser, live: LiveServer, db: Session, reason: str) -> None:
    assert page.status_code in (400, 403), page.status_code
    assert f'data-login-error="{reason}"' in page.text, page.text[-800:]
    assert '<html lang="' in page.text
    assert visitor.get(f"{live.url}/citizen/").status_code == 401
    assert logged_in_sessions(db) == 0


def test_the_stand_in_lets_a_correct_login_through(
    live: LiveServer, visitor: Browser, world: World, standin: Standin
) -> None:
    page = login(visitor, live)
    assert page.url == f"{live.url}/citizen/", page.text[-600:]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"claims": {"aud": "someone-else"}}, "failed"),
        ({"claims": {"aud": ["someone-else", "another"]}}, "failed"),
        ({"claims": {"iss": "https://evil.example"}}, "failed"),
        ({"claims": {"exp": int(time.time()) - 3600}}, "failed"),
        ({"key": OTHER_KEY}, "failed"),
        ({"alg_none": True}, "failed"),
        ({"drop": ("nonce",)}, "failed"),
        ({"nonce_override": "a-nonce-from-some-other-login"}, "failed"),
        ({"claims": {"loa": LOW}}, "loa"),
        ({"drop": ("loa",)}, "loa"),
        ({"userinfo": {"sub": "someone-else"}}, "failed"),
        ({"callback_iss": "https://evil.example"}, "failed"),
    ],
    ids=[
        "wrong-aud",
        "aud-without-us",
        "wrong-iss",
        "expired",
        "bad-signature",
        "alg-none",
        "missing-nonce",
        "wrong-nonce",
        "loa-low",
        "loa-missing",
        "userinfo-sub-differs",
        "iss-callback-parameter",
    ],
)
def test_a_bad_token_or_callback_is_refused(
    live: LiveServer,
    visitor: Browser,
    world: World,
    db: Session,
    standin: Standin,
    change: dict[str, Any],
    reason: str,
) -> None:
    for name, value in change.items():
        setattr(standin.scenario, name, value)
    assert_refused(login(visitor, live), visitor, live, db, reason)


def test_a_replayed_nonce_is_refused(
    live: LiveServer, visitor: Browser, world: World, db: Session, standin: Standin
) -> None:
    logout(visitor, live, login(visitor, live))
    standin.scenario.nonce_override = standin.scenario.last_nonce  # the earlier login's nonce
    assert_refused(login(visitor, live), visitor, live, db, "failed")


def test_a_callback_for_one_provider_presented_to_another_is_refused(
    live: LiveServer, visitor: Browser, world: World, db: Session
) -> None:
    start = visitor.get(f"{live.url}/login/citizen", allow_redirects=False)
    at_provider = visitor.get(start.headers["Location"], allow_redirects=False)
    callback = at_provider.headers["Location"]
    assert "/login/callback/standin?" in callback
    mixed_up = callback.replace("/login/callback/standin?", "/login/callback/standin-b?")
    assert_refused(visitor.get(mixed_up), visitor, live, db, "failed")
    # And the transaction is gone: the right callback is now too late as well.
    assert_refused(visitor.get(callback), visitor, live, db, "expired")


def test_a_replayed_callback_is_refused(
    live: LiveServer, visitor: Browser, world: World, db: Session
) -> None:
    start = visitor.get(f"{live.url}/login/citizen", allow_redirects=False)
    callback = visitor.get(start.headers["Location"], allow_redirects=False).headers["Location"]
    logout(visitor, live, visitor.get(callback))
    assert_refused(visitor.get(callback), visitor, live, db, "expired")


def test_a_state_from_another_browser_is_refused(
    live: LiveServer, visitor: Browser, world: World, db: Session
) -> None:
    start = visitor.get(f"{live.url}/login/citizen", allow_redirects=False)
    callback = visitor.get(start.headers["Location"], allow_redirects=False).headers["Location"]
    with Browser() as victim:  # login CSRF: the attacker's callback in the victim's browser
        page = victim.get(callback)
        assert page.status_code == 400 and 'data-login-error="expired"' in page.text
    assert logged_in_sessions(db) == 0


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/x", "/\\evil.example", "http:/evil.example"],
)
def test_an_open_redirect_through_next_is_refused(
    live: LiveServer, visitor: Browser, world: World, db: Session, target: str
) -> None:
    page = visitor.get(f"{live.url}/login/citizen", params={"next": target})
    assert page.url.startswith(f"{live.url}/login/citizen")
    assert_refused(page, visitor, live, db, "bad_link")


def test_a_local_next_is_followed(live: LiveServer, visitor: Browser, world: World) -> None:
    page = visitor.get(f"{live.url}/login/citizen", params={"next": "/citizen/?tab=plan"})
    assert page.url == f"{live.url}/citizen/?tab=plan"


def test_staff_with_no_role_are_refused(
    live: LiveServer, visitor: Browser, world: World, db: Session, standin: Standin
) -> None:
    standin.scenario.userinfo = {"roles": ["something-else"]}
    assert_refused(login(visitor, live, "staff"), visitor, live, db, "staff_unknown")


def test_a_provider_error_is_a_page_not_a_500(
    live: LiveServer, visitor: Browser, world: World, db: Session
) -> None:
    start = visitor.get(f"{live.url}/login/citizen", allow_redirects=False)
    state = start.headers["Location"].split("state=")[1].split("&")[0]
    page = visitor.get(
        f"{live.url}/login/callback/standin", params={"error": "access_denied", "state": state}
    )
    assert_refused(page, visitor, live, db, "cancelled")
