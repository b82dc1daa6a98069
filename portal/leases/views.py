"""The caseworker's lease screens: the lease from its start to its end.

Reviews, extension (warned ahead of the basis's limit, refused past it), take-over,
the notice wizard and its letter, ending with an outcome, follow-ups and relapses.
Load, check, act: a lease outside the caseworker's municipality is a 404; every look
at a lease is an audit event; the services' refusals are shown beside the form.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
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
from portal.leases import services as leases
from portal.leases.forms import (
    EndForm,
    ExtendForm,
    FollowUpForm,
    PaymentDemandForm,
    RelapseForm,
    ReviewForm,
    TakeOverForm,
)
from portal.leases.models import (
    LIVE_LEASE_STATUSES,
    BreachKind,
    Lease,
    LeaseEvent,
    LeaseEventKind,
    LeaseStatus,
    ReviewDecision,
)
from portal.leases.wizard import notice_wizard
from portal.letters import notice_pdf
from portal.matching.services import scope_municipality
from portal.outcomes.models import FollowUp, Outcome, RelapseCause, StillHoused
from portal.rules.models import OutcomeDestination
from portal.rules.services import localized, outcome_destinations
from portal.security.access import restrict_blueprint

bp = Blueprint("staff_leases", __name__, url_prefix="/staff/leases")
restrict_blueprint(bp, [Role.CASEWORKER, Role.ADMINISTRATOR])

PAGE_SIZE = 25


def today() -> dt.date:
    return dt.date.today()


def load_lease(db: Session, lease_id: int) -> Lease:
    """The lease if its case is in the caseworker's municipality, else 404."""
    lease = db.get(Lease, lease_id)
    if lease is None or not policy.caseworker_may_act_on_case(current_user, lease.case):
        abort(404)
    return lease


def audit_look(db: Session, lease: Lease, purpose: str = "lease") -> None:
    record(
        db, current_user, "lease.view", "lease", lease.id, case_id=lease.case_id, purpose=purpose
    )
    db.commit()


@bp.get("/")
def index() -> ResponseReturnValue:
    db = get_session()
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    stmt = (
        select(Lease)
        .join(Case, Case.id == Lease.case_id)
        .where(Lease.status.in_(LIVE_LEASE_STATUSES))
        .order_by(Lease.next_review.is_(None), Lease.next_review, Lease.id)
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    )
    muni = scope_municipality(current_user)
    if muni is not None:
        stmt = stmt.where(Case.municipality_id == muni)
    rows = db.scalars(stmt).all()
    for lease in rows:
        record(
            db,
            current_user,
            "lease.view",
            "lease",
            lease.id,
            case_id=lease.case_id,
            purpose="lease list",
        )
    db.commit()
    return render_template(
        "leases/index.html",
        leases=rows,
        page=page,
        more=len(rows) == PAGE_SIZE,
        warning=lambda lease: leases.term_warning(lease.legal_basis, lease.start_date, today()),
    )


def _destination_choices(db: Session) -> list[SelectChoice]:
    from flask_babel import get_locale

    return [
        SelectChoice(str(d.id), localized(d.texts, str(get_locale()), "label") or d.code)
        for d in outcome_destinations(db, today())
    ]


def _render_detail(
    db: Session, lease: Lease, *, error: str | None = None, status: int = 200, **forms: Any
) -> ResponseReturnValue:
    end_form = forms.get("end") or EndForm(prefix="end", ended_on=today())
    end_form.destination.choices = _destination_choices(db)
    take_over_form = forms.get("take_over") or TakeOverForm(prefix="take_over", ended_on=today())
    take_over_form.destination.choices = end_form.destination.choices
    outcome = db.scalars(select(Outcome).where(Outcome.lease_id == lease.id)).first()
    notices = [e for e in lease.events if e.kind == LeaseEventKind.NOTICE_GIVEN]
    limit = leases.term_limit(lease.legal_basis, lease.start_date)
    audit_look(db, lease)
    return render_template(
        "leases/detail.html",
        lease=lease,
        outcome=outcome,
        notices=notices,
        limit=limit,
        warn=leases.term_warning(lease.legal_basis, lease.start_date, today()),
        review_form=forms.get("review") or ReviewForm(prefix="review", held_on=today()),
        extend_form=forms.get("extend") or ExtendForm(prefix="extend"),
        end_form=end_form,
        take_over_form=take_over_form,
        relapse_form=forms.get("relapse") or RelapseForm(prefix="relapse", occurred_on=today()),
        follow_up_form=forms.get("follow_up") or FollowUpForm(prefix="follow_up"),
        demand_form=forms.get("demand") or PaymentDemandForm(prefix="demand", sent_on=today()),
        arrears=[
            e
            for e in lease.events
            if e.kind == LeaseEventKind.BREACH_REPORTED and e.breach_kind == BreachKind.ARREARS
        ],
        error=error,
        Status=LeaseStatus,
    ), status


@bp.get("/<int:lease_id>")
def detail(lease_id: int) -> ResponseReturnValue:
    db = get_session()
    return _render_detail(db, load_lease(db, lease_id))


