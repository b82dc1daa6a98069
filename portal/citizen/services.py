"""The queries and the few writes of the citizen's own pages.

Every query is scoped in SQL to the citizen's case (``Case.account_id`` is the signed-in
account); the views then check the loaded object with :mod:`portal.citizen.policy`.
The citizen's own reads are deliberately not written to the audit log: the log shows
the citizen who else looked at their data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, selectinload

from portal.accounts.models import Account
from portal.audit.models import AuditEvent
from portal.audit.services import record
from portal.cases import policy as case_policy
from portal.cases.models import Case
from portal.citizen import policy
from portal.errors import DomainError, NotAllowed
from portal.leases.models import LIVE_LEASE_STATUSES, Lease, LeaseEvent, LeaseEventKind, LeaseStatus
from portal.offers.models import DecisionKind, Offer, OfferDecision, OfferStatus
from portal.outcomes.models import SurveyAnswer
from portal.plans.models import Goal, GoalKind, GoalUpdate, Plan, SupportActivity
from portal.rules.models import SurveyQuestion
from portal.rules.services import estimate_housing_benefit, housing_benefit_rate, monthly_share
from portal.rules.services import survey_questions as _survey_questions
from portal.units.models import Unit, UnitPhoto

# Offers the citizen still waits on: their answer, the landlord's, the approval.
WAITING_OFFER_STATUSES = (
    OfferStatus.OFFERED,
    OfferStatus.CITIZEN_ACCEPTED,
    OfferStatus.LANDLORD_ACCEPTED,
)
READS_PER_PAGE = 20
OFFERS_SHOWN = 20
# Earlier survey answers on the page: the last few rounds (all of them are in "my data").
EARLIER_DAYS_SHOWN = 3


def find_case(session: Session, account: Account) -> Case | None:
    """The case linked to the signed-in citizen's account at login, or None."""
    return session.scalars(select(Case).where(Case.account_id == account.id)).first()


def current_lease(session: Session, case: Case) -> Lease | None:
    """The citizen's home: the live lease, else the newest taken-over (now ordinary) one."""
    stmt = (
        select(Lease)
        .where(Lease.case_id == case.id)
        .options(selectinload(Lease.events))
        .order_by(Lease.start_date.desc(), Lease.id.desc())
    )
    live = session.scalars(stmt.where(Lease.status.in_(LIVE_LEASE_STATUSES)).limit(1)).first()
    if live is not None:
        return live
    return session.scalars(stmt.where(Lease.status == LeaseStatus.TAKEN_OVER).limit(1)).first()


def last_ended_lease(session: Session, case: Case) -> Lease | None:
    """The citizen's newest ended lease (to say so when there is no home now)."""
    return session.scalars(
        select(Lease)
        .where(Lease.case_id == case.id, Lease.status == LeaseStatus.ENDED)
        .order_by(Lease.ended_on.desc(), Lease.id.desc())
        .limit(1)
    ).first()


def notice_event(lease: Lease) -> LeaseEvent | None:
    """The notice given on a lease (its newest), if any."""
    notices = [e for e in lease.events if e.kind == LeaseEventKind.NOTICE_GIVEN]
    return notices[-1] if notices else None


def _sent(stmt: Any) -> Any:
    # Only offers the caseworker sent: a proposal never shown stays the caseworker's.
    sent = exists().where(
        OfferDecision.offer_id == Offer.id, OfferDecision.decision == DecisionKind.OFFER
    )
    return stmt.where(Offer.status != OfferStatus.PROPOSED, sent)


def sent_offers(session: Session, case: Case) -> list[Offer]:
    """The offers sent to the citizen, newest first (the latest few)."""
    stmt = _sent(select(Offer).where(Offer.case_id == case.id))
    stmt = stmt.options(selectinload(Offer.unit), selectinload(Offer.decisions))
    return list(session.scalars(stmt.order_by(Offer.id.desc()).limit(OFFERS_SHOWN)))


def waiting_offer(session: Session, case: Case) -> Offer | None:
    """The open offer the citizen answers or waits on (at most one, by the database)."""
    stmt = _sent(select(Offer).where(Offer.case_id == case.id))
    return session.scalars(stmt.where(Offer.status.in_(WAITING_OFFER_STATUSES)).limit(1)).first()


