"""Staff accounts as the provider mapped them; stopping and restarting one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from portal.accounts.models import Account
from portal.admin.services import PAGE_SIZE
from portal.db import utcnow
from tests import factories as f


def test_the_list_shows_own_municipality_role_and_last_login(
    admin_client: Callable[[Account], FlaskClient], cast: Any
) -> None:
    page = admin_client(cast.north_admin).get("/admin/staff/").text
    assert "Nina Nord" in page and "Caseworker" in page and cast.north.name in page
    assert "Søren Syd" not in page
    everyone = admin_client(cast.network_admin).get("/admin/staff/").text
    assert "Nina Nord" in everyone and "Søren Syd" in everyone


def test_deactivate_stops_the_login_and_reactivate_restarts_it(
    db: Session,
    client: FlaskClient,
    sign_in: Callable[..., None],
    admin_client: Callable[[Account], FlaskClient],
    csrf: Callable[[FlaskClient, str], str],
    cast: Any,
    app: Any,
) -> None:
    worker = cast.north_caseworker
    other = app.test_client()
    sign_in(other, worker)
    assert other.get("/staff/").status_code == 200
    admin = admin_client(cast.north_admin)
    token = csrf(admin, "/admin/staff/")
    done = admin.post(f"/admin/staff/{worker.id}/deactivate", data={"csrf_token": token})
    assert done.status_code == 303
    db.refresh(worker)
    assert worker.active is False
    assert other.get("/staff/").status_code == 401
    assert "Stopped" in admin.get("/admin/staff/").text
    admin.post(f"/admin/staff/{worker.id}/reactivate", data={"csrf_token": token})
    db.refresh(worker)
    assert worker.active is True
    assert f.audit_actions(db, object_id=worker.id, object_type="account")[-2:] == [
        "staff.deactivated",
        "staff.reactivated",
    ]


def test_an_administrator_cannot_stop_their_own_account(
    db: Session,
    admin_client: Callable[[Account], FlaskClient],
    csrf: Callable[[FlaskClient, str], str],
    cast: Any,
    state: Callable[[], dict[str, Any]],
) -> None:
    admin = admin_client(cast.north_admin)
    token = csrf(admin, "/admin/staff/")
    before = state()
    own = admin.post(f"/admin/staff/{cast.north_admin.id}/deactivate", data={"csrf_token": token})
    assert own.status_code == 403
    assert state() == before


def test_accounts_that_never_logged_in_are_not_listed(
    db: Session, admin_client: Callable[[Account], FlaskClient], cast: Any
) -> None:
    f.caseworker(db, cast.north, display_name="Aldrig Logget Ind")
    db.commit()
    assert "Aldrig Logget Ind" not in admin_client(cast.north_admin).get("/admin/staff/").text


def test_the_list_is_paginated(
    db: Session, admin_client: Callable[[Account], FlaskClient], cast: Any
) -> None:
    for _ in range(PAGE_SIZE + 1):
        f.caseworker(db, cast.south, last_login_at=utcnow())
    db.commit()
    client = admin_client(cast.south_admin)
    first = client.get("/admin/staff/").text
    assert first.count("<tr data-account=") == PAGE_SIZE
    assert 'rel="next"' in first
    second = client.get("/admin/staff/?page=2").text
    assert second.count("<tr data-account=") == 3  # 26 new, Søren Syd and the administrator
    assert 'rel="prev"' in second and 'rel="next"' not in second
