"""Small builders for test data. Each adds its rows to the given session and flushes.

Values that must be unique (municipality codes, CVR numbers, CPR numbers, OIDC
subjects) come from one counter, so builders can be called any number of times in a
test, and on committed data in several threads.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.accounts.models import Account, Role
from portal.audit.models import AuditEvent
from portal.cases.cpr import CprCipher, cpr_cipher
from portal.cases.models import Case, CaseStatus, CaseTargetGroup, HousingSituation
from portal.landlords.models import (
    LandlordOrganisation,
    MemberStatus,
    OrganisationKind,
    OrganisationMember,
    OrganisationStatus,
)
from portal.leases.models import Lease, LeaseEvent, LeaseModel, LeaseStatus
from portal.municipalities.models import Municipality, MunicipalityTargetGroup, TargetGroup
from portal.offers.models import Offer, OfferDecision, OfferRuleResult
from portal.outcomes.models import Outcome, Relapse
from portal.plans.models import Goal, GoalKind, Plan
from portal.rules.models import (
    Actor,
    Consequence,
    DeclineReason,
    DestinationGroup,
    ExtensionRule,
    LegalBasis,
    OutcomeDestination,
)
from portal.units.models import HousingKind, Unit, UnitStatus

_seq = itertools.count(1)
VALID_FROM = dt.date(2020, 1, 1)


def _next() -> int:
    return next(_seq)


def _save(db: Session, obj: Any) -> Any:
    db.add(obj)
    db.flush()
    return obj


def municipality(db: Session, *, name: str = "Aarhus", **fields: Any) -> Municipality:
    n = _next()
    groups = fields.pop("target_groups", list(TargetGroup))
    m = Municipality(code=fields.pop("code", f"{n % 1000:03d}"), name=f"{name} {n}", **fields)
    m.target_groups = [MunicipalityTargetGroup(target_group=g) for g in groups]
    return _save(db, m)


def account(db: Session, role: Role, **fields: Any) -> Account:
    n = _next()
    fields.setdefault("display_name", f"{role.value.title()} {n}")
    return _save(
        db,
        Account(issuer=f"https://idp.test/{role.value}", subject=f"sub-{n}", role=role, **fields),
    )


def caseworker(db: Session, municipality: Municipality, **fields: Any) -> Account:
    return account(db, Role.CASEWORKER, municipality_id=municipality.id, **fields)


def network_admin(db: Session) -> Account:
    return account(db, Role.ADMINISTRATOR, is_network_admin=True)


def landlord_org(
    db: Session,
    kind: OrganisationKind = OrganisationKind.SOCIAL,
    *,
    status: OrganisationStatus = OrganisationStatus.ACTIVE,
    **fields: Any,
) -> LandlordOrganisation:
    n = _next()
    fields.setdefault("name", f"Boligselskabet {n}")
    return _save(
        db, LandlordOrganisation(cvr=f"{n % 10**8:08d}", kind=kind, status=status, **fields)
    )


def landlord_member(
    db: Session, organisation: LandlordOrganisation, *, status: MemberStatus = MemberStatus.ACTIVE
) -> Account:
    """A landlord account and its membership of ``organisation``."""
    acc = account(db, Role.LANDLORD)
    _save(
        db,
        OrganisationMember(
            organisation_id=organisation.id, account_id=acc.id, name=acc.display_name, status=status
        ),
    )
    return acc


def unit(
    db: Session,
    organisation: LandlordOrganisation,
    municipality: Municipality,
    *,
    status: UnitStatus = UnitStatus.AVAILABLE,
    **fields: Any,
) -> Unit:
    n = _next()
    values: dict[str, Any] = {
        "street": "Søndergade",
        "number": str(n),
        "floor": 1,
        "postcode": "8000",
        "city": "Aarhus C",
        "building_key": f"Søndergade {n}",
        "housing_kind": HousingKind.FAMILY,
        "rooms": 2,
        "area_m2": 55,
        "rent": 5200,
        "utilities_on_account": 600,
        "available_from": dt.date(2026, 1, 1),
    }
    values.update(fields)
    return _save(
        db,
        Unit(
            organisation_id=organisation.id,
            municipality_id=municipality.id,
            status=status,
            **values,
        ),
    )


def cpr_number(n: int | None = None) -> str:
    """A valid CPR number, different for every call (born in the 1900s)."""
    n = _next() if n is None else n
    day, serial = 1 + n % 28, n % 4000
    return f"{day:02d}0{1 + (n // 28) % 9}80-{serial:04d}"


def case(
    db: Session,
    municipality: Municipality,
    *,
    cpr: str | None = None,
    cipher: CprCipher | None = None,
    target_groups: tuple[TargetGroup, ...] = (TargetGroup.SOCIAL_PROBLEMS,),
    **fields: Any,
) -> Case:
    """A waiting case; the CPR is encrypted and hashed with the app's keys."""
    cipher = cipher or cpr_cipher()
    cpr = cpr or cpr_number()
    n = _next()
    values: dict[str, Any] = {
        "name": f"Borger {n}",
        "citizen_group": 1,
        "housing_situation": HousingSituation.SHELTER,
        "status": CaseStatus.WAITING,
        "waiting_since": dt.date(2025, 6, 1),
    }
    values.update(fields)
    c = Case(
        municipality_id=municipality.id,
        cpr_ciphertext=cipher.encrypt(cpr),
        cpr_hash=cipher.hash(cpr),
        **values,
    )
    c.target_groups = [CaseTargetGroup(target_group=g) for g in target_groups]
    return _save(db, c)


