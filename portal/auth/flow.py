"""The OpenID Connect authorization code flow, with every check a relying party must make.

Authorization code with PKCE S256, ``state`` and ``nonce``; one redirect URI per
provider; the RFC 9207 ``iss`` callback parameter; the ID token's signature, ``iss``,
``aud`` (and ``azp``), ``exp``, ``iat`` and ``nonce``; the level of assurance; UserInfo
``sub`` equal to the ID token's. Authlib builds the requests; the checks are made here
with joserfc, explicitly, since Authlib leaves several of them out (see TOOLING.md).
Nothing here reads ``flask.request``: the views pass in what the request holds.
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import requests
from authlib.integrations.base_client import OAuthError
from authlib.integrations.requests_client import OAuth2Session
from authlib.oauth2 import OAuth2Error
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from portal.auth.models import LoginTransaction
from portal.auth.providers import (
    ProviderProfile,
    ProviderUnavailable,
    fetch_json,
    provider_metadata,
)
from portal.db import utcnow

TRANSACTION_LIFETIME = dt.timedelta(minutes=10)
CLOCK_LEEWAY = 60  # seconds


class LoginError(Exception):
    """A login was refused. ``reason`` is a stable code (shown small, for support, and
    used by tests); the page says what happened and what to do next, translated."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail

    @property
    def status_code(self) -> int:
        return 403 if self.reason in REFUSALS else 400

    @property
    def title(self) -> LazyString:
        return _TEXTS.get(self.reason, _TEXTS["failed"])[0]

    @property
    def advice(self) -> LazyString:
        return _TEXTS.get(self.reason, _TEXTS["failed"])[1]


# Refused because of who the person is, not because something went wrong.
REFUSALS = frozenset({"loa", "staff_unknown", "staff_municipality", "account_closed"})

_TRY_AGAIN = _l(
    "Go to the front page and log in again. If it keeps happening, contact your municipality."
)
_TEXTS: dict[str, tuple[LazyString, LazyString]] = {
    "failed": (_l("We could not log you in"), _TRY_AGAIN),
    "expired": (
        _l("The login took too long or was already used"),
        _l("Nothing is wrong with your account. Go to the front page and log in again."),
    ),
    "cancelled": (
        _l("The login was cancelled"),
        _l("You are not logged in. You can try again from the front page whenever you are ready."),
    ),
    "unavailable": (
        _l("The login service is not answering"),
        _l("Please try again in a few minutes. If it keeps happening, contact your municipality."),
    ),
    "bad_link": (
        _l("The link you followed is not valid"),
        _l("Go to the front page and log in from there."),
    ),
    "no_login": (
        _l("This login is not available"),
        _l("Go to the front page and choose how you want to log in."),
    ),
    "loa": (
        _l("Your login was not secure enough"),
        _l(
            "Log in with MitID using the MitID app or a code device. "
            "If you need help, contact your municipality."
        ),
    ),
    "staff_unknown": (
        _l("You do not have access to Boligbro"),
        _l(
            "Your municipality has not given you a role in Boligbro. "
            "Ask your manager or your municipality's IT support to give you access."
        ),
    ),
    "staff_municipality": (
        _l("Your municipality is not set up in Boligbro"),
        _l("Ask your municipality's IT support to contact the Boligbro administrators."),
    ),
    "account_closed": (
        _l("Your access to Boligbro has been closed"),
        _l("If you think this is a mistake, contact your municipality."),
    ),
    "landlord_no_cvr": (
        _l("We could not see which company you log in for"),
        _l("Log in with MitID Erhverv for the company you work for, and try again."),
    ),
}


@dataclass(frozen=True)
class VerifiedIdentity:
    """What a provider proved about a person, after every check."""

    provider: str
    issuer: str
    subject: str  # the ID token's ``sub``
    claims: Mapping[str, Any]  # ID token claims, with UserInfo claims over them
    id_token: str
    next_url: str | None


def _new_token(nbytes: int = 32) -> str:
    return secrets.token_urlsafe(nbytes)


def provider_locale(profile: ProviderProfile, locale: str) -> str:
    """The MitID screens speak only some languages: ours if they do, else English."""
    if locale in profile.provider_locales:
        return locale
    return "en" if "en" in profile.provider_locales else profile.provider_locales[0]


