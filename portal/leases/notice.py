"""Breach, payment demand, notice of termination, and the complaint guidance a notice
carries.

No termination without another relevant offer: a notice needs an alternative offer
recorded. Arrears need a payment demand with 14 days to pay, run out, before notice.
A notice states its reason, the six-week right to object, runs three months (both from
the legal basis), and carries the complaint guidance for its landlord's kind.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.accounts.models import Account
from portal.announcements import leases as announce
from portal.audit.services import record
from portal.cases import policy
from portal.errors import NotAllowed
from portal.landlords.models import OrganisationKind
from portal.leases.errors import LeaseError, NoticeRefused
from portal.leases.events import add_event, clean, require_live
from portal.leases.models import (
    AlternativeOfferKind,
    BreachKind,
    Lease,
    LeaseEvent,
    LeaseEventKind,
    LeaseModel,
    LeaseStatus,
    NoticeReason,
)
from portal.leases.terms import add_months
from portal.offers.locking import landlord_organisation_ids, lock_lease

PAYMENT_DAYS = 14  # days to pay after a payment demand (påkrav)
MUNICIPAL_COMPLAINT_WEEKS = 4


# -- complaint guidance (pure) ---------------------------------------------------------


class ComplaintBody(enum.StrEnum):
    LANDLORD = "landlord"  # the written objection to the notice
    BEBOERKLAGENAEVN = "beboerklagenaevn"  # social housing disputes
    HUSLEJENAEVN = "huslejenaevn"  # private rental disputes
    BOLIGRETTEN = "boligretten"  # the housing court: disputed notices in private rentals
    MUNICIPALITY = "municipality"  # the municipality reconsiders its own decision
    ANKESTYRELSEN = "ankestyrelsen"  # the National Social Appeals Board, after that


class ComplaintSubject(enum.StrEnum):
    NOTICE = "notice"
    TENANCY = "tenancy"  # the lease's terms and the landlord's conduct
    MUNICIPAL_DECISION = "municipal_decision"


@dataclass(frozen=True)
class ComplaintStep:
    """One place to complain, about what, by when (None: no fixed deadline), and whose
    answer it follows (``after``), for a letter to render in the reader's language."""

    body: ComplaintBody
    subject: ComplaintSubject
    deadline: dt.date | None = None
    after: ComplaintBody | None = None


@dataclass(frozen=True)
class ComplaintGuidance:
    landlord_kind: OrganisationKind | None
    steps: tuple[ComplaintStep, ...]

    @property
    def bodies(self) -> tuple[ComplaintBody, ...]:
        return tuple(step.body for step in self.steps)


def complaint_guidance(
    landlord_kind: OrganisationKind | None,
    lease_model: LeaseModel,
    decided_on: dt.date,
    *,
    objection_weeks: int = 6,
    municipal_decision: bool = False,
) -> ComplaintGuidance:
    """Where and by when the citizen can object or complain about a notice.

    social: beboerklagenævn; private: huslejenævn, with disputed notices in boligretten;
    a municipal landlord or a sublet (the municipality is landlord of record), and any
    decision the municipality itself took (``municipal_decision``): complaint to the
    municipality within four weeks, then Ankestyrelsen.
    """
    steps = [
        ComplaintStep(
            ComplaintBody.LANDLORD,
            ComplaintSubject.NOTICE,
            decided_on + dt.timedelta(weeks=objection_weeks),
        )
    ]
    municipal = (
        municipal_decision
        or lease_model == LeaseModel.SUBLET
        or landlord_kind == OrganisationKind.MUNICIPAL
    )
    if lease_model != LeaseModel.SUBLET:
        if landlord_kind == OrganisationKind.SOCIAL:
            steps.append(ComplaintStep(ComplaintBody.BEBOERKLAGENAEVN, ComplaintSubject.TENANCY))
        elif landlord_kind == OrganisationKind.PRIVATE:
            steps.append(ComplaintStep(ComplaintBody.HUSLEJENAEVN, ComplaintSubject.TENANCY))
            steps.append(ComplaintStep(ComplaintBody.BOLIGRETTEN, ComplaintSubject.NOTICE))
    if municipal:
        steps.append(
            ComplaintStep(
                ComplaintBody.MUNICIPALITY,
                ComplaintSubject.MUNICIPAL_DECISION,
                decided_on + dt.timedelta(weeks=MUNICIPAL_COMPLAINT_WEEKS),
            )
        )
        steps.append(
            ComplaintStep(
                ComplaintBody.ANKESTYRELSEN,
                ComplaintSubject.MUNICIPAL_DECISION,
                after=ComplaintBody.MUNICIPALITY,
            )
        )
    return ComplaintGuidance(landlord_kind, tuple(steps))


