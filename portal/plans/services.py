"""Plans: their goals in KL's Fælles Faglige Begreber, dated updates, support activities
and the follow-up decision.

Look-ups are scoped in SQL through the plan's case (another municipality's plan is not
found). Every write checks the case policy again, writes one audit event and flushes;
nothing here commits. Citizens' own words are stored as written (only the surrounding
whitespace is dropped by the form).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from portal.accounts.models import Account
from portal.audit.services import record
from portal.cases import policy
from portal.cases.models import Case
from portal.cases.services import case_scope
from portal.errors import DomainError, NotAllowed
from portal.plans.models import (
    FollowUpDecision,
    Goal,
    GoalKind,
    GoalStatus,
    GoalType,
    GoalUpdate,
    Level,
    Plan,
    SupportActivity,
    SupportKind,
    Theme,
    UpdateSource,
)


class PlanFieldError(DomainError):
    """A rule about one field of a plan form; ``field`` names it for the view."""

    status_code = 400

    def __init__(self, field_name: str, message: Any, **params: Any) -> None:
        super().__init__(message, **params)
        self.field = field_name


def _require(actor: Account, case: Case) -> None:
    if not policy.caseworker_may_act_on_case(actor, case):
        raise NotAllowed(_l("You cannot change this plan."))


# -- look-ups -------------------------------------------------------------------------------


def get_plan(db: Session, actor: Account, plan_id: int) -> Plan | None:
    """The plan with its goals, updates and activities, if ``actor`` may see its case."""
    plan = db.scalars(
        select(Plan)
        .join(Case, Case.id == Plan.case_id)
        .where(Plan.id == plan_id, case_scope(actor))
        .options(
            selectinload(Plan.case),
            selectinload(Plan.goals).selectinload(Goal.updates),
            selectinload(Plan.activities),
        )
    ).first()
    if plan is None or not policy.caseworker_may_act_on_case(actor, plan.case):
        return None
    return plan


def get_goal(db: Session, actor: Account, goal_id: int) -> Goal | None:
    """The goal, if ``actor`` may see the case of its plan."""
    goal = db.scalars(
        select(Goal)
        .join(Plan, Plan.id == Goal.plan_id)
        .join(Case, Case.id == Plan.case_id)
        .where(Goal.id == goal_id, case_scope(actor))
        .options(selectinload(Goal.plan).selectinload(Plan.case))
    ).first()
    if goal is None or not policy.caseworker_may_act_on_case(actor, goal.plan.case):
        return None
    return goal


# -- the plan -------------------------------------------------------------------------------


@dataclass
class PlanData:
    purpose: str
    start_date: dt.date
    expected_duration_months: int | None = None
    next_follow_up: dt.date | None = None


def _check_plan(data: PlanData) -> None:
    if not data.purpose.strip():
        raise PlanFieldError("purpose", _l("Write the purpose of the support."))
    if data.next_follow_up is not None and data.next_follow_up < data.start_date:
        raise PlanFieldError(
            "next_follow_up", _l("The follow-up cannot be before the start of the plan.")
        )


def create_plan(db: Session, actor: Account, case: Case, data: PlanData) -> Plan:
    """A new plan for ``case``."""
    _require(actor, case)
    _check_plan(data)
    plan = Plan(case_id=case.id, **{f.name: getattr(data, f.name) for f in fields(data)})
    db.add(plan)
    db.flush()
    record(db, actor, "plan.create", "plan", plan.id, case_id=case.id)
    return plan


def update_plan(db: Session, actor: Account, plan: Plan, data: PlanData) -> None:
    """Change a plan's purpose, duration and dates."""
    _require(actor, plan.case)
    _check_plan(data)
    changed = [f.name for f in fields(data) if getattr(plan, f.name) != getattr(data, f.name)]
    for name in changed:
        setattr(plan, name, getattr(data, name))
    db.flush()
    if changed:
        record(db, actor, "plan.update", "plan", plan.id, case_id=plan.case_id, fields=changed)


def decide_follow_up(
    db: Session,
    actor: Account,
    plan: Plan,
    decision: FollowUpDecision,
    decided_on: dt.date,
    next_follow_up: dt.date | None = None,
) -> None:
    """Record the follow-up decision: continue (with the next follow-up), end and refer,
    or end (no further follow-up then)."""
    _require(actor, plan.case)
    if decision == FollowUpDecision.CONTINUE:
        if next_follow_up is None:
            raise PlanFieldError("next_follow_up", _l("Write the date of the next follow-up."))
        if next_follow_up <= decided_on:
            raise PlanFieldError(
                "next_follow_up", _l("The next follow-up must be after the decision.")
            )
    else:
        next_follow_up = None
    plan.follow_up_decision = decision
    plan.decided_on = decided_on
    plan.next_follow_up = next_follow_up
    db.flush()
    record(
        db, actor, "plan.follow_up", "plan", plan.id, case_id=plan.case_id,
        decision=decision, next_follow_up=next_follow_up,
    )  # fmt: skip


