"""Cases: scoped look-ups, search, and the writes of creating and editing a case.

Every query here is scoped in SQL to what the acting staff member may see (their own
municipality; a network administrator sees all), so another municipality's case is
simply not found. Every write and every look at a case writes an audit event, in the
caller's transaction; nothing here commits.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, false, func, select, true
from sqlalchemy.orm import Session, selectinload

from portal.accounts.models import Account, Role
from portal.audit.services import record
from portal.cases import policy
from portal.cases.cpr import CprCipher, validate_cpr
from portal.cases.models import (
    Case,
    CaseStatus,
    CaseTargetGroup,
    CaseWishedArea,
    HousingSituation,
    Occupation,
    Placement,
)
from portal.errors import DomainError, NotAllowed
from portal.municipalities.models import Municipality, TargetGroup

PAGE_SIZE = 25

# Why a staff member looked at a case: a short fixed vocabulary, stored as the audit
# event's purpose and shown (translated) in the citizen's "who has seen my data".
PURPOSE_CASE_WORK = "case work"
PURPOSE_PLAN_WORK = "plan work"
READ_PURPOSES = {
    PURPOSE_CASE_WORK: _l("Case work"),
    PURPOSE_PLAN_WORK: _l("Work on the plan"),
}


def purpose_label(purpose: str | None) -> str:
    """The translated words for a stored read purpose (older free text as written)."""
    if purpose is None:
        return ""
    label = READ_PURPOSES.get(purpose)
    return str(label) if label is not None else purpose


class CaseFieldError(DomainError):
    """A rule about one field of the case form; ``field`` names it for the view."""

    status_code = 400

    def __init__(self, field_name: str, message: Any, **params: Any) -> None:
        super().__init__(message, **params)
        self.field = field_name


# -- scope ------------------------------------------------------------------------------


def case_scope(actor: Account) -> ColumnElement[bool]:
    """The SQL condition for the cases ``actor`` may see."""
    if not actor.active or not actor.is_staff:
        return false()
    if actor.is_network_admin:
        return true()
    if actor.municipality_id is None:
        return false()
    return Case.municipality_id == actor.municipality_id


def get_case(db: Session, actor: Account, case_id: int) -> Case | None:
    """The case with this id if ``actor`` may see it, else None (the view answers 404)."""
    case = db.scalars(
        select(Case)
        .where(Case.id == case_id, case_scope(actor))
        .options(
            selectinload(Case.target_groups),
            selectinload(Case.wished_areas),
            selectinload(Case.caseworker),
            selectinload(Case.municipality),
        )
    ).first()
    if case is None or not policy.caseworker_may_act_on_case(actor, case):
        return None
    return case


def record_read(db: Session, actor: Account, case: Case, purpose: str, **details: Any) -> None:
    """Log one look at a case, with its purpose, for the citizen's log of who saw their data."""
    if purpose not in READ_PURPOSES:
        raise ValueError(f"unknown read purpose {purpose!r}")
    record(db, actor, "case.read", "case", case.id, case_id=case.id, purpose=purpose, **details)


def find_by_cpr(db: Session, actor: Account, cipher: CprCipher, cpr: str) -> Case | None:
    """The case with this CPR number in ``actor``'s scope, found by its keyed hash."""
    return db.scalars(
        select(Case).where(Case.cpr_hash == cipher.hash(cpr), case_scope(actor))
    ).first()


def municipalities_for(db: Session, actor: Account) -> list[Municipality]:
    """The municipalities ``actor`` may create cases in."""
    query = select(Municipality).options(selectinload(Municipality.target_groups))
    if not actor.is_network_admin:
        query = query.where(Municipality.id == actor.municipality_id)
    return list(db.scalars(query.order_by(Municipality.name)))


def caseworkers_for(db: Session, municipality_id: int) -> list[Account]:
    """The active staff of a municipality, who may be assigned to its cases."""
    return list(
        db.scalars(
            select(Account)
            .where(
                Account.municipality_id == municipality_id,
                Account.role.in_((Role.CASEWORKER, Role.ADMINISTRATOR)),
                Account.active.is_(True),
            )
            .order_by(Account.display_name)
        )
    )


