"""The landlord's start: choose the organisation to act for, or ask to join."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectChoice

from portal.accounts.models import Role
from portal.auth.flow import LoginError
from portal.auth.forms import ChooseOrganisationForm, JoinForm
from portal.auth.services import choose_organisation, organisations_for, request_to_join
from portal.auth.views import refused
from portal.db import get_session
from portal.landlords.models import (
    LandlordOrganisation,
    MemberStatus,
    OrganisationKind,
    OrganisationMember,
)
from portal.security.access import restrict_blueprint

bp = Blueprint("landlords", __name__, url_prefix="/landlord")
restrict_blueprint(bp, [Role.LANDLORD])

ORG_KEY = "landlord_org_id"


def _allowed_cvrs() -> list[str]:
    # The CVRs the provider said this person may represent, at this login.
    return [str(c) for c in session.get("landlord_cvrs", [])]


def _act_for(cvr: str) -> ResponseReturnValue:
    db = get_session()
    try:
        org = choose_organisation(db, current_user, cvr, _allowed_cvrs())
    except LoginError as error:
        return refused(error)
    if org is None:
        return redirect(url_for(".join", cvr=cvr), code=303)
    db.commit()
    session[ORG_KEY] = org.id
    return redirect(url_for(".start"), code=303)


@bp.route("/choose", methods=["GET", "POST"])
def choose() -> ResponseReturnValue:
    cvrs = _allowed_cvrs()
    if not cvrs:
        abort(403)
    if len(cvrs) == 1:
        return _act_for(cvrs[0])
    known = {org.cvr: org for org in organisations_for(get_session(), cvrs)}
    form = ChooseOrganisationForm()
    form.cvr.choices = [SelectChoice(cvr, known[cvr].name if cvr in known else cvr) for cvr in cvrs]
    if form.validate_on_submit():
        return _act_for(str(form.cvr.data))
    return render_template("landlords/choose.html", form=form, known=known)


@bp.route("/join", methods=["GET", "POST"])
def join() -> ResponseReturnValue:
    cvr = request.args.get("cvr", "")
    if cvr not in _allowed_cvrs():
        abort(403)
    form = JoinForm()
    if request.method == "GET" and session.get("landlord_org_name"):
        form.name.data = session["landlord_org_name"]
    if form.validate_on_submit():
        db = get_session()
        org = request_to_join(
            db,
            current_user,
            cvr=cvr,
            allowed_cvrs=_allowed_cvrs(),
            name=form.name.data or "",
            kind=OrganisationKind(form.kind.data),
            phone=form.phone.data or None,
            email=form.email.data or None,
        )
        db.commit()
        session[ORG_KEY] = org.id
        return redirect(url_for(".start"), code=303)
    return render_template("landlords/join.html", form=form, cvr=cvr)


@bp.get("/")
def start() -> ResponseReturnValue:
    org_id = session.get(ORG_KEY)
    if org_id is None:
        return redirect(url_for(".choose"), code=303)
    db = get_session()
    org = db.get(LandlordOrganisation, org_id)
    member = db.scalars(
        select(OrganisationMember).where(
            OrganisationMember.organisation_id == org_id,
            OrganisationMember.account_id == current_user.id,
            OrganisationMember.status == MemberStatus.ACTIVE,
        )
    ).first()
    if org is None or member is None or org.cvr not in _allowed_cvrs():
        abort(403)
    return render_template(
        "landlords/start.html",
        org=org,
        several=len(_allowed_cvrs()) > 1,
    )
