"""A caseworker of one municipality cannot see, find or change another's case: by id, by
search or by CPR number."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from portal.plans.models import Goal, GoalKind, Plan
from tests import factories
from tests.functional.cases.conftest import World, csrf_token


def test_another_municipalitys_case_is_not_found_by_id(
    db: Session, world: World, as_caseworker: FlaskClient
) -> None:
    plan = Plan(case_id=world.foreign_case.id, purpose="Bo selv", start_date=dt.date(2026, 1, 1))
    plan.goals = [Goal(kind=GoalKind.CITIZEN, text="Mit eget sted")]
    db.add(plan)
    db.commit()
    foreign = world.foreign_case.id
    goal = plan.goals[0].id
    for url in (
        f"/staff/cases/{foreign}",
        f"/staff/cases/{foreign}/edit",
        f"/staff/cases/{foreign}/plans/new",
        f"/staff/plans/{plan.id}",
        f"/staff/plans/{plan.id}/edit",
        f"/staff/plans/{plan.id}/goals/new",
        f"/staff/plans/{plan.id}/activities/new",
        f"/staff/plans/{plan.id}/decision",
        f"/staff/goals/{goal}/edit",
        f"/staff/goals/{goal}/updates/new",
        "/staff/cases/999999",
    ):
        assert as_caseworker.get(url).status_code == 404, url
    token = csrf_token(as_caseworker, "/staff/cases/")
    for url in (f"/staff/cases/{foreign}/edit", f"/staff/plans/{plan.id}/edit"):
        response = as_caseworker.post(url, data={"csrf_token": token, "name": "X", "purpose": "X"})
        assert response.status_code == 404, url
    # Nothing was read or changed: the other citizen's log stays empty.
    assert factories.audit_actions(db, case_id=foreign) == []


def test_another_municipalitys_case_is_not_found_by_name_or_cpr(
    world: World, as_caseworker: FlaskClient
) -> None:
    listing = as_caseworker.get("/staff/cases/?q=Mette&lang=en").get_data(as_text=True)
    assert "Mette Jensen" in listing and "Mette Knudsen" not in listing
    assert "Mette Knudsen" not in as_caseworker.get("/staff/cases/").get_data(as_text=True)

    token = csrf_token(as_caseworker, "/staff/cases/")
    response = as_caseworker.post(
        "/staff/cases/find?lang=en", data={"csrf_token": token, "cpr": world.foreign_cpr}
    )
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and "Location" not in response.headers
    assert "No case with this CPR number was found" in text and "Mette Knudsen" not in text


def test_a_network_administrator_sees_every_municipality(
    db: Session, world: World, client: FlaskClient, sign_in: Callable[..., None]
) -> None:
    admin = factories.network_admin(db)
    db.commit()
    sign_in(client, admin)
    listing = client.get("/staff/cases/?q=Mette").get_data(as_text=True)
    assert "Mette Jensen" in listing and "Mette Knudsen" in listing
    assert client.get(f"/staff/cases/{world.foreign_case.id}").status_code == 200


def test_other_roles_cannot_reach_the_case_pages(
    db: Session, world: World, client: FlaskClient, sign_in: Callable[..., None]
) -> None:
    citizen = factories.citizen_account(db, world.case)
    db.commit()
    sign_in(client, citizen)
    assert client.get(f"/staff/cases/{world.case.id}").status_code == 403
    assert client.get("/staff/").status_code == 403