def guidance_for_notice(lease: Lease, notice: LeaseEvent) -> ComplaintGuidance:
    """The guidance printed on a given notice."""
    assert notice.kind == LeaseEventKind.NOTICE_GIVEN  # noqa: S101 - a programming error
    return complaint_guidance(
        lease.organisation.kind if lease.organisation else None,
        lease.lease_model,
        notice.occurred_on,
        objection_weeks=lease.legal_basis.objection_weeks,
        # Every reason but a breach rests on the municipality's assessment of the
        # citizen's need, which is a decision the citizen can complain about.
        municipal_decision=notice.notice_reason != NoticeReason.BREACH,
    )


# -- breach and payment demand ---------------------------------------------------------


def _may_report(session: Session, actor: Account, lease: Lease) -> bool:
    if policy.caseworker_may_act_on_case(actor, lease.case):
        return True
    return lease.unit is not None and policy.landlord_may_act_on_unit(
        landlord_organisation_ids(session, actor), lease.unit
    )


def report_breach(
    session: Session,
    actor: Account,
    lease: Lease,
    kind: BreachKind,
    occurred_on: dt.date,
    *,
    arrears_amount: int | None = None,
    arrears_due_on: dt.date | None = None,
    what: str | None = None,
) -> LeaseEvent:
    """The landlord (or caseworker) reports arrears (amount and due date) or a breach of
    the house rules (what happened, on ``occurred_on``)."""
    if not _may_report(session, actor, lease):
        raise NotAllowed(_l("You cannot report on this lease."))
    lease = lock_lease(session, lease)
    require_live(lease)
    what = (what or "").strip() or None
    if kind == BreachKind.ARREARS:
        if not arrears_amount or arrears_amount <= 0 or arrears_due_on is None:
            raise LeaseError(_l("Write the amount owed and the date it was due."))
    elif what is None:
        raise LeaseError(_l("Write what happened."))
    event = add_event(
        session,
        actor,
        lease,
        LeaseEventKind.BREACH_REPORTED,
        occurred_on,
        breach_kind=kind,
        arrears_amount=arrears_amount,
        arrears_due_on=arrears_due_on,
        note=what,
    )
    session.flush()
    record(
        session,
        actor,
        "lease.breach",
        "lease",
        lease.id,
        case_id=lease.case_id,
        event_id=event.id,
        breach_kind=kind,
        arrears_amount=arrears_amount,
    )
    announce.breach_reported(session, actor, lease)
    return event


def send_payment_demand(
    session: Session, actor: Account, lease: Lease, breach: LeaseEvent, sent_on: dt.date
) -> LeaseEvent:
    """Record the payment demand for reported arrears, with 14 days to pay."""
    if not _may_report(session, actor, lease):
        raise NotAllowed(_l("You cannot report on this lease."))
    lease = lock_lease(session, lease)
    require_live(lease)
    if (
        breach.lease_id != lease.id
        or breach.kind != LeaseEventKind.BREACH_REPORTED
        or breach.breach_kind != BreachKind.ARREARS
    ):
        raise LeaseError(_l("A payment demand needs reported arrears on this lease."))
    if sent_on < breach.occurred_on:
        raise LeaseError(_l("The payment demand cannot be sent before the arrears were reported."))
    deadline = sent_on + dt.timedelta(days=PAYMENT_DAYS)
    event = add_event(
        session,
        actor,
        lease,
        LeaseEventKind.PAYMENT_DEMAND,
        sent_on,
        breach_kind=BreachKind.ARREARS,
        arrears_amount=breach.arrears_amount,
        arrears_due_on=breach.arrears_due_on,
        payment_deadline=deadline,
    )
    session.flush()
    record(
        session,
        actor,
        "lease.payment_demand",
        "lease",
        lease.id,
        case_id=lease.case_id,
        event_id=event.id,
        payment_deadline=deadline,
    )
    return event


