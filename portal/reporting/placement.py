"""Where the participants live: buildings above the placement limit, and the clusters of
citizens meant to live together. SQL aggregates, like :mod:`portal.reporting.figures`.

The limits are the thresholds matching uses (``placement_max_per_building`` for the
citizens best spread out, ``placement_cluster_max_per_building`` for a small cluster),
as in force at the end of the period (today without one), so the evaluation reads the
same rule the matching followed.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, case, distinct, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from portal.cases.models import Case, Placement
from portal.leases.models import Lease
from portal.reporting.figures import Filters, _temporary_leases
from portal.rules.services import threshold
from portal.units.models import Unit

MAX_PER_BUILDING = "placement_max_per_building"
CLUSTER_MAX_PER_BUILDING = "placement_cluster_max_per_building"


def _limit(session: Session, filters: Filters, code: str, default: int) -> int:
    return threshold(session, code, filters.period_end or filters.today, default)


def _per_building(filters: Filters, *only: ColumnElement[bool]) -> Any:
    """Distinct participants per stairwell, as :func:`figures.spread` counts them."""
    return (
        select(
            Unit.building_key.label("building"),
            func.count(distinct(Lease.case_id)).label("n"),
        )
        .join(Unit, Unit.id == Lease.unit_id)
        .join(Case, Case.id == Lease.case_id)
        .where(*_temporary_leases(filters), *only)
        .group_by(Unit.building_key)
        .subquery()
    )


def buildings_above_limit(session: Session, filters: Filters) -> dict[str, Any]:
    """Buildings (stairwells) with at least one participant, and how many of them hold
    more participants than the limit: the count, the share in per cent (one decimal),
    and those buildings with their count, most first."""
    limit = _limit(session, filters, MAX_PER_BUILDING, 2)
    per = _per_building(filters)
    total, above = session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(case((per.c.n > limit, 1), else_=0)), 0),
        ).select_from(per)
    ).one()
    listed = session.execute(
        select(per.c.building, per.c.n)
        .where(per.c.n > limit)
        .order_by(per.c.n.desc(), per.c.building)
    ).all()
    total, above = int(total), int(above)
    return {
        "limit": limit,
        "buildings": total,
        "above": above,
        "share": round(100 * above / total, 1) if total else None,
        "listed": [(str(b), int(n)) for b, n in listed],
    }


def wants_cluster() -> ColumnElement[bool]:
    """The citizens meant to live together: a stated wish for a cluster, or an
    intellectual disability without a stated wish (``matching.rules.placement_wish``)."""
    return or_(
        Case.placement == Placement.CLUSTER,
        and_(Case.placement == Placement.NO_PREFERENCE, Case.intellectual_disability.is_(True)),
    )


def clusters(session: Session, filters: Filters) -> dict[str, Any]:
    """Participants meant to live together, per building: how many there are, how many
    share a building with at least one other of them (a cluster), the number of
    clusters, and the buildings with their count, most first."""
    limit = _limit(session, filters, CLUSTER_MAX_PER_BUILDING, 6)
    per = _per_building(filters, wants_cluster())
    in_cluster = case((per.c.n >= 2, per.c.n), else_=0)
    total, together, groups, over = session.execute(
        select(
            func.coalesce(func.sum(per.c.n), 0),
            func.coalesce(func.sum(in_cluster), 0),
            func.coalesce(func.sum(case((per.c.n >= 2, 1), else_=0)), 0),
            func.coalesce(func.sum(case((per.c.n > limit, 1), else_=0)), 0),
        ).select_from(per)
    ).one()
    listed = session.execute(
        select(per.c.building, per.c.n).order_by(per.c.n.desc(), per.c.building)
    ).all()
    return {
        "limit": limit,
        "participants": int(total),
        "in_cluster": int(together),
        "clusters": int(groups),
        "above_limit": int(over),
        "listed": [(str(b), int(n)) for b, n in listed],
    }
