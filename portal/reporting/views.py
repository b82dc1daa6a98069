"""The evaluation page and the evaluator's export (caseworkers and administrators).

Thin views: the scope comes from the signed-in account (``scope.filters_for``), the
figures from SQL aggregates (``figures``), nothing is written.
"""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, abort, current_app, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal.accounts.models import Account, Role
from portal.db import get_session
from portal.municipalities.models import Municipality, TargetGroup
from portal.reporting import export, figures
from portal.reporting.business_case import business_case, rate_sources
from portal.reporting.scope import FilterForm, allowed_municipalities, filters_for
from portal.rules.models import LegalBasis
from portal.security.access import restrict_blueprint

bp = Blueprint("evaluation", __name__, url_prefix="/staff/evaluation")
restrict_blueprint(bp, [Role.CASEWORKER, Role.ADMINISTRATOR])


def _account() -> Account:
    account: Account = current_user._get_current_object()
    return account


def _form() -> FilterForm:
    db = get_session()
    form = FilterForm(request.args)
    ids = allowed_municipalities(_account())
    query = select(Municipality.id, Municipality.name).order_by(Municipality.name)
    if ids is not None:
        query = query.where(Municipality.id.in_(ids or (-1,)))
    all_label = _("All") if ids is None else _("My municipality")
    form.municipality.choices = [("", all_label)] + [(str(i), n) for i, n in db.execute(query)]
    form.citizen_group.choices = [("", _("All"))] + [(str(g), str(g)) for g in (1, 2, 3)]
    form.target_group.choices = [("", _("All"))] + [(g.value, g.value) for g in TargetGroup]
    codes = db.scalars(select(LegalBasis.code).distinct().order_by(LegalBasis.code))
    form.legal_basis.choices = [("", _("All"))] + [(c, c) for c in codes]
    form.validate()
    return form


@bp.get("/")
def index() -> str:
    db = get_session()
    form = _form()
    f = filters_for(_account(), form, dt.date.today())
    return render_template(
        "evaluation/index.html",
        form=form,
        housed=figures.housed(db, f),
        stay=figures.time_in_home(db, f),
        destinations=figures.destinations(db, f),
        still_housed=figures.still_housed(db, f),
        relapses=figures.relapses(db, f),
        declines=figures.declines(db, f),
        buildings=figures.spread(db, f),
        postcodes=figures.spread(db, f, "postcode"),
        funnel=figures.funnel(db, f),
        business=business_case(db, f),
        rates=rate_sources(db, f),
        query=request.query_string.decode(),
        tables=list(export.TABLES),
    )


@bp.get("/export/<name>.csv")
def export_csv(name: str) -> Response:
    db = get_session()
    f = filters_for(_account(), _form(), dt.date.today())
    if name == "figures":
        body = export.aggregates_csv(db, f)
    elif name in export.TABLES:
        key = current_app.config["SETTINGS"].cpr_hash_key
        body = export.table_csv(db, name, f, key)
    else:
        abort(404)
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="boligbro-{name}.csv"'},
    )
