"""Every landlord page, for every organisation of the demo data, is searched for what a
landlord must never see: target group, health, plan, goals, CPR, internal notes."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.accounts.models import Role
from portal.cases.cpr import cpr_cipher
from portal.cases.models import Case
from portal.demo import load_demo_data
from portal.landlords import services
from portal.landlords.models import (
    LandlordOrganisation,
    MemberStatus,
    OrganisationMember,
    OrganisationStatus,
)
from portal.leases.models import Lease, LeaseEvent
from portal.offers.models import OfferDecision, OfferRuleResult
from portal.outcomes.models import Outcome, Relapse
from portal.plans.models import Goal, GoalUpdate, Plan, SupportActivity
from portal.rules.models import Actor
from portal.units.models import Unit

TARGET_GROUP_WORDS = (
    "psychologically_vulnerable", "psychologically vulnerable", "psykisk sårbar",
    "social_problems", "social problems", "sociale problemer", "disability", "handicap",
    "refugee", "flygtning", "target group", "målgruppe", "citizen group", "borgergruppe",
)  # fmt: skip


def _forbidden(db: Session) -> set[str]:
    texts: set[str] = set()
    cipher = cpr_cipher()
    for case in db.scalars(select(Case)):
        cpr = cipher.decrypt(case.cpr_ciphertext)
        texts |= {cpr, cpr.replace("-", "")}
        if case.health_note:
            texts.add(case.health_note)
    for column in (
        Plan.purpose, Goal.text, GoalUpdate.text, SupportActivity.description,
        Lease.purpose, Relapse.action, Outcome.note,
        OfferRuleResult.override_reason,
    ):  # fmt: skip
        texts |= {t for t in db.scalars(select(column)) if t}
    texts |= {
        d.note for d in db.scalars(select(OfferDecision)) if d.note and d.actor != Actor.LANDLORD
    }
    texts |= {
        e.note
        for e in db.scalars(select(LeaseEvent))
        if e.note and not (e.actor and e.actor.role == Role.LANDLORD)
    }
    # Short texts ("Test") would match anything; every real note is longer.
    return {t.strip() for t in texts if len(t.strip()) >= 10}


def _pages(client: FlaskClient, db: Session, org: LandlordOrganisation) -> list[str]:
    urls = ["/landlord/", "/landlord/organisation", "/landlord/units/import",
            "/landlord/units/new", "/landlord/tenants", "/landlord/leases",
            "/landlord/leases?show=all"]  # fmt: skip
    for unit_id in db.scalars(select(Unit.id).where(Unit.organisation_id == org.id)):
        urls += [f"/landlord/units/{unit_id}", f"/landlord/units/{unit_id}/edit"]
    for offer in db.scalars(services.landlord_offers(org.id)):
        urls.append(f"/landlord/tenants/{offer.id}")
    for lease_id in db.scalars(select(Lease.id).where(Lease.organisation_id == org.id)):
        urls.append(f"/landlord/leases/{lease_id}")
    return urls


def test_no_landlord_page_shows_what_landlords_must_not_see(
    client: FlaskClient, sign_in, db: Session
) -> None:
    assert load_demo_data() is True
    forbidden = _forbidden(db)
    assert len(forbidden) > 50  # the demo holds plenty to leak
    seen_tenants = seen_leases = 0
    organisations = db.scalars(
        select(LandlordOrganisation).where(LandlordOrganisation.status == OrganisationStatus.ACTIVE)
    ).all()
    for org in organisations:
        member = db.scalars(
            select(OrganisationMember).where(
                OrganisationMember.organisation_id == org.id,
                OrganisationMember.status == MemberStatus.ACTIVE,
                OrganisationMember.account_id.is_not(None),
            )
        ).first()
        assert member is not None and member.account is not None
        sign_in(client, member.account, landlord_org_id=org.id, landlord_cvrs=[org.cvr])
        for url in _pages(client, db, org):
            response = client.get(url)
            assert response.status_code == 200, url
            html = response.get_data(as_text=True)
            lowered = html.lower()
            for text in forbidden:
                assert text not in html, (url, text)
            for word in TARGET_GROUP_WORDS:
                assert word not in lowered, (url, word)
            # Nothing shaped like a CPR number (a phone link "+45…" is allowed contact).
            assert not re.search(r"(?<![\d+])\d{6}-?\d{4}(?!\d)", html), url
            seen_tenants += url.startswith("/landlord/tenants/")
            seen_leases += url.startswith("/landlord/leases/")
    assert seen_tenants >= 3 and seen_leases >= 5
