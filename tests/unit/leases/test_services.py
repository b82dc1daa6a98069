"""The lease journey: made on approval or for a citizen kept at home, reviewed, extended,
breached, given notice with another offer, ended with an outcome or taken over; and the
legal basis's rules that refuse a step."""

from __future__ import annotations

import datetime as dt

import pytest

from portal.cases.models import CaseStatus, Occupation
from portal.errors import NotAllowed
from portal.landlords.models import OrganisationKind
from portal.leases import services as leases
from portal.leases.models import (
    AlternativeOfferKind,
    BreachKind,
    LeaseEventKind,
    LeaseModel,
    LeaseStatus,
    NoticeReason,
    ReviewDecision,
)
from portal.leases.notice import ComplaintBody, ComplaintSubject
from portal.leases.services import LeaseTerms
from portal.offers import services as offers
from portal.offers.models import OfferStatus, RuleKind
from portal.outcomes.models import RelapseCause
from portal.rules.models import ExtensionRule
from portal.units.models import UnitStatus
from tests import factories as f

TODAY = dt.date(2026, 3, 2)
RULES = [offers.RuleResult("target_group", RuleKind.MUST, True)]


@pytest.fixture
def s(db):
    return f.scene(db)


@pytest.fixture
def accepted_offer(db, s):
    """An offer the citizen and the landlord said yes to, waiting for approval."""
    offer = offers.propose(db, s.caseworker, s.unit, s.case, RULES, TODAY)
    offers.send_to_citizen(db, s.caseworker, offer, TODAY + dt.timedelta(days=7), TODAY)
    offers.citizen_answer(db, s.citizen, offer, True, today=TODAY)
    return offers.landlord_answer(db, s.landlord, offer, True, today=TODAY)


@pytest.fixture
def approve(db, s, accepted_offer):
    """Approve the accepted offer with the given terms (the experiment basis by default)."""

    def _approve(basis=None, **terms):
        terms.setdefault("start_date", TODAY)
        terms.setdefault("purpose", "Egen bolig med bostøtte")
        return offers.approve(
            db,
            s.caseworker,
            accepted_offer,
            LeaseTerms(legal_basis=basis or s.basis, **terms),
            TODAY,
        )

    return _approve


@pytest.fixture
def lease(approve):
    return approve(planned_end=dt.date(2027, 3, 1))


@pytest.fixture
def home(db):
    return f.destination(db, starts_follow_up=True)


@pytest.fixture
def arrears(db, s, lease):
    return leases.report_breach(
        db,
        s.landlord,
        lease,
        BreachKind.ARREARS,
        dt.date(2026, 6, 3),
        arrears_amount=5200,
        arrears_due_on=dt.date(2026, 6, 1),
    )


def notice(db, s, lease, **kwargs):
    kwargs.setdefault("reason", NoticeReason.PURPOSE_REACHED)
    kwargs.setdefault("notice_date", dt.date(2026, 8, 31))
    kwargs.setdefault("alternative_offer", AlternativeOfferKind.ORDINARY_HOME)
    return leases.give_notice(db, s.caseworker, lease, **kwargs)


# -- creating --------------------------------------------------------------------------


def test_approval_makes_the_lease_on_the_units_terms(db, s, lease):
    assert (lease.unit, lease.case, lease.organisation_id) == (s.unit, s.case, s.organisation.id)
    assert (lease.rent, lease.utilities, lease.subsidy) == (5200, 600, 0)
    assert lease.citizen_share == 5800
    assert lease.lease_model == LeaseModel.DIRECT and lease.status == LeaseStatus.ACTIVE
    assert [e.kind for e in lease.events] == [LeaseEventKind.CREATED]
    assert s.case.status == CaseStatus.HOUSED and s.unit.status == UnitStatus.LET
    assert f.audit_actions(db, object_type="lease") == ["lease.create"]


