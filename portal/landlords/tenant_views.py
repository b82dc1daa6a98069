"""Proposed tenants: the offers for our units that the citizen said yes to.

Only what DESIGN.md allows reaches these pages (a :class:`TenantView`, never the case),
and every look is recorded for the citizen's own log.
"""

from __future__ import annotations

import datetime as dt

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import case, func, select
from sqlalchemy.orm import selectinload
from wtforms import SelectChoice

from portal.db import get_session
from portal.landlords import policy, services
from portal.landlords.acting import acting
from portal.landlords.forms import AnswerForm
from portal.landlords.views import bp
from portal.offers import services as offers
from portal.offers.models import Offer, OfferStatus
from portal.rules.models import Actor, DeclineReason
from portal.rules.services import decline_reasons, localized

PAGE_SIZE = 20


def _get_offer(offer_id: int) -> Offer:
    db = get_session()
    offer = db.scalars(
        services.landlord_offers(acting().org_id).where(Offer.id == offer_id)
    ).first()
    if offer is None or not policy.may_see_offer(
        acting().org_id, offer, services.citizen_accepted(db, offer)
    ):
        abort(404)
    return offer


@bp.get("/tenants")
def tenants() -> ResponseReturnValue:
    db = get_session()
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    stmt = services.landlord_offers(acting().org_id)
    total = db.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    # Those waiting for our answer first, the soonest deadline first.
    waiting_first = case((Offer.status == OfferStatus.CITIZEN_ACCEPTED, 0), else_=1)
    rows = db.scalars(
        stmt.order_by(waiting_first, Offer.response_deadline, Offer.id.desc())
        .options(selectinload(Offer.unit), selectinload(Offer.case))
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    services.record_offer_read(db, current_user, list(rows))
    db.commit()
    items = [(offer, services.tenant_view(offer)) for offer in rows]
    return render_template(
        "landlords/tenants.html",
        items=items,
        today=dt.date.today(),
        page=page,
        pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1),
    )


def _reasons(db_reasons: list[DeclineReason]) -> list[SelectChoice]:
    locale = str(get_locale() or "da")
    return [SelectChoice(str(r.id), localized(r.texts, locale, "label")) for r in db_reasons]


def _page(offer: Offer, form: AnswerForm, status: int = 200) -> ResponseReturnValue:
    return render_template(
        "landlords/tenant.html",
        offer=offer,
        unit=offer.unit,
        tenant=services.tenant_view(offer),
        form=form,
        may_answer=policy.may_answer(offer),
        today=dt.date.today(),
        decided=[d for d in offer.decisions if d.actor == Actor.LANDLORD],
    ), status


@bp.route("/tenants/<int:offer_id>", methods=["GET", "POST"])
def tenant(offer_id: int) -> ResponseReturnValue:
    offer = _get_offer(offer_id)
    db = get_session()
    today = dt.date.today()
    reasons = decline_reasons(db, Actor.LANDLORD, today)
    form = AnswerForm()
    form.reason.choices = _reasons(reasons)
    if request.method == "GET":
        services.record_offer_read(db, current_user, [offer])
        db.commit()
        return _page(offer, form)
    if not policy.may_answer(offer):
        abort(409)
    if not form.validate_on_submit():
        return _page(offer, form, 422)
    accept = form.answer.data == "accept"
    reason = next((r for r in reasons if str(r.id) == form.reason.data), None)
    try:
        offers.landlord_answer(
            db, current_user, offer, accept, None if accept else reason,
            today=today, note=form.note.data,
        )  # fmt: skip
    except offers.OfferError as error:
        db.rollback()
        form.answer.errors = [str(error)]
        return _page(_get_offer(offer_id), form, 409)
    db.commit()
    if accept:
        flash(_("Thank you. The caseworker will now approve the match and make the lease."),
              "success")  # fmt: skip
    else:
        flash(_("Thank you. The caseworker is told that you declined."), "success")
    return redirect(url_for(".tenant", offer_id=offer_id), code=303)
