"""Matching screens for caseworkers: units for a case, cases for a unit, and the offer.

Load, check, act: every case, unit and offer is loaded within the caseworker's
municipality (a network admin sees all); anything else is a 404. Domain errors from the
services (a unit just taken by a colleague, a must rule not met) are shown on the page
and nothing is changed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import Session
from wtforms import SelectChoice

from portal.accounts.models import Role
from portal.audit.services import record
from portal.cases import policy
from portal.cases.models import Case
from portal.db import get_session
from portal.errors import DomainError
from portal.leases.models import LeaseModel
from portal.leases.services import LeaseTerms
from portal.matching import explain, services
from portal.matching.forms import (
    ApproveForm,
    CitizenAnswerForm,
    DeclineForm,
    ProposeForm,
    SendForm,
    WithdrawForm,
)
from portal.offers import services as offers
from portal.offers.models import OPEN_OFFER_STATUSES, Offer, OfferStatus
from portal.rules.models import Actor, DeclineReason, LegalBasis
from portal.rules.services import decline_reasons, legal_bases, threshold
from portal.security.access import restrict_blueprint
from portal.units.models import Unit

bp = Blueprint("matching", __name__, url_prefix="/staff/matching")
restrict_blueprint(bp, [Role.CASEWORKER, Role.ADMINISTRATOR])

PURPOSE = "matching"


@bp.app_context_processor
def _rule_helpers() -> dict[str, Any]:
    return {
        "rule_label": explain.label,
        "rule_reason": lambda res: explain.reason(res.rule, res.passed, res.params or {}),
        "rule_kind": lambda kind: str(explain.KIND_LABELS.get(kind, kind)),
    }


def today() -> dt.date:
    return dt.date.today()


@bp.before_request
def _expire_due_offers() -> None:
    # Deadlines also run out between cron runs: a page that shows offers expires the due
    # ones first, so nobody acts on an offer whose time is up.
    if request.method == "GET":
        db = get_session()
        if offers.expire_due(db, today()):
            db.commit()


def page_arg() -> int:
    return max(request.args.get("page", 1, type=int) or 1, 1)


def load_case(db: Session, case_id: int) -> Case:
    """The case if it is in the caseworker's municipality, else 404."""
    case = db.get(Case, case_id)
    if case is None or not policy.caseworker_may_act_on_case(current_user, case):
        abort(404)
    return case


def load_unit(db: Session, unit_id: int) -> Unit:
    unit = db.get(Unit, unit_id)
    if unit is None or services.scope_municipality(current_user) not in (
        None,
        unit.municipality_id,
    ):
        abort(404)
    return unit


def load_offer(db: Session, offer_id: int) -> Offer:
    offer = db.get(Offer, offer_id)
    if offer is None or not policy.caseworker_may_act_on_case(current_user, offer.case):
        abort(404)
    return offer


def audit_look(db: Session, case_ids: list[int], purpose: str = PURPOSE) -> None:
    """Every look at a citizen's data is an audit event with its purpose."""
    for case_id in case_ids:
        record(db, current_user, "case.view", "case", case_id, case_id=case_id, purpose=purpose)
    db.commit()


@bp.get("/")
def index() -> ResponseReturnValue:
    db = get_session()
    muni = services.scope_municipality(current_user)
    page = page_arg()
    size = services.PAGE_SIZE
    cases = db.scalars(
        services.matchable_cases(muni, today()).limit(size).offset((page - 1) * size)
    ).all()
    units = db.scalars(services.available_units(muni).limit(size).offset((page - 1) * size)).all()
    open_offers = db.scalars(
        select(Offer)
        .join(Case, Case.id == Offer.case_id)
        .where(Offer.status.in_(OPEN_OFFER_STATUSES))
        .where(*([Case.municipality_id == muni] if muni is not None else []))
        .order_by(Offer.response_deadline, Offer.id)
        .limit(size)
    ).all()
    audit_look(db, [c.id for c in cases] + [o.case_id for o in open_offers])
    return render_template(
        "matching/index.html",
        cases=cases,
        units=units,
        open_offers=open_offers,
        page=page,
        more=len(cases) == size or len(units) == size,
        today=today(),
    )