def test_a_citizen_can_be_kept_in_their_current_home(db, s):
    s.case.current_address = "Vestergade 3, 2. tv, 8000 Aarhus C"
    s.case.current_landlord = "Privat udlejer ApS"
    terms = LeaseTerms(
        legal_basis=s.basis,
        start_date=TODAY,
        purpose="Undgå udsættelse",
        lease_model=LeaseModel.CURRENT_HOME,
        rent=6100,
        subsidy=1000,
    )
    lease = leases.create_lease(db, s.caseworker, s.case, terms, today=TODAY)
    assert (lease.unit, lease.offer, lease.organisation_id) == (None, None, None)
    assert (lease.address, lease.landlord_name) == (
        "Vestergade 3, 2. tv, 8000 Aarhus C",
        "Privat udlejer ApS",
    )
    assert lease.citizen_share == 5100
    assert s.case.status == CaseStatus.KEPT_IN_HOME
    assert f.audit_actions(db, case_id=s.case.id) == ["lease.create"]


def test_the_current_home_needs_its_address_landlord_and_rent(db, s):
    before = f.row_counts(db)
    for address, landlord, rent in (
        (None, "Privat", 6000),
        ("Vestergade 3", None, 6000),
        ("Vestergade 3", "Privat", None),
    ):
        terms = LeaseTerms(
            legal_basis=s.basis,
            start_date=TODAY,
            purpose="Bo",
            rent=rent,
            lease_model=LeaseModel.CURRENT_HOME,
        )
        with pytest.raises(leases.LeaseError):
            leases.create_lease(
                db,
                s.caseworker,
                s.case,
                terms,
                today=TODAY,
                address=address,
                landlord_name=landlord,
            )
    assert f.row_counts(db) == before and s.case.status == CaseStatus.WAITING


def test_a_citizen_in_an_open_offer_is_not_kept_at_home_without_withdrawing_it(db, s):
    offers.propose(db, s.caseworker, s.unit, s.case, RULES, TODAY)
    terms = LeaseTerms(
        legal_basis=s.basis,
        start_date=TODAY,
        purpose="Bo",
        rent=6000,
        lease_model=LeaseModel.CURRENT_HOME,
    )
    with pytest.raises(leases.LeaseError, match="open offer"):
        leases.create_lease(
            db, s.caseworker, s.case, terms, today=TODAY, address="Vej 1", landlord_name="Udlejer"
        )
    assert s.case.status == CaseStatus.WAITING


def test_a_lease_in_a_unit_is_only_made_by_approving_its_offer(db, s):
    terms = LeaseTerms(legal_basis=s.basis, start_date=TODAY, purpose="Bo")
    with pytest.raises(leases.LeaseError, match="approving its offer"):
        leases.create_lease(db, s.caseworker, s.case, terms, today=TODAY)
    offer = offers.propose(db, s.caseworker, s.unit, s.case, RULES, TODAY)
    with pytest.raises(leases.LeaseError, match="landlord has not accepted"):
        leases.create_lease(db, s.caseworker, s.case, terms, today=TODAY, offer=offer)
    assert s.case.status == CaseStatus.WAITING and s.unit.status == UnitStatus.OFFERED


def test_the_lease_cannot_run_past_the_bases_limit(db, s, approve, accepted_offer):
    basis = f.inclusion_basis(db)
    f.plan_with_goal(db, s.case)
    before = f.row_counts(db)
    with pytest.raises(leases.TermLimitExceeded, match="until 2028-03-02 at the latest"):
        approve(basis, planned_end=dt.date(2028, 3, 3))
    assert f.row_counts(db) == before
    assert accepted_offer.status == OfferStatus.LANDLORD_ACCEPTED
    assert approve(basis, planned_end=dt.date(2028, 3, 2)).planned_end == dt.date(2028, 3, 2)


def test_a_basis_that_states_the_end_needs_a_planned_end(db, approve):
    basis = f.exit_basis(db)
    with pytest.raises(leases.TermLimitExceeded, match="must be stated in the lease"):
        approve(basis)
    assert approve(basis, planned_end=dt.date(2027, 1, 31)).planned_end == dt.date(2027, 1, 31)


def test_refugees_under_the_integration_act_get_no_time_limited_lease_that_forbids_it(
    db, s, approve
):
    s.case.integration_act_placement = True
    forbidding = f.legal_basis(db, allowed_for_integration_act=False)
    before = f.row_counts(db)
    with pytest.raises(leases.IntegrationActRefused, match="integration act"):
        approve(forbidding)
    assert f.row_counts(db) == before and s.case.status == CaseStatus.WAITING
    ordinary = f.legal_basis(db, allowed_for_integration_act=False, time_limited=False)
    assert approve(ordinary).status == LeaseStatus.ACTIVE