def start_login(
    db: Session,
    profile: ProviderProfile,
    *,
    issuer: str | None,
    redirect_uri: str,
    locale: str,
    next_url: str | None,
) -> tuple[str, str]:
    """Record a login transaction and return (authorization URL, state)."""
    try:
        metadata = provider_metadata(profile, issuer)
    except ProviderUnavailable as exc:
        raise LoginError("unavailable", str(exc)) from exc
    state, nonce, verifier = _new_token(), _new_token(), _new_token(48)
    db.add(
        LoginTransaction(
            state=state,
            provider=profile.name,
            issuer=metadata["issuer"],
            nonce=nonce,
            code_verifier=verifier,
            redirect_uri=redirect_uri,
            next_url=next_url,
            expires_at=utcnow() + TRANSACTION_LIFETIME,
        )
    )
    extra: dict[str, str] = dict(profile.authorize_params)
    if profile.locale_param:
        extra[profile.locale_param] = provider_locale(profile, locale)
    with _client(profile, redirect_uri) as client:
        url, _ = client.create_authorization_url(
            metadata["authorization_endpoint"],
            state=state,
            code_verifier=verifier,
            nonce=nonce,
            **extra,
        )
    return url, state


def take_transaction(db: Session, state: str | None, provider: str) -> LoginTransaction:
    """Find and delete the transaction for ``state``: each is good for one callback."""
    if not state:
        raise LoginError("expired", "no state")
    tx = db.scalars(
        select(LoginTransaction).where(LoginTransaction.state == state).with_for_update()
    ).first()
    if tx is None:
        raise LoginError("expired", "unknown or used state")
    db.delete(tx)
    db.flush()
    if tx.expires_at < utcnow():
        raise LoginError("expired", "transaction expired")
    if tx.provider != provider:
        # The callback came to another provider's redirect URI: a mix-up.
        raise LoginError("failed", "callback presented to another provider")
    return tx


def purge_transactions(db: Session) -> int:
    result = db.execute(delete(LoginTransaction).where(LoginTransaction.expires_at < utcnow()))
    return int(getattr(result, "rowcount", 0) or 0)


def complete_login(
    profile: ProviderProfile, tx: LoginTransaction, args: Mapping[str, str]
) -> VerifiedIdentity:
    """Check the callback, redeem the code and verify what comes back."""
    if args.get("error"):
        reason = "cancelled" if args.get("error") == "access_denied" else "failed"
        raise LoginError(reason, f"provider error {args.get('error')!r}")
    try:
        metadata = provider_metadata(profile, tx.issuer)
    except ProviderUnavailable as exc:
        raise LoginError("unavailable", str(exc)) from exc
    # RFC 9207: when the provider names itself in the callback, it must be this one.
    iss = args.get("iss")
    if iss is not None and iss != tx.issuer:
        raise LoginError("failed", "iss callback parameter names another issuer")
    if iss is None and metadata.get("authorization_response_iss_parameter_supported") is True:
        raise LoginError("failed", "iss callback parameter missing")
    code = args.get("code")
    if not code:
        raise LoginError("failed", "no code")

    with _client(profile, tx.redirect_uri) as client:
        try:
            token = client.fetch_token(
                metadata["token_endpoint"],
                grant_type="authorization_code",
                code=code,
                redirect_uri=tx.redirect_uri,
                code_verifier=tx.code_verifier,
            )
        except (OAuth2Error, OAuthError) as exc:
            raise LoginError("expired", f"token endpoint refused: {exc.error}") from exc
        except (requests.RequestException, ValueError) as exc:
            raise LoginError("unavailable", f"token endpoint: {exc}") from exc
        id_token = token.get("id_token")
        if not isinstance(id_token, str):
            raise LoginError("failed", "no ID token")
        claims = verify_id_token(profile, metadata, id_token, tx.nonce)
        if profile.loa_source == "id_token":
            check_loa(profile, claims)
        merged: dict[str, Any] = dict(claims)
        if profile.claims_from_userinfo:
            userinfo = _fetch_userinfo(client, metadata, token)
            if not hmac.compare_digest(str(userinfo.get("sub", "")), str(claims["sub"])):
                raise LoginError("failed", "UserInfo sub differs from the ID token's")
            # The ID token's own claims stay authoritative where both name one.
            merged = {**userinfo, **claims}
            if profile.loa_source == "userinfo":
                check_loa(profile, userinfo)
    return VerifiedIdentity(
        provider=profile.name,
        issuer=tx.issuer,
        subject=str(claims["sub"]),
        claims=merged,
        id_token=id_token,
        next_url=tx.next_url,
    )


