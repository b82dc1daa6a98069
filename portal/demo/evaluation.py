"""What the evaluation reads: follow-ups answered, survey answers over time, and the
reads of citizens' data that "Min Log" shows them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from portal.audit.services import record
from portal.demo.journeys import Demo
from portal.leases.models import LeaseStatus
from portal.leases.terms import add_months
from portal.offers.models import Offer
from portal.outcomes.models import Outcome, StillHoused, SurveyAnswer
from portal.rules.services import survey_questions


def answer_follow_ups(demo: Demo) -> None:
    """Follow-ups already due are answered: mostly still housed, one not known."""
    outcomes = demo.session.scalars(select(Outcome).order_by(Outcome.id)).all()
    for outcome in outcomes:
        for follow_up in outcome.follow_ups:
            if follow_up.due_on > demo.today:
                continue
            answered = min(demo.today, follow_up.due_on + dt.timedelta(days=demo.rng.randint(0, 9)))
            follow_up.still_housed = (
                StillHoused.UNKNOWN if demo.rng.random() < 0.1 else StillHoused.YES
            )
            follow_up.answered_on = answered
            follow_up.recorded_by_id = outcome.recorded_by_id


def answer_surveys(demo: Demo) -> None:
    """Citizens answer after 1, 6 and 12 months in the home; staff twice a year."""
    for subject, lease in demo.leases.items():
        case = demo.cases[subject]
        until = lease.ended_on or demo.today
        for round_number, months in enumerate((1, 6, 12)):
            answered_on = add_months(lease.start_date, months)
            if answered_on > until:
                break
            for question in survey_questions(demo.session, "citizen", answered_on):
                base = 2 + round_number + demo.rng.choice((-1, 0, 0, 1))
                if question.code == "temporary_worry":
                    base = 6 - base  # the worry eases as the home becomes one's own
                if lease.status == LeaseStatus.ENDED and round_number == 2:
                    base -= 1
                demo.session.add(
                    SurveyAnswer(
                        case_id=case.id,
                        question=question,
                        value=max(1, min(5, base)),
                        answered_on=answered_on,
                    )
                )
    for account in demo.ref.accounts.values():
        if not account.is_staff or account.municipality_id is None:
            continue
        for months, lift in ((7, 0), (1, 1)):
            answered_on = add_months(demo.today, -months)
            for question in survey_questions(demo.session, "staff", answered_on):
                value = 3 + lift + demo.rng.choice((-1, 0, 0, 1))
                demo.session.add(
                    SurveyAnswer(
                        account_id=account.id,
                        question=question,
                        value=max(1, min(5, value)),
                        answered_on=answered_on,
                    )
                )
    demo.session.flush()


def log_reads(demo: Demo) -> None:
    """Staff and landlords reading citizens' data, as the views would log it."""
    for case in demo.cases.values():
        caseworker = demo.caseworker(case)
        for days in sorted(demo.rng.sample(range(1, 120), 3), reverse=True):
            record(demo.session, caseworker, "case.read", "case", case.id, case_id=case.id,
                   purpose="Sagsbehandling")  # fmt: skip
            demo.clock.stamp(demo.today - dt.timedelta(days=days))
    for offer in demo.session.scalars(select(Offer).order_by(Offer.id)):
        if offer.decisions and any(d.actor is not None and d.actor.value == "landlord"
                                   for d in offer.decisions):  # fmt: skip
            landlord = demo.landlord(offer.unit)
            record(demo.session, landlord, "offer.read", "offer", offer.id,
                   case_id=offer.case_id, purpose="Svar på boligtilbud")  # fmt: skip
            demo.clock.stamp(offer.decisions[-1].decided_at.date())