def test_refugees_may_get_a_lease_on_a_basis_that_allows_it(s, approve):
    s.case.integration_act_placement = True
    assert approve().status == LeaseStatus.ACTIVE  # the experiment basis allows it


def test_goals_are_agreed_before_an_inclusion_lease(db, s, approve):
    basis = f.inclusion_basis(db)
    f.plan_with_goal(db, s.case, goals=0)  # a plan, but no goal yet
    before = f.row_counts(db)
    with pytest.raises(leases.GoalsRequired):
        approve(basis)
    assert f.row_counts(db) == before
    f.plan_with_goal(db, s.case)
    assert approve(basis).legal_basis == basis


def test_the_database_settles_a_second_live_lease_on_a_unit(db, s, approve, accepted_offer):
    # Another citizen's live lease on the unit, written past the services.
    f.raw_lease(db, f.case(db, s.municipality, status=CaseStatus.HOUSED), s.basis, unit=s.unit)
    before = f.row_counts(db)
    with pytest.raises(leases.LeaseExists):
        approve()
    assert f.row_counts(db) == before
    assert accepted_offer.status == OfferStatus.LANDLORD_ACCEPTED
    assert (s.unit.status, s.case.status) == (UnitStatus.OFFERED, CaseStatus.WAITING)


def test_only_the_citizens_municipality_makes_leases(db, s, accepted_offer):
    stranger = f.caseworker(db, f.municipality(db))
    terms = LeaseTerms(legal_basis=s.basis, start_date=TODAY, purpose="Bo")
    with pytest.raises(NotAllowed):
        leases.create_lease(db, stranger, s.case, terms, today=TODAY, offer=accepted_offer)
    with pytest.raises(NotAllowed):
        offers.approve(db, stranger, accepted_offer, terms, TODAY)


# -- term limits (pure) ----------------------------------------------------------------


def test_term_limits_count_calendar_months_and_clamp_the_day(db):
    basis = f.inclusion_basis(db)
    assert leases.term_limit(basis, dt.date(2026, 3, 2)) == dt.date(2028, 3, 2)
    assert leases.term_limit(basis, dt.date(2026, 2, 28)) == dt.date(2028, 2, 28)
    assert leases.add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert leases.add_months(dt.date(2027, 11, 30), 3) == dt.date(2028, 2, 29)
    assert leases.term_limit(f.legal_basis(db), dt.date(2026, 3, 2)) is None


def test_the_portal_warns_inside_the_window_before_the_limit(db):
    basis = f.inclusion_basis(db)  # limit 2028-03-02, warned three months before
    start = dt.date(2026, 3, 2)
    assert not leases.term_warning(basis, start, dt.date(2027, 12, 1))
    assert leases.term_warning(basis, start, dt.date(2027, 12, 2))
    assert leases.term_warning(basis, start, dt.date(2028, 3, 2))
    assert not leases.term_warning(f.legal_basis(db), start, dt.date(2040, 1, 1))


# -- while active ----------------------------------------------------------------------


def test_a_review_is_recorded_and_sets_the_next(db, s, lease):
    event = leases.hold_review(
        db,
        s.caseworker,
        lease,
        dt.date(2026, 9, 1),
        ReviewDecision.CONTINUE,
        next_review=dt.date(2027, 3, 1),
        note="Går godt",
    )
    assert (event.kind, event.review_decision, event.note) == (
        LeaseEventKind.REVIEW_HELD,
        ReviewDecision.CONTINUE,
        "Går godt",
    )
    assert lease.next_review == dt.date(2027, 3, 1)
    assert f.audit_actions(db, object_type="lease")[-1] == "lease.review"
    with pytest.raises(leases.LeaseError):
        leases.hold_review(
            db,
            s.caseworker,
            lease,
            dt.date(2026, 9, 1),
            ReviewDecision.CONTINUE,
            next_review=dt.date(2026, 9, 1),
        )
    assert lease.next_review == dt.date(2027, 3, 1)


