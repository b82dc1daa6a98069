"""The development provider's endpoints under ``/dev-idp``: discovery, authorize (a page
of test identities), token, UserInfo, JWKS and end-session."""

from __future__ import annotations

from typing import Any

from authlib.oauth2 import OAuth2Error
from flask import Blueprint, current_app, jsonify, render_template, request, url_for
from flask.typing import ResponseReturnValue
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from portal.devidp.identities import DevIdentity
from portal.devidp.server import EXTENSION, issuer, state
from portal.forms import BaseForm
from portal.security.access import public

bp = Blueprint("devidp", __name__, url_prefix="/dev-idp")

GROUPS = ("citizen", "landlord", "staff", "refusal")


class PickIdentityForm(BaseForm):
    # Each identity is a submit button named "subject"; "cancel" is the other button.
    subject = StringField(validators=[DataRequired(), Length(max=100)])


def _server() -> Any:
    return current_app.extensions[EXTENSION + ".server"]


@bp.get("/.well-known/openid-configuration")
@public
def discovery() -> ResponseReturnValue:
    return jsonify(
        {
            "issuer": issuer(),
            "authorization_endpoint": url_for(".authorize", _external=True),
            "token_endpoint": url_for(".token", _external=True),
            "userinfo_endpoint": url_for(".userinfo", _external=True),
            "jwks_uri": url_for(".jwks", _external=True),
            "end_session_endpoint": url_for(".end_session", _external=True),
            "response_types_supported": ["code"],
            "response_modes_supported": ["query"],
            "grant_types_supported": ["authorization_code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["ES256"],
            "token_endpoint_auth_methods_supported": [
                "client_secret_basic",
                "client_secret_post",
            ],
            "code_challenge_methods_supported": ["S256"],
            "scopes_supported": ["openid", "mitid", "ssn", "nemlogin", "profile", "email"],
            "claims_supported": [
                "sub",
                "loa",
                "idp",
                "identity_type",
                "dk.cpr",
                "mitid.uuid",
                "mitid.identity_name",
                "nemlogin.name",
                "nemlogin.cvr",
                "nemlogin.org_name",
                "nemlogin.auth_to_repr",
                "name",
                "email",
                "roles",
            ],
            "ui_locales_supported": ["da", "en"],
            "authorization_response_iss_parameter_supported": True,
        }
    )


@bp.get("/jwks")
@public
def jwks() -> ResponseReturnValue:
    return jsonify(state().public_jwks())


@bp.get("/")
@public
def index() -> str:
    """Every test identity, by role (the same lists the login screens show)."""
    return render_template("devidp/index.html", groups=_grouped(state().identities))


def _grouped(
    identities: list[DevIdentity], kind: str | None = None
) -> list[tuple[str, list[DevIdentity]]]:
    groups = []
    for group in GROUPS:
        people = [
            p for p in identities if p.group == group and (kind is None or _kind_of(p) == kind)
        ]
        if people:
            groups.append((group, people))
    return groups


def _kind_of(person: DevIdentity) -> str:
    if person.role.value in ("citizen", "landlord"):
        return person.role.value
    return "staff"


@bp.route("/authorize", methods=["GET", "POST"])
@public
def authorize() -> ResponseReturnValue:
    server = _server()
    try:
        grant = server.get_consent_grant(end_user=None)
    except OAuth2Error as error:
        return render_template("devidp/invalid.html", error=error.error), 400
    client = grant.client
    form = PickIdentityForm()
    if request.method == "POST":
        if request.form.get("cancel"):
            return server.create_authorization_response(grant_user=None, grant=grant)
        if form.validate_on_submit():
            try:
                person = state().identity(form.subject.data or "")
            except KeyError:
                person = None
            if person is not None and _kind_of(person) == client.kind:
                return server.create_authorization_response(grant_user=person, grant=grant)
    return render_template(
        "devidp/authorize.html",
        form=form,
        kind=client.kind,
        groups=_grouped(state().identities, client.kind),
        action=request.full_path,
        language=request.args.get("language") or request.args.get("ui_locales"),
    )


@bp.post("/token")
@public
def token() -> ResponseReturnValue:
    return _server().create_token_response()


@bp.route("/userinfo", methods=["GET", "POST"])
@public
def userinfo() -> ResponseReturnValue:
    return _server().create_endpoint_response("userinfo")


@bp.route("/end-session", methods=["GET", "POST"])
@public
def end_session() -> ResponseReturnValue:
    server = _server()
    try:
        end_request = server.validate_endpoint_request("end_session")
    except OAuth2Error:
        # An unknown or unverifiable hint: nothing to end here; say so plainly.
        return render_template("devidp/logged_out.html")
    return server.create_endpoint_response("end_session", end_request) or render_template(
        "devidp/logged_out.html"
    )
