"""The caseworker records the citizen's own answer, given by phone or at a meeting: the
same rules as the citizen's own screen, the decision still the citizen's."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from portal.notifications.events import Kind
from portal.notifications.models import Notification
from portal.offers import services as offers
from portal.offers.models import Offer, OfferDecision, OfferStatus, RuleKind
from portal.offers.rules import RuleResult
from portal.rules.models import Actor
from tests import factories as f
from tests.functional.matching.helpers import post

TODAY = dt.date.today()


@pytest.fixture
def sent(db):  # type: ignore[no-untyped-def]
    scene = f.scene(db)
    scene.unit.available_from = TODAY
    rules = [RuleResult("target_group", RuleKind.MUST, True)]
    offer = offers.propose(db, scene.caseworker, scene.unit, scene.case, rules, TODAY)
    offers.send_to_citizen(db, scene.caseworker, offer, TODAY + dt.timedelta(days=5), TODAY)
    reason = f.decline_reason(db, Actor.CITIZEN, code="too_far")
    db.commit()
    return scene, offer, reason


def _url(offer: Offer) -> str:
    return f"/staff/matching/offer/{offer.id}"


def test_a_yes_told_by_phone_is_the_citizens_yes(db, client, sign_in, sent) -> None:  # type: ignore[no-untyped-def]
    s, offer, _reason = sent
    sign_in(client, s.caseworker)
    page = client.get(_url(offer)).get_data(as_text=True)
    assert 'id="answer-form"' in page
    r = post(
        client,
        _url(offer),
        f"{_url(offer)}/citizen-answer",
        citizen_answer="yes",
        citizen_reason="",
        citizen_note="Sagde ja i telefonen kl. 10",
    )
    assert r.status_code == 303, r.get_data(as_text=True)
    db.expire_all()
    assert db.get(Offer, offer.id).status == OfferStatus.CITIZEN_ACCEPTED
    decision = db.scalars(
        select(OfferDecision).where(
            OfferDecision.offer_id == offer.id, OfferDecision.actor == Actor.CITIZEN
        )
    ).one()
    assert (decision.actor, decision.decided_by_id) == (Actor.CITIZEN, s.caseworker.id)
    assert decision.note == "Sagde ja i telefonen kl. 10"
    assert "offer.citizen_accept" in f.audit_actions(db, object_id=offer.id, object_type="offer")
    # The landlord hears of the proposed tenant, as after the citizen's own yes.
    kinds = db.scalars(
        select(Notification.kind).where(Notification.account_id == s.landlord.id)
    ).all()
    assert Kind.TENANT_PROPOSED in kinds


def test_a_no_needs_the_citizens_reason_and_keeps_what_was_typed(  # type: ignore[no-untyped-def]
    db, client, sign_in, sent
) -> None:
    s, offer, reason = sent
    sign_in(client, s.caseworker)

    # Only the looks at the case are audited (each page shown); nothing else is written.
    def counts() -> dict[str, int]:
        return {k: v for k, v in f.row_counts(db).items() if k != "audit_event"}

    before = counts()
    r = post(
        client,
        _url(offer),
        f"{_url(offer)}/citizen-answer",
        citizen_answer="no",
        citizen_reason="",
        citizen_note="Ringede i morges",
    )
    assert r.status_code == 400
    html = r.get_data(as_text=True)
    assert "reason for saying no." in html.split('id="answer-form"', 1)[1]
    assert "Ringede i morges" in html
    assert counts() == before
    db.expire_all()
    assert db.get(Offer, offer.id).status == OfferStatus.OFFERED

    r = post(
        client,
        _url(offer),
        f"{_url(offer)}/citizen-answer",
        citizen_answer="no",
        citizen_reason=reason.id,
        citizen_note="Ringede i morges",
    )
    assert r.status_code == 303, r.get_data(as_text=True)
    db.expire_all()
    declined = db.get(Offer, offer.id)
    assert declined.status == OfferStatus.DECLINED
    decision = db.scalars(
        select(OfferDecision).where(
            OfferDecision.offer_id == offer.id, OfferDecision.actor == Actor.CITIZEN
        )
    ).one()
    assert (decision.actor, decision.reason_id) == (Actor.CITIZEN, reason.id)


def test_the_note_says_how_the_citizen_answered(db, client, sign_in, sent) -> None:  # type: ignore[no-untyped-def]
    s, offer, _reason = sent
    sign_in(client, s.caseworker)
    r = post(
        client, _url(offer), f"{_url(offer)}/citizen-answer", citizen_answer="yes", citizen_note=""
    )
    assert r.status_code == 400
    db.expire_all()
    assert db.get(Offer, offer.id).status == OfferStatus.OFFERED


def test_another_municipalitys_caseworker_cannot_record_an_answer(  # type: ignore[no-untyped-def]
    db, client, sign_in, sent
) -> None:
    _s, offer, _reason = sent
    stranger = f.caseworker(db, f.municipality(db, name="Randers"))
    db.commit()
    sign_in(client, stranger)
    assert client.get(_url(offer)).status_code == 404
    # With a valid form from a page the stranger may see, the offer is still not found.
    r = post(
        client,
        "/staff/matching/",
        f"{_url(offer)}/citizen-answer",
        citizen_answer="yes",
        citizen_note="Forsøg",
    )
    assert r.status_code == 404
    db.expire_all()
    assert db.get(Offer, offer.id).status == OfferStatus.OFFERED