def test_an_extension_stays_within_the_maximum(db, s, approve):
    f.plan_with_goal(db, s.case)
    lease = approve(f.inclusion_basis(db), planned_end=dt.date(2027, 3, 1))
    before = f.row_counts(db)
    with pytest.raises(leases.TermLimitExceeded, match="until 2028-03-02"):
        leases.extend(db, s.caseworker, lease, dt.date(2028, 3, 3), today=TODAY)
    assert f.row_counts(db) == before and lease.planned_end == dt.date(2027, 3, 1)
    event = leases.extend(db, s.caseworker, lease, dt.date(2028, 3, 2), today=TODAY)
    assert (event.previous_planned_end, event.new_planned_end) == (
        dt.date(2027, 3, 1),
        dt.date(2028, 3, 2),
    )
    assert lease.planned_end == dt.date(2028, 3, 2)
    assert f.audit_actions(db, object_type="lease")[-1] == "lease.extend"


def test_a_basis_without_extensions_refuses_them(db, s, approve):
    lease = approve(f.exit_basis(db), planned_end=dt.date(2027, 3, 1))
    with pytest.raises(leases.TermLimitExceeded, match="cannot be extended"):
        leases.extend(db, s.caseworker, lease, dt.date(2027, 6, 1), today=TODAY)
    assert lease.planned_end == dt.date(2027, 3, 1)


def test_an_open_basis_extends_past_its_first_term(db, s, approve):
    basis = f.legal_basis(db, max_term_months=24, extension_rule=ExtensionRule.OPEN)
    lease = approve(basis, planned_end=dt.date(2028, 3, 1))
    leases.extend(db, s.caseworker, lease, dt.date(2029, 3, 1), today=TODAY)
    assert lease.planned_end == dt.date(2029, 3, 1)


def test_an_extension_must_move_a_stated_end_later(db, s, approve):
    lease = approve()  # until the purpose is reached: no end to move
    with pytest.raises(leases.LeaseError, match="no end to move"):
        leases.extend(db, s.caseworker, lease, dt.date(2027, 6, 1), today=TODAY)


def test_no_extension_or_review_once_notice_is_given(db, s, lease):
    notice(db, s, lease)
    with pytest.raises(leases.LeaseNotLive):
        leases.extend(db, s.caseworker, lease, dt.date(2027, 6, 1), today=TODAY)
    with pytest.raises(leases.LeaseNotLive):
        leases.hold_review(db, s.caseworker, lease, TODAY, ReviewDecision.CONTINUE)


# -- breach, payment demand and notice -------------------------------------------------


def test_the_landlord_reports_arrears_and_sends_a_payment_demand(db, s, lease, arrears):
    assert (arrears.breach_kind, arrears.arrears_amount) == (BreachKind.ARREARS, 5200)
    demand = leases.send_payment_demand(db, s.landlord, lease, arrears, dt.date(2026, 6, 4))
    assert demand.payment_deadline == dt.date(2026, 6, 18)
    assert f.audit_actions(db, object_type="lease")[-2:] == ["lease.breach", "lease.payment_demand"]


def test_a_breach_report_says_what_happened(db, s, lease):
    before = f.row_counts(db)
    with pytest.raises(leases.LeaseError):
        leases.report_breach(
            db, s.landlord, lease, BreachKind.ARREARS, TODAY, arrears_amount=0, arrears_due_on=TODAY
        )
    with pytest.raises(leases.LeaseError):
        leases.report_breach(db, s.landlord, lease, BreachKind.HOUSE_RULES, TODAY, what=" ")
    assert f.row_counts(db) == before
    event = leases.report_breach(
        db, s.caseworker, lease, BreachKind.HOUSE_RULES, TODAY, what="Larm om natten"
    )
    assert (event.occurred_on, event.note) == (TODAY, "Larm om natten")


def test_only_the_units_landlord_or_the_caseworker_reports(db, s, lease):
    other = f.landlord_member(db, f.landlord_org(db))
    with pytest.raises(NotAllowed):
        leases.report_breach(db, other, lease, BreachKind.HOUSE_RULES, TODAY, what="Larm")


def test_no_notice_without_another_relevant_offer(db, s, lease):
    before = f.row_counts(db)
    with pytest.raises(leases.NoticeRefused, match="another relevant offer"):
        notice(db, s, lease, alternative_offer=None)
    assert f.row_counts(db) == before and lease.status == LeaseStatus.ACTIVE


