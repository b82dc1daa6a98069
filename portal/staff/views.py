"""The staff start page (the caseworkers' and administrators' area comes later)."""

from __future__ import annotations

from flask import Blueprint, render_template

from portal.accounts.models import Role
from portal.security.access import restrict_blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")
restrict_blueprint(bp, [Role.CASEWORKER, Role.ADMINISTRATOR])


@bp.get("/")
def start() -> str:
    return render_template("staff/start.html")
