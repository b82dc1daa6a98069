"""The citizen journeys' cast: citizens in each situation the issue names, built on the
services (offers, leases) so every rule of the portal holds, as in the demo."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from portal.accounts.models import Account
from portal.cases.models import Case
from portal.landlords.models import LandlordOrganisation
from portal.leases.models import (
    AlternativeOfferKind,
    Lease,
    LeaseEvent,
    LeaseEventKind,
    LeaseStatus,
    NoticeReason,
)
from portal.municipalities.models import Municipality
from portal.offers import services as offers
from portal.offers.models import Offer, RuleKind
from portal.plans.models import (
    Goal,
    GoalKind,
    GoalUpdate,
    Level,
    Plan,
    SupportActivity,
    SupportKind,
    UpdateSource,
)
from portal.rules.defaults import install_default_rules
from portal.rules.models import Actor, Consequence, DeclineReason, LegalBasis
from portal.units.models import Unit
from tests import factories as f

TODAY = dt.date.today()
INTERNAL_NOTE = "Intern note: drøftet på teammøde"
VISIBLE_UPDATE = "Det går bedre med at holde aftaler."


@dataclass
class Citizen:
    case: Case
    account: Account


@dataclass
class World:
    municipality: Municipality
    caseworker: Account
    organisation: LandlordOrganisation
    landlord: Account
    basis: LegalBasis
    far_away: DeclineReason  # a "no" that pauses the citizen for 30 days
    not_ready: DeclineReason  # a "no" that costs nothing


def citizen(db: Session, world: World, **fields: object) -> Citizen:
    fields.setdefault("caseworker_id", world.caseworker.id)
    case = f.case(db, world.municipality, **fields)
    account = f.citizen_account(db, case)
    account.preferred_language = "en"  # English msgids: the tests read the source texts
    db.flush()
    return Citizen(case, account)


def build_world(db: Session) -> World:
    # The default rules: housing-benefit rates, so the estimate is a real one.
    install_default_rules(db)
    m = f.municipality(db)
    org = f.landlord_org(db, contact_phone="+45 70 20 30 40", contact_email="udlejning@x.dk")
    paused = f.decline_reason(db, Actor.CITIZEN, Consequence.PAUSED, pause_days=30, code="test_far")
    paused.texts = {
        "en": {
            "label": "The home is too far away",
            "consequence": "You will not get new offers for the next {days} days.",
        }
    }
    free = f.decline_reason(db, Actor.CITIZEN, Consequence.NONE, code="test_free")
    free.texts = {"en": {"label": "I am not ready to move", "consequence": "Nothing changes."}}
    db.flush()
    return World(
        municipality=m,
        caseworker=f.caseworker(db, m, phone="+45 89 40 11 22", email="cw@kommune.example.dk"),
        organisation=org,
        landlord=f.landlord_member(db, org),
        basis=f.legal_basis(db),
        far_away=paused,
        not_ready=free,
    )


def with_plan(db: Session, person: Citizen) -> Plan:
    """A plan with the citizen's own goal, a professional goal with one visible update and
    one internal note, and a support activity with a contact person."""
    plan = Plan(case_id=person.case.id, purpose="Bo i egen bolig", start_date=TODAY)
    own = Goal(kind=GoalKind.CITIZEN, text="Jeg vil have mit eget hjem")
    professional = Goal(
        kind=GoalKind.PROFESSIONAL,
        text="Klare egen økonomi",
        level_at_start=Level.SEVERE,
        level_now=Level.MODERATE,
        level_target=Level.LIGHT,
    )
    professional.updates = [
        GoalUpdate(written_on=TODAY, text=VISIBLE_UPDATE, source=UpdateSource.SUPPORT_WORKER,
                   citizen_visible=True, author_name="Bente Bostøtte"),
        GoalUpdate(written_on=TODAY, text=INTERNAL_NOTE, source=UpdateSource.CASEWORKER,
                   citizen_visible=False, author_name="Sagsbehandler"),
    ]  # fmt: skip
    plan.goals = [own, professional]
    plan.activities = [
        SupportActivity(kind=SupportKind.SOCIAL, description="Bostøtte", provider="Kommunen",
                        contact_name="Bente Bostøtte", contact_phone="+45 41 22 33 44",
                        contact_email="bente@example.dk", start_date=TODAY,
                        next_meeting_at=dt.datetime.combine(TODAY + dt.timedelta(days=3),
                                                            dt.time(10), tzinfo=dt.UTC))
    ]  # fmt: skip
    db.add(plan)
    db.flush()
    return plan


def offer_to(db: Session, world: World, person: Citizen, unit: Unit | None = None) -> Offer:
    """An offer sent to the citizen, answer within a week, with its rules evaluated."""
    unit = unit or f.unit(db, world.organisation, world.municipality, lift=True)
    results = [
        offers.RuleResult("rooms", RuleKind.MUST, True, {"rooms": 2, "needed": 1}),
        offers.RuleResult("within_budget", RuleKind.PREFERRED, False, {},
                          override_reason="Den eneste ledige bolig i området"),
    ]  # fmt: skip
    offer = offers.propose(db, world.caseworker, unit, person.case, results, TODAY)
    offers.send_to_citizen(db, world.caseworker, offer, TODAY + dt.timedelta(days=7), TODAY)
    return offer


def lease_for(db: Session, world: World, person: Citizen, **fields: object) -> Lease:
    unit = f.unit(db, world.organisation, world.municipality)
    fields.setdefault("start_date", TODAY - dt.timedelta(days=150))
    fields.setdefault("next_review", TODAY + dt.timedelta(days=10))
    lease = f.raw_lease(db, person.case, world.basis, unit=unit, rent=5200, utilities=600,
                        subsidy=500, citizen_share=5300, **fields)  # fmt: skip
    db.add(LeaseEvent(lease_id=lease.id, kind=LeaseEventKind.CREATED,
                      occurred_on=lease.start_date))  # fmt: skip
    db.add(LeaseEvent(lease_id=lease.id, kind=LeaseEventKind.REVIEW_HELD,
                      occurred_on=lease.start_date + dt.timedelta(days=90)))  # fmt: skip
    db.flush()
    return lease


def give_notice(db: Session, lease: Lease, days_ago: int = 20) -> LeaseEvent:
    given = TODAY - dt.timedelta(days=days_ago)
    event = LeaseEvent(
        lease_id=lease.id,
        kind=LeaseEventKind.NOTICE_GIVEN,
        occurred_on=given,
        notice_reason=NoticeReason.PURPOSE_REACHED,
        alternative_offer=AlternativeOfferKind.ORDINARY_HOME,
        alternative_offer_details="En almen familiebolig i Himmelev",
        objection_deadline=given + dt.timedelta(weeks=6),
        effective_on=given + dt.timedelta(days=91),
    )
    lease.status = LeaseStatus.NOTICE_GIVEN
    db.add(event)
    db.flush()
    return event
