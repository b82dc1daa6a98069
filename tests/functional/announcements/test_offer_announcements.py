"""Each step of an offer tells the right people, once, with a link to their own page;
a refused step tells no one."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event

from portal.announcements.recipients import landlord_members
from portal.landlords.models import MemberStatus
from portal.leases.services import GoalsRequired, LeaseTerms
from portal.notifications.events import Kind
from portal.offers import services as offers
from portal.offers.models import RuleKind
from portal.offers.rules import RuleResult
from portal.rules.models import Actor
from tests import factories as f
from tests.functional.announcements.helpers import inbox, notification_count
from tests.functional.matching.helpers import post

TODAY = dt.date.today()
DEADLINE = TODAY + dt.timedelta(days=10)
RULES = [RuleResult("target_group", RuleKind.MUST, True)]


@pytest.fixture
def proposed(db, s):
    return offers.propose(db, s.caseworker, s.unit, s.case, RULES, TODAY)


@pytest.fixture
def offered(db, s, proposed):
    return offers.send_to_citizen(db, s.caseworker, proposed, DEADLINE, TODAY)


@pytest.fixture
def citizen_accepted(db, s, offered):
    return offers.citizen_answer(db, s.citizen, offered, True, today=TODAY)


@pytest.fixture
def landlord_accepted(db, s, citizen_accepted):
    return offers.landlord_answer(db, s.landlord, citizen_accepted, True, today=TODAY)


def _follow(client, sign_in, account, url, **session_data):
    sign_in(client, account, **session_data)
    return client.get(url)


def test_a_proposal_tells_no_one_until_it_is_sent_to_the_citizen(
    db, client, sign_in, s, proposed
) -> None:
    assert notification_count(db) == 0
    offers.send_to_citizen(db, s.caseworker, proposed, DEADLINE, TODAY)
    url = f"/citizen/offers/{proposed.id}"
    assert inbox(db, s.citizen) == [(Kind.OFFER_NEW, url)]
    assert inbox(db, s.caseworker) == [] and inbox(db, s.landlord) == []
    db.commit()
    assert _follow(client, sign_in, s.citizen, url).status_code == 200


def test_the_citizens_yes_tells_every_active_landlord_member_and_the_caseworker(
    db, client, sign_in, s, offered
) -> None:
    colleague = f.landlord_member(db, s.organisation)
    invited = f.landlord_member(db, s.organisation, status=MemberStatus.INVITED)
    stranger = f.landlord_member(db, f.landlord_org(db))
    offers.citizen_answer(db, s.citizen, offered, True, today=TODAY)

    tenant_page = f"/landlord/tenants/{offered.id}"
    assert inbox(db, s.landlord) == [(Kind.TENANT_PROPOSED, tenant_page)]
    assert inbox(db, colleague) == [(Kind.TENANT_PROPOSED, tenant_page)]
    assert inbox(db, invited) == [] and inbox(db, stranger) == []
    assert inbox(db, s.caseworker) == [
        (Kind.CITIZEN_ANSWERED, f"/staff/matching/offer/{offered.id}")
    ]
    assert inbox(db, s.citizen) == [(Kind.OFFER_NEW, f"/citizen/offers/{offered.id}")]
    db.commit()
    page = _follow(client, sign_in, colleague, tenant_page, landlord_org_id=s.organisation.id)
    assert page.status_code == 200


def test_the_citizens_no_tells_the_caseworker_only(db, s, offered) -> None:
    reason = f.decline_reason(db, Actor.CITIZEN)
    offers.citizen_answer(db, s.citizen, offered, False, reason, today=TODAY)
    assert inbox(db, s.caseworker) == [
        (Kind.CITIZEN_ANSWERED, f"/staff/matching/offer/{offered.id}")
    ]
    assert inbox(db, s.landlord) == []


def test_a_caseworker_recording_the_citizens_answer_is_not_told_of_it(db, s, offered) -> None:
    offers.citizen_answer(db, s.caseworker, offered, True, today=TODAY)
    assert inbox(db, s.caseworker) == []
    assert [kind for kind, _ in inbox(db, s.landlord)] == [Kind.TENANT_PROPOSED]


def test_without_an_assigned_caseworker_an_answer_tells_no_caseworker(db, s, offered) -> None:
    s.case.caseworker_id = None
    db.flush()
    db.expire(s.case)
    offers.citizen_answer(db, s.citizen, offered, True, today=TODAY)
    assert inbox(db, s.caseworker) == []
    assert [kind for kind, _ in inbox(db, s.landlord)] == [Kind.TENANT_PROPOSED]


def test_a_citizen_without_an_account_is_not_told(db, s, proposed) -> None:
    s.case.account_id = None
    db.flush()
    db.expire(s.case)
    offers.send_to_citizen(db, s.caseworker, proposed, DEADLINE, TODAY)
    assert notification_count(db) == 0


@pytest.mark.parametrize("accept", [True, False])
def test_the_landlords_answer_tells_the_caseworker(db, s, citizen_accepted, accept) -> None:
    before = inbox(db, s.caseworker)
    reason = None if accept else f.decline_reason(db, Actor.LANDLORD)
    offers.landlord_answer(db, s.landlord, citizen_accepted, accept, reason, today=TODAY)
    assert inbox(db, s.caseworker) == [
        *before,
        (Kind.LANDLORD_ANSWERED, f"/staff/matching/offer/{citizen_accepted.id}"),
    ]


def test_the_approval_tells_the_landlord_members_and_the_citizen(
    db, client, sign_in, s, landlord_accepted
) -> None:
    colleague = f.landlord_member(db, s.organisation)
    terms = LeaseTerms(legal_basis=s.basis, start_date=TODAY, purpose="Egen bolig med støtte")
    landlord_before, citizen_before = inbox(db, s.landlord), inbox(db, s.citizen)
    lease = offers.approve(db, s.caseworker, landlord_accepted, terms, TODAY)

    lease_page = f"/landlord/leases/{lease.id}"
    assert inbox(db, s.landlord) == [*landlord_before, (Kind.OFFER_APPROVED, lease_page)]
    assert inbox(db, colleague) == [(Kind.OFFER_APPROVED, lease_page)]
    assert inbox(db, s.citizen) == [*citizen_before, (Kind.DECISION_READY, "/citizen/")]
    db.commit()
    page = _follow(client, sign_in, colleague, lease_page, landlord_org_id=s.organisation.id)
    assert page.status_code == 200


def test_the_caseworkers_no_is_a_decision_for_the_citizen(db, s, landlord_accepted) -> None:
    before = inbox(db, s.citizen)
    reason = f.decline_reason(db, Actor.CASEWORKER)
    offers.caseworker_decline(db, s.caseworker, landlord_accepted, reason, today=TODAY)
    assert inbox(db, s.citizen) == [
        *before,
        (Kind.DECISION_READY, f"/citizen/offers/{landlord_accepted.id}"),
    ]


def test_withdrawing_tells_the_citizen_only_of_an_offer_they_were_sent(db, s, proposed) -> None:
    offers.withdraw(db, s.caseworker, proposed, "Boligen skal renoveres")
    assert notification_count(db) == 0

    other = f.unit(db, s.organisation, s.municipality)
    offer = offers.propose(db, s.caseworker, other, s.case, RULES, TODAY)
    offers.send_to_citizen(db, s.caseworker, offer, DEADLINE, TODAY)
    offers.withdraw(db, s.caseworker, offer, "Boligen skal renoveres")
    assert inbox(db, s.citizen) == [
        (Kind.OFFER_NEW, f"/citizen/offers/{offer.id}"),
        (Kind.DECISION_READY, f"/citizen/offers/{offer.id}"),
    ]


def test_a_refused_answer_tells_no_one(db, s, offered) -> None:
    before = notification_count(db)
    with pytest.raises(offers.OfferNotOpen):
        offers.citizen_answer(db, s.citizen, offered, True, today=DEADLINE + dt.timedelta(days=1))
    with pytest.raises(offers.InvalidDeclineReason):
        offers.citizen_answer(db, s.citizen, offered, False, None, today=TODAY)
    assert notification_count(db) == before


def test_a_refused_approval_tells_no_one(db, s, landlord_accepted) -> None:
    before = notification_count(db)
    terms = LeaseTerms(legal_basis=f.inclusion_basis(db), start_date=TODAY, purpose="Egen bolig")
    with pytest.raises(GoalsRequired):
        offers.approve(db, s.caseworker, landlord_accepted, terms, TODAY)
    assert notification_count(db) == before


def test_a_yes_through_the_citizens_page_is_committed_with_its_notifications(
    db, client, sign_in, s, offered
) -> None:
    db.commit()
    sign_in(client, s.citizen)
    page = f"/citizen/offers/{offered.id}"
    response = post(client, page, f"{page}/accept")
    assert response.status_code in (302, 303), response.status_code
    db.expire_all()
    assert [kind for kind, _ in inbox(db, s.landlord)] == [Kind.TENANT_PROPOSED]
    assert [kind for kind, _ in inbox(db, s.caseworker)] == [Kind.CITIZEN_ANSWERED]


def test_the_landlord_members_are_found_in_one_query(db, connection, s) -> None:
    for _ in range(3):
        f.landlord_member(db, s.organisation)
    db.flush()
    statements: list[str] = []

    def count(conn, cursor, statement, *args) -> None:
        statements.append(statement)

    event.listen(connection, "before_cursor_execute", count)
    try:
        members = landlord_members(db, s.organisation.id)
    finally:
        event.remove(connection, "before_cursor_execute", count)
    assert len(members) == 4 and len(statements) == 1