# -- goals ----------------------------------------------------------------------------------


@dataclass
class GoalData:
    kind: GoalKind
    text: str
    parent_id: int | None = None
    goal_type: GoalType | None = None
    theme: Theme | None = None
    level_now: Level = Level.NOT_ASSESSED
    level_target: Level = Level.NOT_ASSESSED
    target_date: dt.date | None = None
    follow_up_date: dt.date | None = None
    status: GoalStatus = GoalStatus.ACTIVE


def _check_goal(plan: Plan, data: GoalData, goal: Goal | None = None) -> None:
    if not data.text.strip():
        raise PlanFieldError("text", _l("Write the goal."))
    if data.kind == GoalKind.SUB_GOAL:
        parent = next((g for g in plan.goals if g.id == data.parent_id), None)
        if parent is None or parent.kind != GoalKind.PROFESSIONAL:
            raise PlanFieldError(
                "parent_id", _l("Choose the professional goal this sub-goal belongs to.")
            )
    elif data.parent_id is not None:
        raise PlanFieldError("parent_id", _l("Only a sub-goal belongs to another goal."))
    if (
        goal is not None
        and data.kind != goal.kind
        and any(g.parent_id == goal.id for g in plan.goals)
    ):
        raise PlanFieldError(
            "kind", _l("This goal has sub-goals, so it stays a professional goal.")
        )


def add_goal(db: Session, actor: Account, plan: Plan, data: GoalData) -> Goal:
    """A new goal: the citizen's own, a professional goal, or a sub-goal of one."""
    _require(actor, plan.case)
    _check_goal(plan, data)
    values = {f.name: getattr(data, f.name) for f in fields(data)}
    goal = Goal(plan_id=plan.id, level_at_start=data.level_now, **values)
    db.add(goal)
    db.flush()
    record(db, actor, "goal.create", "goal", goal.id, case_id=plan.case_id, kind=data.kind)
    return goal


def update_goal(db: Session, actor: Account, goal: Goal, data: GoalData) -> None:
    """Change a goal (its level at the start stays as first assessed)."""
    plan = goal.plan
    _require(actor, plan.case)
    _check_goal(plan, data, goal)
    changed = [f.name for f in fields(data) if getattr(goal, f.name) != getattr(data, f.name)]
    for name in changed:
        setattr(goal, name, getattr(data, name))
    db.flush()
    if changed:
        record(db, actor, "goal.update", "goal", goal.id, case_id=plan.case_id, fields=changed)


def add_update(
    db: Session,
    actor: Account,
    goal: Goal,
    *,
    written_on: dt.date,
    text: str,
    source: UpdateSource,
    citizen_visible: bool,
    level: Level | None = None,
    author_name: str | None = None,
    today: dt.date,
) -> GoalUpdate:
    """A dated update of a goal, from the citizen, the caseworker or a support worker,
    either visible to the citizen or internal. A level given becomes the goal's level now."""
    _require(actor, goal.plan.case)
    if not text.strip():
        raise PlanFieldError("text", _l("Write the update."))
    if written_on > today:
        raise PlanFieldError("written_on", _l("The date cannot be in the future."))
    update = GoalUpdate(
        goal_id=goal.id,
        written_on=written_on,
        text=text,
        source=source,
        citizen_visible=citizen_visible,
        level=level,
        author_id=actor.id,
        author_name=(author_name or "").strip() or actor.display_name,
    )
    db.add(update)
    if level is not None:
        goal.level_now = level
    db.flush()
    record(
        db, actor, "goal.update_added", "goal_update", update.id, case_id=goal.plan.case_id,
        goal_id=goal.id, source=source, citizen_visible=citizen_visible,
    )  # fmt: skip
    return update


# -- support activities ---------------------------------------------------------------------


@dataclass
class ActivityData:
    kind: SupportKind
    description: str
    provider: str
    start_date: dt.date
    frequency: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    contact_email: str | None = None
    end_date: dt.date | None = None
    next_meeting_at: dt.datetime | None = None


def add_activity(db: Session, actor: Account, plan: Plan, data: ActivityData) -> SupportActivity:
    """A support activity (social, integration or employment) with its contact person."""
    _require(actor, plan.case)
    if data.end_date is not None and data.end_date < data.start_date:
        raise PlanFieldError("end_date", _l("The end cannot be before the start."))
    activity = SupportActivity(
        plan_id=plan.id, **{f.name: getattr(data, f.name) for f in fields(data)}
    )
    db.add(activity)
    db.flush()
    record(
        db, actor, "plan.activity_added", "support_activity", activity.id,
        case_id=plan.case_id, kind=data.kind,
    )  # fmt: skip
    return activity
