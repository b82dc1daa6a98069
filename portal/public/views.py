"""Pages anyone may see: the landing page and the accessibility statement."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, current_app, redirect, render_template, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from portal.db import get_session
from portal.municipalities.models import Municipality
from portal.security.access import public

bp = Blueprint("public", __name__)

# The accessibility statement: when it was written (or last reviewed).
STATEMENT_DATE = dt.date(2026, 12, 1)


@bp.get("/")
@public
def index() -> str:
    return render_template("public/index.html")


@bp.get("/healthz")
@public
def healthz() -> tuple[str, int, dict[str, str]]:
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8"}


@bp.get("/accessibility")
@public
def accessibility() -> str:
    """The accessibility statement (tilgængelighedserklæring) the law asks for."""
    contact = current_app.config["SETTINGS"].accessibility_contact
    # Each municipality answers for its own citizens: their addresses are data.
    municipalities = get_session().scalars(
        select(Municipality)
        .where(Municipality.contact_email.is_not(None))
        .order_by(Municipality.name)
    )
    return render_template(
        "public/accessibility.html",
        contact=contact,
        municipalities=list(municipalities),
        statement_date=STATEMENT_DATE,
    )


@bp.get("/was")
@public
def was() -> Response:
    # "was" is the name Danish public sites use for the statement (Web Accessibility
    # Statement, the Agency for Digital Government's tool): a short address to print.
    return redirect(url_for(".accessibility"), code=301)
