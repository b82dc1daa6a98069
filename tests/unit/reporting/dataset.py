"""A small hand-built data set for the evaluation figures; the right answers are in the
tests, worked out by hand from the comments here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from portal.accounts.models import Account
from portal.cases.models import Case, Occupation, Placement
from portal.leases.models import LeaseStatus
from portal.municipalities.models import Municipality, TargetGroup
from portal.offers.models import DecisionKind, Offer, OfferDecision, OfferStatus
from portal.outcomes.models import (
    FollowUp,
    Outcome,
    Relapse,
    RelapseCause,
    StillHoused,
    SurveyAnswer,
)
from portal.rules.models import (
    Actor,
    DestinationGroup,
    OutcomeClass,
    OutcomeClassification,
    SurveyQuestion,
    Threshold,
)
from tests import factories as f

D = dt.date
AS_OF = D(2026, 12, 1)


@dataclass
class Data:
    home: Municipality
    other: Municipality
    caseworker: Account
    other_caseworker: Account
    cases: dict[str, Case]
    basis_code: str


def build(db: Session) -> Data:
    home = f.municipality(db, name="Hjemby")
    other = f.municipality(db, name="Andetby")
    cw = f.caseworker(db, home)
    other_cw = f.caseworker(db, other)
    org = f.landlord_org(db)
    u1 = f.unit(db, org, home, building_key="Byvej 1", postcode="8000")
    u2 = f.unit(db, org, home, building_key="Byvej 1", postcode="8000")
    u3 = f.unit(db, org, home, building_key="Torvet 2", postcode="8200")
    u_other = f.unit(db, org, other, building_key="Fjernvej 9", postcode="9000")
    basis = f.legal_basis(db)
    ordinary = f.ordinary_basis(db)
    permanent = f.destination(db, DestinationGroup.PERMANENT)
    homeless = f.destination(db, DestinationGroup.HOMELESS, starts_follow_up=False)
    db.add_all(
        [
            OutcomeClassification(
                destination_id=permanent.id, citizen_group=1, outcome_class=OutcomeClass.POSITIVE
            ),
            OutcomeClassification(
                destination_id=homeless.id, citizen_group=1, outcome_class=OutcomeClass.NEGATIVE
            ),
        ]
    )
    # Placement: meant to live together are c1 (stated wish), c3 (stated wish) and c4
    # (intellectual disability, no wish); c2 has one but wishes to be spread out; c5
    # (ordinary lease) and c6 (elsewhere) do not count.
    # Education or work, start -> end: c1 none -> work, c2 education -> education; c3
    # and c4 have no end recorded; c5 and c6 do not count.
    none, work = Occupation.NONE, Occupation.WORK
    c1 = f.case(
        db,
        home,
        citizen_group=1,
        adults=1,
        children=2,  # 3 persons
        placement=Placement.CLUSTER,
        occupation_at_start=none,
        occupation_at_end=work,
    )
    c2 = f.case(
        db,
        home,
        citizen_group=1,
        adults=2,  # 2 persons
        intellectual_disability=True,
        placement=Placement.SPREAD,
        occupation_at_start=Occupation.EDUCATION,
        occupation_at_end=Occupation.EDUCATION,
    )
    c3 = f.case(
        db,
        home,
        citizen_group=2,
        target_groups=(TargetGroup.REFUGEES,),
        placement=Placement.CLUSTER,
        occupation_at_start=Occupation.UNKNOWN,
    )
    c4 = f.case(db, home, citizen_group=1, intellectual_disability=True)
    c5 = f.case(  # ordinary lease only: not counted
        db, home, citizen_group=1, placement=Placement.CLUSTER, occupation_at_end=work
    )
    c6 = f.case(  # another municipality
        db, other, citizen_group=1, intellectual_disability=True, occupation_at_end=work
    )
    # The limit per building: 2 until 2026-06-01, then 3.
    db.add_all(
        [
            Threshold(code="placement_max_per_building", value=2, valid_from=D(2024, 1, 1)),
            Threshold(code="placement_max_per_building", value=3, valid_from=D(2026, 6, 1)),
        ]
    )
    ended = LeaseStatus.ENDED
    # Stays: c1 30 days, c2 60 days, c3 200 days; c4 still housed; c6 elsewhere 400 days.
    l1 = f.raw_lease(
        db, c1, basis, unit=u1, start_date=D(2025, 1, 1), ended_on=D(2025, 1, 31), status=ended
    )
    l2 = f.raw_lease(
        db, c2, basis, unit=u2, start_date=D(2025, 1, 1), ended_on=D(2025, 3, 2), status=ended
    )
    l3 = f.raw_lease(
        db, c3, basis, unit=u3, start_date=D(2025, 1, 1), ended_on=D(2025, 7, 20), status=ended
    )
    f.raw_lease(db, c4, basis, unit=u1, start_date=D(2025, 3, 1))
    f.raw_lease(db, c5, ordinary, unit=u3, start_date=D(2025, 8, 1))
    l6 = f.raw_lease(
        db, c6, basis, unit=u_other, start_date=D(2024, 1, 1), ended_on=D(2025, 2, 4), status=ended
    )
    o1 = Outcome(lease_id=l1.id, case_id=c1.id, destination_id=permanent.id, moved_on=D(2025, 2, 1))
    o2 = Outcome(lease_id=l2.id, case_id=c2.id, destination_id=homeless.id, moved_on=D(2025, 3, 2))
    o3 = Outcome(
        lease_id=l3.id, case_id=c3.id, destination_id=permanent.id, moved_on=D(2025, 7, 20)
    )
    o6 = Outcome(lease_id=l6.id, case_id=c6.id, destination_id=permanent.id, moved_on=D(2025, 2, 4))
    db.add_all([o1, o2, o3, o6])
    db.flush()
    db.add_all(
        [
            FollowUp(
                outcome_id=o1.id, months=6, due_on=D(2025, 8, 1), still_housed=StillHoused.YES
            ),
            FollowUp(
                outcome_id=o1.id, months=12, due_on=D(2026, 2, 1), still_housed=StillHoused.NO
            ),
            FollowUp(outcome_id=o1.id, months=24, due_on=D(2027, 2, 1)),  # not due yet
            FollowUp(
                outcome_id=o3.id, months=6, due_on=D(2026, 1, 20), still_housed=StillHoused.UNKNOWN
            ),
            FollowUp(outcome_id=o3.id, months=12, due_on=D(2026, 7, 20)),  # due, not recorded
            FollowUp(
                outcome_id=o6.id, months=6, due_on=D(2025, 8, 4), still_housed=StillHoused.YES
            ),
        ]
    )
    db.add_all(
        [
            Relapse(
                case_id=c1.id,
                lease_id=l1.id,
                occurred_on=D(2025, 5, 1),
                cause=RelapseCause.ECONOMY,
                action="Budget",
            ),
            Relapse(
                case_id=c3.id,
                lease_id=l3.id,
                occurred_on=D(2025, 6, 1),
                cause=RelapseCause.ECONOMY,
                action="Budget",
            ),
            Relapse(
                case_id=c4.id, occurred_on=D(2025, 6, 1), cause=RelapseCause.HEALTH, action="Læge"
            ),
            Relapse(
                case_id=c6.id, occurred_on=D(2025, 6, 1), cause=RelapseCause.HEALTH, action="Læge"
            ),
        ]
    )
    # Survey (citizens' answers, 1-5): "more_independent" (asked first) c1 2 and c2 3
    # in 2025 Q1, c1 4 in Q3; "safe_at_home" c1 4, c3 5 and c4 4 in Q2. Not counted:
    # c6 (elsewhere) and the staff question, answered by the caseworker.
    q_ind = SurveyQuestion(code="more_independent", position=10, valid_from=D(2024, 1, 1))
    q_safe = SurveyQuestion(code="safe_at_home", position=20, valid_from=D(2024, 1, 1))
    q_staff = SurveyQuestion(
        code="coherent_support", audience="staff", position=5, valid_from=D(2024, 1, 1)
    )
    db.add_all([q_ind, q_safe, q_staff])
    db.flush()
    answers = [
        (c1, q_ind, 2, D(2025, 2, 10)),
        (c2, q_ind, 3, D(2025, 3, 5)),
        (c1, q_ind, 4, D(2025, 8, 1)),
        (c6, q_ind, 5, D(2025, 2, 1)),
        (c1, q_safe, 4, D(2025, 5, 15)),
        (c3, q_safe, 5, D(2025, 4, 1)),
        (c4, q_safe, 4, D(2025, 6, 30)),
    ]
    db.add_all(
        SurveyAnswer(case_id=c.id, question_id=q.id, value=v, answered_on=on)
        for c, q, v, on in answers
    )
    db.add(
        SurveyAnswer(account_id=cw.id, question_id=q_staff.id, value=1, answered_on=D(2025, 2, 1))
    )
    r_citizen = f.decline_reason(db, Actor.CITIZEN, code="too_far")
    r_landlord = f.decline_reason(db, Actor.LANDLORD, code="no_fit")
    at = dt.datetime(2025, 1, 1, 12, tzinfo=dt.UTC)

    def offer(case: Case, status: OfferStatus, *decisions: tuple[Actor, DecisionKind, int | None]):
        o = Offer(
            unit_id=u1.id, case_id=case.id, proposed_by_id=cw.id, status=status, proposed_at=at
        )
        o.decisions = [
            OfferDecision(actor=a, decision=d, reason_id=r, decided_at=at) for a, d, r in decisions
        ]
        db.add(o)

    accept = (Actor.CITIZEN, DecisionKind.ACCEPT, None)
    offer(c1, OfferStatus.APPROVED, accept, (Actor.CASEWORKER, DecisionKind.APPROVE, None))
    offer(c2, OfferStatus.DECLINED, accept, (Actor.LANDLORD, DecisionKind.DECLINE, r_landlord.id))
    offer(c4, OfferStatus.DECLINED, (Actor.CITIZEN, DecisionKind.DECLINE, r_citizen.id))
    offer(c3, OfferStatus.APPROVED, accept)
    offer(c6, OfferStatus.DECLINED, (Actor.CITIZEN, DecisionKind.DECLINE, r_citizen.id))
    db.flush()
    return Data(
        home, other, cw, other_cw, dict(c1=c1, c2=c2, c3=c3, c4=c4, c5=c5, c6=c6), basis.code
    )
