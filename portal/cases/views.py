"""Caseworkers' case pages: search, look-up by CPR, create, edit, and the case itself.

Load (scoped in SQL: another municipality's case is a 404), check with the policy,
act through :mod:`portal.cases.services`. The CPR number is only ever posted, never put
in a URL: a look-up by CPR redirects to the case's id.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, Flask, abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from wtforms import SelectChoice

from portal.accounts.models import Account, Role
from portal.cases import services
from portal.cases.cpr import cpr_cipher
from portal.cases.forms import (
    LANGUAGE_CHOICES,
    CaseForm,
    CprSearchForm,
    CreateCaseForm,
    EditCaseForm,
    citizen_group_label,
    housing_label,
    occupation_label,
    placement_label,
    split_postcodes,
    status_label,
    target_group_label,
)
from portal.cases.models import Case, CaseStatus, HousingSituation, Occupation, Placement
from portal.db import get_session
from portal.leases.models import LIVE_LEASE_STATUSES, Lease
from portal.municipalities.models import Municipality, TargetGroup
from portal.offers.models import OPEN_OFFER_STATUSES, Offer
from portal.plans.models import Plan
from portal.security.access import restrict_blueprint

_LANGUAGE_NAMES = {str(choice.value): choice.label for choice in LANGUAGE_CHOICES}

bp = Blueprint("cases", __name__, url_prefix="/staff/cases")
restrict_blueprint(bp, [Role.CASEWORKER, Role.ADMINISTRATOR])


def register(app: Flask) -> None:
    """Register the caseworkers' case and plan pages."""
    from portal.plans.views import bp as plans_bp

    app.register_blueprint(bp)
    app.register_blueprint(plans_bp)


@bp.app_context_processor
def _labels() -> dict[str, Any]:
    return {
        "target_group_label": target_group_label,
        "case_status_label": status_label,
        "citizen_group_label": citizen_group_label,
        "housing_label": housing_label,
        "placement_label": placement_label,
        "occupation_label": occupation_label,
        "language_name": lambda code: _LANGUAGE_NAMES.get(code, code),
    }


def _actor() -> Account:
    actor: Account = current_user._get_current_object()
    return actor


def load_case(case_id: int) -> Case:
    """The case if the signed-in staff member may see it; 404 otherwise."""
    case = services.get_case(get_session(), _actor(), case_id)
    if case is None:
        abort(404)
    return case


def _enum_arg(name: str, enum_cls: type[Any]) -> Any:
    value = request.args.get(name, "")
    try:
        return enum_cls(value) if value else None
    except ValueError:
        return None


def _int_arg(name: str) -> int | None:
    value = request.args.get(name, "")
    return int(value) if value.isdigit() else None


@bp.get("/")
def index() -> ResponseReturnValue:
    db = get_session()
    actor = _actor()
    filters = services.CaseFilters(
        name=request.args.get("q", "").strip()[:200],
        status=_enum_arg("status", CaseStatus),
        citizen_group=g if (g := _int_arg("group")) in (1, 2, 3) else None,
        target_group=_enum_arg("target_group", TargetGroup),
        caseworker_id=_int_arg("caseworker"),
    )
    result = services.search_cases(db, actor, filters, _int_arg("page") or 1)
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template(
        "cases/index.html",
        result=result,
        filters=filters,
        args=args,
        cpr_form=CprSearchForm(),
        staff=services.staff_in_scope(db, actor),
        statuses=list(CaseStatus),
        target_groups=list(TargetGroup),
    )


@bp.post("/find")
def find_by_cpr() -> ResponseReturnValue:
    """Look a case up by CPR number: posted, hashed, and answered by a redirect to the
    case's id (or the search page saying nothing was found), so the number is in no URL."""
    db = get_session()
    actor = _actor()
    form = CprSearchForm()
    not_found = False
    if form.validate_on_submit():
        case = services.find_by_cpr(db, actor, cpr_cipher(), form.cpr.data or "")
        if case is not None:
            return redirect(url_for(".detail", case_id=case.id), code=303)
        not_found = True
    result = services.search_cases(db, actor, services.CaseFilters(), 1)
    return render_template(
        "cases/index.html",
        result=result,
        filters=services.CaseFilters(),
        args={},
        cpr_form=form,
        cpr_not_found=not_found,
        staff=services.staff_in_scope(db, actor),
        statuses=list(CaseStatus),
        target_groups=list(TargetGroup),
    ), (200 if form.errors == {} else 400)


@bp.get("/<int:case_id>")
def detail(case_id: int) -> ResponseReturnValue:
    db = get_session()
    case = load_case(case_id)
    plans = db.scalars(
        select(Plan).where(Plan.case_id == case.id).order_by(Plan.start_date.desc())
    ).all()
    leases = db.scalars(
        select(Lease)
        .where(Lease.case_id == case.id)
        .options(selectinload(Lease.unit), selectinload(Lease.legal_basis))
        .order_by(Lease.start_date.desc())
    ).all()
    offer = db.scalars(
        select(Offer)
        .where(Offer.case_id == case.id, Offer.status.in_(OPEN_OFFER_STATUSES))
        .options(selectinload(Offer.unit))
    ).first()
    services.record_read(db, _actor(), case, services.PURPOSE_CASE_WORK)
    db.commit()
    return render_template(
        "cases/detail.html",
        case=case,
        cpr=cpr_cipher().decrypt(case.cpr_ciphertext),
        plans=plans,
        leases=leases,
        live_statuses=LIVE_LEASE_STATUSES,
        offer=offer,
        today=dt.date.today(),
    )


