"""Two caseworkers acting at the same moment: the database settles it, exactly one wins.

PostgreSQL only: each attempt runs in its own thread with its own session and
connection on real, committed data (not the per-test rollback), so row locks and the
partial unique indexes are exercised for real. SQLite lets one writer in at a time, so
there is no race to test there.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from portal.accounts.models import Account
from portal.cases.cpr import CprCipher
from portal.cases.models import Case
from portal.errors import DomainError
from portal.leases.models import LIVE_LEASE_STATUSES, Lease, LeaseModel
from portal.leases.services import LeaseTerms, create_lease
from portal.offers import services as offers
from portal.offers.models import OPEN_OFFER_STATUSES, Offer, OfferStatus, RuleKind
from portal.rules.models import LegalBasis
from portal.units.models import Unit, UnitStatus
from tests import factories as f

pytestmark = pytest.mark.postgresql_only

TODAY = dt.date(2026, 3, 2)
RULES = [offers.RuleResult("target_group", RuleKind.MUST, True)]
CIPHER = CprCipher(b"e" * 32, b"h" * 32)


@dataclass
class World:
    caseworkers: tuple[int, int]
    unit: int
    other_unit: int
    cases: tuple[int, int]
    basis: int
    accepted_offer: int | None = None


@pytest.fixture
def pg_engine(backend: str, engine: Engine) -> Engine:
    if backend != "postgresql":
        pytest.skip("Races are tested on PostgreSQL only (set DATABASE_URL=postgresql://…).")
    return engine


@pytest.fixture
def world(pg_engine: Engine) -> Iterator[World]:
    """Committed rows: two caseworkers of one municipality, two units, two waiting cases.

    Everything is removed afterwards, so the other tests still start from empty tables.
    """
    with Session(pg_engine, expire_on_commit=False) as session:
        m = f.municipality(session)
        org = f.landlord_org(session)
        cases = (f.case(session, m, cipher=CIPHER), f.case(session, m, cipher=CIPHER))
        w = World(
            caseworkers=(f.caseworker(session, m).id, f.caseworker(session, m).id),
            unit=f.unit(session, org, m).id,
            other_unit=f.unit(session, org, m).id,
            cases=(cases[0].id, cases[1].id),
            basis=f.legal_basis(session).id,
        )
        landlord = f.landlord_member(session, org)
        citizen = f.citizen_account(session, cases[0])
        cw = session.get_one(Account, w.caseworkers[0])
        offer = offers.propose(session, cw, session.get_one(Unit, w.unit), cases[0], RULES, TODAY)
        offers.send_to_citizen(session, cw, offer, TODAY + dt.timedelta(days=7), TODAY)
        offers.citizen_answer(session, citizen, offer, True, today=TODAY)
        offers.landlord_answer(session, landlord, offer, True, today=TODAY)
        w.accepted_offer = offer.id
        session.commit()
    yield w
    with pg_engine.begin() as conn:
        # Every table the migrations made (the models may be ahead of them mid-change).
        names = conn.scalars(
            text(
                "SELECT tablename FROM pg_tables "
                "WHERE schemaname = current_schema() AND tablename <> 'alembic_version'"
            )
        ).all()
        tables = ", ".join(f'"{name}"' for name in names)
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


def race(engine: Engine, *attempts: Callable[[Session], Any]) -> list[tuple[str, Any]]:
    """Run each attempt in its own thread and session, all released at the same moment.

    A winner holds its locks a little before committing, so the other attempt surely
    arrives while they are held.
    """
    barrier = threading.Barrier(len(attempts))
    results: list[tuple[str, Any]] = [("not run", None)] * len(attempts)

    def run(index: int, attempt: Callable[[Session], Any]) -> None:
        with Session(engine, expire_on_commit=False) as session:
            try:
                barrier.wait(timeout=10)
                value = attempt(session)
                time.sleep(0.3)
                session.commit()
                results[index] = ("won", value)
            except DomainError as exc:
                session.rollback()
                results[index] = ("refused", exc)
            except Exception as exc:  # a deadlock or a raw IntegrityError fails the test
                session.rollback()
                results[index] = ("error", exc)

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def outcomes(results: list[tuple[str, Any]]) -> list[str]:
    return sorted(kind for kind, _ in results)


def count(engine: Engine, query: Any) -> int:
    with Session(engine) as session:
        return session.scalar(query) or 0


def test_two_caseworkers_propose_the_same_unit_at_once(pg_engine: Engine, world: World) -> None:
    def propose(caseworker_id: int, case_id: int) -> Callable[[Session], Any]:
        def attempt(session: Session) -> int:
            actor = session.get_one(Account, caseworker_id)
            unit = session.get_one(Unit, world.other_unit)
            case = session.get_one(Case, case_id)
            return offers.propose(session, actor, unit, case, RULES, TODAY).id

        return attempt

    # Case 0 is in the fixture's open offer; a third, waiting case competes with case 1.
    with Session(pg_engine) as session:
        m_id = session.get_one(Case, world.cases[1]).municipality_id
        third = f.case(session, session.get_one(f.Municipality, m_id), cipher=CIPHER).id
        session.commit()

    results = race(
        pg_engine,
        propose(world.caseworkers[0], world.cases[1]),
        propose(world.caseworkers[1], third),
    )

    assert outcomes(results) == ["refused", "won"], results
    refused = next(value for kind, value in results if kind == "refused")
    assert isinstance(refused, offers.UnitNotAvailable)
    open_offers = select(func.count(Offer.id)).where(
        Offer.unit_id == world.other_unit, Offer.status.in_(OPEN_OFFER_STATUSES)
    )
    assert count(pg_engine, open_offers) == 1
    with Session(pg_engine) as session:
        assert session.get_one(Unit, world.other_unit).status == UnitStatus.OFFERED


def test_two_caseworkers_propose_one_citizen_to_two_units_at_once(
    pg_engine: Engine, world: World
) -> None:
    def propose(caseworker_id: int, unit_id: int) -> Callable[[Session], Any]:
        def attempt(session: Session) -> int:
            actor = session.get_one(Account, caseworker_id)
            unit = session.get_one(Unit, unit_id)
            case = session.get_one(Case, world.cases[1])
            return offers.propose(session, actor, unit, case, RULES, TODAY).id

        return attempt

    with Session(pg_engine) as session:
        org_id = session.get_one(Unit, world.unit).organisation_id
        m_id = session.get_one(Case, world.cases[1]).municipality_id
        third_unit = f.unit(
            session,
            session.get_one(f.LandlordOrganisation, org_id),
            session.get_one(f.Municipality, m_id),
        ).id
        session.commit()

    results = race(
        pg_engine,
        propose(world.caseworkers[0], world.other_unit),
        propose(world.caseworkers[1], third_unit),
    )

    assert outcomes(results) == ["refused", "won"], results
    open_offers = select(func.count(Offer.id)).where(
        Offer.case_id == world.cases[1], Offer.status.in_(OPEN_OFFER_STATUSES)
    )
    assert count(pg_engine, open_offers) == 1


def test_two_approvals_of_one_unit_at_once_make_one_lease(pg_engine: Engine, world: World) -> None:
    def approve(caseworker_id: int) -> Callable[[Session], Any]:
        def attempt(session: Session) -> int:
            actor = session.get_one(Account, caseworker_id)
            offer = session.get_one(Offer, world.accepted_offer)
            terms = LeaseTerms(
                legal_basis=session.get_one(LegalBasis, world.basis),
                start_date=TODAY,
                purpose="Egen bolig",
            )
            return offers.approve(session, actor, offer, terms, TODAY).id

        return attempt

    results = race(pg_engine, approve(world.caseworkers[0]), approve(world.caseworkers[1]))

    assert outcomes(results) == ["refused", "won"], results
    refused = next(value for kind, value in results if kind == "refused")
    assert isinstance(refused, offers.OfferNotOpen)
    live = select(func.count(Lease.id)).where(
        Lease.unit_id == world.unit, Lease.status.in_(LIVE_LEASE_STATUSES)
    )
    assert count(pg_engine, live) == 1
    with Session(pg_engine) as session:
        assert session.get_one(Offer, world.accepted_offer).status == OfferStatus.APPROVED
        assert session.get_one(Unit, world.unit).status == UnitStatus.LET


def test_two_leases_for_one_citizen_kept_at_home_at_once_make_one(
    pg_engine: Engine, world: World
) -> None:
    def keep_at_home(caseworker_id: int) -> Callable[[Session], Any]:
        def attempt(session: Session) -> int:
            actor = session.get_one(Account, caseworker_id)
            terms = LeaseTerms(
                legal_basis=session.get_one(LegalBasis, world.basis),
                start_date=TODAY,
                purpose="Undgå udsættelse",
                lease_model=LeaseModel.CURRENT_HOME,
                rent=6000,
            )
            case = session.get_one(Case, world.cases[1])
            return create_lease(
                session,
                actor,
                case,
                terms,
                today=TODAY,
                address="Vestergade 3",
                landlord_name="Privat udlejer",
            ).id

        return attempt

    results = race(
        pg_engine, keep_at_home(world.caseworkers[0]), keep_at_home(world.caseworkers[1])
    )

    assert outcomes(results) == ["refused", "won"], results
    live = select(func.count(Lease.id)).where(
        Lease.case_id == world.cases[1], Lease.status.in_(LIVE_LEASE_STATUSES)
    )
    assert count(pg_engine, live) == 1
