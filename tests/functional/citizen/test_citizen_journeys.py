"""The citizen's journeys on their phone: waiting, answering an offer (and seeing what a
no means first), living in a home near its review, and after a notice."""

from __future__ import annotations

import datetime as dt
import re

from citizen_world import (
    INTERNAL_NOTE,
    TODAY,
    VISIBLE_UPDATE,
    World,
    citizen,
    give_notice,
    lease_for,
    offer_to,
    with_plan,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.offers.models import DecisionKind, OfferDecision, OfferStatus
from tests import factories as f


def _text(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def test_a_waiting_citizen_sees_where_they_stand_and_whom_to_call(
    db: Session, world: World, signed_in
) -> None:
    person = citizen(db, world, waiting_since=dt.date(2026, 3, 2))
    with_plan(db, person)
    client = signed_in(person)

    home = _text(client.get("/citizen/"))
    assert "You are on the list for a home since" in home
    assert "What happens next" in home
    assert 'href="tel:+4589401122"' in home
    assert 'href="mailto:cw@kommune.example.dk"' in home
    assert 'aria-current="page"' in home

    offers = _text(client.get("/citizen/offers"))
    assert "You have not been offered a home yet" in offers

    plan = _text(client.get("/citizen/plan"))
    assert "Jeg vil have mit eget hjem" in plan
    assert VISIBLE_UPDATE in plan and "Bente Bostøtte" in plan
    assert INTERNAL_NOTE not in plan
    assert 'href="tel:+4541223344"' in plan and 'href="mailto:bente@example.dk"' in plan
    assert "Your next meeting is on" in plan
    assert "Some difficulty" in plan  # the level now, as words


def test_a_citizen_declines_an_offer_after_seeing_what_a_no_means(
    db: Session, world: World, signed_in
) -> None:
    person = citizen(db, world)
    offer = offer_to(db, world, person)
    client = signed_in(person)

    home = _text(client.get("/citizen/"))
    assert "You have been offered a home. Please answer it." in home
    page = _text(client.get(f"/citizen/offers/{offer.id}"))
    assert "The home has the number of rooms you need." in page
    assert "The rent is more than your budget." in page
    assert "You pay each month" in page and "Apply within 30 days of moving in." in page
    assert offer.unit.address_line in page

    # Each reason shows its consequence before anything is chosen.
    form = _text(client.get(f"/citizen/offers/{offer.id}/decline"))
    assert "You will not get new offers for the next 30 days." in form
    assert "Nothing changes." in form
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)

    # No reason: an error beside the field, nothing changes.
    missing = _text(client.post(f"/citizen/offers/{offer.id}/decline", data={"csrf_token": token}))
    assert "Choose why you say no." in missing
    # A reason: the confirm step shows what this no means; the offer is still open.
    data = {"csrf_token": token, "reason": str(world.far_away.id)}
    confirm = _text(client.post(f"/citizen/offers/{offer.id}/decline", data=data))
    assert "This is what a no means for you" in confirm
    assert "You will not get new offers for the next 30 days." in confirm
    db.refresh(offer)
    assert offer.status == OfferStatus.OFFERED

    done = client.post(f"/citizen/offers/{offer.id}/decline", data={**data, "confirmed": "yes"})
    assert done.status_code == 302
    db.refresh(offer)
    db.refresh(person.case)
    assert offer.status == OfferStatus.DECLINED
    assert person.case.paused_until == TODAY + dt.timedelta(days=30)
    decision = db.scalars(
        select(OfferDecision).where(
            OfferDecision.offer_id == offer.id, OfferDecision.decision == DecisionKind.DECLINE
        )
    ).one()
    assert decision.reason_id == world.far_away.id and decision.decided_by_id == person.account.id
    home = _text(client.get("/citizen/"))
    assert "You will not get new offers until" in home
    # The answered offer can no longer be answered.
    again = client.get(f"/citizen/offers/{offer.id}/decline")
    assert again.status_code == 302


def test_a_reason_of_another_actor_is_refused_beside_the_field(
    db: Session, world: World, signed_in
) -> None:
    person = citizen(db, world)
    offer = offer_to(db, world, person)
    landlords_reason = f.decline_reason(db, f.Actor.LANDLORD)
    client = signed_in(person)
    form = _text(client.get(f"/citizen/offers/{offer.id}/decline"))
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
    data = {"csrf_token": token, "reason": str(landlords_reason.id), "confirmed": "yes"}
    page = _text(client.post(f"/citizen/offers/{offer.id}/decline", data=data))
    assert "Not a valid choice." in page
    db.refresh(offer)
    assert offer.status == OfferStatus.OFFERED


def test_a_citizen_accepts_an_offer(db: Session, world: World, signed_in) -> None:
    person = citizen(db, world)
    offer = offer_to(db, world, person)
    client = signed_in(person)
    page = _text(client.get(f"/citizen/offers/{offer.id}"))
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    answer = client.post(f"/citizen/offers/{offer.id}/accept", data={"csrf_token": token})
    assert answer.status_code == 302
    db.refresh(offer)
    assert offer.status == OfferStatus.CITIZEN_ACCEPTED
    page = _text(client.get(f"/citizen/offers/{offer.id}"))
    assert "You said yes. Now the landlord answers." in page
    assert "Yes, I want this home" not in page


def test_a_citizen_in_a_lease_near_its_review_sees_home_money_and_timeline(
    db: Session, world: World, signed_in
) -> None:
    person = citizen(db, world)
    lease = lease_for(db, world, person)
    client = signed_in(person)
    home = _text(client.get("/citizen/"))
    assert lease.unit.address_line in home
    assert world.organisation.name in home and 'href="tel:+4570203040"' in home
    assert "5.200" in home or "5,200" in home  # the rent
    assert "You pay each month" in home and "Rent subsidy from the municipality" in home
    assert "Next review meeting" in home
    assert "Until you have reached your goal" in home
    # The timeline: an SVG bar and the same facts as text.
    assert 'class="timeline-bar"' in home and "<circle" in home
    assert "You moved in" in home and "Review meeting" in home
    assert 'style="' not in home  # the CSP forbids inline style

    rights = _text(client.get("/citizen/rights"))
    assert "Your lease never ends without another offer" in rights
    assert "You can object to the notice within 6 weeks." in rights or "6" in rights
    assert "The Danish text is the one that counts." in rights
    assert "tenants' complaints board" in rights  # a social landlord
    assert "§" not in rights


def test_a_citizen_after_notice_sees_the_deadlines(db: Session, world: World, signed_in) -> None:
    person = citizen(db, world)
    lease = lease_for(db, world, person)
    notice = give_notice(db, lease)
    client = signed_in(person)
    home = _text(client.get("/citizen/"))
    assert "You have been given notice to move" in home
    assert "You can object until" in home
    assert "En almen familiebolig i Himmelev" in home
    assert "Last day to object to the notice" in home
    assert "The lease ends after the notice" in home
    assert "tl-point-warning" in home

    rights = _text(client.get("/citizen/rights"))
    assert "These are your deadlines" in rights
    assert "Write to your landlord that you object to the notice." in rights
    assert notice.objection_deadline is not None


def test_a_citizen_kept_in_their_current_home_sees_that_home(
    db: Session, world: World, signed_in
) -> None:
    person = citizen(db, world, current_address="Skovvej 3, 8000 Aarhus C",
                     current_landlord="Privat udlejer A/S")  # fmt: skip
    review = TODAY + dt.timedelta(days=30)
    f.raw_lease(db, person.case, world.basis, address="Skovvej 3, 8000 Aarhus C",
                landlord_name="Privat udlejer A/S", next_review=review)  # fmt: skip
    client = signed_in(person)
    home = _text(client.get("/citizen/"))
    assert "Skovvej 3, 8000 Aarhus C" in home and "Privat udlejer A/S" in home
    assert "You pay each month" in home


def test_a_citizen_whose_lease_ended_sees_that_and_whom_to_ask(
    db: Session, world: World, signed_in
) -> None:
    from portal.cases.models import CaseStatus
    from portal.leases.models import LeaseStatus

    person = citizen(db, world, status=CaseStatus.MOVED_ON)
    f.raw_lease(db, person.case, world.basis, status=LeaseStatus.ENDED,
                ended_on=TODAY - dt.timedelta(days=40), address="Gammelvej 1")  # fmt: skip
    client = signed_in(person)
    home = _text(client.get("/citizen/"))
    assert "Your temporary lease ended on" in home
    assert "You are on the list for a home since" not in home
    assert "contact your caseworker" in home


def test_an_offer_past_its_deadline_cannot_be_answered(
    db: Session, world: World, signed_in
) -> None:
    person = citizen(db, world)
    offer = offer_to(db, world, person)
    client = signed_in(person)
    page_before = _text(client.get(f"/citizen/offers/{offer.id}"))
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page_before).group(1)
    offer.response_deadline = TODAY - dt.timedelta(days=1)
    db.commit()
    page = _text(client.get(f"/citizen/offers/{offer.id}"))
    assert "Yes, I want this home" not in page
    assert "<img" not in page  # a unit without photos shows none
    refused = client.post(f"/citizen/offers/{offer.id}/accept", data={"csrf_token": token})
    assert refused.status_code == 409
    db.refresh(offer)
    assert offer.status == OfferStatus.OFFERED
    assert client.get(f"/citizen/offers/{offer.id}/decline").status_code == 302


def test_the_timeline_mirrors_in_arabic_and_keeps_its_facts(
    db: Session, world: World, signed_in
) -> None:
    from portal.citizen.timeline import Mark, build

    person = citizen(db, world)
    lease = lease_for(db, world, person, planned_end=TODAY + dt.timedelta(days=200))
    db.refresh(lease)
    line = build(lease, TODAY)
    marks = [p.mark for p in line.points]
    assert marks[0] == Mark.STARTED and Mark.NEXT_REVIEW in marks and Mark.PLANNED_END in marks
    assert [p.x for p in line.points] == sorted(p.x for p in line.points)
    assert all(12 <= p.x <= 588 for p in line.points) and not line.open_ended
    person.account.preferred_language = "ar"
    client = signed_in(person)
    home = _text(client.get("/citizen/"))
    first = line.points[0]
    # Drawn from the right in Arabic: the start sits at 600 − x.
    assert f'cx="{600 - first.x}"' in home
    assert 'dir="rtl"' in home and "Planned end of the lease" not in home
    assert re.search("[\u0600-\u06ff]", home)  # written in Arabic
