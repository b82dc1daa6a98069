"""Leases in our units: their dates and status, and reports of arrears or breaches.

A report becomes a lease event (``breach_reported``) that the caseworker sees on their
work list at once; the portal does not tell the citizen.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from portal.accounts.models import Role
from portal.db import get_session
from portal.landlords import policy, services
from portal.landlords.acting import acting
from portal.landlords.forms import BreachForm
from portal.landlords.views import bp
from portal.leases import services as leases
from portal.leases.models import BreachKind, Lease, LeaseEventKind, LeaseStatus
from portal.units.models import Unit

PAGE_SIZE = 25


def _scoped() -> Select[Any]:
    org_id = acting().org_id
    return (
        select(Lease)
        .join(Unit, Unit.id == Lease.unit_id)
        .where(Lease.organisation_id == org_id, Unit.organisation_id == org_id)
    )


def _get_lease(lease_id: int) -> Lease:
    lease = get_session().scalars(_scoped().where(Lease.id == lease_id)).first()
    if lease is None or not policy.may_see_lease(acting().org_id, lease):
        abort(404)
    return lease


@bp.get("/leases")
def leases_list() -> ResponseReturnValue:
    db = get_session()
    show = request.args.get("show", "live")
    stmt = _scoped()
    if show != "all":
        stmt = stmt.where(Lease.status.in_((LeaseStatus.ACTIVE, LeaseStatus.NOTICE_GIVEN)))
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    total = db.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = db.scalars(
        stmt.order_by(Lease.next_review.is_(None), Lease.next_review, Lease.id)
        .options(selectinload(Lease.unit), selectinload(Lease.case))
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    services.record_lease_read(db, current_user, list(rows))
    db.commit()
    return render_template(
        "landlords/leases.html",
        items=[(lease, services.lease_tenant_view(lease)) for lease in rows],
        show=show,
        page=page,
        pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1),
    )


def _page(lease: Lease, form: BreachForm, status: int = 200) -> ResponseReturnValue:
    # The landlord's own reports only: a caseworker's note on a lease is internal.
    reports = [
        e
        for e in lease.events
        if e.kind == LeaseEventKind.BREACH_REPORTED
        and e.actor is not None
        and e.actor.role == Role.LANDLORD
    ]
    return render_template(
        "landlords/lease.html",
        lease=lease,
        unit=lease.unit,
        tenant=services.lease_tenant_view(lease),
        reports=reports,
        form=form,
        may_report=policy.may_report_on_lease(acting().org_id, lease),
    ), status


@bp.get("/leases/<int:lease_id>")
def lease(lease_id: int) -> ResponseReturnValue:
    found = _get_lease(lease_id)
    db = get_session()
    services.record_lease_read(db, current_user, [found])
    db.commit()
    return _page(found, BreachForm())


@bp.post("/leases/<int:lease_id>/reports")
def report(lease_id: int) -> ResponseReturnValue:
    found = _get_lease(lease_id)
    form = BreachForm()
    if not policy.may_report_on_lease(acting().org_id, found):
        abort(409)
    if not form.validate_on_submit():
        return _page(found, form, 422)
    db = get_session()
    kind = BreachKind(form.kind.data)
    try:
        leases.report_breach(
            db,
            current_user,
            found,
            kind,
            form.occurred_on.data,
            arrears_amount=form.amount.data if kind == BreachKind.ARREARS else None,
            arrears_due_on=form.due_on.data if kind == BreachKind.ARREARS else None,
            what=form.what.data,
        )
    except leases.LeaseError as error:
        db.rollback()
        form.kind.errors = [str(error)]
        return _page(_get_lease(lease_id), form, 409)
    db.commit()
    flash(_("Thank you. The caseworker is told at once and will contact you."), "success")
    return redirect(url_for(".lease", lease_id=lease_id), code=303)
