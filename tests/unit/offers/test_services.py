"""The offer journey: a caseworker proposes a home, the citizen and the landlord answer,
the caseworker approves and the lease is made; and every way it is refused."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEvent
from portal.errors import NotAllowed
from portal.leases.models import LeaseStatus
from portal.leases.services import IntegrationActRefused, LeaseTerms
from portal.offers import services as offers
from portal.offers.models import DecisionKind, Offer, OfferStatus, RuleKind
from portal.offers.services import RuleResult
from portal.rules.models import Actor, Consequence
from portal.units.models import UnitStatus
from tests import factories as f

TODAY = dt.date(2026, 3, 2)
DEADLINE = TODAY + dt.timedelta(days=10)

RULES = [
    RuleResult("target_group", RuleKind.MUST, True),
    RuleResult("wheelchair", RuleKind.MUST_NOT, True),
    RuleResult("within_budget", RuleKind.PREFERRED, True, {"share": 4100, "budget": 4500}),
    RuleResult(
        "spread", RuleKind.PREFERRED, False, {"in_stairwell": 2}, override_reason="Near family"
    ),
]


@pytest.fixture
def s(db):
    return f.scene(db)


@pytest.fixture
def terms(s):
    return LeaseTerms(legal_basis=s.basis, start_date=TODAY, purpose="Egen bolig med støtte")


@pytest.fixture
def proposed(db, s):
    return offers.propose(db, s.caseworker, s.unit, s.case, RULES, TODAY, TODAY)


@pytest.fixture
def offered(db, s, proposed):
    return offers.send_to_citizen(db, s.caseworker, proposed, DEADLINE, TODAY)


@pytest.fixture
def citizen_accepted(db, s, offered):
    return offers.citizen_answer(db, s.citizen, offered, True, today=TODAY)


@pytest.fixture
def landlord_accepted(db, s, citizen_accepted):
    return offers.landlord_answer(db, s.landlord, citizen_accepted, True, today=TODAY)


@pytest.fixture
def pause_reason(db):
    return f.decline_reason(db, Actor.CITIZEN, Consequence.PAUSED, pause_days=30)


def test_the_whole_journey_from_proposal_to_lease(db, s, terms):
    offer = offers.propose(db, s.caseworker, s.unit, s.case, RULES, TODAY, TODAY)
    assert (offer.status, s.unit.status) == (OfferStatus.PROPOSED, UnitStatus.OFFERED)
    assert offer.score == 1  # one preferred rule met; the overridden one does not count
    assert [(r.rule, r.passed, r.override_reason) for r in offer.rule_results] == [
        ("target_group", True, None),
        ("wheelchair", True, None),
        ("within_budget", True, None),
        ("spread", False, "Near family"),
    ]
    assert offer.rule_results[2].params == {"share": 4100, "budget": 4500}

    offers.send_to_citizen(db, s.caseworker, offer, DEADLINE, TODAY)
    assert (offer.status, offer.response_deadline) == (OfferStatus.OFFERED, DEADLINE)
    offers.citizen_answer(db, s.citizen, offer, True, today=TODAY)
    assert offer.status == OfferStatus.CITIZEN_ACCEPTED
    offers.landlord_answer(db, s.landlord, offer, True, today=TODAY)
    assert offer.status == OfferStatus.LANDLORD_ACCEPTED
    lease = offers.approve(db, s.caseworker, offer, terms, TODAY)

    assert offer.status == OfferStatus.APPROVED and offer.closed_at is not None
    assert (lease.status, lease.unit, lease.offer) == (LeaseStatus.ACTIVE, s.unit, offer)
    assert s.unit.status == UnitStatus.LET
    assert [(d.decision, d.actor, d.decided_by) for d in offer.decisions] == [
        (DecisionKind.OFFER, Actor.CASEWORKER, s.caseworker),
        (DecisionKind.ACCEPT, Actor.CITIZEN, s.citizen),
        (DecisionKind.ACCEPT, Actor.LANDLORD, s.landlord),
        (DecisionKind.APPROVE, Actor.CASEWORKER, s.caseworker),
    ]
    assert all(d.decided_at is not None for d in offer.decisions)
    assert f.audit_actions(db, case_id=s.case.id) == [
        "offer.propose",
        "offer.send",
        "offer.citizen_accept",
        "offer.landlord_accept",
        "lease.create",
        "offer.approve",
    ]


def test_a_caseworker_may_record_the_citizens_answer(db, s, offered):
    offers.citizen_answer(db, s.caseworker, offered, True, today=TODAY)
    assert offered.decisions[-1].actor == Actor.CITIZEN
    assert offered.decisions[-1].decided_by == s.caseworker


@pytest.mark.parametrize("status", [UnitStatus.DRAFT, UnitStatus.LET, UnitStatus.WITHDRAWN])
def test_a_unit_that_is_not_available_cannot_be_proposed(db, s, status):
    s.unit.status = status
    before = f.row_counts(db)
    with pytest.raises(offers.UnitNotAvailable):
        offers.propose(db, s.caseworker, s.unit, s.case, RULES, TODAY)
    assert f.row_counts(db) == before and s.unit.status == status


def test_a_paused_citizen_is_not_proposed_until_the_pause_ends(db, s):
    s.case.paused_until = TODAY + dt.timedelta(days=1)
    before = f.row_counts(db)
    with pytest.raises(offers.CaseNotMatchable, match="paused until 2026-03-03"):
        offers.propose(db, s.caseworker, s.unit, s.case, RULES, TODAY)
    assert f.row_counts(db) == before and s.unit.status == UnitStatus.AVAILABLE
    offer = offers.propose(db, s.caseworker, s.unit, s.case, RULES, s.case.paused_until)
    assert offer.status == OfferStatus.PROPOSED


def test_a_citizen_in_an_open_offer_is_not_proposed_another_unit(db, s, proposed):
    other = f.unit(db, s.organisation, s.municipality)
    before = f.row_counts(db)
    with pytest.raises(offers.CaseNotMatchable, match="already in an open offer"):
        offers.propose(db, s.caseworker, other, s.case, RULES, TODAY)
    assert f.row_counts(db) == before and other.status == UnitStatus.AVAILABLE


def test_a_citizen_with_a_live_lease_is_not_proposed(db, s):
    f.raw_lease(db, s.case, s.basis)  # e.g. kept in their current home
    with pytest.raises(offers.CaseNotMatchable, match="already has a temporary lease"):
        offers.propose(db, s.caseworker, s.unit, s.case, RULES, TODAY)
    assert s.unit.status == UnitStatus.AVAILABLE


def test_the_database_settles_a_unit_whose_status_is_out_of_step(db, s, proposed):
    # The unit says available while an open offer holds it: the unique index refuses.
    s.unit.status = UnitStatus.AVAILABLE
    other_case = f.case(db, s.municipality)
    before = f.row_counts(db)
    with pytest.raises(offers.UnitNotAvailable):
        offers.propose(db, s.caseworker, s.unit, other_case, RULES, TODAY)
    assert f.row_counts(db) == before
    assert db.scalars(select(Offer).where(Offer.unit_id == s.unit.id)).all() == [proposed]


@pytest.mark.parametrize("kind", [RuleKind.MUST, RuleKind.MUST_NOT])
def test_a_failing_must_or_must_not_rule_refuses_the_offer(db, s, kind):
    before = f.row_counts(db)
    with pytest.raises(offers.RuleNotMet, match="wheelchair"):
        offers.propose(
            db, s.caseworker, s.unit, s.case, [RuleResult("wheelchair", kind, False)], TODAY
        )
    assert f.row_counts(db) == before and s.unit.status == UnitStatus.AVAILABLE


def test_a_failing_preferred_rule_needs_a_written_reason(db, s):
    before = f.row_counts(db)
    for reason in (None, "   "):
        rules = [RuleResult("spread", RuleKind.PREFERRED, False, override_reason=reason)]
        with pytest.raises(offers.RuleNotMet, match="Write why"):
            offers.propose(db, s.caseworker, s.unit, s.case, rules, TODAY)
    assert f.row_counts(db) == before


def test_only_a_failing_preferred_rule_can_be_overridden():
    with pytest.raises(ValueError):
        RuleResult("target_group", RuleKind.MUST, False, override_reason="Anyway")
    with pytest.raises(ValueError):
        RuleResult("spread", RuleKind.PREFERRED, True, override_reason="Not needed")


def test_only_staff_of_the_citizens_municipality_propose(db, s):
    stranger = f.caseworker(db, f.municipality(db))
    with pytest.raises(NotAllowed):
        offers.propose(db, stranger, s.unit, s.case, RULES, TODAY)
    with pytest.raises(NotAllowed):
        offers.propose(db, s.landlord, s.unit, s.case, RULES, TODAY)
    assert s.unit.status == UnitStatus.AVAILABLE
    offer = offers.propose(db, f.network_admin(db), s.unit, s.case, RULES, TODAY)
    assert offer.status == OfferStatus.PROPOSED


def test_a_citizens_no_pauses_the_case_and_frees_the_unit(db, s, offered, pause_reason):
    offers.citizen_answer(db, s.citizen, offered, False, pause_reason, today=TODAY, note="Far")
    assert offered.status == OfferStatus.DECLINED and offered.closed_at is not None
    assert s.unit.status == UnitStatus.AVAILABLE
    assert s.case.paused_until == TODAY + dt.timedelta(days=30)
    decision = offered.decisions[-1]
    assert (decision.decision, decision.reason, decision.note) == (
        DecisionKind.DECLINE,
        pause_reason,
        "Far",
    )
    assert f.audit_actions(db, object_id=offered.id)[-1] == "offer.decline"


def test_a_no_with_reassessment_marks_the_case(db, s, offered):
    reason = f.decline_reason(db, Actor.CITIZEN, Consequence.REASSESSMENT)
    offers.citizen_answer(db, s.citizen, offered, False, reason, today=TODAY)
    assert s.case.needs_reassessment and s.case.paused_until is None


def test_a_no_needs_an_active_reason_of_that_actor(db, s, offered):
    landlords = f.decline_reason(db, Actor.LANDLORD)
    retired = f.decline_reason(db, Actor.CITIZEN, active=False)
    before = f.row_counts(db)
    for reason in (None, landlords, retired):
        with pytest.raises(offers.InvalidDeclineReason):
            offers.citizen_answer(db, s.citizen, offered, False, reason, today=TODAY)
    assert f.row_counts(db) == before
    assert offered.status == OfferStatus.OFFERED and s.unit.status == UnitStatus.OFFERED


def test_no_answer_after_the_deadline(db, s, offered):
    with pytest.raises(offers.OfferNotOpen, match="ran out on 2026-03-12"):
        offers.citizen_answer(db, s.citizen, offered, True, today=DEADLINE + dt.timedelta(1))
    assert offered.status == OfferStatus.OFFERED


def test_the_deadline_must_be_after_today(db, s, proposed):
    with pytest.raises(offers.OfferError):
        offers.send_to_citizen(db, s.caseworker, proposed, TODAY, TODAY)
    assert proposed.status == OfferStatus.PROPOSED and proposed.response_deadline is None


def test_only_the_citizen_or_their_caseworker_answers(db, s, offered):
    other_citizen = f.citizen_account(db, f.case(db, s.municipality))
    for actor in (other_citizen, s.landlord):
        with pytest.raises(NotAllowed):
            offers.citizen_answer(db, actor, offered, True, today=TODAY)
    assert offered.status == OfferStatus.OFFERED


def test_steps_out_of_order_are_refused(db, s, proposed, terms):
    with pytest.raises(offers.OfferNotOpen, match="not possible at this point"):
        offers.citizen_answer(db, s.citizen, proposed, True, today=TODAY)
    with pytest.raises(offers.OfferNotOpen):
        offers.approve(db, s.caseworker, proposed, terms, TODAY)
    offers.withdraw(db, s.caseworker, proposed, "The unit needs repair")
    with pytest.raises(offers.OfferNotOpen, match=r"This offer is no longer open\."):
        offers.send_to_citizen(db, s.caseworker, proposed, DEADLINE, TODAY)
    assert proposed.status == OfferStatus.WITHDRAWN


def test_the_landlord_declines_with_its_own_reason(db, s, citizen_accepted):
    reason = f.decline_reason(db, Actor.LANDLORD)
    offers.landlord_answer(db, s.landlord, citizen_accepted, False, reason, today=TODAY)
    assert citizen_accepted.status == OfferStatus.DECLINED
    assert s.unit.status == UnitStatus.AVAILABLE and s.case.paused_until is None


def test_only_a_member_of_the_units_landlord_answers(db, s, citizen_accepted):
    other = f.landlord_member(db, f.landlord_org(db))
    for actor in (other, s.caseworker, s.citizen):
        with pytest.raises(NotAllowed):
            offers.landlord_answer(db, actor, citizen_accepted, True, today=TODAY)
    assert citizen_accepted.status == OfferStatus.CITIZEN_ACCEPTED


def test_the_caseworker_may_decline_instead_of_approving(db, s, landlord_accepted):
    reason = f.decline_reason(db, Actor.CASEWORKER, Consequence.PAUSED, pause_days=14)
    offers.caseworker_decline(db, s.caseworker, landlord_accepted, reason, today=TODAY)
    assert landlord_accepted.status == OfferStatus.DECLINED
    assert s.case.paused_until == TODAY + dt.timedelta(days=14)
    assert s.unit.status == UnitStatus.AVAILABLE


@pytest.mark.parametrize("stage", ["proposed", "offered", "citizen_accepted", "landlord_accepted"])
def test_an_open_offer_can_be_withdrawn_at_any_stage(request, db, s, stage):
    offer = request.getfixturevalue(stage)
    offers.withdraw(db, s.caseworker, offer, "The citizen moved away")
    assert offer.status == OfferStatus.WITHDRAWN and s.unit.status == UnitStatus.AVAILABLE
    assert offer.decisions[-1].note == "The citizen moved away"
    assert f.audit_actions(db, object_id=offer.id)[-1] == "offer.withdraw"


def test_withdrawing_needs_a_note(db, s, proposed):
    with pytest.raises(offers.OfferError, match="Write why"):
        offers.withdraw(db, s.caseworker, proposed, " ")
    assert proposed.status == OfferStatus.PROPOSED


def test_offers_not_answered_in_time_expire(db, s, offered):
    waiting = offers.propose(
        db,
        s.caseworker,
        f.unit(db, s.organisation, s.municipality),
        f.case(db, s.municipality),
        RULES,
        TODAY,
    )
    assert offers.expire_due(db, DEADLINE) == 0  # the deadline day itself is still open
    assert offers.expire_due(db, DEADLINE + dt.timedelta(days=1)) == 1
    assert offered.status == OfferStatus.EXPIRED and s.unit.status == UnitStatus.AVAILABLE
    assert offered.decisions[-1].decision == DecisionKind.EXPIRE
    assert offered.decisions[-1].decided_by is None
    assert waiting.status == OfferStatus.PROPOSED  # no deadline yet: nothing to expire
    events = [e for e in db.scalars(select(AuditEvent)) if e.action == "offer.expire"]
    assert [(e.actor_id, e.actor_role, e.object_id) for e in events] == [
        (None, "system", offered.id)
    ]


def test_a_declined_citizen_can_be_proposed_again(db, s, offered):
    reason = f.decline_reason(db, Actor.CITIZEN)
    offers.citizen_answer(db, s.citizen, offered, False, reason, today=TODAY)
    again = offers.propose(db, s.caseworker, s.unit, s.case, RULES, TODAY)
    assert again.status == OfferStatus.PROPOSED and s.unit.status == UnitStatus.OFFERED


def test_a_refused_lease_leaves_the_offer_waiting_for_approval(db, s, landlord_accepted):
    s.case.integration_act_placement = True
    basis = f.inclusion_basis(db)
    f.plan_with_goal(db, s.case)
    before = f.row_counts(db)
    with pytest.raises(IntegrationActRefused):
        offers.approve(
            db,
            s.caseworker,
            landlord_accepted,
            LeaseTerms(legal_basis=basis, start_date=TODAY, purpose="Bo selv"),
            TODAY,
        )
    assert f.row_counts(db) == before
    assert landlord_accepted.status == OfferStatus.LANDLORD_ACCEPTED
    assert s.unit.status == UnitStatus.OFFERED
