"""Pages anyone may see: the landing page."""

from __future__ import annotations

from flask import Blueprint, render_template

from portal.security.access import public

bp = Blueprint("public", __name__)


@bp.get("/")
@public
def index() -> str:
    return render_template("public/index.html")


@bp.get("/healthz")
@public
def healthz() -> tuple[str, int, dict[str, str]]:
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8"}
