"""The demo data: loads on both backends, once, and again on --reset; covers every state."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import String, Text, func, inspect, select, text
from sqlalchemy.orm import Session

from portal.accounts.models import Account
from portal.cases.cpr import cpr_cipher
from portal.cases.models import Case, CaseStatus, CaseTargetGroup
from portal.db import Base
from portal.demo import load_demo_data
from portal.demo.identities import CITIZENS, DEV_ISSUER, STAFF
from portal.leases.models import Lease, LeaseEvent, LeaseEventKind, LeaseModel, LeaseStatus
from portal.municipalities.models import Municipality, TargetGroup
from portal.offers.models import Offer, OfferStatus
from portal.outcomes.models import FollowUp, Outcome, Relapse, SurveyAnswer
from portal.units.models import Unit


def _count(db: Session, model: type[Base]) -> int:
    return db.scalar(select(func.count()).select_from(model)) or 0


def test_the_demo_loads_once_and_covers_every_state(db: Session) -> None:
    assert load_demo_data() is True

    assert {s for (s,) in db.execute(select(Offer.status).distinct())} == set(OfferStatus)
    assert {s for (s,) in db.execute(select(Lease.status).distinct())} == set(LeaseStatus)
    assert _count(db, Case) >= 30
    assert _count(db, Unit) >= 40
    assert {g for (g,) in db.execute(select(Case.citizen_group).distinct())} == {1, 2, 3}
    groups = {g for (g,) in db.execute(select(CaseTargetGroup.target_group).distinct())}
    assert groups == set(TargetGroup)
    codes = {c for (c,) in db.execute(select(Municipality.code))}
    assert {"751", "169", "101", "265", "730"} <= codes

    # A unit is in at most one open offer and one live lease; a stairwell holds a cluster.
    clusters = db.execute(
        select(Unit.building_key, func.count()).group_by(Unit.building_key).having(func.count() > 2)
    ).all()
    assert clusters
    # Notice is always given with another offer recorded.
    notices = db.scalars(select(LeaseEvent).where(LeaseEvent.kind == LeaseEventKind.NOTICE_GIVEN))
    assert all(n.alternative_offer is not None for n in notices)
    assert db.scalar(select(func.count()).where(Lease.lease_model == LeaseModel.CURRENT_HOME))
    assert db.scalar(select(func.count()).where(Case.integration_act_placement.is_(True))) >= 3
    assert _count(db, Outcome) and _count(db, Relapse) and _count(db, SurveyAnswer)
    assert db.scalar(select(func.count()).where(FollowUp.still_housed.is_not(None)))
    # Relapsed citizens are back in the queue.
    relapsed = db.scalars(select(Case).join(Relapse, Relapse.case_id == Case.id)).all()
    assert relapsed and all(c.status == CaseStatus.WAITING for c in relapsed)
    # Every demo identity has its account at the development issuer.
    subjects = {
        s for (s,) in db.execute(select(Account.subject).where(Account.issuer == DEV_ISSUER))
    }
    assert {i.subject for i in STAFF + CITIZENS} <= subjects

    counts = (_count(db, Case), _count(db, Offer), _count(db, Lease))
    assert load_demo_data() is False
    assert (_count(db, Case), _count(db, Offer), _count(db, Lease)) == counts


def test_reset_reloads_the_same_demo(db: Session) -> None:
    load_demo_data()
    first = (_count(db, Case), _count(db, Unit), _count(db, Offer), _count(db, Lease))
    case = db.scalars(select(Case).order_by(Case.id)).first()
    assert case is not None
    case.name = "Changed by hand"
    db.commit()

    assert load_demo_data(reset=True) is True
    db.expire_all()
    assert (_count(db, Case), _count(db, Unit), _count(db, Offer), _count(db, Lease)) == first
    assert db.scalar(select(func.count()).where(Case.name == "Changed by hand")) == 0


def test_cpr_is_never_stored_in_clear(db: Session, app: Flask) -> None:
    load_demo_data()
    cipher = cpr_cipher()
    cprs = [i.cpr for i in CITIZENS if i.cpr]
    needles = {c.replace("-", "") for c in cprs} | set(cprs)
    for case in db.scalars(select(Case)):
        assert cipher.decrypt(case.cpr_ciphertext) in cprs
        assert case.cpr_hash == cipher.hash(cipher.decrypt(case.cpr_ciphertext))

    # Every text and JSON column of every table, read as text, holds no CPR number.
    found = []
    for table in Base.metadata.sorted_tables:
        columns = [c.name for c in table.columns if isinstance(c.type, String | Text)]
        columns += [c.name for c in table.columns if c.type.__class__.__name__ == "JSON"]
        for column in columns:
            quoted = inspect(db.get_bind()).dialect.identifier_preparer.quote
            rows = db.execute(
                text(f"SELECT CAST({quoted(column)} AS TEXT) FROM {quoted(table.name)}")  # noqa: S608
            ).scalars()
            found += [(table.name, column) for v in rows if v and any(n in v for n in needles)]
    assert found == []
