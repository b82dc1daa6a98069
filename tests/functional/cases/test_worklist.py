"""The caseworker's work list: every kind of item from the demo data, each a link, only
the caseworker's own municipality, and a number of SQL statements that does not grow."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from flask.testing import FlaskClient
from sqlalchemy import Connection, event, select
from sqlalchemy.orm import Session

from portal.accounts.models import Account
from portal.demo import load_demo_data
from portal.leases.models import BreachKind, LeaseEvent, LeaseEventKind
from portal.municipalities.models import Municipality
from portal.offers.models import Offer, OfferStatus
from portal.outcomes.models import FollowUp, Outcome
from portal.plans.models import Plan
from tests import factories

SECTIONS = (
    "reviews",
    "plan_follow_ups",
    "follow_ups",
    "offers",
    "nearing_end",
    "breaches",
    "waiting",
)


def _section(html: str, name: str) -> str:
    match = re.search(rf'data-worklist="{name}">(.*?)</section>', html, re.S)
    assert match, name
    return match.group(1)


def _demo_account(db: Session, subject: str) -> Account:
    return db.scalars(select(Account).where(Account.subject == subject)).one()


def test_the_work_list_shows_every_kind_of_item_as_a_link(
    db: Session, client: FlaskClient, sign_in: Callable[..., None]
) -> None:
    assert load_demo_data() is True
    sign_in(client, _demo_account(db, "staff-network-admin"))
    response = client.get("/staff/?lang=en")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    for name in SECTIONS:
        section = _section(html, name)
        assert "<li>" in section, name
        assert re.search(r'href="/staff/(cases|plans|leases)/\d+', section), name
    assert "Fatima Haddad" in _section(html, "nearing_end")  # the inclusion home's limit
    assert "Kasper Sørensen" in _section(html, "breaches")  # arrears reported
    assert "Waiting for the citizen" in _section(html, "offers")


def test_the_work_list_holds_only_the_caseworkers_municipality(
    db: Session, client: FlaskClient, sign_in: Callable[..., None]
) -> None:
    load_demo_data()
    sign_in(client, _demo_account(db, "staff-751-cw-1"))
    html = client.get("/staff/?lang=en").get_data(as_text=True)
    aarhus = _demo_account(db, "staff-751-cw-1").municipality_id
    names = set(re.findall(r'href="/staff/cases/(\d+)"', html))
    assert names
    from portal.cases.models import Case

    municipalities = set(
        db.scalars(select(Case.municipality_id).where(Case.id.in_([int(n) for n in names])))
    )
    assert municipalities == {aarhus}
    assert "Kasper Sørensen" not in html and "Niels Jørgensen" not in html


def _one_of_each(db: Session, municipality: Municipality, proposer: Account) -> None:
    """One row for every list of the work list."""
    today = dt.date.today()
    org = factories.landlord_org(db)
    basis = factories.inclusion_basis(db)
    waiting = factories.case(db, municipality, waiting_since=today - dt.timedelta(days=90))
    offered = factories.case(db, municipality)
    db.add(Offer(unit_id=factories.unit(db, org, municipality).id, case_id=offered.id,
                 proposed_by_id=proposer.id, status=OfferStatus.OFFERED,
                 response_deadline=today + dt.timedelta(days=3)))  # fmt: skip
    housed = factories.case(db, municipality)
    lease = factories.raw_lease(
        db, housed, basis, unit=factories.unit(db, org, municipality),
        start_date=today - dt.timedelta(days=700), next_review=today + dt.timedelta(days=2),
    )  # fmt: skip
    db.add(LeaseEvent(lease_id=lease.id, kind=LeaseEventKind.BREACH_REPORTED,
                      occurred_on=today, breach_kind=BreachKind.ARREARS))  # fmt: skip
    db.add(Plan(case_id=waiting.id, purpose="P", start_date=today - dt.timedelta(days=100),
                next_follow_up=today + dt.timedelta(days=1)))  # fmt: skip
    moved = factories.case(db, municipality)
    old = factories.raw_lease(db, moved, basis, unit=factories.unit(db, org, municipality),
                              status="ended", ended_on=today - dt.timedelta(days=183))  # fmt: skip
    outcome = Outcome(lease_id=old.id, case_id=moved.id, moved_on=today - dt.timedelta(days=183),
                      destination_id=factories.destination(db).id)  # fmt: skip
    db.add(outcome)
    db.flush()
    db.add(FollowUp(outcome_id=outcome.id, months=6, due_on=today))
    db.commit()


def test_the_number_of_statements_does_not_grow_with_the_data(
    db: Session,
    client: FlaskClient,
    sign_in: Callable[..., None],
    connection: Connection,
) -> None:
    municipality = factories.municipality(db)
    caseworker = factories.caseworker(db, municipality)
    _one_of_each(db, municipality, caseworker)
    sign_in(client, caseworker)
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    def page_statements() -> tuple[int, str]:
        statements.clear()
        event.listen(connection, "before_cursor_execute", count)
        try:
            html = client.get("/staff/?lang=en").get_data(as_text=True)
        finally:
            event.remove(connection, "before_cursor_execute", count)
        return len(statements), html

    page_statements()  # the first request also sets up the session; count from the second
    few, html = page_statements()
    for name in SECTIONS:
        assert "<li>" in _section(html, name), name
    for _ in range(4):
        _one_of_each(db, municipality, caseworker)
    many, html = page_statements()
    assert few == many, (few, many)
    assert html.count('class="staff-due"') + html.count('class="staff-overdue"') > 20
