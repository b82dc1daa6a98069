"""Two landlord organisations side by side in Aarhus: A and B, each with a member, units,
and B with a proposed tenant, a lease and a photo, for journeys and for access tests."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from PIL import Image
from sqlalchemy.orm import Session

from portal.accounts.models import Account
from portal.cases.models import Case
from portal.landlords.models import LandlordOrganisation, OrganisationMember
from portal.leases.models import Lease
from portal.offers import services as offers
from portal.offers.models import Offer, RuleKind
from portal.offers.services import RuleResult
from portal.rules.models import Actor, DeclineReason
from portal.storage import storage
from portal.units import services as units
from portal.units.models import Unit, UnitPhoto, UnitStatus
from portal.units.photos import process_photo
from tests import factories as f

TODAY = dt.date.today()
CPR = "140391-1682"
HEALTH = "Diagnose: skizofreni, medicin dagligt"


def jpeg_bytes(size: tuple[int, int] = (640, 480)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, format="JPEG")
    return out.getvalue()


@dataclass
class World:
    a_org: LandlordOrganisation
    b_org: LandlordOrganisation
    a: Account
    b: Account
    b_member: OrganisationMember
    a_unit: Unit
    b_unit: Unit
    b_let_unit: Unit
    case: Case
    offer: Offer
    lease: Lease
    photo: UnitPhoto
    reason: DeclineReason
    caseworker: Account


def build_world(db: Session) -> World:
    m = f.municipality(db, code="751", name="Aarhus")
    a_org, b_org = f.landlord_org(db), f.landlord_org(db)
    a, b = f.landlord_member(db, a_org), f.landlord_member(db, b_org)
    b_member = db.query(OrganisationMember).filter_by(account_id=b.id).one()
    cw = f.caseworker(db, m)
    a_unit = f.unit(db, a_org, m)
    b_unit = f.unit(db, b_org, m)
    b_let_unit = f.unit(db, b_org, m, status=UnitStatus.LET)
    case = f.case(
        db,
        m,
        cpr=CPR,
        name="Mette Jensen",
        phone="+45 20 11 30 01",
        email="mette@example.dk",
        adults=1,
        children=2,
        health_note=HEALTH,
        consent_share_with_landlord=True,
    )
    citizen = f.citizen_account(db, case)
    offer = offers.propose(
        db, cw, b_unit, case, [RuleResult("target_group", RuleKind.MUST, True)], TODAY,
        TODAY + dt.timedelta(days=30),
    )  # fmt: skip
    offers.send_to_citizen(db, cw, offer, TODAY + dt.timedelta(days=7), TODAY)
    offers.citizen_answer(db, citizen, offer, True, today=TODAY)
    tenant_case = f.case(db, m, name="Lars Nielsen", health_note=HEALTH)
    lease = f.raw_lease(db, tenant_case, f.legal_basis(db), unit=b_let_unit)
    photo = units.add_photo(db, b, {b_org.id}, b_unit, process_photo(jpeg_bytes()), storage())
    reason = f.decline_reason(db, Actor.LANDLORD)
    db.commit()
    return World(
        a_org, b_org, a, b, b_member, a_unit, b_unit, b_let_unit, case, offer, lease, photo,
        reason, cw,
    )  # fmt: skip
