"""Proposed tenants (only name, household and move-in date; contact after approval),
the landlord's answer, leases and reports, members invited and removed."""

from __future__ import annotations

import datetime as dt

from flask.testing import FlaskClient
from landlord_world import CPR, HEALTH, World
from sqlalchemy import select
from sqlalchemy.orm import Session
from test_landlord_units import csrf

from portal.accounts.models import Role
from portal.audit.models import AuditEvent
from portal.landlords import services
from portal.landlords.models import MemberStatus, OrganisationMember
from portal.leases.models import BreachKind, LeaseEvent, LeaseEventKind
from portal.offers.models import OfferStatus
from tests import factories as f


def test_the_landlord_sees_only_the_minimum_and_the_read_is_logged(
    client: FlaskClient, sign_in, world: World, db: Session
) -> None:
    sign_in(client, world.b, landlord_org_id=world.b_org.id)
    listing = client.get("/landlord/tenants").get_data(as_text=True)
    page = client.get(f"/landlord/tenants/{world.offer.id}").get_data(as_text=True)
    for html in (listing, page):
        assert "Mette Jensen" in html
        assert HEALTH not in html and CPR not in html and CPR.replace("-", "") not in html
        # Contact only after approval.
        assert "20 11 30 01" not in html and "mette@example.dk" not in html
    assert "1 adult, 2 children" in page
    assert "Please answer by" in page
    reads = db.scalars(
        select(AuditEvent).where(
            AuditEvent.action == "offer.read", AuditEvent.case_id == world.case.id
        )
    ).all()
    assert len(reads) == 2 and all(r.purpose == services.OFFER_PURPOSE for r in reads)
    assert all(r.actor_role == str(Role.LANDLORD) for r in reads)


def test_contact_after_approval_only_with_consent(world: World, db: Session) -> None:
    world.offer.status = OfferStatus.APPROVED
    assert services.tenant_view(world.offer).phone == "+45 20 11 30 01"
    world.case.consent_share_with_landlord = False
    assert services.tenant_view(world.offer).phone is None
    world.case.consent_share_with_landlord = True
    world.offer.status = OfferStatus.LANDLORD_ACCEPTED
    assert services.tenant_view(world.offer).email is None


def test_decline_needs_a_reason_then_is_recorded(
    client: FlaskClient, sign_in, world: World, db: Session
) -> None:
    sign_in(client, world.b, landlord_org_id=world.b_org.id)
    url = f"/landlord/tenants/{world.offer.id}"
    token = csrf(client, url)
    response = client.post(url, data={"csrf_token": token, "answer": "decline"})
    assert response.status_code == 422
    assert "Choose a reason for saying no." in response.get_data(as_text=True)
    db.refresh(world.offer)
    assert world.offer.status == OfferStatus.CITIZEN_ACCEPTED
    response = client.post(
        url, data={"csrf_token": token, "answer": "decline", "reason": str(world.reason.id)}
    )
    assert response.status_code == 303
    db.refresh(world.offer)
    assert world.offer.status == OfferStatus.DECLINED
    # A closed offer the citizen had said yes to stays visible, without an answer form.
    html = client.get(url).get_data(as_text=True)
    assert "You declined on" in html and 'name="answer"' not in html


def test_accept(client: FlaskClient, sign_in, world: World, db: Session) -> None:
    sign_in(client, world.b, landlord_org_id=world.b_org.id)
    url = f"/landlord/tenants/{world.offer.id}"
    client.post(url, data={"csrf_token": csrf(client, url), "answer": "accept"})
    db.refresh(world.offer)
    assert world.offer.status == OfferStatus.LANDLORD_ACCEPTED


def test_report_arrears_and_house_rules(
    client: FlaskClient, sign_in, world: World, db: Session
) -> None:
    sign_in(client, world.b, landlord_org_id=world.b_org.id)
    url = f"/landlord/leases/{world.lease.id}"
    html = client.get(url).get_data(as_text=True)
    assert "Lars Nielsen" in html and HEALTH not in html
    token = csrf(client, url)
    bad = client.post(
        url + "/reports", data={"csrf_token": token, "kind": "arrears", "occurred_on": "2026-02-01"}
    )
    assert bad.status_code == 422 and "Write the amount owed." in bad.get_data(as_text=True)
    ok = client.post(
        url + "/reports",
        data={
            "csrf_token": token, "kind": "arrears", "occurred_on": "2026-02-03",
            "amount": "5400", "due_on": "2026-02-01",
        },
    )  # fmt: skip
    assert ok.status_code == 303
    client.post(
        url + "/reports",
        data={"csrf_token": token, "kind": "house_rules", "occurred_on": "2026-02-10",
              "what": "Høj musik om natten"},
    )  # fmt: skip
    events = db.scalars(
        select(LeaseEvent).where(LeaseEvent.kind == LeaseEventKind.BREACH_REPORTED)
    ).all()
    assert [(e.breach_kind, e.arrears_amount) for e in events] == [
        (BreachKind.ARREARS, 5400),
        (BreachKind.HOUSE_RULES, None),
    ]
    assert events[0].arrears_due_on == dt.date(2026, 2, 1)
    assert "Høj musik om natten" in client.get(url).get_data(as_text=True)


def test_invite_and_remove_members(client: FlaskClient, sign_in, world: World, db: Session) -> None:
    sign_in(client, world.b, landlord_org_id=world.b_org.id)
    token = csrf(client, "/landlord/organisation")
    data = {"csrf_token": token, "name": "Rune Damgaard", "email": "Rune@Example.dk"}
    assert client.post("/landlord/organisation/members", data=data).status_code == 303
    again = client.post("/landlord/organisation/members", data=data)
    assert again.status_code == 422 and "already a member or invited" in again.get_data(
        as_text=True
    )
    invited = db.scalars(
        select(OrganisationMember).where(OrganisationMember.email == "rune@example.dk")
    ).one()
    assert invited.status == MemberStatus.INVITED and invited.organisation_id == world.b_org.id

    # That person logs in for the CVR: the invitation becomes their membership.
    rune = f.account(db, Role.LANDLORD, email="rune@example.dk")
    claimed = services.claim_invitation(db, rune, world.b_org.cvr)
    assert claimed is not None and claimed.id == invited.id and claimed.account_id == rune.id
    db.commit()

    # Oneself cannot be removed; a colleague can.
    me = db.scalars(select(OrganisationMember).filter_by(account_id=world.b.id)).one()
    own = client.post(f"/landlord/organisation/members/{me.id}/remove", data={"csrf_token": token})
    assert own.status_code == 403
    gone = client.post(
        f"/landlord/organisation/members/{invited.id}/remove", data={"csrf_token": token}
    )
    assert gone.status_code == 303
    db.refresh(invited)
    assert invited.status == MemberStatus.REMOVED