def staff_in_scope(db: Session, actor: Account) -> list[Account]:
    """The staff whose cases ``actor`` may filter by."""
    query = select(Account).where(
        Account.role.in_((Role.CASEWORKER, Role.ADMINISTRATOR)), Account.active.is_(True)
    )
    if not actor.is_network_admin:
        query = query.where(Account.municipality_id == actor.municipality_id)
    return list(db.scalars(query.order_by(Account.display_name)))


# -- search -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseFilters:
    name: str = ""
    status: CaseStatus | None = None
    citizen_group: int | None = None
    target_group: TargetGroup | None = None
    caseworker_id: int | None = None


@dataclass(frozen=True)
class CasePage:
    items: Sequence[Case]
    total: int
    page: int
    pages: int


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_cases(db: Session, actor: Account, filters: CaseFilters, page: int = 1) -> CasePage:
    """One page of the cases in scope matching ``filters``, by name; two queries in all."""
    conditions: list[ColumnElement[bool]] = [case_scope(actor)]
    if filters.name:
        # lower() LIKE lower() works the same on SQLite and PostgreSQL (ILIKE does not exist
        # on SQLite); the wildcards the user typed are taken literally.
        pattern = f"%{_escape_like(filters.name.lower())}%"
        conditions.append(func.lower(Case.name).like(pattern, escape="\\"))
    if filters.status is not None:
        conditions.append(Case.status == filters.status)
    if filters.citizen_group is not None:
        conditions.append(Case.citizen_group == filters.citizen_group)
    if filters.target_group is not None:
        conditions.append(
            Case.id.in_(
                select(CaseTargetGroup.case_id).where(
                    CaseTargetGroup.target_group == filters.target_group
                )
            )
        )
    if filters.caseworker_id is not None:
        conditions.append(Case.caseworker_id == filters.caseworker_id)
    total = db.scalar(select(func.count(Case.id)).where(*conditions)) or 0
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(max(1, page), pages)
    items = db.scalars(
        select(Case)
        .where(*conditions)
        .options(selectinload(Case.target_groups), selectinload(Case.caseworker))
        .order_by(Case.name, Case.id)
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    return CasePage(items=items, total=total, page=page, pages=pages)


# -- writes -----------------------------------------------------------------------------


@dataclass
class CaseData:
    """What the case form holds, apart from the CPR number and the municipality."""

    name: str
    citizen_group: int
    housing_situation: HousingSituation
    phone: str | None = None
    email: str | None = None
    language: str = "da"
    adults: int = 1
    children: int = 0
    intellectual_disability: bool = False
    integration_act_placement: bool = False
    health_note: str | None = None
    needs_step_free: bool = False
    needs_ground_floor: bool = False
    needs_wheelchair: bool = False
    min_rooms: int = 1
    yearly_income: int = 0
    receives_pension: bool = False
    max_monthly_housing_cost: int | None = None
    rent_subsidy: int = 0
    rent_subsidy_until: dt.date | None = None
    placement: Placement = Placement.NO_PREFERENCE
    consent_share_with_landlord: bool = False
    consent_given_on: dt.date | None = None
    caseworker_id: int | None = None
    occupation_at_start: Occupation = Occupation.UNKNOWN
    current_address: str | None = None
    current_landlord: str | None = None
    current_landlord_contact: str | None = None
    target_groups: list[TargetGroup] = field(default_factory=list)
    wished_postcodes: list[str] = field(default_factory=list)


_LIST_FIELDS = ("target_groups", "wished_postcodes")


def _check(db: Session, municipality: Municipality, data: CaseData) -> None:
    if not data.target_groups:
        raise CaseFieldError("target_groups", _l("Choose at least one target group."))
    taken = {tg.target_group for tg in municipality.target_groups}
    for group in data.target_groups:
        if group not in taken:
            raise CaseFieldError(
                "target_groups",
                _l("%(municipality)s does not take part with this target group."),
                municipality=municipality.name,
            )
    if data.consent_share_with_landlord and data.consent_given_on is None:
        raise CaseFieldError(
            "consent_given_on", _l("Write the date the citizen gave their consent.")
        )
    if data.caseworker_id is not None:
        assigned = db.get(Account, data.caseworker_id)
        if assigned is None or not assigned.is_staff or assigned.municipality_id != municipality.id:
            raise CaseFieldError(
                "caseworker_id", _l("Choose a caseworker of the case's municipality.")
            )


def _apply(case: Case, data: CaseData) -> list[str]:
    """Copy ``data`` onto ``case``; the names of the fields that changed."""
    changed: list[str] = []
    for f in fields(data):
        if f.name in _LIST_FIELDS:
            continue
        value = getattr(data, f.name)
        if getattr(case, f.name) != value:
            setattr(case, f.name, value)
            changed.append(f.name)
    if not data.consent_share_with_landlord and case.consent_given_on is not None:
        case.consent_given_on = None
    groups = sorted(set(data.target_groups))
    if sorted(case.target_group_set) != groups:
        case.target_groups = [CaseTargetGroup(target_group=g) for g in groups]
        changed.append("target_groups")
    postcodes = sorted(set(data.wished_postcodes))
    if sorted(w.postcode for w in case.wished_areas) != postcodes:
        case.wished_areas = [CaseWishedArea(postcode=p) for p in postcodes]
        changed.append("wished_postcodes")
    return changed


def _set_cpr(db: Session, case: Case, cipher: CprCipher, cpr: str, today: dt.date) -> None:
    try:
        validate_cpr(cpr, today)
    except DomainError as error:
        raise CaseFieldError("cpr", error.message) from None
    hashed = cipher.hash(cpr)
    # Unique across the whole network: a citizen has one case. Checked against every
    # municipality (not only the actor's scope), but the message reveals nothing more.
    other = db.scalar(select(Case.id).where(Case.cpr_hash == hashed))
    if other is not None and other != case.id:
        raise CaseFieldError(
            "cpr", _l("A case with this CPR number already exists. Search for it instead.")
        )
    case.cpr_hash = hashed
    case.cpr_ciphertext = cipher.encrypt(cpr)


def create_case(
    db: Session,
    actor: Account,
    municipality: Municipality,
    cpr: str,
    data: CaseData,
    cipher: CprCipher,
    *,
    today: dt.date,
) -> Case:
    """Create a waiting case in ``municipality``; refused with a field error when a rule
    is broken (nothing is written then)."""
    if not actor.is_staff or not (
        actor.is_network_admin or actor.municipality_id == municipality.id
    ):
        raise NotAllowed(_l("You cannot create a case in this municipality."))
    _check(db, municipality, data)
    case = Case(municipality=municipality, status=CaseStatus.WAITING, waiting_since=today)
    case.target_groups = []
    case.wished_areas = []
    _set_cpr(db, case, cipher, cpr, today)
    _apply(case, data)
    db.add(case)
    db.flush()
    record(db, actor, "case.create", "case", case.id, case_id=case.id)
    return case


def update_case(
    db: Session,
    actor: Account,
    case: Case,
    data: CaseData,
    cipher: CprCipher,
    *,
    today: dt.date,
    cpr: str | None = None,
) -> list[str]:
    """Change a case; a new CPR number only when given. Returns the changed field names
    (also in the audit event: names only, never the values, which are personal data)."""
    if not policy.caseworker_may_act_on_case(actor, case):
        raise NotAllowed(_l("You cannot change this case."))
    _check(db, case.municipality, data)
    changed = []
    if cpr:
        old_hash = case.cpr_hash
        _set_cpr(db, case, cipher, cpr, today)
        if case.cpr_hash != old_hash:
            changed.append("cpr")
    changed += _apply(case, data)
    db.flush()
    if changed:
        record(db, actor, "case.update", "case", case.id, case_id=case.id, fields=changed)
    return changed