def test_a_notice_states_the_objection_deadline_and_runs_three_months(db, s, lease):
    event = notice(
        db,
        s,
        lease,
        reason=NoticeReason.IMPROVED,
        notice_date=dt.date(2026, 11, 30),
        alternative_offer=AlternativeOfferKind.TAKE_OVER,
        alternative_details="Overtag boligen",
    )
    assert lease.status == LeaseStatus.NOTICE_GIVEN
    assert event.objection_deadline == dt.date(2027, 1, 11)  # six weeks
    assert event.effective_on == dt.date(2027, 2, 28)  # three months, the day clamped
    assert (event.notice_reason, event.alternative_offer, event.alternative_offer_details) == (
        NoticeReason.IMPROVED,
        AlternativeOfferKind.TAKE_OVER,
        "Overtag boligen",
    )
    assert f.audit_actions(db, object_type="lease")[-1] == "lease.notice"
    with pytest.raises(leases.LeaseNotLive):
        notice(db, s, lease)


def test_arrears_need_a_payment_demand_that_has_run_out(db, s, lease, arrears):
    breach_notice = {"reason": NoticeReason.BREACH, "breach": arrears}
    before = f.row_counts(db)
    with pytest.raises(leases.NoticeRefused, match="payment demand"):
        notice(db, s, lease, notice_date=dt.date(2026, 7, 1), **breach_notice)
    leases.send_payment_demand(db, s.landlord, lease, arrears, dt.date(2026, 6, 4))
    with pytest.raises(leases.NoticeRefused, match="payment demand"):
        notice(db, s, lease, notice_date=dt.date(2026, 6, 18), **breach_notice)
    assert f.row_counts(db)["lease_event"] == before["lease_event"] + 1  # just the demand
    assert lease.status == LeaseStatus.ACTIVE
    event = notice(db, s, lease, notice_date=dt.date(2026, 6, 19), **breach_notice)
    assert (event.notice_reason, event.breach_kind) == (NoticeReason.BREACH, BreachKind.ARREARS)


def test_a_house_rule_breach_needs_no_payment_demand(db, s, lease):
    breach = leases.report_breach(
        db, s.landlord, lease, BreachKind.HOUSE_RULES, TODAY, what="Hærværk i opgangen"
    )
    event = notice(db, s, lease, reason=NoticeReason.BREACH, breach=breach)
    assert event.breach_kind == BreachKind.HOUSE_RULES


def test_a_breach_notice_names_the_breach(db, s, lease):
    with pytest.raises(leases.NoticeRefused, match="reported breach"):
        notice(db, s, lease, reason=NoticeReason.BREACH)
    assert lease.status == LeaseStatus.ACTIVE


def test_complaint_guidance_follows_the_landlords_kind():
    day = dt.date(2026, 8, 31)
    social = leases.complaint_guidance(OrganisationKind.SOCIAL, LeaseModel.DIRECT, day)
    assert social.bodies == (ComplaintBody.LANDLORD, ComplaintBody.BEBOERKLAGENAEVN)
    assert social.steps[0].deadline == dt.date(2026, 10, 12)
    private = leases.complaint_guidance(OrganisationKind.PRIVATE, LeaseModel.DIRECT, day)
    assert private.bodies == (
        ComplaintBody.LANDLORD,
        ComplaintBody.HUSLEJENAEVN,
        ComplaintBody.BOLIGRETTEN,
    )
    assert private.steps[2].subject == ComplaintSubject.NOTICE
    municipal = leases.complaint_guidance(OrganisationKind.MUNICIPAL, LeaseModel.DIRECT, day)
    assert municipal.bodies == (
        ComplaintBody.LANDLORD,
        ComplaintBody.MUNICIPALITY,
        ComplaintBody.ANKESTYRELSEN,
    )
    assert municipal.steps[1].deadline == dt.date(2026, 9, 28)  # four weeks
    assert municipal.steps[2].after == ComplaintBody.MUNICIPALITY
    sublet = leases.complaint_guidance(OrganisationKind.PRIVATE, LeaseModel.SUBLET, day)
    assert sublet.bodies == municipal.bodies
    decided = leases.complaint_guidance(
        OrganisationKind.SOCIAL, LeaseModel.DIRECT, day, municipal_decision=True
    )
    assert decided.bodies == (
        *social.bodies,
        ComplaintBody.MUNICIPALITY,
        ComplaintBody.ANKESTYRELSEN,
    )


def test_a_notice_carries_the_guidance_for_its_reason(db, s, lease):
    event = notice(db, s, lease, reason=NoticeReason.NEEDS_MORE_SUPPORT)
    guidance = leases.guidance_for_notice(lease, event)
    assert guidance.landlord_kind == OrganisationKind.SOCIAL
    assert ComplaintBody.MUNICIPALITY in guidance.bodies  # the municipality's assessment


