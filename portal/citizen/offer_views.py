"""Offers of a home to the citizen: see it, its photos and why it was proposed; say yes,
or say no with a reason after seeing what a no means (a confirm step, no JavaScript).

Every offer and photo id is loaded scoped to the citizen's own case; anyone else's → 404.
"""

from __future__ import annotations

import datetime as dt
import mimetypes

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from portal.cases.models import Case
from portal.citizen import policy, services, wording
from portal.citizen.forms import AcceptOfferForm, DeclineOfferForm
from portal.citizen.views import bp, locale, own_case
from portal.db import get_session
from portal.offers import services as offers
from portal.offers.models import Offer
from portal.offers.rules import OfferError
from portal.rules.models import Actor, DeclineReason
from portal.rules.services import decline_reasons
from portal.storage import StorageKeyError, storage


def _own_offer(offer_id: int) -> tuple[Offer, Case]:
    case = own_case()
    offer = services.get_offer(get_session(), case, offer_id)
    if offer is None:
        abort(404)
    return offer, case


def _reasons(today: dt.date) -> list[DeclineReason]:
    return decline_reasons(get_session(), Actor.CITIZEN, today)


@bp.get("/offers")
def offer_list() -> str:
    case = own_case()
    return render_template("citizen/offers.html", offers=services.sent_offers(get_session(), case))


@bp.get("/offers/<int:offer_id>")
def offer(offer_id: int) -> str:
    offer, _case = _own_offer(offer_id)
    today = dt.date.today()
    return render_template(
        "citizen/offer.html",
        offer=offer,
        unit=offer.unit,
        share=services.share_for_offer(get_session(), offer.case, offer, today),
        may_answer=policy.may_answer_offer(offer.case, offer, today),
        accept_form=AcceptOfferForm(),
        rules=[wording.rule_sentence(r) for r in offer.rule_results],
        rule_results=offer.rule_results,
    )


@bp.post("/offers/<int:offer_id>/accept")
def accept(offer_id: int) -> ResponseReturnValue:
    offer, _case = _own_offer(offer_id)
    today = dt.date.today()
    form = AcceptOfferForm()
    if not form.validate_on_submit() or not policy.may_answer_offer(offer.case, offer, today):
        abort(409)
    session = get_session()
    try:
        offers.citizen_answer(session, current_user, offer, True, today=today)
    except OfferError:
        session.rollback()
        raise
    session.commit()
    flash(_("You said yes to the home. The landlord answers next."), "success")
    return redirect(url_for("citizen.offer", offer_id=offer.id))


@bp.route("/offers/<int:offer_id>/decline", methods=["GET", "POST"])
def decline(offer_id: int) -> ResponseReturnValue:
    offer, _case = _own_offer(offer_id)
    today = dt.date.today()
    if not policy.may_answer_offer(offer.case, offer, today):
        return redirect(url_for("citizen.offer", offer_id=offer.id))
    reasons = _reasons(today)
    by_id = {r.id: r for r in reasons}
    form = DeclineOfferForm()
    form.reason.choices = [
        SelectChoice(str(r.id), wording.reason_label(r, locale())) for r in reasons
    ]
    chosen = None
    if form.validate_on_submit():
        chosen = by_id[form.reason.data]
        if form.confirmed.data == "yes":
            session = get_session()
            try:
                offers.citizen_answer(session, current_user, offer, False, chosen, today=today)
            except OfferError as err:
                session.rollback()
                form.reason.errors = [str(err)]
            else:
                session.commit()
                flash(_("You said no to the home."), "success")
                return redirect(url_for("citizen.offer", offer_id=offer.id))
    return render_template(
        "citizen/decline.html",
        offer=offer,
        form=form,
        reasons=reasons,
        chosen=chosen,
        consequence=wording.consequence_text,
        locale=locale(),
    )


@bp.get("/offers/<int:offer_id>/photos/<int:photo_id>/<any(full, thumb):size>")
def photo(offer_id: int, photo_id: int, size: str) -> ResponseReturnValue:
    case = own_case()
    found = services.get_photo(get_session(), case, offer_id, photo_id)
    if found is None:
        abort(404)
    key = found.thumbnail_key if size == "thumb" else found.storage_key
    try:
        data = storage().get(key)
    except (KeyError, StorageKeyError):
        abort(404)
    return current_app.response_class(
        data,
        mimetype=mimetypes.guess_type(key)[0] or found.content_type,
        # A photo of the citizen's own offer: the browser may keep it, no shared cache.
        headers={"Cache-Control": "private, max-age=3600"},
    )
