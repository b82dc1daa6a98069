"""The evaluation page and the evaluator's export (caseworkers and administrators).

Thin views: the scope comes from the signed-in account (``scope.filters_for``), the
figures from SQL aggregates (``figures``), nothing is written.
"""

from __future__ import annotations

import datetime as dt
from itertools import groupby
from operator import itemgetter

from flask import Blueprint, Response, abort, current_app, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal.accounts.models import Account, Role
from portal.db import get_session
from portal.municipalities.models import Municipality, TargetGroup
from portal.reporting import citizens, export, figures, placement
from portal.reporting.business_case import business_case, rate_sources
from portal.reporting.labels import Labels
from portal.reporting.scope import FilterForm, allowed_municipalities, filters_for
from portal.reporting.workbook import workbook
from portal.rules.models import LegalBasis
from portal.security.access import restrict_blueprint

bp = Blueprint("evaluation", __name__, url_prefix="/staff/evaluation")
restrict_blueprint(bp, [Role.CASEWORKER, Role.ADMINISTRATOR])


def _account() -> Account:
    account: Account = current_user._get_current_object()
    return account


def _labels() -> Labels:
    return Labels.load(get_session(), str(get_locale()))


def _form(lb: Labels) -> FilterForm:
    db = get_session()
    form = FilterForm(request.args)
    ids = allowed_municipalities(_account())
    query = select(Municipality.id, Municipality.name).order_by(Municipality.name)
    if ids is not None:
        query = query.where(Municipality.id.in_(ids or (-1,)))
    all_label = _("All") if ids is None else _("My municipality")
    form.municipality.choices = [("", all_label)] + [(str(i), n) for i, n in db.execute(query)]
    form.citizen_group.choices = [("", _("All"))] + [
        (str(g), lb.citizen_group(g)) for g in (1, 2, 3)
    ]
    form.target_group.choices = [("", _("All"))] + [
        (g.value, lb.target_group(g)) for g in TargetGroup
    ]
    codes = db.scalars(select(LegalBasis.code).distinct().order_by(LegalBasis.code))
    form.legal_basis.choices = [("", _("All"))] + [(c, lb.legal_basis(c)) for c in codes]
    form.validate()
    return form


@bp.get("/")
def index() -> str:
    db = get_session()
    lb = _labels()
    form = _form(lb)
    f = filters_for(_account(), form, dt.date.today())
    return render_template(
        "evaluation/index.html",
        form=form,
        housed=figures.housed(db, f),
        stay=figures.time_in_home(db, f),
        destinations=figures.destinations(db, f),
        still_housed=figures.still_housed(db, f),
        two_year=figures.two_year_goal(db, f),
        relapses=figures.relapses(db, f),
        declines=figures.declines(db, f),
        buildings=figures.spread(db, f),
        postcodes=figures.spread(db, f, "postcode"),
        above_limit=placement.buildings_above_limit(db, f),
        clusters=placement.clusters(db, f),
        # Per question, in the survey's order (the figure is ordered so).
        survey=[
            (code, list(rows))
            for code, rows in groupby(citizens.survey_over_time(db, f), itemgetter("question"))
        ],
        occupation=citizens.occupation(db, f),
        funnel=figures.funnel(db, f),
        labels=lb,
        business=business_case(db, f),
        rates=rate_sources(db, f),
        query=request.query_string.decode(),
        tables=list(export.TABLES),
    )


@bp.get("/export/<name>.csv")
def export_csv(name: str) -> Response:
    db = get_session()
    lb = _labels()
    f = filters_for(_account(), _form(lb), dt.date.today())
    if name == "figures":
        body = export.aggregates_csv(db, f)
    elif name == "data_dictionary":
        body = export.dictionary_csv(db, lb)
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


@bp.get("/export/evaluation.xlsx")
def export_xlsx() -> Response:
    db = get_session()
    lb = _labels()
    f = filters_for(_account(), _form(lb), dt.date.today())
    body = workbook(db, f, current_app.config["SETTINGS"].cpr_hash_key, lb)
    return Response(
        body,
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": 'attachment; filename="boligbro-evaluation.xlsx"'},
    )
