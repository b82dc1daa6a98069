"""The development provider's OpenID Connect server, from Authlib's server classes.

It behaves like the Signaturgruppen broker, the harder case for a relying party: the ID
token is minimal (``sub``, ``idp``, ``identity_type``, ``loa``, and the protocol claims),
every other claim comes from UserInfo only, PKCE S256 is required, codes are single-use,
and the callback carries RFC 9207 ``iss``.

Codes and access tokens live in this process's memory: the provider runs only in
development, on one process. Its signing key is derived from the secret key, so tokens
it issued stay verifiable across restarts.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from authlib.integrations.flask_oauth2 import AuthorizationServer, ResourceProtector
from authlib.oauth2.rfc6749 import ClientMixin, TokenMixin, grants
from authlib.oauth2.rfc6750 import BearerTokenValidator
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oauth2.rfc9207 import IssuerParameter
from authlib.oidc.core import OpenIDCode, UserInfo, UserInfoEndpoint
from authlib.oidc.core.models import AuthorizationCodeMixin
from authlib.oidc.rpinitiated import EndSessionEndpoint
from cryptography.hazmat.primitives.asymmetric import ec
from flask import Flask, current_app, request, url_for
from joserfc.jwk import ECKey, KeySet

from portal.accounts.models import Role
from portal.config import Settings
from portal.devidp.identities import DevIdentity, client_secret, default_identities

CODE_LIFETIME = 120
TOKEN_LIFETIME = 300
ID_TOKEN_LIFETIME = 300  # the Signaturgruppen broker's ID token lives 5 minutes
EXTENSION = "boligbro.devidp"

# The client of each login, and what kind of identity its login screen offers.
CLIENTS: dict[str, tuple[str, str]] = {
    "boligbro-citizen": ("dev-mitid", "citizen"),
    "boligbro-landlord": ("dev-mitid-erhverv", "landlord"),
    "boligbro-staff": ("dev-staff", "staff"),
}


def issuer() -> str:
    return request.host_url.rstrip("/") + "/dev-idp"


@dataclass
class DevClient(ClientMixin):
    client_id: str
    secret: str
    provider: str
    kind: str

    @property
    def client_metadata(self) -> dict[str, Any]:
        return {"post_logout_redirect_uris": [url_for("auth.logged_out", _external=True)]}

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str:
        return self.redirect_uri()

    def redirect_uri(self) -> str:
        return url_for("auth.callback", provider=self.provider, _external=True)

    def get_allowed_scope(self, scope: str) -> str:
        allowed = {"openid", "mitid", "ssn", "nemlogin", "profile", "email"}
        return " ".join(s for s in (scope or "").split() if s in allowed)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri == self.redirect_uri()  # exact match, nothing else

    def check_client_secret(self, client_secret: str) -> bool:
        return secrets.compare_digest(client_secret, self.secret)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method in ("client_secret_basic", "client_secret_post")

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "authorization_code"


@dataclass
class Code(AuthorizationCodeMixin):
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    subject: str
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    auth_time: int
    expires_at: float

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str | None:
        return self.nonce

    def get_auth_time(self) -> int:
        return self.auth_time

    def get_acr(self) -> None:
        return None

    def get_amr(self) -> None:
        return None


@dataclass
class AccessToken(TokenMixin):
    token: str
    client_id: str
    scope: str
    subject: str
    expires_at: float
    state: DevIdpState = field(repr=False)

    def check_client(self, client: ClientMixin) -> bool:
        return bool(client.get_client_id() == self.client_id)

    def get_scope(self) -> str:
        return self.scope

    def get_expires_in(self) -> int:
        return int(self.expires_at - time.time())

    def is_expired(self) -> bool:
        return time.time() >= self.expires_at

    def is_revoked(self) -> bool:
        return False

    def get_user(self) -> DevIdentity:
        return self.state.identity(self.subject)

    def get_client(self) -> DevClient:
        client = self.state.client(self.client_id)
        if client is None:
            raise LookupError(self.client_id)
        return client


class DevIdpState:
    """Everything the provider keeps: clients, identities, key, live codes and tokens."""

    def __init__(self, settings: Settings) -> None:
        self.clients = {
            cid: DevClient(cid, client_secret(settings, cid), provider, kind)
            for cid, (provider, kind) in CLIENTS.items()
        }
        self.identities: list[DevIdentity] = default_identities()
        scalar = int.from_bytes(
            hashlib.sha256(f"devidp-signing:{settings.secret_key}".encode()).digest(), "big"
        )
        private = ec.derive_private_key(scalar % (2**255), ec.SECP256R1())
        self.key = ECKey.import_key(private, {"use": "sig", "alg": "ES256"})
        self.key_id = self.key.thumbprint()
        self.codes: dict[str, Code] = {}
        self.tokens: dict[str, AccessToken] = {}
        self.nonces: set[str] = set()
        self.lock = threading.Lock()

    def client(self, client_id: str) -> DevClient | None:
        return self.clients.get(client_id)

    def identity(self, subject: str) -> DevIdentity:
        for person in self.identities:
            if person.subject == subject:
                return person
        raise KeyError(subject)

    def public_jwks(self) -> dict[str, Any]:
        data = self.key.as_dict(private=False, kid=self.key_id, alg="ES256", use="sig")
        return {"keys": [data]}

    def private_keyset(self) -> KeySet:
        return KeySet([ECKey.import_key(self.key.as_dict(private=True, kid=self.key_id))])


def state() -> DevIdpState:
    value: DevIdpState = current_app.extensions[EXTENSION]
    return value


def user_claims(person: DevIdentity) -> dict[str, Any]:
    """What UserInfo says about a person, in the Signaturgruppen broker's claim names."""
    claims: dict[str, Any] = {"sub": person.subject}
    if person.role == Role.CITIZEN:
        claims.update(
            {
                "dk.cpr": (person.cpr or "").replace("-", ""),
                "mitid.uuid": person.subject,
                "mitid.identity_name": person.name,
            }
        )
    elif person.role == Role.LANDLORD:
        claims.update(
            {
                "nemlogin.name": person.name,
                "nemlogin.cvr": person.cvrs[0] if person.cvrs else "",
                "nemlogin.auth_to_repr": list(person.cvrs),
                "nemlogin.persistent_professional_id": person.subject,
            }
        )
        if person.org_name:
            claims["nemlogin.org_name"] = person.org_name
        if person.email:
            claims["email"] = person.email
    else:
        claims.update({"name": person.name, "email": person.email, "roles": list(person.roles)})
    return claims


