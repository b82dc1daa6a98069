"""A caseworker writes a plan: goals in the FFB vocabulary, updates for the citizen or
internal, support, and the follow-up decision; each look at the plan is logged."""

from __future__ import annotations

import datetime as dt

from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.audit.models import AuditEvent
from portal.plans.models import (
    FollowUpDecision,
    Goal,
    GoalKind,
    GoalUpdate,
    Level,
    Plan,
    SupportActivity,
    UpdateSource,
)
from tests import factories
from tests.functional.cases.conftest import World, csrf_token

OWN_WORDS = "أريد بيتًا لعائلتي وأن أتعلم الدنماركية."


def _post(client: FlaskClient, url: str, **data: object) -> object:
    token = csrf_token(client, url)
    return client.post(url, data={"csrf_token": token, **data})


def test_a_plan_with_goals_updates_support_and_a_decision(
    db: Session, world: World, as_caseworker: FlaskClient
) -> None:
    client = as_caseworker
    case_id = world.case.id
    response = _post(
        client, f"/staff/cases/{case_id}/plans/new", purpose="At borgeren får egen bolig.",
        expected_duration_months="12", start_date="2026-01-10", next_follow_up="2026-04-10",
    )  # fmt: skip
    assert response.status_code == 303  # type: ignore[attr-defined]
    plan = db.scalars(select(Plan).where(Plan.case_id == case_id)).one()
    assert (plan.expected_duration_months, plan.next_follow_up) == (12, dt.date(2026, 4, 10))

    url = f"/staff/plans/{plan.id}/goals/new"
    _post(client, url, kind="citizen", text=OWN_WORDS, theme="housing", goal_type="develop",
          level_now="not_assessed", level_target="not_assessed", status="active")  # fmt: skip
    _post(client, url, kind="professional", text="Borgeren betaler husleje til tiden.",
          theme="economy", goal_type="develop", level_now="severe", level_target="light",
          target_date="2026-12-31", follow_up_date="2026-04-10", status="active")  # fmt: skip
    professional = db.scalars(
        select(Goal).where(Goal.plan_id == plan.id, Goal.kind == GoalKind.PROFESSIONAL)
    ).one()
    _post(client, url, kind="sub_goal", parent_id=str(professional.id),
          text="Har betalingsservice på husleje.", level_now="severe", level_target="none",
          status="active")  # fmt: skip
    goals = db.scalars(select(Goal).where(Goal.plan_id == plan.id).order_by(Goal.id)).all()
    assert [g.kind for g in goals] == [GoalKind.CITIZEN, GoalKind.PROFESSIONAL, GoalKind.SUB_GOAL]
    assert goals[0].text == OWN_WORDS  # the citizen's own words, as written
    assert goals[1].level_at_start == Level.SEVERE and goals[1].level_target == Level.LIGHT
    assert goals[2].parent_id == professional.id

    updates = f"/staff/goals/{professional.id}/updates/new"
    _post(client, updates, written_on="2026-02-01", source="support_worker",
          author_name="Anja Riis", text="Det går bedre med at betale til tiden.",
          citizen_visible="yes", level="moderate")  # fmt: skip
    _post(client, updates, written_on="2026-02-02", source="caseworker",
          text="Intern note: drøftet på teammøde.", citizen_visible="no")  # fmt: skip
    rows = db.scalars(select(GoalUpdate).order_by(GoalUpdate.id)).all()
    assert [(u.source, u.citizen_visible) for u in rows] == [
        (UpdateSource.SUPPORT_WORKER, True),
        (UpdateSource.CASEWORKER, False),
    ]
    assert rows[0].author_name == "Anja Riis" and rows[1].author_name == "Birgitte Lund"
    db.expire_all()
    assert db.get(Goal, professional.id).level_now == Level.MODERATE  # type: ignore[union-attr]

    _post(client, f"/staff/plans/{plan.id}/activities/new", kind="social",
          description="Housing First-bostøtte", provider="Hjemløseenheden",
          frequency="2 gange om ugen", contact_name="Anja Riis",
          contact_phone="+45 41 22 33 44", start_date="2026-01-10",
          next_meeting_on="2026-07-01", next_meeting_time="10:00")  # fmt: skip
    activity = db.scalars(select(SupportActivity).where(SupportActivity.plan_id == plan.id)).one()
    # 10:00 in Copenhagen in summer is 08:00 UTC.
    assert activity.next_meeting_at == dt.datetime(2026, 7, 1, 8, 0, tzinfo=dt.UTC)

    page = client.get(f"/staff/plans/{plan.id}?lang=en")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert f'<span dir="auto">{OWN_WORDS}</span>' in text
    assert "Visible to the citizen" in text and "Internal" in text
    assert "Intern note: drøftet på teammøde." in text and "Anja Riis" in text
    assert "Moderate limitations" in text and "Har betalingsservice på husleje." in text

    response = _post(client, f"/staff/plans/{plan.id}/decision", decision="continue",
                     decided_on="2026-04-10", next_follow_up="2026-07-10")  # fmt: skip
    assert response.status_code == 303  # type: ignore[attr-defined]
    db.expire_all()
    plan = db.get(Plan, plan.id)  # type: ignore[assignment]
    assert plan.follow_up_decision == FollowUpDecision.CONTINUE
    assert plan.next_follow_up == dt.date(2026, 7, 10)
    _post(client, f"/staff/plans/{plan.id}/decision", decision="end_and_refer",
          decided_on="2026-07-10")  # fmt: skip
    db.expire_all()
    plan = db.get(Plan, plan.id)  # type: ignore[assignment]
    assert plan.follow_up_decision == FollowUpDecision.END_AND_REFER and plan.next_follow_up is None

    actions = factories.audit_actions(db, case_id=case_id)
    assert actions.count("goal.create") == 3
    assert actions.count("goal.update_added") == 2
    assert {"plan.create", "plan.activity_added", "plan.follow_up", "case.read"} <= set(actions)
    read = db.scalars(
        select(AuditEvent).where(AuditEvent.object_type == "plan", AuditEvent.action == "case.read")
    ).first()
    assert read is not None and read.purpose == "plan work" and read.case_id == case_id
    assert read.actor_id == world.caseworker.id


