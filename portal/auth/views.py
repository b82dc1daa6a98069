"""Login, callback, logout and the session-timeout endpoints."""

from __future__ import annotations

import logging
from urllib.parse import urlencode, urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select

from portal.accounts.models import Account, Role
from portal.auth import sessions
from portal.auth.flow import LoginError, complete_login, start_login, take_transaction
from portal.auth.forms import LogoutForm
from portal.auth.providers import LOGINS, ProviderProfile, ProviderUnavailable, provider_metadata
from portal.auth.registry import profile_by_name, profiles_for
from portal.auth.services import link_citizen, link_landlord, link_staff
from portal.cases.cpr import CprCipher
from portal.db import get_session
from portal.municipalities.models import Municipality
from portal.security.access import public, restrict_blueprint

bp = Blueprint("auth", __name__)
restrict_blueprint(bp, tuple(Role))
log = logging.getLogger(__name__)

STATES_KEY = "oidc_states"
_MAX_PENDING = 5  # logins started in other tabs that may still come back


def safe_next(value: str | None) -> str | None:
    """A ``next`` target must be a path on this site; anything else is refused."""
    if not value:
        return None
    parts = urlsplit(value)
    if (
        parts.scheme
        or parts.netloc
        or not value.startswith("/")
        or value.startswith("//")
        or "\\" in value
        or any(ord(c) < 32 for c in value)
        or len(value) > 500
    ):
        raise LoginError("bad_link", "next is not a local path")
    return value


def issuer_for(profile: ProviderProfile) -> str | None:
    if profile.builtin_dev:
        return request.host_url.rstrip("/") + "/dev-idp"
    return profile.issuer


def refused(error: LoginError) -> tuple[str, int]:
    """End any session and say, translated, what happened and what to do next."""
    log.warning("login refused: %s", error)
    get_session().rollback()
    logout_user()
    sessions.end()
    return render_template("auth/error.html", error=error), error.status_code


@bp.get("/login/<role>")
@public
def login(role: str) -> ResponseReturnValue:
    if role not in LOGINS:
        abort(404)
    try:
        next_url = safe_next(request.args.get("next"))
        candidates = profiles_for(role)
        if not candidates:
            raise LoginError("no_login", f"no profile for {role}")
        if len(candidates) > 1:
            chosen = request.args.get("provider")
            if chosen is None:
                return render_template(
                    "auth/choose_provider.html", role=role, profiles=candidates, next=next_url
                )
            candidates = [p for p in candidates if p.name == chosen]
            if not candidates:
                raise LoginError("bad_link", "unknown provider")
        profile = candidates[0]
        db = get_session()
        url, state = start_login(
            db,
            profile,
            issuer=issuer_for(profile),
            redirect_uri=redirect_uri(profile),
            locale=str(get_locale()),
            next_url=next_url,
        )
        db.commit()
    except LoginError as error:
        return refused(error)
    sess = sessions.current()
    sess[STATES_KEY] = [*sess.get(STATES_KEY, [])[-(_MAX_PENDING - 1) :], state]
    return redirect(url, code=303)


def redirect_uri(profile: ProviderProfile) -> str:
    """One redirect URI per provider: a callback can be checked against its own."""
    return url_for("auth.callback", provider=profile.name, _external=True)


@bp.get("/login/callback/<provider>")
@public
def callback(provider: str) -> ResponseReturnValue:
    profile = profile_by_name(provider)
    if profile is None:
        abort(404)
    db = get_session()
    try:
        state = request.args.get("state")
        if state not in sessions.current().get(STATES_KEY, []):
            raise LoginError("expired", "state not started in this browser")
        tx = take_transaction(db, state, profile.name)
        db.commit()  # the transaction is used up, whatever happens next
        identity = complete_login(profile, tx, request.args)
        if profile.login == "citizen":
            result = link_citizen(
                db, profile, identity, CprCipher.from_settings(current_app.config["SETTINGS"])
            )
            if result.account is None:
                db.commit()
                logout_user()
                sessions.end()
                municipalities = db.scalars(select(Municipality).order_by(Municipality.name))
                return render_template("auth/no_case.html", municipalities=list(municipalities))
        elif profile.login == "landlord":
            result = link_landlord(db, profile, identity)
        else:
            result = link_staff(db, profile, identity)
        account = result.account
        if account is None:
            raise LoginError("failed", "no account")
        db.commit()
    except LoginError as error:
        return refused(error)
    except Exception as exc:  # never a 500 from a callback; the details go to the log only
        log.exception("login callback failed", exc_info=exc)
        return refused(LoginError("failed", type(exc).__name__))

    logout_user()
    sessions.regenerate(account_id=account.id, provider=profile.name, id_token=identity.id_token)
    login_user(account)
    sess = sessions.current()
    if profile.login == "landlord":
        sess["landlord_cvrs"] = result.cvrs
        if result.org_name:
            sess["landlord_org_name"] = result.org_name
        return redirect(identity.next_url or url_for("landlords.choose"), code=303)
    return redirect(identity.next_url or start_page(account), code=303)


def start_page(account: Account) -> str:
    if account.role == Role.CITIZEN:
        return url_for("citizen.start")
    if account.role == Role.LANDLORD:
        return url_for("landlords.choose")
    if account.role == Role.ADMINISTRATOR:
        return url_for("admin.index")
    return url_for("staff.start")


@bp.post("/logout")
@public
def logout() -> ResponseReturnValue:
    form = LogoutForm()
    if not form.validate_on_submit():
        abort(400)
    provider, id_token = sessions.current().provider, sessions.current().id_token
    logout_user()
    sessions.end()
    profile = profile_by_name(provider) if provider else None
    done = url_for("auth.logged_out", _external=True)
    if profile is not None and profile.end_session and id_token:
        try:
            metadata = provider_metadata(profile, issuer_for(profile))
        except ProviderUnavailable:
            metadata = {}
        endpoint = metadata.get("end_session_endpoint")
        if isinstance(endpoint, str):
            params = {
                "id_token_hint": id_token,
                "post_logout_redirect_uri": done,
                "client_id": profile.client_id,
                "ui_locales": str(get_locale()),
            }
            sep = "&" if "?" in endpoint else "?"
            return redirect(f"{endpoint}{sep}{urlencode(params)}", code=303)
    return redirect(done, code=303)


@bp.get("/logged-out")
@public
def logged_out() -> str:
    return render_template("auth/logged_out.html")


@bp.get("/session-ended")
@public
def session_ended() -> ResponseReturnValue:
    if current_user.is_authenticated:
        # The page's timer ran out, but another tab kept the session alive.
        return redirect(start_page(current_user), code=303)
    return render_template("auth/session_ended.html")


@bp.post("/session/keepalive")
def keepalive() -> ResponseReturnValue:
    """The user answered the warning: the request itself renews the idle timer."""
    sess = sessions.current()
    sess["keepalive"] = sess.get("keepalive", 0) + 1  # write now, not within the minute
    settings = current_app.config["SETTINGS"]
    return "", 204, {"X-Session-Seconds-Left": str(settings.session_idle_timeout)}
