"""The work list's rules for a lease nearing its end, and its scope."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from portal.leases.models import LeaseStatus
from portal.leases.terms import add_months
from portal.staff.worklist import work_list
from tests import factories

TODAY = dt.date(2026, 6, 15)


def test_a_lease_nears_its_end_by_its_bases_limit_or_its_planned_end(db: Session) -> None:
    home = factories.municipality(db)
    caseworker = factories.caseworker(db, home)
    org = factories.landlord_org(db)
    inclusion = factories.inclusion_basis(db)  # 24 months, warned 3 months before
    experiment = factories.legal_basis(db)  # no limit

    def lease(basis: object, start: dt.date, **fields: object) -> int:
        case = factories.case(db, home)
        unit = factories.unit(db, org, home)
        return factories.raw_lease(db, case, basis, unit=unit, start_date=start, **fields).id  # type: ignore[arg-type]

    near_limit = lease(inclusion, add_months(TODAY, -21))  # limit in three months: warned
    far_from_limit = lease(inclusion, add_months(TODAY, -20) + dt.timedelta(days=1))
    planned_end_soon = lease(
        experiment, add_months(TODAY, -6), planned_end=TODAY + dt.timedelta(days=60)
    )
    open_ended = lease(experiment, add_months(TODAY, -30))
    ended = lease(inclusion, add_months(TODAY, -23), status=LeaseStatus.ENDED)

    items = work_list(db, caseworker, TODAY).nearing_end.items
    ids = {item.lease.id for item in items}
    assert near_limit in ids and planned_end_soon in ids
    assert far_from_limit not in ids and open_ended not in ids and ended not in ids
    limit = next(item.limit for item in items if item.lease.id == near_limit)
    assert limit == add_months(add_months(TODAY, -21), 24)


def test_nothing_of_another_municipality_is_on_the_work_list(db: Session) -> None:
    home, other = factories.municipality(db), factories.municipality(db)
    factories.case(db, other)
    mine = factories.case(db, home)
    lists = work_list(db, factories.caseworker(db, home), TODAY)
    assert [c.id for c in lists.waiting.items] == [mine.id] and lists.waiting.total == 1