# -- create and edit ----------------------------------------------------------------------


def _choices(form: CaseForm, municipality: Municipality, db: Any) -> None:
    form.target_groups.choices = [
        SelectChoice(tg.target_group.value, target_group_label(tg.target_group))
        for tg in sorted(
            municipality.target_groups, key=lambda t: list(TargetGroup).index(t.target_group)
        )
    ]
    form.caseworker_id.choices = [SelectChoice("", "—")] + [
        SelectChoice(a.id, a.display_name) for a in services.caseworkers_for(db, municipality.id)
    ]


def _data(form: CaseForm) -> services.CaseData:
    def text(value: str | None) -> str | None:
        return value or None

    return services.CaseData(
        name=form.name.data or "",
        citizen_group=int(form.citizen_group.data or 1),
        housing_situation=HousingSituation(form.housing_situation.data),
        phone=text(form.phone.data),
        email=text(form.email.data),
        language=form.language.data or "da",
        adults=form.adults.data or 1,
        children=form.children.data or 0,
        intellectual_disability=bool(form.intellectual_disability.data),
        integration_act_placement=bool(form.integration_act_placement.data),
        health_note=text(form.health_note.data),
        needs_step_free=bool(form.needs_step_free.data),
        needs_ground_floor=bool(form.needs_ground_floor.data),
        needs_wheelchair=bool(form.needs_wheelchair.data),
        min_rooms=form.min_rooms.data or 1,
        yearly_income=form.yearly_income.data or 0,
        receives_pension=bool(form.receives_pension.data),
        max_monthly_housing_cost=form.max_monthly_housing_cost.data,
        rent_subsidy=form.rent_subsidy.data or 0,
        rent_subsidy_until=form.rent_subsidy_until.data,
        placement=Placement(form.placement.data or Placement.NO_PREFERENCE.value),
        consent_share_with_landlord=bool(form.consent_share_with_landlord.data),
        consent_given_on=form.consent_given_on.data,
        caseworker_id=form.caseworker_id.data,
        occupation_at_start=Occupation(form.occupation_at_start.data),
        current_address=text(form.current_address.data),
        current_landlord=text(form.current_landlord.data),
        current_landlord_contact=text(form.current_landlord_contact.data),
        target_groups=[TargetGroup(v) for v in form.target_groups.data or []],
        wished_postcodes=split_postcodes(form.wished_postcodes.data or ""),
    )


def _field_error(form: CaseForm, error: services.CaseFieldError) -> None:
    field = getattr(form, error.field, None)
    if field is not None:
        field.errors = [*field.errors, str(error)]
    else:
        form.form_errors.append(str(error))


@bp.route("/new", methods=["GET", "POST"])
def create() -> ResponseReturnValue:
    db = get_session()
    actor = _actor()
    municipalities = services.municipalities_for(db, actor)
    if not municipalities:
        abort(403)
    form = CreateCaseForm()
    form.municipality_id.choices = [SelectChoice(m.id, m.name) for m in municipalities]
    chosen = next(
        (
            m
            for m in municipalities
            if m.id == form.municipality_id.data and len(municipalities) > 1
        ),
        municipalities[0],
    )
    if len(municipalities) == 1:
        del form.municipality_id
    _choices(form, chosen, db)
    if request.method == "GET":
        form.caseworker_id.data = actor.id if actor.municipality_id == chosen.id else None
    if form.validate_on_submit():
        try:
            case = services.create_case(
                db, actor, chosen, form.cpr.data or "", _data(form), cpr_cipher(),
                today=dt.date.today(),
            )  # fmt: skip
        except services.CaseFieldError as error:
            db.rollback()
            _field_error(form, error)
        else:
            db.commit()
            return redirect(url_for(".detail", case_id=case.id), code=303)
    status = 400 if request.method == "POST" else 200
    return render_template(
        "cases/form.html", form=form, case=None, several=len(municipalities) > 1
    ), status


@bp.route("/<int:case_id>/edit", methods=["GET", "POST"])
def edit(case_id: int) -> ResponseReturnValue:
    db = get_session()
    actor = _actor()
    case = load_case(case_id)
    if request.method == "GET":
        form = EditCaseForm(obj=case)
        form.target_groups.data = [tg.target_group.value for tg in case.target_groups]
        form.wished_postcodes.data = ", ".join(sorted(w.postcode for w in case.wished_areas))
        form.citizen_group.data = str(case.citizen_group)
        form.cpr.data = ""
        # The form shows the whole case: that is a look at it too.
        services.record_read(db, actor, case, services.PURPOSE_CASE_WORK, page="edit")
        db.commit()
    else:
        form = EditCaseForm()
    del form.municipality_id
    _choices(form, case.municipality, db)
    if form.validate_on_submit():
        try:
            services.update_case(
                db, actor, case, _data(form), cpr_cipher(), today=dt.date.today(),
                cpr=form.cpr.data or None,
            )  # fmt: skip
        except services.CaseFieldError as error:
            db.rollback()
            _field_error(form, error)
        else:
            db.commit()
            return redirect(url_for(".detail", case_id=case.id), code=303)
    status = 400 if request.method == "POST" else 200
    return render_template("cases/form.html", form=form, case=case, several=False), status
