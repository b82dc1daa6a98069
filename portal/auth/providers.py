"""Provider profiles: which OpenID Connect provider stands behind each login.

A profile is configuration, not code (``OIDC_PROVIDERS``, see docs/login-profiles.md):
the same flow serves the Signaturgruppen broker (claims from UserInfo only), Idura
(claims in the ID token), an OIDC bridge in front of NemLog-in, and Entra ID for staff.
With the development provider on, a login that has no profile points at the built-in
provider under ``/dev-idp`` (see :mod:`portal.devidp`).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import requests

from portal.accounts.models import Role
from portal.config import Settings, SettingsError

LOGINS: tuple[str, ...] = ("citizen", "landlord", "staff")
NSIS_SUBSTANTIAL = "https://data.gov.dk/concept/core/nsis/Substantial"
NSIS_HIGH = "https://data.gov.dk/concept/core/nsis/High"
# Asymmetric signatures only: never "none", never a MAC keyed with the client secret.
DEFAULT_ALGORITHMS: tuple[str, ...] = ("RS256", "PS256", "ES256", "RS384", "RS512", "ES384")
DEV_IDP_ACCOUNT_ISSUER = "urn:boligbro:dev-idp"
CLAIM_NAMES: tuple[str, ...] = (
    "subject",
    "name",
    "email",
    "cpr",
    "cvr",
    "org_name",
    "represents",
    "roles",
)
_DEFAULT_CLAIMS = {
    "subject": "sub",
    "name": "name",
    "email": "email",
    "cpr": "dk.cpr",
    "cvr": "nemlogin.cvr",
    "org_name": "nemlogin.org_name",
    "represents": "nemlogin.auth_to_repr",
    "roles": "roles",
}
_STAFF_ROLES = {"caseworker": Role.CASEWORKER, "administrator": Role.ADMINISTRATOR}


@dataclass(frozen=True)
class StaffRoleRule:
    """One value of the roles or groups claim, and what it makes a person in the portal."""

    value: str
    role: Role
    municipality: str | None  # kommunekode; None only for a network administrator
    network_admin: bool = False


@dataclass(frozen=True)
class ProviderProfile:
    name: str
    login: str  # citizen, landlord or staff
    label: str
    issuer: str | None  # None for the built-in development provider (depends on the host)
    discovery_url: str | None
    client_id: str
    client_secret: str = field(repr=False)
    token_endpoint_auth_method: str = "client_secret_basic"  # noqa: S105 (a method's name)
    scopes: tuple[str, ...] = ("openid",)
    authorize_params: Mapping[str, str] = field(default_factory=dict)
    locale_param: str | None = "ui_locales"
    provider_locales: tuple[str, ...] = ("da", "en")
    claims_from_userinfo: bool = False
    claims: Mapping[str, str] = field(default_factory=lambda: dict(_DEFAULT_CLAIMS))
    loa_claim: str | None = None
    loa_source: str = "id_token"
    loa_accepted: tuple[str, ...] = ()
    staff_roles: tuple[StaffRoleRule, ...] = ()
    algorithms: tuple[str, ...] = DEFAULT_ALGORITHMS
    end_session: bool = True
    account_issuer: str | None = None  # the issuer stored on accounts; the real one by default
    builtin_dev: bool = False

    def claim(self, canonical: str) -> str:
        return self.claims.get(canonical, _DEFAULT_CLAIMS[canonical])


def _parse_profile(name: str, raw: Mapping[str, Any]) -> ProviderProfile:
    def fail(message: str) -> SettingsError:
        return SettingsError(f"OIDC_PROVIDERS: profile {name!r}: {message}")

    login = raw.get("login")
    if login not in LOGINS:
        raise fail(f"'login' must be one of {', '.join(LOGINS)}.")
    if not raw.get("issuer") and not raw.get("discovery_url"):
        raise fail("give 'issuer' or 'discovery_url'.")
    for key in ("client_id", "client_secret"):
        if not raw.get(key):
            raise fail(f"'{key}' is missing (or set 'client_secret_env').")
    scopes = tuple(str(s) for s in raw.get("scopes", ["openid"]))
    if "openid" not in scopes:
        raise fail("'scopes' must include openid.")
    params = {
        str(k): v if isinstance(v, str) else json.dumps(v, separators=(",", ":"))
        for k, v in dict(raw.get("authorize_params", {})).items()
    }
    reserved = {"state", "nonce", "code_challenge", "code_challenge_method", "redirect_uri"}
    if reserved & set(params):
        raise fail(f"'authorize_params' may not set {', '.join(sorted(reserved & set(params)))}.")
    claims = dict(_DEFAULT_CLAIMS)
    for key, value in dict(raw.get("claims", {})).items():
        if key not in CLAIM_NAMES:
            raise fail(f"unknown claim {key!r} in 'claims'; known: {', '.join(CLAIM_NAMES)}.")
        claims[key] = str(value)
    loa = dict(raw.get("loa", {}))
    loa_accepted = tuple(str(v) for v in loa.get("accepted", ()))
    if login == "citizen" and (not loa.get("claim") or not loa_accepted):
        raise fail(
            "a citizen login must require a level of assurance: set 'loa' with 'claim' and "
            "'accepted' (Substantial and High)."
        )
    if loa.get("source", "id_token") not in ("id_token", "userinfo"):
        raise fail("'loa.source' must be id_token or userinfo.")
    rules = []
    for rule in raw.get("staff_roles", ()):
        role = _STAFF_ROLES.get(str(rule.get("role")))
        if role is None or not rule.get("value"):
            raise fail(
                "each of 'staff_roles' needs a 'value' and a 'role' (caseworker, administrator)."
            )
        network_admin = bool(rule.get("network_admin", False))
        if not rule.get("municipality") and not (network_admin and role == Role.ADMINISTRATOR):
            raise fail("each of 'staff_roles' needs a 'municipality' (kommunekode).")
        rules.append(
            StaffRoleRule(str(rule["value"]), role, rule.get("municipality"), network_admin)
        )
    if login == "staff" and not rules:
        raise fail("a staff login needs 'staff_roles' (the mapping of roles or groups).")
    algorithms = tuple(raw.get("algorithms", DEFAULT_ALGORITHMS))
    if any(alg.lower() == "none" or alg.startswith("HS") for alg in algorithms):
        raise fail("'algorithms' may hold only asymmetric signature algorithms.")
    return ProviderProfile(
        name=name,
        login=login,
        label=str(raw.get("label", name)),
        issuer=raw.get("issuer"),
        discovery_url=raw.get("discovery_url"),
        client_id=str(raw["client_id"]),
        client_secret=str(raw["client_secret"]),
        token_endpoint_auth_method=str(
            raw.get("token_endpoint_auth_method", "client_secret_basic")
        ),
        scopes=scopes,
        authorize_params=params,
        locale_param=raw.get("locale_param", "ui_locales"),
        provider_locales=tuple(raw.get("provider_locales", ("da", "en"))),
        claims_from_userinfo=bool(raw.get("claims_from_userinfo", False)),
        claims=claims,
        loa_claim=loa.get("claim"),
        loa_source=str(loa.get("source", "id_token")),
        loa_accepted=loa_accepted,
        staff_roles=tuple(rules),
        algorithms=algorithms,
        end_session=bool(raw.get("end_session", True)),
        account_issuer=raw.get("account_issuer"),
    )


def dev_profiles(settings: Settings, municipality_codes: tuple[str, ...]) -> list[ProviderProfile]:
    """The built-in development provider behind each login, Signaturgruppen-style:
    a minimal ID token, every other claim from UserInfo only, the LoA in ``loa``."""
    from portal.devidp.identities import NETWORK_ADMIN_ROLE, client_secret, staff_role_value

    common: dict[str, Any] = {
        "issuer": None,
        "discovery_url": None,
        "claims_from_userinfo": True,
        "locale_param": "language",
        "account_issuer": DEV_IDP_ACCOUNT_ISSUER,
        "builtin_dev": True,
        "loa_claim": "loa",
    }
    staff_rules = (
        *(
            StaffRoleRule(staff_role_value(role, code), role, code)
            for code in municipality_codes
            for role in (Role.CASEWORKER, Role.ADMINISTRATOR)
        ),
        StaffRoleRule(NETWORK_ADMIN_ROLE, Role.ADMINISTRATOR, None, network_admin=True),
    )
    return [
        ProviderProfile(
            name="dev-mitid",
            login="citizen",
            label="MitID (test)",
            client_id="boligbro-citizen",
            client_secret=client_secret(settings, "boligbro-citizen"),
            scopes=("openid", "mitid", "ssn"),
            authorize_params={"idp_values": "mitid"},
            claims={**_DEFAULT_CLAIMS, "name": "mitid.identity_name"},
            loa_accepted=(NSIS_SUBSTANTIAL, NSIS_HIGH),
            **common,
        ),
        ProviderProfile(
            name="dev-mitid-erhverv",
            login="landlord",
            label="MitID Erhverv (test)",
            client_id="boligbro-landlord",
            client_secret=client_secret(settings, "boligbro-landlord"),
            scopes=("openid", "nemlogin"),
            authorize_params={"idp_values": "mitid_erhverv"},
            claims={**_DEFAULT_CLAIMS, "name": "nemlogin.name"},
            **common,
        ),
        ProviderProfile(
            name="dev-staff",
            login="staff",
            label="Municipality login (test)",
            client_id="boligbro-staff",
            client_secret=client_secret(settings, "boligbro-staff"),
            scopes=("openid", "profile", "email"),
            staff_roles=staff_rules,
            **common,
        ),
    ]


def configured_profiles(settings: Settings) -> list[ProviderProfile]:
    """Parse and check every configured profile (at start-up: a bad one stops the app)."""
    return [_parse_profile(str(name), raw) for name, raw in settings.oidc_providers.items()]


# -- Discovery and keys --------------------------------------------------------------
# A per-process cache of public documents (not state): any process may refetch them.

_CACHE_SECONDS = 300
_cache: dict[str, tuple[float, dict[str, Any]]] = {}
_cache_lock = threading.Lock()


class ProviderUnavailable(Exception):
    """The provider could not be reached or answered with something unusable."""


def fetch_json(url: str, *, fresh: bool = False) -> dict[str, Any]:
    now = time.monotonic()
    with _cache_lock:
        hit = _cache.get(url)
    if hit and not fresh and now - hit[0] < _CACHE_SECONDS:
        return hit[1]
    try:
        response = requests.get(url, timeout=10, headers={"Accept": "application/json"})
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise ProviderUnavailable(f"{url}: {exc}") from exc
    if not isinstance(document, dict):
        raise ProviderUnavailable(f"{url}: not a JSON object")
    with _cache_lock:
        _cache[url] = (now, document)
    return document


def discovery_url_for(profile: ProviderProfile, issuer: str | None) -> str:
    if profile.discovery_url:
        return profile.discovery_url
    if not issuer:
        raise ProviderUnavailable(f"profile {profile.name!r} has no issuer")
    return issuer.rstrip("/") + "/.well-known/openid-configuration"


def provider_metadata(profile: ProviderProfile, issuer: str | None) -> dict[str, Any]:
    """The discovery document, checked to be the expected issuer's own (when the profile
    names only a discovery URL, the issuer it states is the one every token must carry)."""
    metadata = fetch_json(discovery_url_for(profile, issuer))
    if not isinstance(metadata.get("issuer"), str):
        raise ProviderUnavailable("discovery names no issuer")
    if issuer is not None and metadata.get("issuer") != issuer:
        raise ProviderUnavailable(
            f"discovery names issuer {metadata.get('issuer')!r}, expected {issuer!r}"
        )
    for key in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not isinstance(metadata.get(key), str):
            raise ProviderUnavailable(f"discovery has no {key}")
    return metadata


def clear_cache() -> None:
    with _cache_lock:
        _cache.clear()