# -- notice ---------------------------------------------------------------------------


def _demand_run_out(session: Session, lease: Lease, breach: LeaseEvent, on: dt.date) -> bool:
    demands = session.scalars(
        select(LeaseEvent).where(
            LeaseEvent.lease_id == lease.id,
            LeaseEvent.kind == LeaseEventKind.PAYMENT_DEMAND,
            LeaseEvent.occurred_on >= breach.occurred_on,
        )
    )
    return any(d.payment_deadline is not None and d.payment_deadline < on for d in demands)


def give_notice(
    session: Session,
    actor: Account,
    lease: Lease,
    *,
    reason: NoticeReason,
    notice_date: dt.date,
    alternative_offer: AlternativeOfferKind | None,
    alternative_details: str | None = None,
    breach: LeaseEvent | None = None,
    note: str | None = None,
) -> LeaseEvent:
    """Give written notice on an active lease, with the alternative offered.

    Refused without an alternative offer; for a breach, the reported breach is named,
    and for arrears its payment demand's 14 days must have run out. The objection
    deadline and the day the lease ends come from the legal basis.
    """
    if not policy.caseworker_may_act_on_case(actor, lease.case):
        raise NotAllowed(_l("You cannot change leases on this case."))
    lease = lock_lease(session, lease)
    require_live(lease, LeaseStatus.ACTIVE)
    if lease.lease_model == LeaseModel.CURRENT_HOME:
        raise NoticeRefused(
            _l(
                "A citizen kept in their current home has their own lease. End the support "
                "arrangement instead."
            )
        )
    if alternative_offer is None:
        raise NoticeRefused(
            _l("Notice can only be given with another relevant offer. Record the offer first.")
        )
    if reason == NoticeReason.BREACH:
        if (
            breach is None
            or breach.lease_id != lease.id
            or breach.kind != LeaseEventKind.BREACH_REPORTED
        ):
            raise NoticeRefused(_l("Choose the reported breach the notice is given for."))
        if breach.breach_kind == BreachKind.ARREARS and not _demand_run_out(
            session, lease, breach, notice_date
        ):
            raise NoticeRefused(
                _l(
                    "For arrears, a payment demand must be sent and its 14 days must have run "
                    "out before notice is given."
                )
            )
    elif breach is not None:
        raise NoticeRefused(_l("A breach can only be named when the reason is a breach."))
    basis = lease.legal_basis
    objection_deadline = notice_date + dt.timedelta(weeks=basis.objection_weeks)
    effective_on = add_months(notice_date, basis.notice_months)
    event = add_event(
        session,
        actor,
        lease,
        LeaseEventKind.NOTICE_GIVEN,
        notice_date,
        notice_reason=reason,
        alternative_offer=alternative_offer,
        alternative_offer_details=(alternative_details or "").strip() or None,
        breach_kind=breach.breach_kind if breach else None,
        objection_deadline=objection_deadline,
        effective_on=effective_on,
        note=clean(note),
    )
    lease.status = LeaseStatus.NOTICE_GIVEN
    session.flush()
    record(
        session,
        actor,
        "lease.notice",
        "lease",
        lease.id,
        case_id=lease.case_id,
        event_id=event.id,
        reason=reason,
        alternative_offer=alternative_offer,
        objection_deadline=objection_deadline,
        effective_on=effective_on,
    )
    announce.notice_given(session, actor, lease)
    return event
