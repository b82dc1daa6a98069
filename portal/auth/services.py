"""Who a verified identity is in the portal: citizen by CPR, landlord by CVR, staff by role.

The CPR number is read from the claims, turned into the keyed hash that finds the case,
and dropped: it is never stored on the account, in the session, in a log or in a URL.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.accounts.models import Account, Role
from portal.audit.services import record
from portal.auth.flow import LoginError, VerifiedIdentity
from portal.auth.providers import ProviderProfile
from portal.cases.cpr import CprCipher, InvalidCpr
from portal.cases.models import Case
from portal.db import utcnow
from portal.landlords.models import (
    LandlordOrganisation,
    MemberStatus,
    OrganisationMember,
    OrganisationStatus,
)
from portal.municipalities.models import Municipality

_CVR = re.compile(r"^\d{8}$")


@dataclass
class LoginResult:
    """The outcome of linking: an account to log in, or the citizen with no case."""

    account: Account | None
    case: Case | None = None
    # Landlord: the CVRs this person may act for (strings of 8 digits), the org name claim.
    cvrs: list[str] = field(default_factory=list)
    org_name: str | None = None


def _claim(profile: ProviderProfile, claims: Mapping[str, Any], canonical: str) -> Any:
    return claims.get(profile.claim(canonical))


def _text(value: Any, limit: int) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text[:limit] or None


def _account(
    db: Session, profile: ProviderProfile, identity: VerifiedIdentity, role: Role
) -> Account:
    issuer = profile.account_issuer or identity.issuer
    subject = _text(_claim(profile, identity.claims, "subject"), 300) or identity.subject
    account = db.scalars(
        select(Account).where(Account.issuer == issuer, Account.subject == subject)
    ).first()
    name = _text(_claim(profile, identity.claims, "name"), 200)
    if account is None:
        account = Account(issuer=issuer, subject=subject, role=role, display_name=name or "")
        db.add(account)
    elif not account.active:
        raise LoginError("account_closed", "account inactive")
    elif account.role != role and not (
        account.is_staff and role in (Role.CASEWORKER, Role.ADMINISTRATOR)
    ):
        raise LoginError("failed", "account exists with another role")
    if name:
        account.display_name = name
    email = _text(_claim(profile, identity.claims, "email"), 200)
    if email and role != Role.CITIZEN:
        account.email = email
    account.last_login_at = utcnow()
    db.flush()
    return account


def link_citizen(
    db: Session, profile: ProviderProfile, identity: VerifiedIdentity, cipher: CprCipher
) -> LoginResult:
    """Find the case by the keyed hash of the CPR number. No case: no account, no session."""
    raw = _claim(profile, identity.claims, "cpr")
    try:
        cpr_hash = cipher.hash(str(raw)) if raw else None
    except InvalidCpr:
        cpr_hash = None
    del raw
    if cpr_hash is None:
        raise LoginError("failed", "no usable CPR claim")
    case = db.scalars(select(Case).where(Case.cpr_hash == cpr_hash)).first()
    if case is None:
        return LoginResult(account=None)
    account = _account(db, profile, identity, Role.CITIZEN)
    if case.account_id != account.id:
        # The CPR proven at MitID Substantial decides whose case it is; a provider that
        # changed its subject (a new broker) leaves the old account without the case.
        previous = case.account_id
        case.account_id = account.id
        db.flush()
        record(db, account, "case.linked", "case", case.id, case_id=case.id, previous=previous)
    record(db, account, "auth.login", "account", account.id, case_id=case.id, provider=profile.name)
    return LoginResult(account=account, case=case)


def _cvr_list(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else re.split(r"[\s,;]+", str(value))
    return [str(item).strip() for item in items if _CVR.match(str(item).strip())]


def link_landlord(db: Session, profile: ProviderProfile, identity: VerifiedIdentity) -> LoginResult:
    """The account, and the CVRs the person may act for (the organisation is chosen next)."""
    cvrs = _cvr_list(_claim(profile, identity.claims, "cvr"))
    for cvr in _cvr_list(_claim(profile, identity.claims, "represents")):
        if cvr not in cvrs:
            cvrs.append(cvr)
    if not cvrs:
        raise LoginError("landlord_no_cvr", "no CVR claim")
    account = _account(db, profile, identity, Role.LANDLORD)
    record(db, account, "auth.login", "account", account.id, provider=profile.name)
    org_name = _text(_claim(profile, identity.claims, "org_name"), 200)
    return LoginResult(account=account, cvrs=cvrs, org_name=org_name)


def link_staff(db: Session, profile: ProviderProfile, identity: VerifiedIdentity) -> LoginResult:
    """Role and municipality from the roles or groups claim through the profile's mapping;
    a person the mapping does not know is refused."""
    raw = _claim(profile, identity.claims, "roles")
    values = {str(v) for v in raw} if isinstance(raw, list) else set(str(raw or "").split())
    matches = [rule for rule in profile.staff_roles if rule.value in values]
    if not matches:
        raise LoginError("staff_unknown", "no mapped role")
    municipalities = {rule.municipality for rule in matches}
    if len(municipalities) > 1:
        raise LoginError("staff_unknown", "roles for more than one municipality")
    rule = next((r for r in matches if r.role == Role.ADMINISTRATOR), matches[0])
    municipality = None
    if rule.municipality:
        municipality = db.scalars(
            select(Municipality).where(Municipality.code == rule.municipality)
        ).first()
        if municipality is None:
            raise LoginError("staff_municipality", f"kommunekode {rule.municipality}")
    account = _account(db, profile, identity, rule.role)
    # The municipality's provider is the authority on staff roles: follow it at every login.
    account.role = rule.role
    account.municipality_id = municipality.id if municipality else None
    account.is_network_admin = rule.network_admin
    db.flush()
    record(db, account, "auth.login", "account", account.id, provider=profile.name)
    return LoginResult(account=account)


# -- Landlords: choosing an organisation, asking to join ----------------------------


def organisations_for(db: Session, cvrs: list[str]) -> list[LandlordOrganisation]:
    if not cvrs:
        return []
    return list(
        db.scalars(
            select(LandlordOrganisation)
            .where(LandlordOrganisation.cvr.in_(cvrs))
            .order_by(LandlordOrganisation.name)
        )
    )


def choose_organisation(
    db: Session, account: Account, cvr: str, allowed_cvrs: list[str]
) -> LandlordOrganisation | None:
    """Act for ``cvr``: the provider said this person may represent it. A known, active
    organisation gets the person as an active member; None means the CVR is not known."""
    if cvr not in allowed_cvrs:
        raise LoginError("failed", "CVR not among those the provider named")
    org = db.scalars(select(LandlordOrganisation).where(LandlordOrganisation.cvr == cvr)).first()
    if org is None:
        return None
    member = db.scalars(
        select(OrganisationMember).where(
            OrganisationMember.organisation_id == org.id,
            OrganisationMember.account_id == account.id,
        )
    ).first()
    if member is None:
        member = OrganisationMember(
            organisation_id=org.id,
            account_id=account.id,
            name=account.display_name,
            email=account.email,
            status=MemberStatus.ACTIVE,
        )
        db.add(member)
        db.flush()
        record(db, account, "organisation.member_joined", "landlord_organisation", org.id)
    elif member.status == MemberStatus.REMOVED:
        raise LoginError("account_closed", "member removed")
    elif member.status == MemberStatus.INVITED:
        member.status = MemberStatus.ACTIVE
    return org


def request_to_join(
    db: Session,
    account: Account,
    *,
    cvr: str,
    allowed_cvrs: list[str],
    name: str,
    kind: Any,
    phone: str | None,
    email: str | None,
) -> LandlordOrganisation:
    """A CVR not yet known asks to join; it stays pending (nothing visible) until an
    administrator approves it."""
    if cvr not in allowed_cvrs:
        raise LoginError("failed", "CVR not among those the provider named")
    org = db.scalars(select(LandlordOrganisation).where(LandlordOrganisation.cvr == cvr)).first()
    if org is None:
        org = LandlordOrganisation(
            cvr=cvr,
            name=name,
            kind=kind,
            status=OrganisationStatus.PENDING,
            contact_phone=phone,
            contact_email=email,
        )
        db.add(org)
        db.flush()
        record(db, account, "organisation.join_requested", "landlord_organisation", org.id)
    choose_organisation(db, account, cvr, allowed_cvrs)
    return org
