"""Reminders due by date: each sent once to the right person, however often the daily
job runs; nothing sent before its time, after it, or once it no longer applies."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from portal.announcements.reminders import CATCH_UP_DAYS, Horizon, send_reminders
from portal.cases.models import CaseStatus
from portal.leases import services as leases
from portal.leases.models import LeaseStatus, ReviewDecision
from portal.notifications.events import Kind
from portal.offers import services as offers
from portal.offers.models import RuleKind
from portal.offers.rules import RuleResult
from portal.outcomes.models import FollowUp, Outcome, StillHoused
from portal.plans.models import FollowUpDecision, SupportActivity, SupportKind
from portal.units.models import UnitStatus
from tests import factories as f
from tests.functional.announcements.helpers import inbox

DANISH = ZoneInfo("Europe/Copenhagen")
TODAY = dt.date(2026, 3, 2)
NOW = dt.datetime(2026, 3, 2, 6, 0, tzinfo=dt.UTC)  # 07:00 in Denmark, when cron runs
RULES = [RuleResult("target_group", RuleKind.MUST, True)]


def _twice(db, now=NOW) -> list[int]:
    return [send_reminders(db, now), send_reminders(db, now)]


def _offer(db, s, deadline):
    offer = offers.propose(db, s.caseworker, s.unit, s.case, RULES, TODAY - dt.timedelta(days=5))
    return offers.send_to_citizen(db, s.caseworker, offer, deadline, TODAY - dt.timedelta(days=5))


@pytest.fixture
def lease(db, s):
    s.unit.status = UnitStatus.LET
    s.case.status = CaseStatus.HOUSED
    return f.raw_lease(db, s.case, s.basis, unit=s.unit, start_date=dt.date(2025, 6, 1))


# -- offer deadline (the citizen) -----------------------------------------------------------


def test_the_citizen_is_reminded_once_two_days_before_the_deadline(db, s) -> None:
    offer = _offer(db, s, TODAY + dt.timedelta(days=2))
    assert _twice(db) == [1, 0]
    url = f"/citizen/offers/{offer.id}"
    assert inbox(db, s.citizen) == [(Kind.OFFER_NEW, url), (Kind.OFFER_DEADLINE, url)]
    assert send_reminders(db, NOW + dt.timedelta(days=1)) == 0  # the next day's run


def test_no_deadline_reminder_too_early(db, s) -> None:
    _offer(db, s, TODAY + dt.timedelta(days=3))
    assert send_reminders(db, NOW) == 0


def test_no_deadline_reminder_once_the_deadline_has_passed(db, s) -> None:
    _offer(db, s, TODAY + dt.timedelta(days=1))
    assert send_reminders(db, NOW + dt.timedelta(days=2)) == 0


def test_the_deadline_horizon_can_be_set(db, s) -> None:
    _offer(db, s, TODAY + dt.timedelta(days=3))
    assert send_reminders(db, NOW, Horizon(offer_deadline=3)) == 1


def test_an_answered_offer_is_not_reminded(db, s) -> None:
    offer = _offer(db, s, TODAY + dt.timedelta(days=1))
    offers.citizen_answer(db, s.citizen, offer, True, today=TODAY)
    assert send_reminders(db, NOW) == 0


# -- lease review (the caseworker) ----------------------------------------------------------


def test_the_caseworker_is_reminded_once_of_a_review_and_again_when_it_moves(db, s, lease) -> None:
    lease.next_review = TODAY + dt.timedelta(days=7)
    assert _twice(db) == [1, 0]
    url = f"/staff/leases/{lease.id}"
    assert inbox(db, s.caseworker) == [(Kind.REVIEW_DUE, url)]

    # The review is held and the next set: that one is reminded in its own time.
    later = TODAY + dt.timedelta(days=60)
    leases.hold_review(db, s.caseworker, lease, TODAY, ReviewDecision.CONTINUE, next_review=later)
    assert send_reminders(db, NOW) == 0
    assert _twice(db, NOW + dt.timedelta(days=55)) == [1, 0]
    assert inbox(db, s.caseworker) == [(Kind.REVIEW_DUE, url), (Kind.REVIEW_DUE, url)]


def test_an_overdue_review_is_reminded_only_within_the_catch_up_window(db, s, lease) -> None:
    lease.next_review = TODAY - dt.timedelta(days=CATCH_UP_DAYS + 1)
    assert send_reminders(db, NOW) == 0
    lease.next_review = TODAY - dt.timedelta(days=CATCH_UP_DAYS)
    assert send_reminders(db, NOW) == 1


def test_no_review_reminder_for_a_lease_under_notice_or_a_case_without_caseworker(
    db, s, lease
) -> None:
    lease.next_review = TODAY + dt.timedelta(days=1)
    lease.status = LeaseStatus.NOTICE_GIVEN
    assert send_reminders(db, NOW) == 0
    lease.status = LeaseStatus.ACTIVE
    s.case.caseworker_id = None
    assert send_reminders(db, NOW) == 0


# -- follow-ups (the caseworker) ------------------------------------------------------------


def test_a_plan_follow_up_is_reminded_once_unless_the_plan_has_ended(db, s) -> None:
    plan = f.plan_with_goal(db, s.case)
    plan.next_follow_up = TODAY + dt.timedelta(days=3)
    assert _twice(db) == [1, 0]
    assert inbox(db, s.caseworker) == [(Kind.FOLLOW_UP_DUE, f"/staff/plans/{plan.id}")]

    other = f.plan_with_goal(db, s.case)
    other.next_follow_up = TODAY + dt.timedelta(days=3)
    other.follow_up_decision = FollowUpDecision.END
    assert send_reminders(db, NOW) == 0


def test_a_follow_up_after_the_move_is_reminded_once_until_answered(db, s, lease) -> None:
    outcome = Outcome(
        lease=lease, case=s.case, destination=f.destination(db), moved_on=dt.date(2025, 9, 2),
        follow_ups=[
            FollowUp(months=6, due_on=TODAY + dt.timedelta(days=1)),
            FollowUp(months=12, due_on=TODAY + dt.timedelta(days=1),
                     still_housed=StillHoused.YES, answered_on=TODAY),
            FollowUp(months=24, due_on=TODAY + dt.timedelta(days=400)),
        ],
    )  # fmt: skip
    db.add(outcome)
    lease.status = LeaseStatus.ENDED
    assert _twice(db) == [1, 0]
    assert inbox(db, s.caseworker) == [(Kind.FOLLOW_UP_DUE, f"/staff/leases/{lease.id}")]


# -- support meetings (the citizen) ---------------------------------------------------------


def _meeting(db, s, at):
    plan = f.plan_with_goal(db, s.case)
    activity = SupportActivity(
        plan_id=plan.id, kind=SupportKind.SOCIAL, description="Bostøtte", provider="Kommunen",
        start_date=dt.date(2025, 9, 1), next_meeting_at=at,
    )  # fmt: skip
    db.add(activity)
    db.flush()
    return activity


def test_the_citizen_is_reminded_of_tomorrows_meeting_once(db, client, sign_in, s) -> None:
    _meeting(db, s, dt.datetime(2026, 3, 3, 23, 30, tzinfo=DANISH))  # late tomorrow
    assert _twice(db) == [1, 0]
    assert inbox(db, s.citizen) == [(Kind.MEETING_REMINDER, "/citizen/plan")]
    db.commit()
    sign_in(client, s.citizen)
    assert client.get("/citizen/plan").status_code == 200


@pytest.mark.parametrize(
    "at",
    [
        dt.datetime(2026, 3, 4, 0, 0, tzinfo=DANISH),  # the day after tomorrow
        dt.datetime(2026, 3, 2, 6, 59, tzinfo=DANISH),  # already past this morning
    ],
)
def test_no_meeting_reminder_too_early_or_for_a_past_meeting(db, s, at) -> None:
    _meeting(db, s, at)
    assert send_reminders(db, NOW) == 0


def test_a_moved_meeting_is_reminded_again(db, s) -> None:
    activity = _meeting(db, s, dt.datetime(2026, 3, 3, 10, 0, tzinfo=DANISH))
    assert send_reminders(db, NOW) == 1
    activity.next_meeting_at = dt.datetime(2026, 3, 3, 14, 0, tzinfo=DANISH)
    assert _twice(db) == [1, 0]


# -- the daily command ----------------------------------------------------------------------


def test_the_remind_command_sends_each_reminder_once(app, db, s) -> None:
    today = dt.date.today()
    offer = offers.propose(db, s.caseworker, s.unit, s.case, RULES, today)
    offers.send_to_citizen(db, s.caseworker, offer, today + dt.timedelta(days=1), today)
    db.commit()
    runner = app.test_cli_runner()
    first = runner.invoke(args=["remind"])
    assert first.exit_code == 0, first.output
    assert "Reminders sent: 1" in first.output
    again = runner.invoke(args=["remind", "--offer-days", "3"])
    assert "Reminders sent: 0" in again.output
    db.expire_all()
    assert [kind for kind, _ in inbox(db, s.citizen)] == [Kind.OFFER_NEW, Kind.OFFER_DEADLINE]