def get_offer(session: Session, case: Case, offer_id: int) -> Offer | None:
    """One of the citizen's own sent offers by id, or None (someone else's: None)."""
    offer = session.scalars(
        select(Offer).where(Offer.id == offer_id, Offer.case_id == case.id)
    ).first()
    if offer is None or not policy.may_see_offer(case, offer):
        return None
    return offer


def get_photo(session: Session, case: Case, offer_id: int, photo_id: int) -> UnitPhoto | None:
    """A photo of the unit in the citizen's own offer, or None."""
    offer = get_offer(session, case, offer_id)
    if offer is None:
        return None
    photo = session.scalars(
        select(UnitPhoto).where(UnitPhoto.id == photo_id, UnitPhoto.unit_id == offer.unit_id)
    ).first()
    if photo is None or not policy.may_see_photo(case, offer, photo):
        return None
    return photo


@dataclass(frozen=True)
class Share:
    """What the home costs the citizen each month, in kroner."""

    rent: int
    utilities: int
    benefit: int  # the estimated housing benefit: an estimate, never the decision
    subsidy: int
    total: int


def estimate_share(
    session: Session,
    case: Case,
    rent: int,
    utilities: int,
    subsidy: int,
    on: dt.date,
    unit: Unit | None = None,
) -> Share:
    """rent + utilities − estimated housing benefit − subsidy, for the citizen's household.

    A unit without its own kitchen, or a single room, gets no housing benefit; a home
    the citizen is kept in (no unit) is assumed to be an ordinary flat.
    """
    rate = housing_benefit_rate(session, case.receives_pension, on)
    gets_benefit = unit.gets_housing_benefit if unit is not None else True
    benefit = (
        estimate_housing_benefit(rate, rent, case.yearly_income, case.children, gets_benefit)
        if rate is not None
        else 0
    )
    total = monthly_share(rent, utilities, benefit, subsidy)
    return Share(rent, utilities, benefit, subsidy, total)


def share_for_offer(session: Session, case: Case, offer: Offer, on: dt.date) -> Share:
    unit = offer.unit
    return estimate_share(
        session, case, unit.rent, unit.utilities_on_account, case.rent_subsidy, on, unit
    )


def share_for_lease(session: Session, case: Case, lease: Lease, on: dt.date) -> Share:
    return estimate_share(session, case, lease.rent, lease.utilities, lease.subsidy, on, lease.unit)


def latest_plan(session: Session, case: Case) -> Plan | None:
    """The citizen's newest plan, with its goals and activities."""
    return session.scalars(
        select(Plan)
        .where(Plan.case_id == case.id)
        .options(
            selectinload(Plan.goals).selectinload(Goal.updates),
            selectinload(Plan.activities),
        )
        .order_by(Plan.start_date.desc(), Plan.id.desc())
        .limit(1)
    ).first()


@dataclass(frozen=True)
class GoalView:
    goal: Goal
    updates: list[GoalUpdate]  # citizen-visible only, newest first
    sub_goals: list[GoalView]


def plan_goals(plan: Plan) -> tuple[list[GoalView], list[GoalView]]:
    """(the citizen's own goals, the professional goals with their sub-goals).

    Internal notes are filtered out here, in one place, by :func:`policy.may_see_update`.
    """

    def view(goal: Goal) -> GoalView:
        updates = sorted(
            (u for u in goal.updates if policy.may_see_update(u)),
            key=lambda u: (u.written_on, u.id),
            reverse=True,
        )
        subs = [view(g) for g in plan.goals if g.parent_id == goal.id]
        return GoalView(goal, updates, subs)

    own = [view(g) for g in plan.goals if g.kind == GoalKind.CITIZEN]
    professional = [
        view(g) for g in plan.goals if g.kind == GoalKind.PROFESSIONAL and g.parent_id is None
    ]
    # Sub-goals without a parent still belong to the plan: show them on their own.
    orphans = [view(g) for g in plan.goals if g.kind == GoalKind.SUB_GOAL and g.parent_id is None]
    return own, professional + orphans


@dataclass(frozen=True)
class ReadsPage:
    items: list[AuditEvent]
    page: int
    pages: int
    total: int


