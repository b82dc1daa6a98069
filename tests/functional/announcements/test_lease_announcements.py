"""Each step of a lease tells the right people, once, with a link to their own page;
a refused step tells no one."""

from __future__ import annotations

import datetime as dt

import pytest

from portal.cases.models import CaseStatus
from portal.leases import services as leases
from portal.leases.models import (
    AlternativeOfferKind,
    BreachKind,
    LeaseModel,
    NoticeReason,
    ReviewDecision,
)
from portal.leases.services import LeaseTerms
from portal.notifications.events import Kind
from portal.units.models import UnitStatus
from tests import factories as f
from tests.functional.announcements.helpers import inbox, notification_count
from tests.functional.matching.helpers import post

TODAY = dt.date.today()


@pytest.fixture
def lease(db, s):
    s.unit.status = UnitStatus.LET
    s.case.status = CaseStatus.HOUSED
    return f.raw_lease(
        db, s.case, s.basis, unit=s.unit, start_date=TODAY - dt.timedelta(days=200),
        planned_end=TODAY + dt.timedelta(days=300),
    )  # fmt: skip


def test_a_breach_reported_by_the_landlord_tells_the_caseworker(
    db, client, sign_in, s, lease
) -> None:
    db.commit()
    sign_in(client, s.landlord, landlord_org_id=s.organisation.id)
    page = f"/landlord/leases/{lease.id}"
    response = post(
        client, page, f"{page}/reports",
        kind=BreachKind.HOUSE_RULES.value, occurred_on=TODAY.isoformat(), what="Larm om natten",
    )  # fmt: skip
    assert response.status_code == 303, response.status_code
    db.expire_all()
    staff_page = f"/staff/leases/{lease.id}"
    assert inbox(db, s.caseworker) == [(Kind.BREACH_REPORTED, staff_page)]
    assert inbox(db, s.landlord) == [] and inbox(db, s.citizen) == []
    sign_in(client, s.caseworker)
    assert client.get(staff_page).status_code == 200


def test_arrears_reported_tell_the_caseworker_and_a_refused_report_no_one(db, s, lease) -> None:
    with pytest.raises(leases.LeaseError):
        leases.report_breach(db, s.landlord, lease, BreachKind.ARREARS, TODAY)
    assert notification_count(db) == 0
    leases.report_breach(
        db, s.landlord, lease, BreachKind.ARREARS, TODAY,
        arrears_amount=5200, arrears_due_on=TODAY - dt.timedelta(days=5),
    )  # fmt: skip
    assert inbox(db, s.caseworker) == [(Kind.BREACH_REPORTED, f"/staff/leases/{lease.id}")]


def test_a_breach_on_a_case_with_no_caseworker_tells_no_one(db, s, lease) -> None:
    s.case.caseworker_id = None
    db.flush()
    db.expire(s.case)
    leases.report_breach(db, s.landlord, lease, BreachKind.HOUSE_RULES, TODAY, what="Larm")
    assert notification_count(db) == 0


def test_a_notice_is_a_letter_for_the_citizen(db, client, sign_in, s, lease) -> None:
    with pytest.raises(leases.NoticeRefused):
        leases.give_notice(
            db, s.caseworker, lease, reason=NoticeReason.PURPOSE_REACHED,
            notice_date=TODAY, alternative_offer=None,
        )  # fmt: skip
    assert notification_count(db) == 0
    leases.give_notice(
        db, s.caseworker, lease, reason=NoticeReason.PURPOSE_REACHED,
        notice_date=TODAY, alternative_offer=AlternativeOfferKind.TAKE_OVER,
    )  # fmt: skip
    assert inbox(db, s.citizen) == [(Kind.LETTER_READY, "/citizen/")]
    assert inbox(db, s.caseworker) == [] and inbox(db, s.landlord) == []
    db.commit()
    sign_in(client, s.citizen)
    assert client.get("/citizen/").status_code == 200


def _review(db, s, lease):
    leases.hold_review(db, s.caseworker, lease, TODAY, ReviewDecision.CONTINUE)


def _extend(db, s, lease):
    leases.extend(db, s.caseworker, lease, TODAY + dt.timedelta(days=600), today=TODAY)


def _take_over(db, s, lease):
    leases.take_over(db, s.caseworker, lease, TODAY, f.destination(db))


@pytest.mark.parametrize("step", [_review, _extend, _take_over])
def test_a_decision_on_the_lease_is_told_to_the_citizen(db, s, lease, step) -> None:
    step(db, s, lease)
    assert inbox(db, s.citizen) == [(Kind.DECISION_READY, "/citizen/")]
    assert inbox(db, s.caseworker) == [] and inbox(db, s.landlord) == []


def test_a_refused_extension_tells_no_one(db, s, lease) -> None:
    lease.legal_basis = f.exit_basis(db)
    db.flush()
    with pytest.raises(leases.TermLimitExceeded):
        _extend(db, s, lease)
    assert notification_count(db) == 0


def test_keeping_a_citizen_in_their_home_is_a_decision_for_them(db, s) -> None:
    s.case.current_address = "Vestergade 3, 8000 Aarhus C"
    s.case.current_landlord = "Privat udlejer"
    terms = LeaseTerms(
        legal_basis=s.basis, start_date=TODAY, purpose="Bliv boende",
        lease_model=LeaseModel.CURRENT_HOME, rent=6100,
    )  # fmt: skip
    leases.create_lease(db, s.caseworker, s.case, terms, today=TODAY)
    assert inbox(db, s.citizen) == [(Kind.DECISION_READY, "/citizen/")]


def test_a_citizen_without_an_account_is_not_told_of_a_decision(db, s, lease) -> None:
    s.case.account_id = None
    db.flush()
    db.expire(s.case)
    _review(db, s, lease)
    assert notification_count(db) == 0