@bp.get("/case/<int:case_id>")
def for_case(case_id: int) -> ResponseReturnValue:
    db = get_session()
    case = load_case(db, case_id)
    return _render_for_case(db, case, ProposeForm(), None)


def _render_for_case(
    db: Session, case: Case, form: ProposeForm, error: str | None, status: int = 200
) -> ResponseReturnValue:
    candidates = services.units_for_case(db, case, today(), page=page_arg())
    reasons = services.why_not_matching(db, case, today(), candidates)
    audit_look(db, [case.id])
    return render_template(
        "matching/for_case.html",
        case=case,
        candidates=candidates,
        reasons=reasons,
        form=form,
        error=error,
        page=page_arg(),
    ), status


@bp.get("/unit/<int:unit_id>")
def for_unit(unit_id: int) -> ResponseReturnValue:
    db = get_session()
    unit = load_unit(db, unit_id)
    candidates = services.cases_for_unit(db, unit, today(), page=page_arg())
    audit_look(db, [c.case.id for c in candidates])
    return render_template(
        "matching/for_unit.html",
        unit=unit,
        candidates=candidates,
        form=ProposeForm(),
        page=page_arg(),
    )


@bp.post("/propose")
def propose() -> ResponseReturnValue:
    db = get_session()
    form = ProposeForm()
    if not form.validate_on_submit():
        abort(400)
    case = load_case(db, int(form.case_id.data or 0))
    unit = load_unit(db, int(form.unit_id.data or 0))
    # The rules are evaluated again here, never taken from the browser.
    results = services.evaluate_pair(db, case, unit, today())
    results = services.rules.with_overrides(results, form.overrides())
    try:
        offer = offers.propose(
            db, current_user, unit, case, results, today(), wished_move_in=form.wished_move_in.data
        )
        db.commit()
    except DomainError as error:
        db.rollback()
        return _render_for_case(db, load_case(db, case.id), form, str(error), 409)
    return redirect(url_for(".offer", offer_id=offer.id), code=303)


# -- the offer, staff side ------------------------------------------------------------


def _approve_form(db: Session, offer: Offer, formdata: Any = None) -> ApproveForm:
    form = ApproveForm(formdata=formdata)
    form.legal_basis.choices = [SelectChoice(str(b.id), b.name) for b in legal_bases(db, today())]
    if formdata is None:
        form.start_date.data = max(offer.wished_move_in or today(), offer.unit.available_from)
    return form


def _decline_form(db: Session, formdata: Any = None) -> DeclineForm:
    form = DeclineForm(formdata=formdata)
    form.reason.choices = [
        SelectChoice(str(r.id), explain_reason(r))
        for r in decline_reasons(db, Actor.CASEWORKER, today())
    ]
    return form


def _citizen_answer_form(db: Session, formdata: Any = None) -> CitizenAnswerForm:
    form = CitizenAnswerForm(formdata=formdata)
    form.citizen_reason.choices = [SelectChoice("", _("Choose a reason"))] + [
        SelectChoice(str(r.id), explain_reason(r))
        for r in decline_reasons(db, Actor.CITIZEN, today())
    ]
    return form


def explain_reason(reason: Any) -> str:
    from flask_babel import get_locale

    from portal.rules.services import localized

    return localized(reason.texts, str(get_locale()), "label") or reason.code


def _render_offer(
    db: Session, offer: Offer, *, error: str | None = None, status: int = 200, **forms: Any
) -> ResponseReturnValue:
    days = threshold(db, "offer_response_days", today(), 7)
    send = forms.get("send") or SendForm(response_deadline=today() + dt.timedelta(days=days))
    audit_look(db, [offer.case_id], "offer")
    return render_template(
        "matching/offer.html",
        offer=offer,
        send_form=send,
        withdraw_form=forms.get("withdraw") or WithdrawForm(),
        approve_form=forms.get("approve") or _approve_form(db, offer),
        decline_form=forms.get("decline") or _decline_form(db),
        answer_form=forms.get("answer") or _citizen_answer_form(db),
        error=error,
        Status=OfferStatus,
    ), status