def _id_token_claims(person: DevIdentity) -> dict[str, Any]:
    kind = {Role.CITIZEN: "private", Role.LANDLORD: "professional"}.get(person.role, "staff")
    idp = {Role.CITIZEN: "mitid", Role.LANDLORD: "mitid_erhverv"}.get(person.role, "kommune")
    return {"sub": person.subject, "idp": idp, "identity_type": kind, "loa": person.loa}


class CodeGrant(grants.AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]

    def save_authorization_code(self, code: str, request: Any) -> None:
        payload = request.payload
        st = state()
        with st.lock:
            st.codes[code] = Code(
                code=code,
                client_id=request.client.get_client_id(),
                redirect_uri=payload.redirect_uri,
                scope=payload.scope,
                subject=request.user.subject,
                nonce=payload.data.get("nonce"),
                code_challenge=payload.data.get("code_challenge"),
                code_challenge_method=payload.data.get("code_challenge_method"),
                auth_time=int(time.time()),
                expires_at=time.time() + CODE_LIFETIME,
            )
            if payload.data.get("nonce"):
                st.nonces.add(payload.data["nonce"])

    def query_authorization_code(self, code: str, client: ClientMixin) -> Code | None:
        st = state()
        with st.lock:
            item = st.codes.get(code)
        if item and item.client_id == client.get_client_id() and item.expires_at > time.time():
            return item
        return None

    def delete_authorization_code(self, authorization_code: Code) -> None:
        st = state()
        with st.lock:
            st.codes.pop(authorization_code.code, None)

    def authenticate_user(self, authorization_code: Code) -> DevIdentity:
        return state().identity(authorization_code.subject)


class MinimalOpenIDCode(OpenIDCode):
    def resolve_client_private_key(self, client: DevClient) -> KeySet:
        return state().private_keyset()

    def get_client_algorithm(self, client: DevClient) -> str:
        return "ES256"

    def get_encode_header(self, client: DevClient) -> dict[str, str]:
        return {"alg": "ES256", "kid": state().key_id, "typ": "JWT"}

    def get_client_claims(self, client: DevClient) -> dict[str, Any]:
        now = int(time.time())
        return {
            "iss": issuer(),
            "aud": [client.get_client_id()],
            "iat": now,
            "exp": now + ID_TOKEN_LIFETIME,
        }

    def exists_nonce(self, nonce: str, request: Any) -> bool:
        st = state()
        with st.lock:
            return nonce in st.nonces

    def generate_user_info(self, user: DevIdentity, scope: str) -> dict[str, Any]:
        # Only what the broker puts in its ID token; the rest is for UserInfo.
        return _id_token_claims(user)


class DevUserInfo(UserInfoEndpoint):
    def get_issuer(self) -> str:
        return issuer()

    def generate_user_info(self, user: DevIdentity, scope: str) -> UserInfo:
        return UserInfo(user_claims(user))


class DevEndSession(EndSessionEndpoint):
    def get_server_jwks(self) -> dict[str, Any]:
        return state().public_jwks()

    def get_algorithms(self) -> list[str]:
        return ["ES256"]

    def end_session(self, end_session_request: Any) -> None:
        # Picking an identity keeps no login at the provider: nothing else to end.
        return None


class DevIssuerParameter(IssuerParameter):
    def get_issuer(self) -> str:
        return issuer()


class _TokenValidator(BearerTokenValidator):
    def authenticate_token(self, token_string: str) -> AccessToken | None:
        st = state()
        with st.lock:
            return st.tokens.get(token_string)


def _save_token(token: dict[str, Any], request: Any) -> None:
    st = state()
    with st.lock:
        st.tokens[token["access_token"]] = AccessToken(
            token=token["access_token"],
            client_id=request.client.get_client_id(),
            scope=token.get("scope", ""),
            subject=request.user.subject,
            expires_at=time.time() + int(token.get("expires_in", TOKEN_LIFETIME)),
            state=st,
        )


def build_server(app: Flask, settings: Settings) -> tuple[AuthorizationServer, ResourceProtector]:
    st = DevIdpState(settings)
    app.extensions[EXTENSION] = st
    server = AuthorizationServer()
    server.init_app(app, query_client=st.client, save_token=_save_token)
    server.register_grant(
        CodeGrant, [CodeChallenge(required=True), MinimalOpenIDCode(require_nonce=True)]
    )
    protector = ResourceProtector()
    protector.register_token_validator(_TokenValidator())
    server.register_endpoint(DevUserInfo(resource_protector=protector))
    server.register_endpoint(DevEndSession)
    server.register_extension(DevIssuerParameter())
    app.extensions[EXTENSION + ".server"] = server
    return server, protector
