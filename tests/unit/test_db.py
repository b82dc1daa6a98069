"""The per-test transaction really rolls back, on SQLite as on PostgreSQL."""

from __future__ import annotations

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from portal.municipalities.models import Municipality


def test_committed_work_in_a_savepoint_is_rolled_back_with_the_outer_transaction(
    engine: Engine,
) -> None:
    conn = engine.connect()
    outer = conn.begin()
    session = Session(bind=conn, join_transaction_mode="create_savepoint")
    session.add(Municipality(code="999", name="Prøvekommune"))
    session.commit()
    assert (
        session.scalar(
            select(func.count()).select_from(Municipality).where(Municipality.code == "999")
        )
        == 1
    )
    session.close()
    outer.rollback()
    conn.close()

    with Session(engine) as fresh:
        count = fresh.scalar(
            select(func.count()).select_from(Municipality).where(Municipality.code == "999")
        )
    assert count == 0


def test_timestamps_come_back_in_utc(db: Session) -> None:
    from portal.accounts.models import Account, Role

    account = Account(issuer="i", subject="s", role=Role.CITIZEN, display_name="A")
    db.add(account)
    db.commit()
    db.expire_all()
    loaded = db.get(Account, account.id)
    assert loaded is not None
    assert loaded.created_at.utcoffset() is not None
    assert loaded.created_at.utcoffset().total_seconds() == 0
