"""The staff start page: the caseworker's work list."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, render_template
from flask_login import current_user

from portal.accounts.models import Role
from portal.db import get_session
from portal.security.access import restrict_blueprint
from portal.staff.worklist import HORIZON_DAYS, work_list

bp = Blueprint("staff", __name__, url_prefix="/staff")
restrict_blueprint(bp, [Role.CASEWORKER, Role.ADMINISTRATOR])


@bp.get("/")
def start() -> str:
    today = dt.date.today()
    return render_template(
        "staff/start.html",
        work=work_list(get_session(), current_user, today),
        today=today,
        horizon=HORIZON_DAYS,
    )
