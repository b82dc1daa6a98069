"""A citizen's way from the queue to a permanent home, through the caseworker's screens:
match → offer → the citizen and the landlord say yes (their own services) → approval →
lease → review → extension → notice with an alternative offer → outcome → follow-up."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import select

from portal.audit.models import AuditEvent
from portal.i18n.formatting import date as format_date
from portal.leases.models import Lease, LeaseEvent, LeaseEventKind, LeaseStatus
from portal.offers import services as offers
from portal.offers.models import Offer, OfferStatus
from portal.outcomes.models import Outcome, StillHoused
from portal.units.models import UnitStatus
from tests import factories as f
from tests.functional.matching.helpers import post

TODAY = dt.date.today()


@pytest.fixture
def s(db):
    scene = f.scene(db)
    scene.unit.available_from = TODAY
    f.destination(db, code="own_rental")
    db.commit()
    return scene


def test_the_whole_journey(db, client, sign_in, s) -> None:
    sign_in(client, s.caseworker)
    case_url = f"/staff/matching/case/{s.case.id}"
    page = client.get(case_url)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert s.unit.street in html and "✔" in html

    # Propose: the rules are evaluated again on the server and stored with the offer.
    r = post(client, case_url, "/staff/matching/propose", case_id=s.case.id, unit_id=s.unit.id)
    assert r.status_code == 303, r.get_data(as_text=True)
    offer = db.scalars(select(Offer).where(Offer.case_id == s.case.id)).one()
    assert {x.rule for x in offer.rule_results} >= {"target_group", "rooms", "within_budget"}
    offer_url = f"/staff/matching/offer/{offer.id}"

    deadline = TODAY + dt.timedelta(days=7)
    r = post(client, offer_url, f"{offer_url}/send", response_deadline=deadline.isoformat())
    assert r.status_code == 303
    db.refresh(offer)
    assert offer.status == OfferStatus.OFFERED and offer.response_deadline == deadline

    # The citizen and the landlord answer on their own screens (other areas).
    offers.citizen_answer(db, s.citizen, offer, True, today=TODAY)
    offers.landlord_answer(db, s.landlord, offer, True, today=TODAY)
    db.commit()

    r = post(
        client,
        offer_url,
        f"{offer_url}/approve",
        legal_basis=s.basis.id,
        lease_model="direct",
        start_date=TODAY.isoformat(),
        purpose="Bo i egen bolig med støtte",
        next_review=(TODAY + dt.timedelta(days=90)).isoformat(),
        planned_end=(TODAY + dt.timedelta(days=365)).isoformat(),
    )
    assert r.status_code == 303, r.get_data(as_text=True)
    lease = db.scalars(select(Lease).where(Lease.case_id == s.case.id)).one()
    assert r.headers["Location"].endswith(f"/staff/leases/{lease.id}")
    lease_url = f"/staff/leases/{lease.id}"
    assert client.get(lease_url).status_code == 200

    r = post(
        client,
        lease_url,
        f"{lease_url}/review",
        "review",
        held_on=(TODAY + dt.timedelta(days=1)).isoformat(),
        decision="extend",
        next_review=(TODAY + dt.timedelta(days=180)).isoformat(),
        note="Går godt",
    )
    assert r.status_code == 303, r.get_data(as_text=True)
    new_end = TODAY + dt.timedelta(days=500)
    r = post(
        client, lease_url, f"{lease_url}/extend", "extend", new_planned_end=new_end.isoformat()
    )
    assert r.status_code == 303, r.get_data(as_text=True)
    db.refresh(lease)
    assert lease.planned_end == new_end

    # The notice wizard, step by step, with the answers riding along.
    notice_url = f"{lease_url}/notice"
    answers = {"reason": "purpose_reached"}
    r = post(client, notice_url, notice_url, step="reason", **answers)
    assert r.status_code == 200 and 'name="alternative_offer"' in r.get_data(as_text=True)
    answers |= {"alternative_offer": "ordinary_home", "alternative_details": "Vestergade 3"}
    r = post(client, notice_url, notice_url, step="alternative", **answers)
    assert 'name="notice_date"' in r.get_data(as_text=True)
    answers["notice_date"] = TODAY.isoformat()
    r = post(client, notice_url, notice_url, step="dates", **answers)
    html = r.get_data(as_text=True)
    assert 'id="guidance"' in html and 'id="notice-dates"' in html
    r = post(client, notice_url, notice_url, step="confirm", **answers)
    assert r.status_code == 303, r.get_data(as_text=True)
    db.refresh(lease)
    assert lease.status == LeaseStatus.NOTICE_GIVEN
    notice = db.scalars(
        select(LeaseEvent).where(
            LeaseEvent.lease_id == lease.id, LeaseEvent.kind == LeaseEventKind.NOTICE_GIVEN
        )
    ).one()
    assert notice.objection_deadline == TODAY + dt.timedelta(weeks=6)

    pdf = client.get(f"{lease_url}/notice/{notice.id}/letter.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf.data, capture_output=True, check=True
    ).stdout.decode()
    with force_locale("da"):  # the binding Danish text, whatever the catalog holds today
        reason = gettext("The purpose of the temporary lease has been reached.")
        objection = format_date(notice.objection_deadline)
        ends = format_date(notice.effective_on)
    flat = " ".join(text.split())
    assert reason in flat
    assert objection in flat and ends in flat
    assert "Vestergade 3" in flat
    # Social landlord: the resident complaints board; not a breach: the municipality too.
    assert "beboerklagenævnet" in flat.lower() and "ankestyrelsen" in flat.lower()

    dest = f.destination(db, code="took_over_or_own")
    db.commit()
    r = post(
        client,
        lease_url,
        f"{lease_url}/end",
        "end",
        ended_on=(TODAY + dt.timedelta(days=60)).isoformat(),
        destination=dest.id,
    )
    assert r.status_code == 303, r.get_data(as_text=True)
    db.refresh(lease)
    assert lease.status == LeaseStatus.ENDED
    db.refresh(lease.unit)
    assert lease.unit.status == UnitStatus.AVAILABLE
    outcome = db.scalars(select(Outcome).where(Outcome.lease_id == lease.id)).one()
    assert [fu.months for fu in outcome.follow_ups] == [6, 12, 24]

    first = outcome.follow_ups[0]
    r = post(
        client,
        lease_url,
        f"{lease_url}/follow-up",
        "follow_up",
        follow_up_id=first.id,
        still_housed="yes",
    )
    assert r.status_code == 303, r.get_data(as_text=True)
    db.refresh(first)
    assert first.still_housed == StillHoused.YES

    # Every look was audited, with its purpose.
    purposes = set(db.scalars(select(AuditEvent.purpose).where(AuditEvent.case_id == s.case.id)))
    assert {"matching", "offer", "lease", "notice"} <= purposes
