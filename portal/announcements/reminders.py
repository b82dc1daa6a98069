"""Reminders that fall due by date, sent by a daily cron run (``flask remind``).

Each kind of reminder is one query over an indexed date column, bounded on both sides
(nothing is scanned again every day for ever), with its recipient joined in; each
reminder carries a dedupe key naming the thing and its date, so another run (the same
day, or the next while it is still due) writes nothing, and a moved date reminds again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from portal.accounts.models import Account
from portal.announcements.recipients import tell
from portal.cases.models import Case, CaseStatus
from portal.leases.models import Lease, LeaseStatus
from portal.notifications.events import Kind
from portal.offers.models import Offer, OfferStatus
from portal.outcomes.models import FollowUp, Outcome
from portal.plans.models import FollowUpDecision, Plan, SupportActivity

DANISH_TIME = ZoneInfo("Europe/Copenhagen")
# A reminder whose day passed while the job did not run (or whose date was set in the
# past) is still sent within this many days; older ones are on the work list anyway.
CATCH_UP_DAYS = 14


@dataclass(frozen=True)
class Horizon:
    """How many days before its date each reminder is sent."""

    offer_deadline: int = 2
    review: int = 7
    follow_up: int = 7


@dataclass(frozen=True)
class Due:
    """One reminder to send: to whom, what, the page it links to, and its dedupe key."""

    recipient: Account
    kind: Kind
    endpoint: str
    dedupe_key: str
    values: dict[str, Any] = field(default_factory=dict)


def send_reminders(session: Session, now: dt.datetime, horizon: Horizon | None = None) -> int:
    """Notify of every reminder due at ``now`` that was not sent before; returns how many.

    Offer deadlines within ``horizon.offer_deadline`` days (to the citizen); lease
    reviews and plan and after-move follow-ups within their horizon or recently overdue
    (to the case's caseworker); support meetings from now until tomorrow ends, Danish
    time (to the citizen). Adds to the session; the caller commits.
    """
    horizon = horizon or Horizon()
    today = now.astimezone(DANISH_TIME).date()
    found = [
        *_offer_deadlines(session, today, horizon.offer_deadline),
        *_reviews(session, today, horizon.review),
        *_plan_follow_ups(session, today, horizon.follow_up),
        *_move_follow_ups(session, today, horizon.follow_up),
        *_meetings(session, now, today),
    ]
    sent = 0
    for due in found:
        sent += tell(
            session,
            [due.recipient],
            due.kind,
            actor=None,
            endpoint=due.endpoint,
            values=due.values,
            dedupe_key=due.dedupe_key,
        )
    return sent


def _window(today: dt.date, days: int, catch_up: int = CATCH_UP_DAYS) -> tuple[dt.date, dt.date]:
    return today - dt.timedelta(days=catch_up), today + dt.timedelta(days=days)


def _offer_deadlines(session: Session, today: dt.date, days: int) -> Iterator[Due]:
    # No catch-up: an offer past its deadline expires, there is nothing left to answer.
    first, last = _window(today, days, catch_up=0)
    rows = session.execute(
        select(Offer.id, Account)
        .join(Case, Case.id == Offer.case_id)
        .join(Account, Account.id == Case.account_id)
        .where(
            Offer.status == OfferStatus.OFFERED,
            Offer.response_deadline.between(first, last),
            Account.active.is_(True),
        )
        .order_by(Offer.id)
    )
    for offer_id, account in rows:
        yield Due(
            account, Kind.OFFER_DEADLINE, "citizen.offer", f"offer-deadline:{offer_id}",
            {"offer_id": offer_id},
        )  # fmt: skip


def _reviews(session: Session, today: dt.date, days: int) -> Iterator[Due]:
    first, last = _window(today, days)
    rows = session.execute(
        select(Lease.id, Lease.next_review, Account)
        .join(Case, Case.id == Lease.case_id)
        .join(Account, Account.id == Case.caseworker_id)
        .where(
            Lease.status == LeaseStatus.ACTIVE,
            Lease.next_review.between(first, last),
            Account.active.is_(True),
        )
        .order_by(Lease.id)
    )
    for lease_id, review_on, account in rows:
        yield Due(
            account, Kind.REVIEW_DUE, "staff_leases.detail",
            f"lease-review:{lease_id}:{review_on:%Y-%m-%d}", {"lease_id": lease_id},
        )  # fmt: skip


def _plan_follow_ups(session: Session, today: dt.date, days: int) -> Iterator[Due]:
    first, last = _window(today, days)
    rows = session.execute(
        select(Plan.id, Plan.next_follow_up, Account)
        .join(Case, Case.id == Plan.case_id)
        .join(Account, Account.id == Case.caseworker_id)
        .where(
            or_(
                Plan.follow_up_decision.is_(None),
                Plan.follow_up_decision == FollowUpDecision.CONTINUE,
            ),
            Plan.next_follow_up.between(first, last),
            Case.status != CaseStatus.CLOSED,
            Account.active.is_(True),
        )
        .order_by(Plan.id)
    )
    for plan_id, follow_up_on, account in rows:
        yield Due(
            account, Kind.FOLLOW_UP_DUE, "plans.detail",
            f"plan-follow-up:{plan_id}:{follow_up_on:%Y-%m-%d}", {"plan_id": plan_id},
        )  # fmt: skip


def _move_follow_ups(session: Session, today: dt.date, days: int) -> Iterator[Due]:
    # Still housed 6, 12 and 24 months after a move to a permanent home: recorded on the
    # lease that ended, so that is the page the reminder opens.
    first, last = _window(today, days)
    rows = session.execute(
        select(FollowUp.id, Outcome.lease_id, Account)
        .join(Outcome, Outcome.id == FollowUp.outcome_id)
        .join(Case, Case.id == Outcome.case_id)
        .join(Account, Account.id == Case.caseworker_id)
        .where(
            FollowUp.still_housed.is_(None),
            FollowUp.due_on.between(first, last),
            Account.active.is_(True),
        )
        .order_by(FollowUp.id)
    )
    for follow_up_id, lease_id, account in rows:
        yield Due(
            account, Kind.FOLLOW_UP_DUE, "staff_leases.detail", f"follow-up:{follow_up_id}",
            {"lease_id": lease_id},
        )  # fmt: skip


def _meetings(session: Session, now: dt.datetime, today: dt.date) -> Iterator[Due]:
    # "The day before": every meeting from now until tomorrow ends in Denmark, so a
    # daily run reminds of tomorrow's meetings (and of today's set since the last run).
    day_after = dt.datetime.combine(today + dt.timedelta(days=2), dt.time(), DANISH_TIME)
    rows = session.execute(
        select(SupportActivity.id, SupportActivity.next_meeting_at, Account)
        .join(Plan, Plan.id == SupportActivity.plan_id)
        .join(Case, Case.id == Plan.case_id)
        .join(Account, Account.id == Case.account_id)
        .where(
            SupportActivity.next_meeting_at > now,
            SupportActivity.next_meeting_at < day_after,
            or_(SupportActivity.end_date.is_(None), SupportActivity.end_date >= today),
            Case.status != CaseStatus.CLOSED,
            Account.active.is_(True),
        )
        .order_by(SupportActivity.id)
    )
    for activity_id, meeting_at, account in rows:
        yield Due(
            account, Kind.MEETING_REMINDER, "citizen.plan",
            f"meeting:{activity_id}:{meeting_at:%Y%m%dT%H%M%z}",  # read back in UTC
        )  # fmt: skip
