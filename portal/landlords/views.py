"""The landlord's start: choose the organisation to act for, or ask to join; the
organisation's page with its members. Proposed tenants and leases are in
:mod:`portal.landlords.tenant_views` and :mod:`portal.landlords.lease_views`."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectChoice

from portal.accounts.models import Role
from portal.auth.flow import LoginError
from portal.auth.forms import ChooseOrganisationForm, JoinForm
from portal.auth.services import choose_organisation, organisations_for, request_to_join
from portal.auth.views import refused
from portal.db import get_session
from portal.landlords import policy, services
from portal.landlords.acting import ORG_KEY, acting, load_acting
from portal.landlords.forms import InviteForm, RemoveForm
from portal.landlords.models import (
    LandlordOrganisation,
    MemberStatus,
    OrganisationKind,
    OrganisationMember,
)
from portal.security.access import restrict_blueprint

bp = Blueprint("landlords", __name__, url_prefix="/landlord")
restrict_blueprint(bp, [Role.LANDLORD])

# Reached before an organisation is chosen, or while it waits for approval.
_BEFORE_CHOICE = frozenset({"landlords.choose", "landlords.join", "landlords.start"})


@bp.before_request
def _acting() -> ResponseReturnValue | None:
    if request.endpoint in _BEFORE_CHOICE:
        return None
    return load_acting()


def _allowed_cvrs() -> list[str]:
    # The CVRs the provider said this person may represent, at this login.
    return [str(c) for c in session.get("landlord_cvrs", [])]


def _act_for(cvr: str) -> ResponseReturnValue:
    db = get_session()
    # An invitation to this person's e-mail becomes their membership (activated below).
    services.claim_invitation(db, current_user, cvr)
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
        waiting=services.waiting_count(db, org.id) if org.status.value == "active" else 0,
    )


# -- the organisation and its members -------------------------------------------------


def _members() -> list[OrganisationMember]:
    return list(
        get_session().scalars(
            select(OrganisationMember)
            .where(
                OrganisationMember.organisation_id == acting().org_id,
                OrganisationMember.status != MemberStatus.REMOVED,
            )
            .order_by(OrganisationMember.status, OrganisationMember.name)
        )
    )


def _organisation_page(form: InviteForm, status: int = 200) -> ResponseReturnValue:
    me = acting().member
    members = _members()
    return render_template(
        "landlords/organisation.html",
        org=acting().organisation,
        members=members,
        removable={m.id for m in members if policy.may_remove_member(me, m)},
        me=me,
        form=form,
        remove_form=RemoveForm(),
    ), status


@bp.get("/organisation")
def organisation() -> ResponseReturnValue:
    return _organisation_page(InviteForm())


@bp.post("/organisation/members")
def invite() -> ResponseReturnValue:
    form = InviteForm()
    if not form.validate_on_submit():
        return _organisation_page(form, 422)
    db = get_session()
    try:
        services.invite_member(
            db, current_user, acting().organisation, form.name.data or "", form.email.data or ""
        )
    except services.MemberError as error:
        db.rollback()
        form.email.errors = [str(error)]
        return _organisation_page(form, 422)
    db.commit()
    flash(
        _(
            "%(name)s is invited. They become a member when they log in with MitID Erhverv.",
            name=form.name.data,
        ),
        "success",
    )
    return redirect(url_for(".organisation"), code=303)


@bp.post("/organisation/members/<int:member_id>/remove")
def remove_member(member_id: int) -> ResponseReturnValue:
    db = get_session()
    target = db.scalars(
        select(OrganisationMember).where(
            OrganisationMember.id == member_id,
            OrganisationMember.organisation_id == acting().org_id,
        )
    ).first()
    if target is None or target.status == MemberStatus.REMOVED:
        abort(404)
    if not RemoveForm().validate_on_submit():
        abort(400)
    if not policy.may_remove_member(acting().member, target):
        abort(403)
    services.remove_member(db, current_user, acting().member, target)
    db.commit()
    flash(_("%(name)s is no longer a member.", name=target.name), "success")
    return redirect(url_for(".organisation"), code=303)


# Routes on this blueprint kept in their own modules.
from portal.landlords import lease_views, tenant_views  # noqa: E402, F401
