"""Server-side sessions: the cookie holds an opaque random key, the database the rest.

Any number of app processes serve the same sessions. A session ends after
``SESSION_IDLE_TIMEOUT`` seconds without a request, and in any case
``SESSION_ABSOLUTE_TIMEOUT`` seconds after it began. :func:`regenerate` gives the
session a fresh key (at login), so a key seen before login is worth nothing after it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from flask import Flask, Request, Response, current_app, g, request, session
from flask.sessions import SessionInterface, SessionMixin
from sqlalchemy import delete, select
from werkzeug.datastructures import CallbackDict

from portal.auth.models import AuthSession
from portal.config import Settings
from portal.db import database, utcnow

# Touching the row on every request would write on every click; a minute is precise enough.
_TOUCH_INTERVAL = dt.timedelta(seconds=60)


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode("ascii")).hexdigest()


class ServerSession(CallbackDict[str, Any], SessionMixin):
    def __init__(self, key: str, data: dict[str, Any] | None = None, *, new: bool) -> None:
        def on_update(_self: Any) -> None:
            self.modified = True

        super().__init__(data or {}, on_update)
        self.key = key
        self.new = new
        self.modified = False
        self.regenerated_from: str | None = None
        self.account_id: int | None = None
        self.provider: str | None = None
        self.id_token: str | None = None
        self.created_at: dt.datetime | None = None
        self.last_seen_at: dt.datetime | None = None
        self.expired = False  # an old cookie came in for a session that had ended
        self.idle_end: dt.datetime | None = None


class DatabaseSessionInterface(SessionInterface):
    def __init__(self, settings: Settings) -> None:
        self.idle = dt.timedelta(seconds=settings.session_idle_timeout)
        self.absolute = dt.timedelta(seconds=settings.session_absolute_timeout)

    def open_session(self, app: Flask, request: Request) -> ServerSession:
        key = request.cookies.get(self.get_cookie_name(app))
        if not key or len(key) > 100 or request.endpoint == "static":
            return ServerSession(secrets.token_urlsafe(32), new=True)
        with database(app).sessionmaker() as db:
            row = db.scalars(
                select(AuthSession).where(AuthSession.key_hash == key_hash(key))
            ).first()
            now = utcnow()
            if row is None or row.expires_at <= now or row.last_seen_at + self.idle <= now:
                if row is not None:
                    db.delete(row)
                    db.commit()
                fresh = ServerSession(secrets.token_urlsafe(32), new=True)
                fresh.expired = True
                return fresh
            if now - row.last_seen_at >= min(_TOUCH_INTERVAL, self.idle / 10):
                row.last_seen_at = now
                db.commit()
            opened = ServerSession(key, dict(row.data or {}), new=False)
            opened.account_id, opened.provider, opened.id_token = (
                row.account_id,
                row.provider,
                row.id_token,
            )
            opened.created_at = row.created_at
            opened.last_seen_at = row.last_seen_at
            opened.idle_end = min(row.last_seen_at + self.idle, row.expires_at)
            return opened

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        if request.endpoint == "static":
            return
        sess = current()
        # The view is done: end its database session first (as teardown would), so that
        # uncommitted work of the view is never mixed up with the session's own write.
        request_db = g.pop("db_session", None)
        if request_db is not None:
            request_db.close()
        name = self.get_cookie_name(app)
        domain = self.get_cookie_domain(app)
        path = self.get_cookie_path(app)
        stale = sess.regenerated_from or (None if sess.new else sess.key)
        if not sess:
            # Nothing to keep (or logged out): forget it here and in the browser.
            if stale:
                self._delete(app, stale)
            if stale or sess.expired:
                response.delete_cookie(name, domain=domain, path=path)
            return
        if not (sess.new or sess.modified or sess.regenerated_from):
            return  # loaded and unchanged; open_session already noted the activity
        now = utcnow()
        with database(app).sessionmaker() as db:
            if sess.regenerated_from:
                db.execute(
                    delete(AuthSession).where(
                        AuthSession.key_hash == key_hash(sess.regenerated_from)
                    )
                )
            row = db.scalars(
                select(AuthSession).where(AuthSession.key_hash == key_hash(sess.key))
            ).first()
            if row is None:
                row = AuthSession(
                    key_hash=key_hash(sess.key), created_at=now, expires_at=now + self.absolute
                )
                db.add(row)
            row.data = dict(sess)
            row.account_id = sess.account_id
            row.provider = sess.provider
            row.id_token = sess.id_token
            row.last_seen_at = now
            db.commit()
            expires = row.expires_at
            sess.idle_end = min(now + self.idle, expires)
        sess.regenerated_from = None
        response.set_cookie(
            name,
            sess.key,
            expires=expires,
            httponly=True,
            secure=self.get_cookie_secure(app),
            samesite="Lax",
            domain=domain,
            path=path,
        )
        response.vary.add("Cookie")

    def _delete(self, app: Flask, key: str) -> None:
        with database(app).sessionmaker() as db:
            db.execute(delete(AuthSession).where(AuthSession.key_hash == key_hash(key)))
            db.commit()


def seconds_left() -> int:
    """Seconds until the current session ends if nothing happens (for the page's timer)."""
    sess = current()
    if sess.idle_end is None:
        settings: Settings = current_app.config["SETTINGS"]
        return settings.session_idle_timeout
    return max(0, int((sess.idle_end - utcnow()).total_seconds()))


def current() -> ServerSession:
    sess = session._get_current_object()  # type: ignore[attr-defined]
    if not isinstance(sess, ServerSession):
        raise TypeError("the portal's sessions are server-side; see portal.auth.sessions")
    return sess


def regenerate(*, account_id: int | None, provider: str | None, id_token: str | None) -> None:
    """Give the current session a fresh key and empty data (at login and logout)."""
    sess = current()
    if not sess.new and sess.regenerated_from is None:
        sess.regenerated_from = sess.key
    sess.clear()
    sess.key = secrets.token_urlsafe(32)
    sess.new = True
    sess.account_id, sess.provider, sess.id_token = account_id, provider, id_token
    sess.created_at = utcnow()
    sess.modified = True


def end() -> tuple[str | None, str | None]:
    """End the current session here; return its (provider, ID token) for the provider's logout."""
    sess = current()
    provider, id_token = sess.provider, sess.id_token
    if not sess.new:
        sess.regenerated_from = sess.key
    sess.clear()
    sess.key = secrets.token_urlsafe(32)
    sess.new = True
    sess.account_id = sess.provider = sess.id_token = None
    sess.modified = True
    return provider, id_token


def purge_expired(app: Flask, settings: Settings) -> int:
    """Delete sessions past their absolute or idle end (run from cron: ``flask auth-purge``)."""
    now = utcnow()
    idle_cutoff = now - dt.timedelta(seconds=settings.session_idle_timeout)
    with database(app).sessionmaker() as db:
        result = db.execute(
            delete(AuthSession).where(
                (AuthSession.expires_at <= now) | (AuthSession.last_seen_at <= idle_cutoff)
            )
        )
        db.commit()
    return int(getattr(result, "rowcount", 0) or 0)


def init_app(app: Flask, settings: Settings) -> None:
    app.session_interface = DatabaseSessionInterface(settings)