@bp.get("/offer/<int:offer_id>")
def offer(offer_id: int) -> ResponseReturnValue:
    db = get_session()
    return _render_offer(db, load_offer(db, offer_id))


def _act(db: Session, offer: Offer, name: str, form: Any, action: Any) -> ResponseReturnValue:
    if not form.validate_on_submit():
        return _render_offer(db, offer, status=400, **{name: form})
    try:
        action()
        db.commit()
    except DomainError as error:
        db.rollback()
        return _render_offer(
            db, load_offer(db, offer.id), error=str(error), status=409, **{name: form}
        )
    return redirect(url_for(".offer", offer_id=offer.id), code=303)


@bp.post("/offer/<int:offer_id>/send")
def send(offer_id: int) -> ResponseReturnValue:
    db = get_session()
    offer = load_offer(db, offer_id)
    form = SendForm()
    return _act(
        db,
        offer,
        "send",
        form,
        lambda: offers.send_to_citizen(
            db, current_user, offer, form.response_deadline.data, today()
        ),
    )


@bp.post("/offer/<int:offer_id>/withdraw")
def withdraw(offer_id: int) -> ResponseReturnValue:
    db = get_session()
    offer = load_offer(db, offer_id)
    form = WithdrawForm()
    return _act(
        db,
        offer,
        "withdraw",
        form,
        lambda: offers.withdraw(db, current_user, offer, form.withdraw_note.data or ""),
    )


@bp.post("/offer/<int:offer_id>/decline")
def decline(offer_id: int) -> ResponseReturnValue:
    db = get_session()
    offer = load_offer(db, offer_id)
    form = _decline_form(db, request.form)
    return _act(
        db,
        offer,
        "decline",
        form,
        lambda: offers.caseworker_decline(
            db,
            current_user,
            offer,
            db.get(DeclineReason, form.reason.data),
            today=today(),
            note=form.decline_note.data,
        ),
    )


@bp.post("/offer/<int:offer_id>/citizen-answer")
def citizen_answer(offer_id: int) -> ResponseReturnValue:
    """Record the citizen's own answer, given to the caseworker by phone or at a meeting."""
    db = get_session()
    offer = load_offer(db, offer_id)
    form = _citizen_answer_form(db, request.form)

    def act() -> None:
        accept = form.citizen_answer.data == "yes"
        chosen = form.citizen_reason.data
        reason = None if accept or chosen is None else db.get(DeclineReason, chosen)
        offers.citizen_answer(
            db, current_user, offer, accept, reason, today=today(), note=form.citizen_note.data
        )

    return _act(db, offer, "answer", form, act)


@bp.post("/offer/<int:offer_id>/approve")
def approve(offer_id: int) -> ResponseReturnValue:
    db = get_session()
    offer = load_offer(db, offer_id)
    form = _approve_form(db, offer, request.form)
    result: dict[str, int] = {}

    def act() -> None:
        basis = db.get(LegalBasis, form.legal_basis.data)
        assert basis is not None  # noqa: S101 - the choices are the bases in force
        terms = LeaseTerms(
            legal_basis=basis,
            start_date=form.start_date.data,
            purpose=form.purpose.data or "",
            lease_model=LeaseModel(form.lease_model.data),
            planned_end=None if form.until_purpose.data else form.planned_end.data,
            next_review=form.next_review.data,
        )
        result["lease"] = offers.approve(db, current_user, offer, terms, today()).id

    response = _act(db, offer, "approve", form, act)
    if "lease" in result:
        return redirect(url_for("staff_leases.detail", lease_id=result["lease"]), code=303)
    return response
