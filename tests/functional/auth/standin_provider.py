"""A tiny OpenID Connect provider that misbehaves on purpose, served over real HTTP.

A real provider cannot be made to sign a token for the wrong audience or with
``alg: none``; this stand-in signs what each test asks for (with joserfc) and serves it
from a real token endpoint, so the portal's checks meet exactly that token.
"""

from __future__ import annotations

import base64
import json
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from flask import Flask, jsonify, redirect, request
from joserfc import jwt
from joserfc.jwk import RSAKey

KEY = RSAKey.generate_key(2048, parameters={"kid": "standin-1", "use": "sig"})
OTHER_KEY = RSAKey.generate_key(2048, parameters={"kid": "standin-1", "use": "sig"})
CLIENT_ID = "boligbro-standin"
SUBSTANTIAL = "https://data.gov.dk/concept/core/nsis/Substantial"


@dataclass
class Scenario:
    """What the next token and UserInfo answer look like; tests change one thing."""

    claims: dict[str, Any] = field(default_factory=dict)  # overrides in the ID token
    drop: tuple[str, ...] = ()  # claims left out of the ID token
    userinfo: dict[str, Any] = field(default_factory=dict)
    key: Any = None  # sign with another key
    alg_none: bool = False
    callback_iss: str | None = None  # the RFC 9207 iss sent back; None: the real one
    last_nonce: str | None = None
    nonce_override: str | None = None


class Standin:
    def __init__(self) -> None:
        self.scenario = Scenario()
        self.url = ""
        self.app = self._build()

    def reset(self) -> None:
        last = self.scenario.last_nonce
        self.scenario = Scenario(last_nonce=last)

    def id_token(self) -> str:
        s = self.scenario
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.url,
            "aud": CLIENT_ID,
            "sub": "person-1",
            "iat": now,
            "exp": now + 300,
            "nonce": s.nonce_override or s.last_nonce_for_token,
            "loa": SUBSTANTIAL,
        }
        claims.update(s.claims)
        for name in s.drop:
            claims.pop(name, None)
        if s.alg_none:
            header = base64.urlsafe_b64encode(b'{"alg":"none","typ":"JWT"}').rstrip(b"=")
            body = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=")
            return (header + b"." + body + b".").decode()
        return jwt.encode({"alg": "RS256", "kid": "standin-1"}, claims, s.key or KEY)

    def _build(self) -> Flask:
        app = Flask("standin")

        @app.get("/.well-known/openid-configuration")
        def discovery() -> Any:
            return jsonify(
                issuer=self.url,
                authorization_endpoint=f"{self.url}/authorize",
                token_endpoint=f"{self.url}/token",
                userinfo_endpoint=f"{self.url}/userinfo",
                jwks_uri=f"{self.url}/jwks",
                id_token_signing_alg_values_supported=["RS256"],
            )

        @app.get("/jwks")
        def jwks() -> Any:
            return jsonify(keys=[KEY.as_dict(private=False)])

        @app.get("/authorize")
        def authorize() -> Any:
            s = self.scenario
            s.last_nonce_for_token = request.args["nonce"]  # type: ignore[attr-defined]
            params = {"code": "code-" + request.args["state"][:8], "state": request.args["state"]}
            if s.callback_iss is not None:
                params["iss"] = s.callback_iss
            return redirect(f"{request.args['redirect_uri']}?{urlencode(params)}")

        @app.post("/token")
        def token() -> Any:
            s = self.scenario
            token = self.id_token()
            s.last_nonce = s.last_nonce_for_token  # type: ignore[attr-defined]
            return jsonify(access_token="at-1", token_type="Bearer", expires_in=300, id_token=token)

        @app.get("/userinfo")
        def userinfo() -> Any:
            claims = {"sub": "person-1", "dk.cpr": "1403911682", "mitid.identity_name": "Mette"}
            claims.update(self.scenario.userinfo)
            return jsonify(claims)

        return app