def reads_of_case(session: Session, case: Case, page: int = 1) -> ReadsPage:
    """Who has seen the citizen's data: staff and landlords, newest first, one page."""
    where = (AuditEvent.case_id == case.id, AuditEvent.actor_role.in_(policy.READER_ROLES))
    total = session.scalar(select(func.count(AuditEvent.id)).where(*where)) or 0
    pages = max(1, -(-total // READS_PER_PAGE))
    page = min(max(1, page), pages)
    items = session.scalars(
        select(AuditEvent)
        .where(*where)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .offset((page - 1) * READS_PER_PAGE)
        .limit(READS_PER_PAGE)
    ).all()
    return ReadsPage(list(items), page, pages, total)


def survey_questions(session: Session, on: dt.date) -> list[SurveyQuestion]:
    """The questions the citizen is asked today."""
    return _survey_questions(session, "citizen", on)


def earlier_answers(session: Session, case: Case) -> list[tuple[dt.date, list[SurveyAnswer]]]:
    """The citizen's answers on the last few days they answered, newest day first."""
    days = (
        select(SurveyAnswer.answered_on)
        .where(SurveyAnswer.case_id == case.id)
        .distinct()
        .order_by(SurveyAnswer.answered_on.desc())
        .limit(EARLIER_DAYS_SHOWN)
        .scalar_subquery()
    )
    rows = session.scalars(
        select(SurveyAnswer)
        .where(SurveyAnswer.case_id == case.id, SurveyAnswer.answered_on.in_(days))
        .options(selectinload(SurveyAnswer.question))
        .order_by(SurveyAnswer.answered_on.desc(), SurveyAnswer.id)
    ).all()
    grouped: dict[dt.date, list[SurveyAnswer]] = {}
    for row in rows:
        grouped.setdefault(row.answered_on, []).append(row)
    return list(grouped.items())


class NoAnswer(DomainError):
    status_code = 400


def save_survey_answers(
    session: Session,
    actor: Account,
    case: Case,
    answers: Mapping[int, int | None],
    today: dt.date,
) -> list[SurveyAnswer]:
    """Save the citizen's answers (question id → 1–5; None: skipped) as of ``today``.

    Only questions asked today count; at least one must be answered. Answering again on
    the same day replaces that day's answer to the question.
    """
    if not case_policy.citizen_may_act_on_case(actor, case):
        raise NotAllowed(_l("You cannot answer for this person."))
    asked = {q.id: q for q in survey_questions(session, today)}
    given = {qid: v for qid, v in answers.items() if v is not None and qid in asked}
    if not given or any(not 1 <= v <= 5 for v in given.values()):
        raise NoAnswer(_l("Choose an answer to at least one question."))
    existing = session.scalars(
        select(SurveyAnswer).where(
            SurveyAnswer.case_id == case.id,
            SurveyAnswer.answered_on == today,
            SurveyAnswer.question_id.in_(list(given)),
        )
    ).all()
    by_question = {a.question_id: a for a in existing}
    saved = []
    for qid, value in given.items():
        row = by_question.get(qid)
        if row is None:
            row = SurveyAnswer(case_id=case.id, question=asked[qid], answered_on=today)
            session.add(row)
        row.value = value
        saved.append(row)
    session.flush()
    record(session, actor, "survey.answer", "case", case.id, case_id=case.id, count=len(saved))
    return saved


def set_language(session: Session, actor: Account, code: str, supported: tuple[str, ...]) -> None:
    """Save the citizen's language; every page uses it from the next request on."""
    if code not in supported:
        raise DomainError(_l("Choose one of the languages in the list."))
    actor.preferred_language = code
    session.flush()


def set_easy_read(session: Session, actor: Account, on: bool) -> None:
    """Turn easy-read on or off for the acting citizen only; every citizen page uses it.

    Like the language, it is the citizen's own display choice, not data about them, so it
    is not an audit event. It changes ``actor`` and nothing else: no other account can be
    named here.
    """
    actor.easy_read = on
    session.flush()


def next_meeting(plan: Plan | None, now: dt.datetime) -> SupportActivity | None:
    """The support activity with the soonest meeting from ``now`` on, or None."""
    activities = plan.activities if plan else []
    coming = [a for a in activities if a.next_meeting_at and a.next_meeting_at >= now]
    return min(coming, key=lambda a: a.next_meeting_at or now) if coming else None