def citizen_account(db: Session, case: Case) -> Account:
    """The citizen's MitID account, linked to their case."""
    acc = account(db, Role.CITIZEN)
    case.account_id = acc.id
    db.flush()
    return acc


def plan_with_goal(db: Session, case: Case, *, goals: int = 1) -> Plan:
    plan = Plan(case_id=case.id, purpose="Bo i egen bolig", start_date=dt.date(2025, 9, 1))
    plan.goals = [
        Goal(kind=GoalKind.CITIZEN, text=f"Jeg vil klare min egen økonomi ({i})")
        for i in range(goals)
    ]
    return _save(db, plan)


def legal_basis(db: Session, code: str | None = None, **fields: Any) -> LegalBasis:
    """A legal basis; by default the network's experiment basis (no limit, open)."""
    values: dict[str, Any] = {
        "name": "Forsøgshjemmel",
        "law_reference": "Frikommuneforsøg",
        "time_limited": True,
        "max_term_months": None,
        "extension_rule": ExtensionRule.OPEN,
        "allowed_for_integration_act": True,
        "valid_from": VALID_FROM,
    }
    values.update(fields)
    return _save(db, LegalBasis(code=code or f"basis_{_next()}", **values))


def inclusion_basis(db: Session) -> LegalBasis:
    """Inklusionsbolig, ABL § 62 a: at most two years, goals agreed before allocation."""
    return legal_basis(
        db,
        name="Inklusionsbolig",
        law_reference="ABL § 62 a",
        max_term_months=24,
        extension_rule=ExtensionRule.WITHIN_MAX,
        allowed_for_integration_act=False,
        goals_before_allocation=True,
    )


def exit_basis(db: Session) -> LegalBasis:
    """Almen udslusningsbolig, ABL § 63 / almenlejeloven § 4: end stated, no extension."""
    return legal_basis(
        db,
        name="Udslusningsbolig",
        law_reference="ABL § 63, almenlejeloven § 4",
        max_term_months=24,
        extension_rule=ExtensionRule.NONE,
        allowed_for_integration_act=False,
        end_stated_in_lease=True,
    )


def ordinary_basis(db: Session) -> LegalBasis:
    return legal_basis(
        db,
        name="Almindelig lejekontrakt",
        law_reference="Lejeloven",
        time_limited=False,
        extension_rule=ExtensionRule.OPEN,
    )


def decline_reason(
    db: Session,
    actor: Actor,
    consequence: Consequence = Consequence.NONE,
    *,
    pause_days: int | None = None,
    active: bool = True,
    code: str | None = None,
) -> DeclineReason:
    return _save(
        db,
        DeclineReason(
            actor=actor,
            code=code or f"reason_{_next()}",
            consequence=consequence,
            pause_days=pause_days,
            active=active,
            valid_from=VALID_FROM,
        ),
    )


def destination(
    db: Session,
    group: DestinationGroup = DestinationGroup.PERMANENT,
    *,
    starts_follow_up: bool = True,
    code: str | None = None,
) -> OutcomeDestination:
    return _save(
        db,
        OutcomeDestination(
            code=code or f"dest_{_next()}",
            group=group,
            starts_follow_up=starts_follow_up,
            valid_from=VALID_FROM,
        ),
    )


def raw_lease(
    db: Session, case: Case, basis: LegalBasis, *, unit: Unit | None = None, **fields: Any
) -> Lease:
    """A lease row written directly, bypassing the services: for states they would refuse."""
    values: dict[str, Any] = {
        "lease_model": LeaseModel.DIRECT if unit else LeaseModel.CURRENT_HOME,
        "start_date": dt.date(2025, 1, 1),
        "purpose": "Test",
        "rent": 5000,
        "citizen_share": 5000,
        "status": LeaseStatus.ACTIVE,
    }
    values.update(fields)
    return _save(
        db,
        Lease(
            case_id=case.id,
            unit_id=unit.id if unit else None,
            organisation_id=unit.organisation_id if unit else None,
            legal_basis_id=basis.id,
            **values,
        ),
    )


@dataclass
class Scene:
    """One municipality with a caseworker, a landlord with a member and a unit, and a
    waiting citizen with an account: the cast of most journeys."""

    municipality: Municipality
    caseworker: Account
    organisation: LandlordOrganisation
    landlord: Account
    unit: Unit
    case: Case
    citizen: Account
    basis: LegalBasis


def scene(db: Session, kind: OrganisationKind = OrganisationKind.SOCIAL) -> Scene:
    m = municipality(db)
    org = landlord_org(db, kind)
    c = case(db, m)
    return Scene(
        municipality=m,
        caseworker=caseworker(db, m),
        organisation=org,
        landlord=landlord_member(db, org),
        unit=unit(db, org, m),
        case=c,
        citizen=citizen_account(db, c),
        basis=legal_basis(db),
    )


COUNTED = (Offer, OfferDecision, OfferRuleResult, Lease, LeaseEvent, Outcome, Relapse, AuditEvent)


def row_counts(db: Session) -> dict[str, int]:
    """How many rows the services write to, per table: compared before and after a refusal."""
    db.flush()
    return {
        model.__tablename__: db.scalar(select(func.count()).select_from(model)) or 0
        for model in COUNTED
    }


def audit_actions(db: Session, **filters: Any) -> list[str]:
    """The audit trail's actions, oldest first."""
    query = select(AuditEvent.action).order_by(AuditEvent.id)
    for name, value in filters.items():
        query = query.where(getattr(AuditEvent, name) == value)
    return list(db.scalars(query))
