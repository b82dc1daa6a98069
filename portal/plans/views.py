"""Caseworkers' plan pages: the plan, its goals and updates, support and follow-up.

Load (scoped in SQL through the case), check, act through :mod:`portal.plans.services`.
Each look at a plan is an audit event of a read of the citizen's case.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from wtforms import SelectChoice

from portal.accounts.models import Account, Role
from portal.audit.services import record
from portal.cases import services as case_services
from portal.db import get_session
from portal.plans import services
from portal.plans.forms import (
    ActivityForm,
    DecisionForm,
    GoalForm,
    PlanForm,
    UpdateForm,
    decision_label,
    goal_kind_label,
    goal_status_label,
    goal_type_label,
    level_label,
    source_label,
    support_kind_label,
    theme_label,
)
from portal.plans.models import (
    FollowUpDecision,
    Goal,
    GoalKind,
    GoalStatus,
    GoalType,
    Level,
    Plan,
    SupportKind,
    Theme,
    UpdateSource,
)
from portal.security.access import restrict_blueprint

bp = Blueprint("plans", __name__, url_prefix="/staff")
restrict_blueprint(bp, [Role.CASEWORKER, Role.ADMINISTRATOR])

# Meetings are agreed in Danish local time; the database keeps UTC.
LOCAL_TIME = ZoneInfo("Europe/Copenhagen")


@bp.app_context_processor
def _labels() -> dict[str, Any]:
    return {
        "goal_kind_label": goal_kind_label,
        "goal_type_label": goal_type_label,
        "theme_label": theme_label,
        "level_label": level_label,
        "goal_status_label": goal_status_label,
        "source_label": source_label,
        "support_kind_label": support_kind_label,
        "decision_label": decision_label,
        "staff_local_time": lambda value: value.astimezone(LOCAL_TIME) if value else None,
    }


def _actor() -> Account:
    actor: Account = current_user._get_current_object()
    return actor


def _load_plan(plan_id: int) -> Plan:
    plan = services.get_plan(get_session(), _actor(), plan_id)
    if plan is None:
        abort(404)
    return plan


def _load_goal(goal_id: int) -> Goal:
    goal = services.get_goal(get_session(), _actor(), goal_id)
    if goal is None:
        abort(404)
    return goal


def _field_error(form: Any, error: services.PlanFieldError) -> None:
    field = getattr(form, error.field, None)
    if field is not None:
        field.errors = [*field.errors, str(error)]
    else:
        form.form_errors.append(str(error))


def _status() -> int:
    return 400 if request.method == "POST" else 200


def _to_plan(plan: Plan) -> ResponseReturnValue:
    return redirect(url_for(".detail", plan_id=plan.id), code=303)


# -- the plan ---------------------------------------------------------------------------------


def _plan_data(form: PlanForm) -> services.PlanData:
    return services.PlanData(
        purpose=form.purpose.data or "",
        start_date=form.start_date.data or dt.date.today(),
        expected_duration_months=form.expected_duration_months.data,
        next_follow_up=form.next_follow_up.data,
    )


@bp.route("/cases/<int:case_id>/plans/new", methods=["GET", "POST"])
def create(case_id: int) -> ResponseReturnValue:
    db = get_session()
    case = case_services.get_case(db, _actor(), case_id)
    if case is None:
        abort(404)
    form = PlanForm()
    if request.method == "GET":
        form.start_date.data = dt.date.today()
    if form.validate_on_submit():
        try:
            plan = services.create_plan(db, _actor(), case, _plan_data(form))
        except services.PlanFieldError as error:
            db.rollback()
            _field_error(form, error)
        else:
            db.commit()
            return _to_plan(plan)
    return render_template("plans/plan_form.html", form=form, case=case, plan=None), _status()


@bp.get("/plans/<int:plan_id>")
def detail(plan_id: int) -> ResponseReturnValue:
    db = get_session()
    plan = _load_plan(plan_id)
    goals = plan.goals
    sub_goals: dict[int, list[Goal]] = {}
    for goal in goals:
        if goal.parent_id is not None:
            sub_goals.setdefault(goal.parent_id, []).append(goal)
    record(
        db, _actor(), "case.read", "plan", plan.id, case_id=plan.case_id,
        purpose=case_services.PURPOSE_PLAN_WORK,
    )  # fmt: skip
    db.commit()
    return render_template(
        "plans/detail.html",
        plan=plan,
        case=plan.case,
        own_goals=[g for g in goals if g.kind == GoalKind.CITIZEN],
        professional_goals=[g for g in goals if g.kind == GoalKind.PROFESSIONAL],
        orphans=[g for g in goals if g.kind == GoalKind.SUB_GOAL and g.parent_id is None],
        sub_goals=sub_goals,
        decision_form=DecisionForm(),
        today=dt.date.today(),
    )


@bp.route("/plans/<int:plan_id>/edit", methods=["GET", "POST"])
def edit(plan_id: int) -> ResponseReturnValue:
    db = get_session()
    plan = _load_plan(plan_id)
    form = PlanForm(obj=plan) if request.method == "GET" else PlanForm()
    if form.validate_on_submit():
        try:
            services.update_plan(db, _actor(), plan, _plan_data(form))
        except services.PlanFieldError as error:
            db.rollback()
            _field_error(form, error)
        else:
            db.commit()
            return _to_plan(plan)
    return render_template("plans/plan_form.html", form=form, case=plan.case, plan=plan), _status()


@bp.route("/plans/<int:plan_id>/decision", methods=["GET", "POST"])
def decide(plan_id: int) -> ResponseReturnValue:
    db = get_session()
    plan = _load_plan(plan_id)
    form = DecisionForm()
    if request.method == "GET":
        form.decided_on.data = dt.date.today()
    if form.validate_on_submit():
        try:
            services.decide_follow_up(
                db, _actor(), plan, FollowUpDecision(form.decision.data),
                form.decided_on.data or dt.date.today(), form.next_follow_up.data,
            )  # fmt: skip
        except services.PlanFieldError as error:
            db.rollback()
            _field_error(form, error)
        else:
            db.commit()
            return _to_plan(plan)
    return render_template("plans/decision_form.html", form=form, plan=plan), _status()


# -- goals and updates ------------------------------------------------------------------------


def _goal_form(plan: Plan, obj: Goal | None = None) -> GoalForm:
    form = GoalForm(obj=obj) if request.method == "GET" and obj is not None else GoalForm()
    form.parent_id.choices = [SelectChoice("", "—")] + [
        SelectChoice(g.id, g.text[:80]) for g in plan.goals if g.kind == GoalKind.PROFESSIONAL
        and (obj is None or g.id != obj.id)
    ]  # fmt: skip
    return form


def _goal_data(form: GoalForm) -> services.GoalData:
    return services.GoalData(
        kind=GoalKind(form.kind.data),
        text=form.text.data or "",
        parent_id=form.parent_id.data,
        goal_type=GoalType(form.goal_type.data) if form.goal_type.data else None,
        theme=Theme(form.theme.data) if form.theme.data else None,
        level_now=Level(form.level_now.data),
        level_target=Level(form.level_target.data),
        target_date=form.target_date.data,
        follow_up_date=form.follow_up_date.data,
        status=GoalStatus(form.status.data),
    )


@bp.route("/plans/<int:plan_id>/goals/new", methods=["GET", "POST"])
def add_goal(plan_id: int) -> ResponseReturnValue:
    db = get_session()
    plan = _load_plan(plan_id)
    form = _goal_form(plan)
    if request.method == "GET" and request.args.get("parent", "").isdigit():
        form.kind.data = GoalKind.SUB_GOAL.value
        form.parent_id.data = int(request.args["parent"])
    if form.validate_on_submit():
        try:
            services.add_goal(db, _actor(), plan, _goal_data(form))
        except services.PlanFieldError as error:
            db.rollback()
            _field_error(form, error)
        else:
            db.commit()
            return _to_plan(plan)
    return render_template("plans/goal_form.html", form=form, plan=plan, goal=None), _status()


@bp.route("/goals/<int:goal_id>/edit", methods=["GET", "POST"])
def edit_goal(goal_id: int) -> ResponseReturnValue:
    db = get_session()
    goal = _load_goal(goal_id)
    plan = goal.plan
    form = _goal_form(plan, goal)
    if form.validate_on_submit():
        try:
            services.update_goal(db, _actor(), goal, _goal_data(form))
        except services.PlanFieldError as error:
            db.rollback()
            _field_error(form, error)
        else:
            db.commit()
            return _to_plan(plan)
    return render_template("plans/goal_form.html", form=form, plan=plan, goal=goal), _status()


@bp.route("/goals/<int:goal_id>/updates/new", methods=["GET", "POST"])
def add_update(goal_id: int) -> ResponseReturnValue:
    db = get_session()
    goal = _load_goal(goal_id)
    form = UpdateForm()
    if request.method == "GET":
        form.written_on.data = dt.date.today()
    if form.validate_on_submit():
        try:
            services.add_update(
                db, _actor(), goal,
                written_on=form.written_on.data or dt.date.today(),
                text=form.text.data or "",
                source=UpdateSource(form.source.data),
                citizen_visible=form.citizen_visible.data == "yes",
                level=Level(form.level.data) if form.level.data else None,
                author_name=form.author_name.data,
                today=dt.date.today(),
            )  # fmt: skip
        except services.PlanFieldError as error:
            db.rollback()
            _field_error(form, error)
        else:
            db.commit()
            return _to_plan(goal.plan)
    return render_template(
        "plans/update_form.html", form=form, goal=goal, plan=goal.plan
    ), _status()


# -- support activities -----------------------------------------------------------------------


@bp.route("/plans/<int:plan_id>/activities/new", methods=["GET", "POST"])
def add_activity(plan_id: int) -> ResponseReturnValue:
    db = get_session()
    plan = _load_plan(plan_id)
    form = ActivityForm()
    if request.method == "GET":
        form.start_date.data = dt.date.today()
    if form.validate_on_submit():
        meeting = None
        if form.next_meeting_on.data is not None:
            at = form.next_meeting_time.data or dt.time(9, 0)
            local = dt.datetime.combine(form.next_meeting_on.data, at, tzinfo=LOCAL_TIME)
            meeting = local.astimezone(dt.UTC)
        data = services.ActivityData(
            kind=SupportKind(form.kind.data),
            description=form.description.data or "",
            provider=form.provider.data or "",
            start_date=form.start_date.data or dt.date.today(),
            frequency=form.frequency.data or None,
            contact_name=form.contact_name.data or None,
            contact_phone=form.contact_phone.data or None,
            contact_email=form.contact_email.data or None,
            end_date=form.end_date.data,
            next_meeting_at=meeting,
        )
        try:
            services.add_activity(db, _actor(), plan, data)
        except services.PlanFieldError as error:
            db.rollback()
            _field_error(form, error)
        else:
            db.commit()
            return _to_plan(plan)
    return render_template("plans/activity_form.html", form=form, plan=plan), _status()
