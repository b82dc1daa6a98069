"""The citizen's start page (the rest of the citizen's area comes later)."""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask_login import current_user
from sqlalchemy import select

from portal.accounts.models import Role
from portal.cases.models import Case
from portal.db import get_session
from portal.security.access import restrict_blueprint

bp = Blueprint("citizen", __name__, url_prefix="/citizen")
restrict_blueprint(bp, [Role.CITIZEN])


@bp.get("/")
def start() -> str:
    case = get_session().scalars(select(Case).where(Case.account_id == current_user.id)).first()
    if case is None:
        abort(404)
    return render_template("citizen/start.html", case=case)