# -- the end ---------------------------------------------------------------------------


def test_ending_a_lease_records_the_outcome_and_follow_ups(db, s, lease, home):
    notice(db, s, lease)
    outcome = leases.end_lease(
        db,
        s.caseworker,
        lease,
        dt.date(2026, 11, 30),
        home,
        occupation_at_end=Occupation.EDUCATION,
    )
    assert (lease.status, lease.ended_on) == (LeaseStatus.ENDED, dt.date(2026, 11, 30))
    assert (outcome.destination, outcome.moved_on) == (home, dt.date(2026, 11, 30))
    assert [(fu.months, fu.due_on) for fu in outcome.follow_ups] == [
        (6, dt.date(2027, 5, 30)),
        (12, dt.date(2027, 11, 30)),
        (24, dt.date(2028, 11, 30)),
    ]
    assert s.case.status == CaseStatus.MOVED_ON
    assert s.case.occupation_at_end == Occupation.EDUCATION
    assert s.unit.status == UnitStatus.AVAILABLE
    assert f.audit_actions(db, object_type="lease")[-1] == "lease.end"
    with pytest.raises(leases.LeaseNotLive, match="has ended"):
        leases.end_lease(db, s.caseworker, lease, dt.date(2026, 12, 1), home)


def test_no_follow_up_when_the_citizen_did_not_move_to_a_permanent_home(db, s, lease):
    shelter = f.destination(db, f.DestinationGroup.HOMELESS, starts_follow_up=False)
    outcome = leases.end_lease(db, s.caseworker, lease, dt.date(2026, 9, 1), shelter)
    assert outcome.follow_ups == []


def test_the_unit_can_be_offered_again_after_the_lease_ended(db, s, lease, home):
    leases.end_lease(db, s.caseworker, lease, dt.date(2026, 9, 1), home)
    next_case = f.case(db, s.municipality)
    offer = offers.propose(db, s.caseworker, s.unit, next_case, RULES, dt.date(2026, 9, 2))
    assert offer.status == OfferStatus.PROPOSED


def test_taking_over_the_home_makes_it_ordinary(db, s, lease, home):
    outcome = leases.take_over(db, s.caseworker, lease, dt.date(2027, 1, 1), home)
    assert lease.status == LeaseStatus.TAKEN_OVER and outcome.destination == home
    assert s.unit.status == UnitStatus.LET  # still the citizen's home
    assert s.case.status == CaseStatus.MOVED_ON and len(outcome.follow_ups) == 3
    assert [e.kind for e in lease.events][-1] == LeaseEventKind.TAKEN_OVER
    with pytest.raises(leases.LeaseNotLive):
        leases.take_over(db, s.caseworker, lease, dt.date(2027, 1, 2), home)


def test_a_relapse_puts_the_citizen_back_in_the_queue(db, s, lease, home):
    leases.end_lease(db, s.caseworker, lease, dt.date(2026, 9, 1), home)
    relapse = leases.record_relapse(
        db,
        s.caseworker,
        s.case,
        dt.date(2027, 2, 1),
        RelapseCause.HEALTH,
        "Indlagt; tilbage til botilbud",
        lease=lease,
    )
    assert (relapse.cause, relapse.lease_id) == (RelapseCause.HEALTH, lease.id)
    assert s.case.status == CaseStatus.WAITING
    assert s.case.waiting_since == dt.date(2027, 2, 1)
    assert f.audit_actions(db, case_id=s.case.id)[-1] == "case.relapse"
    # No "once matched, never again": the citizen can be offered a home again.
    new_unit = f.unit(db, s.organisation, s.municipality)
    assert offers.propose(db, s.caseworker, new_unit, s.case, RULES, dt.date(2027, 2, 2))


def test_a_relapse_in_a_live_lease_keeps_the_citizen_housed(db, s, lease):
    leases.record_relapse(db, s.caseworker, s.case, TODAY, RelapseCause.ISOLATION, "Mere støtte")
    assert s.case.status == CaseStatus.HOUSED
    with pytest.raises(leases.LeaseError):
        leases.record_relapse(db, s.caseworker, s.case, TODAY, RelapseCause.OTHER, " ")