def _act(db: Session, lease: Lease, name: str, form: Any, action: Any) -> ResponseReturnValue:
    if not form.validate_on_submit():
        return _render_detail(db, lease, status=400, **{name: form})
    try:
        action()
        db.commit()
    except DomainError as error:
        db.rollback()
        return _render_detail(
            db, load_lease(db, lease.id), error=str(error), status=409, **{name: form}
        )
    return redirect(url_for(".detail", lease_id=lease.id), code=303)


@bp.post("/<int:lease_id>/review")
def review(lease_id: int) -> ResponseReturnValue:
    db = get_session()
    lease = load_lease(db, lease_id)
    form = ReviewForm(prefix="review")
    return _act(
        db,
        lease,
        "review",
        form,
        lambda: leases.hold_review(
            db,
            current_user,
            lease,
            form.held_on.data,
            ReviewDecision(form.decision.data),
            next_review=form.next_review.data,
            note=form.note.data,
        ),
    )


@bp.post("/<int:lease_id>/extend")
def extend(lease_id: int) -> ResponseReturnValue:
    db = get_session()
    lease = load_lease(db, lease_id)
    form = ExtendForm(prefix="extend")
    return _act(
        db,
        lease,
        "extend",
        form,
        lambda: leases.extend(
            db, current_user, lease, form.new_planned_end.data, today=today(), note=form.note.data
        ),
    )


def _destination(db: Session, form: Any) -> OutcomeDestination:
    dest = db.get(OutcomeDestination, form.destination.data)
    if dest is None:
        abort(400)
    return dest


@bp.post("/<int:lease_id>/take-over")
def take_over(lease_id: int) -> ResponseReturnValue:
    db = get_session()
    lease = load_lease(db, lease_id)
    form = TakeOverForm(prefix="take_over")
    form.destination.choices = _destination_choices(db)
    return _act(
        db,
        lease,
        "take_over",
        form,
        lambda: leases.take_over(
            db, current_user, lease, form.ended_on.data, _destination(db, form), note=form.note.data
        ),
    )


@bp.post("/<int:lease_id>/end")
def end(lease_id: int) -> ResponseReturnValue:
    db = get_session()
    lease = load_lease(db, lease_id)
    form = EndForm(prefix="end")
    form.destination.choices = _destination_choices(db)
    return _act(
        db,
        lease,
        "end",
        form,
        lambda: leases.end_lease(
            db, current_user, lease, form.ended_on.data, _destination(db, form), note=form.note.data
        ),
    )


@bp.post("/<int:lease_id>/relapse")
def relapse(lease_id: int) -> ResponseReturnValue:
    db = get_session()
    lease = load_lease(db, lease_id)
    form = RelapseForm(prefix="relapse")
    return _act(
        db,
        lease,
        "relapse",
        form,
        lambda: leases.record_relapse(
            db,
            current_user,
            lease.case,
            form.occurred_on.data,
            RelapseCause(form.cause.data),
            form.action.data or "",
            lease=lease,
        ),
    )


@bp.post("/<int:lease_id>/follow-up")
def follow_up(lease_id: int) -> ResponseReturnValue:
    db = get_session()
    lease = load_lease(db, lease_id)
    form = FollowUpForm(prefix="follow_up")

    def act() -> None:
        item = db.get(FollowUp, form.follow_up_id.data)
        if item is None or item.outcome.lease_id != lease.id:
            abort(404)
        item.still_housed = StillHoused(form.still_housed.data)
        item.answered_on = today()
        item.recorded_by_id = current_user.id
        record(
            db,
            current_user,
            "follow_up.answer",
            "follow_up",
            item.id,
            case_id=lease.case_id,
            months=item.months,
            still_housed=item.still_housed,
        )

    return _act(db, lease, "follow_up", form, act)


@bp.post("/<int:lease_id>/payment-demand")
def payment_demand(lease_id: int) -> ResponseReturnValue:
    db = get_session()
    lease = load_lease(db, lease_id)
    form = PaymentDemandForm(prefix="demand")

    def act() -> None:
        breach = db.get(LeaseEvent, form.breach_id.data)
        if breach is None or breach.lease_id != lease.id:
            abort(404)
        leases.send_payment_demand(db, current_user, lease, breach, form.sent_on.data)

    return _act(db, lease, "demand", form, act)


@bp.route("/<int:lease_id>/notice", methods=["GET", "POST"])
def notice(lease_id: int) -> ResponseReturnValue:
    db = get_session()
    lease = load_lease(db, lease_id)
    return notice_wizard(db, lease, today(), audit_look)


@bp.get("/<int:lease_id>/notice/<int:event_id>/letter.pdf")
def notice_letter(lease_id: int, event_id: int) -> ResponseReturnValue:
    db = get_session()
    lease = load_lease(db, lease_id)
    event = db.get(LeaseEvent, event_id)
    if event is None or event.lease_id != lease.id or event.kind != LeaseEventKind.NOTICE_GIVEN:
        abort(404)
    data = notice_pdf(lease, event)
    audit_look(db, lease, "notice letter")
    return Response(
        data,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'inline; filename="notice-{event.id}.pdf"'},
    )
