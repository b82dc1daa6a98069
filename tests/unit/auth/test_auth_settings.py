"""Login settings are checked at start-up; the development provider never runs in production."""

from __future__ import annotations

import base64
import json

import pytest

from portal import create_app
from portal.auth.flow import LoginError
from portal.auth.providers import configured_profiles
from portal.auth.views import safe_next
from portal.config import Settings, SettingsError

PROD = {
    "BOLIGBRO_ENV": "production",
    "SECRET_KEY": "x" * 40,
    "DATABASE_URL": "postgresql://app:pw@db.internal/boligbro",
    "CPR_ENCRYPTION_KEY": base64.b64encode(b"k" * 32).decode(),
    "CPR_HASH_KEY": base64.b64encode(b"h" * 32).decode(),
}
CITIZEN = {
    "login": "citizen",
    "issuer": "https://pp.netseidbroker.dk/op",
    "client_id": "c",
    "client_secret": "s",
    "loa": {"claim": "loa", "accepted": ["https://data.gov.dk/concept/core/nsis/Substantial"]},
}


def test_the_development_provider_is_refused_in_production() -> None:
    with pytest.raises(SettingsError, match="DEV_IDP"):
        Settings.from_env({**PROD, "DEV_IDP": "true"})


def test_production_without_profiles_does_not_start(tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings.from_env(PROD)
    assert settings.dev_idp is False
    with pytest.raises(SettingsError, match="OIDC_PROVIDERS"):
        create_app(settings)


def test_development_uses_the_built_in_provider_when_nothing_is_configured() -> None:
    assert Settings.from_env({}).dev_idp is True
    env = {"OIDC_PROVIDERS": json.dumps({"mitid": CITIZEN})}
    assert Settings.from_env(env).dev_idp is False


def test_a_client_secret_can_come_from_its_own_variable() -> None:
    profile = {**CITIZEN, "client_secret_env": "MITID_SECRET"}
    del profile["client_secret"]
    env = {"OIDC_PROVIDERS": json.dumps({"mitid": profile}), "MITID_SECRET": "from-env"}
    (parsed,) = configured_profiles(Settings.from_env(env))
    assert parsed.client_secret == "from-env"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"loa": {}}, "level of assurance"),
        ({"login": "admin"}, "'login'"),
        ({"scopes": ["ssn"]}, "openid"),
        ({"algorithms": ["none"]}, "asymmetric"),
        ({"algorithms": ["HS256"]}, "asymmetric"),
        ({"authorize_params": {"nonce": "x"}}, "may not set"),
    ],
)
def test_bad_profiles_stop_start_up(change: dict, message: str) -> None:
    settings = Settings(oidc_providers={"mitid": {**CITIZEN, **change}})
    with pytest.raises(SettingsError, match=message):
        configured_profiles(settings)


def test_staff_profiles_need_a_role_mapping() -> None:
    staff = {**CITIZEN, "login": "staff", "loa": {}}
    with pytest.raises(SettingsError, match="staff_roles"):
        configured_profiles(Settings(oidc_providers={"entra": staff}))


@pytest.mark.parametrize("value", ["/citizen/", "/landlord/?x=1", None, ""])
def test_local_next_targets_are_kept(value: str | None) -> None:
    assert safe_next(value) == (value or None)


@pytest.mark.parametrize(
    "value",
    ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:x", "citizen"],
)
def test_other_next_targets_are_refused(value: str) -> None:
    with pytest.raises(LoginError):
        safe_next(value)