def verify_id_token(
    profile: ProviderProfile, metadata: Mapping[str, Any], id_token: str, nonce: str
) -> dict[str, Any]:
    """Signature (asymmetric algorithms only, keys from the provider's JWKS), then
    ``iss``, ``aud``, ``azp``, ``exp``, ``iat``, ``sub`` and ``nonce``."""
    allowed = list(profile.algorithms)
    supported = metadata.get("id_token_signing_alg_values_supported")
    if isinstance(supported, list):
        allowed = [alg for alg in allowed if alg in supported] or allowed
    try:
        decoded = _decode_with_jwks(id_token, str(metadata["jwks_uri"]), allowed)
    except JoseError as exc:
        raise LoginError("failed", f"ID token signature: {exc.error}") from exc
    except (ProviderUnavailable, ValueError) as exc:
        raise LoginError("failed", f"ID token: {exc}") from exc
    claims: dict[str, Any] = dict(decoded.claims)
    registry = jwt.JWTClaimsRegistry(
        leeway=CLOCK_LEEWAY,
        iss={"essential": True, "value": metadata["issuer"]},
        aud={"essential": True, "value": profile.client_id},
        sub={"essential": True},
        exp={"essential": True},
        iat={"essential": True},
        nonce={"essential": True},
    )
    try:
        registry.validate(claims)
    except JoseError as exc:
        raise LoginError("failed", f"ID token claims: {exc.error} {exc.description}") from exc
    aud = claims["aud"]
    if isinstance(aud, list) and len(aud) > 1 and claims.get("azp") != profile.client_id:
        raise LoginError("failed", "ID token azp is not this client")
    if not hmac.compare_digest(str(claims["nonce"]), nonce):
        raise LoginError("failed", "ID token nonce does not match")
    return claims


def check_loa(profile: ProviderProfile, claims: Mapping[str, Any]) -> None:
    if not profile.loa_accepted:
        return
    value = claims.get(profile.loa_claim or "")
    values = value if isinstance(value, list) else [value]
    if not any(v in profile.loa_accepted for v in values):
        raise LoginError("loa", f"level of assurance {value!r}")


def _decode_with_jwks(id_token: str, jwks_uri: str, algorithms: list[str]) -> Any:
    keys = KeySet.import_key_set(fetch_json(jwks_uri))  # type: ignore[arg-type]
    try:
        return jwt.decode(id_token, keys, algorithms=algorithms)
    except ValueError:
        # An unknown key id: the provider may have rotated its keys; fetch them once more.
        keys = KeySet.import_key_set(fetch_json(jwks_uri, fresh=True))  # type: ignore[arg-type]
        return jwt.decode(id_token, keys, algorithms=algorithms)


def _fetch_userinfo(
    client: OAuth2Session, metadata: Mapping[str, Any], token: Mapping[str, Any]
) -> dict[str, Any]:
    endpoint = metadata.get("userinfo_endpoint")
    if not isinstance(endpoint, str):
        raise LoginError("unavailable", "no UserInfo endpoint")
    try:
        response = client.get(endpoint, timeout=10)
        response.raise_for_status()
        userinfo = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise LoginError("unavailable", f"UserInfo: {exc}") from exc
    if not isinstance(userinfo, dict):
        raise LoginError("failed", "UserInfo is not a JSON object")
    return userinfo


def _client(profile: ProviderProfile, redirect_uri: str) -> OAuth2Session:
    return OAuth2Session(
        client_id=profile.client_id,
        client_secret=profile.client_secret,
        token_endpoint_auth_method=profile.token_endpoint_auth_method,
        scope=" ".join(profile.scopes),
        redirect_uri=redirect_uri,
        code_challenge_method="S256",
        default_timeout=10,
    )