def test_a_look_at_a_case_is_logged_with_its_purpose(
    db: Session, world: World, as_caseworker: FlaskClient
) -> None:
    for _ in range(2):
        assert as_caseworker.get(f"/staff/cases/{world.case.id}").status_code == 200
    reads = db.scalars(
        select(AuditEvent).where(
            AuditEvent.case_id == world.case.id, AuditEvent.action == "case.read"
        )
    ).all()
    assert len(reads) == 2
    assert {(r.actor_id, r.actor_role, r.purpose) for r in reads} == {
        (world.caseworker.id, "caseworker", "case work")
    }


def test_bad_plan_input_keeps_what_was_typed_and_changes_nothing(
    db: Session, world: World, as_caseworker: FlaskClient
) -> None:
    plan = factories.plan_with_goal(db, world.case)
    db.commit()
    goals = db.scalar(select(func.count(Goal.id)))
    response = _post(as_caseworker, f"/staff/plans/{plan.id}/goals/new?lang=en",
                     kind="sub_goal", text="Mit eget delmål", level_now="none",
                     level_target="none", status="active")  # fmt: skip
    text = response.get_data(as_text=True)  # type: ignore[attr-defined]
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "Choose the professional goal this sub-goal belongs to." in text
    assert "Mit eget delmål" in text
    assert db.scalar(select(func.count(Goal.id))) == goals

    goal = plan.goals[0]
    response = _post(as_caseworker, f"/staff/goals/{goal.id}/updates/new?lang=en",
                     written_on="2999-01-01", source="citizen", text="Jeg har det godt.",
                     citizen_visible="yes")  # fmt: skip
    text = response.get_data(as_text=True)  # type: ignore[attr-defined]
    assert response.status_code == 400 and "The date cannot be in the future." in text  # type: ignore[attr-defined]
    assert "Jeg har det godt." in text
    response = _post(as_caseworker, f"/staff/goals/{goal.id}/updates/new?lang=en",
                     written_on="2026-01-01", source="citizen", text="Uden valg")  # fmt: skip
    assert "Choose who can read the update." in response.get_data(as_text=True)  # type: ignore[attr-defined]
    assert db.scalar(select(func.count(GoalUpdate.id))) == 0

    response = _post(as_caseworker, f"/staff/plans/{plan.id}/decision?lang=en",
                     decision="continue", decided_on="2026-04-10")  # fmt: skip
    assert "Write the date of the next follow-up." in response.get_data(as_text=True)  # type: ignore[attr-defined]
    db.expire_all()
    assert db.get(Plan, plan.id).follow_up_decision is None  # type: ignore[union-attr]


def test_edit_a_plan_and_a_goal(db: Session, world: World, as_caseworker: FlaskClient) -> None:
    plan = factories.plan_with_goal(db, world.case)
    db.commit()
    goal = plan.goals[0]
    response = _post(as_caseworker, f"/staff/plans/{plan.id}/edit", purpose="Ny plan",
                     start_date="2025-09-01", next_follow_up="2026-05-01",
                     expected_duration_months="18")  # fmt: skip
    assert response.status_code == 303  # type: ignore[attr-defined]
    response = _post(as_caseworker, f"/staff/goals/{goal.id}/edit", kind="citizen",
                     text="Jeg vil  klare   mig selv.", level_now="light", level_target="none",
                     status="partly_reached", theme="daily_living")  # fmt: skip
    assert response.status_code == 303  # type: ignore[attr-defined]
    db.expire_all()
    plan = db.get(Plan, plan.id)  # type: ignore[assignment]
    assert plan.purpose == "Ny plan" and plan.expected_duration_months == 18
    goal = db.get(Goal, goal.id)  # type: ignore[assignment]
    assert goal.text == "Jeg vil  klare   mig selv."  # kept as written
    assert goal.level_now == Level.LIGHT and goal.status.value == "partly_reached"
    actions = factories.audit_actions(db, case_id=world.case.id)
    assert "plan.update" in actions and "goal.update" in actions
