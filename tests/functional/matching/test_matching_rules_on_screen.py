"""The matching screens enforce what the rules say: no must rule overridden, a preferred
one only with a written reason, why a case is not matching, one offer per unit, scope."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from portal.leases.models import Lease
from portal.municipalities.models import TargetGroup
from portal.offers import services as offers
from portal.offers.models import Offer, OfferStatus, RuleKind
from portal.offers.rules import RuleResult
from portal.units.models import UnitStatus
from tests import factories as f
from tests.functional.matching.helpers import post

TODAY = dt.date.today()


@pytest.fixture
def s(db):
    scene = f.scene(db)
    db.commit()
    return scene


def _offers(db, **where) -> int:
    stmt = select(func.count(Offer.id))
    for k, v in where.items():
        stmt = stmt.where(getattr(Offer, k) == v)
    return db.scalar(stmt) or 0


def test_a_must_rule_cannot_be_overridden(db, client, sign_in, s) -> None:
    s.case.needs_wheelchair = True
    db.commit()
    sign_in(client, s.caseworker)
    url = f"/staff/matching/case/{s.case.id}"
    html = client.get(url).get_data(as_text=True)
    assert "No available unit meets: Wheelchair" in html
    r = post(
        client,
        url,
        "/staff/matching/propose",
        case_id=s.case.id,
        unit_id=s.unit.id,
        override_wheelchair="Please",
    )
    assert r.status_code == 409
    assert _offers(db) == 0


def test_a_preferred_rule_needs_a_written_reason(db, client, sign_in, s) -> None:
    s.unit.own_kitchen = False
    db.commit()
    sign_in(client, s.caseworker)
    url = f"/staff/matching/case/{s.case.id}"
    assert "Why offer it without its own kitchen?" in client.get(url).get_data(as_text=True)
    r = post(client, url, "/staff/matching/propose", case_id=s.case.id, unit_id=s.unit.id)
    assert r.status_code == 409
    assert "Write why the unit is offered anyway" in r.get_data(as_text=True)
    assert _offers(db) == 0
    r = post(
        client,
        url,
        "/staff/matching/propose",
        case_id=s.case.id,
        unit_id=s.unit.id,
        override_kitchen_for_benefit="Eats at the day centre",
    )
    assert r.status_code == 303
    offer = db.scalars(select(Offer)).one()
    (kitchen,) = [x for x in offer.rule_results if x.rule == "kitchen_for_benefit"]
    assert kitchen.override_reason == "Eats at the day centre" and not kitchen.passed


def test_why_not_matching_paused_and_in_an_offer(db, client, sign_in, s) -> None:
    s.case.paused_until = TODAY + dt.timedelta(days=10)
    other = f.case(db, s.municipality, needs_reassessment=True)
    db.commit()
    sign_in(client, s.caseworker)
    html = client.get(f"/staff/matching/case/{s.case.id}").get_data(as_text=True)
    assert "Paused until" in html and "Propose this home" not in html
    html = client.get(f"/staff/matching/case/{other.id}").get_data(as_text=True)
    assert "Needs reassessment" in html
    # Neither appears among the candidates for the unit.
    html = client.get(f"/staff/matching/unit/{s.unit.id}").get_data(as_text=True)
    assert s.case.name not in html and other.name not in html


def test_the_second_proposal_of_a_unit_is_refused(db, client, sign_in, s) -> None:
    second = f.case(db, s.municipality)
    db.commit()
    sign_in(client, s.caseworker)
    unit_url = f"/staff/matching/unit/{s.unit.id}"
    html = client.get(unit_url).get_data(as_text=True)
    assert s.case.name in html and second.name in html
    r1 = post(client, unit_url, "/staff/matching/propose", case_id=s.case.id, unit_id=s.unit.id)
    assert r1.status_code == 303
    # A colleague's page was loaded before the first proposal; the unit is now offered.
    r2 = post(
        client,
        f"/staff/matching/case/{second.id}",
        "/staff/matching/propose",
        case_id=second.id,
        unit_id=s.unit.id,
    )
    assert r2.status_code == 409
    assert "not available" in r2.get_data(as_text=True)
    assert _offers(db, unit_id=s.unit.id) == 1


def test_refugee_under_the_integration_act_refused_a_time_limited_basis(
    db, client, sign_in, s
) -> None:
    s.case.integration_act_placement = True
    s.case.target_groups[0].target_group = TargetGroup.REFUGEES
    inclusion = f.inclusion_basis(db)
    f.plan_with_goal(db, s.case)
    rules = [RuleResult("target_group", RuleKind.MUST, True)]
    offer = offers.propose(db, s.caseworker, s.unit, s.case, rules, TODAY)
    offers.send_to_citizen(db, s.caseworker, offer, TODAY + dt.timedelta(days=5), TODAY)
    offers.citizen_answer(db, s.citizen, offer, True, today=TODAY)
    offers.landlord_answer(db, s.landlord, offer, True, today=TODAY)
    db.commit()
    sign_in(client, s.caseworker)
    url = f"/staff/matching/offer/{offer.id}"
    r = post(
        client,
        url,
        f"{url}/approve",
        legal_basis=inclusion.id,
        lease_model="direct",
        start_date=TODAY.isoformat(),
        purpose="Bo selv",
        planned_end=(TODAY + dt.timedelta(days=300)).isoformat(),
    )
    assert r.status_code == 409
    assert "integration act" in r.get_data(as_text=True)
    assert db.scalar(select(func.count(Lease.id))) == 0
    db.refresh(s.unit)
    assert s.unit.status == UnitStatus.OFFERED


def test_scope_another_municipality_is_not_found(db, client, sign_in, s) -> None:
    elsewhere = f.scene(db)
    rules = [RuleResult("target_group", RuleKind.MUST, True)]
    offer = offers.propose(db, elsewhere.caseworker, elsewhere.unit, elsewhere.case, rules, TODAY)
    db.commit()
    sign_in(client, s.caseworker)
    for url in (
        f"/staff/matching/case/{elsewhere.case.id}",
        f"/staff/matching/unit/{elsewhere.unit.id}",
        f"/staff/matching/offer/{offer.id}",
    ):
        assert client.get(url).status_code == 404, url
    index = client.get("/staff/matching/").get_data(as_text=True)
    assert elsewhere.case.name not in index and s.case.name in index
    r = post(
        client,
        f"/staff/matching/case/{s.case.id}",
        "/staff/matching/propose",
        case_id=elsewhere.case.id,
        unit_id=s.unit.id,
    )
    assert r.status_code == 404
    r = post(
        client,
        f"/staff/matching/case/{s.case.id}",
        f"/staff/matching/offer/{offer.id}/withdraw",
        withdraw_note="Mine now",
    )
    assert r.status_code == 404
    assert _offers(db, case_id=s.case.id) == 0

    admin = f.network_admin(db)
    db.commit()
    sign_in(client, admin)
    assert client.get(f"/staff/matching/offer/{offer.id}").status_code == 200


def test_expired_offers_are_expired_when_the_page_is_read(db, client, sign_in, s) -> None:
    rules = [RuleResult("target_group", RuleKind.MUST, True)]
    offer = offers.propose(db, s.caseworker, s.unit, s.case, rules, TODAY - dt.timedelta(days=9))
    offers.send_to_citizen(
        db, s.caseworker, offer, TODAY - dt.timedelta(days=1), TODAY - dt.timedelta(days=8)
    )
    db.commit()
    sign_in(client, s.caseworker)
    html = client.get(f"/staff/matching/offer/{offer.id}").get_data(as_text=True)
    assert "Expired: no answer in time" in html
    db.refresh(s.unit)
    assert s.unit.status == UnitStatus.AVAILABLE


def test_the_expire_offers_command(app, db, s) -> None:
    rules = [RuleResult("target_group", RuleKind.MUST, True)]
    offer = offers.propose(db, s.caseworker, s.unit, s.case, rules, TODAY - dt.timedelta(days=9))
    offers.send_to_citizen(
        db, s.caseworker, offer, TODAY - dt.timedelta(days=1), TODAY - dt.timedelta(days=8)
    )
    db.commit()
    result = app.test_cli_runner().invoke(args=["expire-offers"])
    assert result.exit_code == 0, result.output
    assert "Expired offers: 1" in result.output
    db.refresh(offer)
    assert offer.status == OfferStatus.EXPIRED
