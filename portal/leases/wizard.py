"""The notice wizard: reason → alternative offer → dates → complaint guidance and confirm.

One form walks through the steps; the answers of earlier steps ride along as hidden
fields (no JavaScript, no server-side draft), and every step re-checks all earlier
answers, so a tampered hidden field is caught. The dates and the complaint guidance are
computed with the same functions the service uses, and the service itself refuses a
notice without an alternative offer, or arrears without a run-out payment demand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from flask import redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm import Session
from wtforms import SelectChoice

from portal.errors import DomainError
from portal.i18n.formatting import date as format_date
from portal.leases import services as leases
from portal.leases.forms import ALTERNATIVE_OFFERS, NOTICE_REASONS, NoticeForm
from portal.leases.models import (
    AlternativeOfferKind,
    BreachKind,
    Lease,
    LeaseEvent,
    LeaseEventKind,
    LeaseStatus,
    NoticeReason,
)
from portal.letters import notice_pdf

STEPS = ("reason", "alternative", "dates", "confirm")


def _breaches(lease: Lease) -> list[LeaseEvent]:
    return [e for e in lease.events if e.kind == LeaseEventKind.BREACH_REPORTED]


def _breach_label(event: LeaseEvent) -> str:
    if event.breach_kind == BreachKind.ARREARS:
        return str(
            _l(
                "Arrears reported on %(date)s: %(amount)s kr.",
                date=format_date(event.occurred_on),
                amount=event.arrears_amount,
            )
        )
    return str(_l("House rules broken on %(date)s.", date=format_date(event.occurred_on)))


def _check(form: NoticeForm, lease: Lease, upto: str) -> bool:
    """Validate every step up to and including ``upto``; errors go beside the fields."""
    ok = True
    steps = STEPS[: STEPS.index(upto) + 1]
    if "reason" in steps:
        if not form.reason.data:
            form.reason.errors = [*form.reason.errors, str(_l("Choose why notice is given."))]
            ok = False
        elif form.reason.data == NoticeReason.BREACH.value and not form.breach_id.data:
            form.breach_id.errors = [
                *form.breach_id.errors,
                str(_l("Choose the reported breach the notice is given for.")),
            ]
            ok = False
    if ok and "alternative" in steps and not form.alternative_offer.data:
        form.alternative_offer.errors = [
            *form.alternative_offer.errors,
            str(_l("Notice can only be given with another relevant offer. Choose the offer.")),
        ]
        ok = False
    if ok and "dates" in steps:
        if form.notice_date.data is None:
            form.notice_date.errors = [*form.notice_date.errors, str(_l("Write the date."))]
            ok = False
        elif form.notice_date.data < lease.start_date:
            form.notice_date.errors = [
                *form.notice_date.errors,
                str(_l("The notice cannot be dated before the lease started.")),
            ]
            ok = False
    return ok


def _preview(lease: Lease, form: NoticeForm) -> dict[str, Any]:
    """The dates and guidance the notice will carry, computed as the service does."""
    notice_date = form.notice_date.data
    if notice_date is None:
        return {}
    basis = lease.legal_basis
    reason = NoticeReason(form.reason.data) if form.reason.data else None
    guidance = leases.complaint_guidance(
        lease.organisation.kind if lease.organisation else None,
        lease.lease_model,
        notice_date,
        objection_weeks=basis.objection_weeks,
        municipal_decision=reason != NoticeReason.BREACH,
    )
    breach = next((b for b in _breaches(lease) if b.id == form.breach_id.data), None)
    demands = [
        e
        for e in lease.events
        if e.kind == LeaseEventKind.PAYMENT_DEMAND
        and breach is not None
        and e.occurred_on >= breach.occurred_on
    ]
    labels = {c.value: c.label for c in (*NOTICE_REASONS, *ALTERNATIVE_OFFERS)}
    return {
        "reason": labels.get(form.reason.data or ""),
        "alternative": labels.get(form.alternative_offer.data or ""),
        "objection_deadline": notice_date + dt.timedelta(weeks=basis.objection_weeks),
        "effective_on": leases.add_months(notice_date, basis.notice_months),
        "guidance": guidance,
        "arrears": breach is not None and breach.breach_kind == BreachKind.ARREARS,
        "demands": demands,
    }


def notice_wizard(
    db: Session, lease: Lease, today: dt.date, audit_look: Callable[[Session, Lease, str], None]
) -> ResponseReturnValue:
    """Show or advance the wizard for ``lease``; on confirm give notice and make the letter."""
    if request.method == "POST":
        form = NoticeForm()
    else:
        form = NoticeForm(formdata=None, notice_date=today)
    form.breach_id.choices = [
        SelectChoice("", "—"),
        *(SelectChoice(str(b.id), _breach_label(b)) for b in _breaches(lease)),
    ]
    step = form.step.data if form.step.data in STEPS else STEPS[0]
    error = None
    status = 200
    if request.method == "POST":
        if not form.validate_on_submit():
            status = 400
        elif "back" in request.form:
            step = STEPS[max(STEPS.index(step) - 1, 0)]
        elif not _check(form, lease, step):
            status = 400
        elif step != "confirm":
            step = STEPS[STEPS.index(step) + 1]
        else:
            breach = next((b for b in _breaches(lease) if b.id == form.breach_id.data), None)
            try:
                event = leases.give_notice(
                    db,
                    current_user,
                    lease,
                    reason=NoticeReason(form.reason.data),
                    notice_date=form.notice_date.data,
                    alternative_offer=AlternativeOfferKind(form.alternative_offer.data),
                    alternative_details=form.alternative_details.data,
                    breach=breach,
                    note=form.note.data,
                )
                db.commit()
            except DomainError as err:
                db.rollback()
                error, status = str(err), 409
            else:
                notice_pdf(lease, event)  # rendered and stored once, now
                return redirect(url_for(".detail", lease_id=lease.id, notice=event.id), code=303)
    form.step.data = step
    audit_look(db, lease, "notice")
    return render_template(
        "leases/notice.html",
        lease=lease,
        form=form,
        step=step,
        steps=STEPS,
        error=error,
        preview=_preview(lease, form) if step in ("dates", "confirm") else {},
        active=lease.status == LeaseStatus.ACTIVE,
    ), status
