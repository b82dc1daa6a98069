"""The business case per target group: months in the temporary home with support and
rent subsidy, against the same months in a shelter or a botilbud.

The months come from one SQL aggregate over the leases; the rates from the rate table
an administrator edits (``portal.rules.services.business_case_rates``), each with its
source.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.cases.models import Case, CaseTargetGroup
from portal.leases.models import Lease
from portal.municipalities.models import TargetGroup
from portal.reporting.figures import Filters, _temporary_leases, days_between
from portal.rules.models import BusinessCaseRate
from portal.rules.services import business_case_rates, current

DAYS_PER_MONTH = 30.44
TEMPORARY_CODES = ("support_month", "rent_subsidy_month")
# What a citizen of the group would otherwise have had: homeless citizens and refugees a
# shelter (forsorgshjem), citizens with a disability or psychological vulnerability a
# temporary botilbud (SL § 107).
ALTERNATIVE_CODE: dict[TargetGroup, str] = {
    TargetGroup.SOCIAL_PROBLEMS: "shelter_month",
    TargetGroup.REFUGEES: "shelter_month",
    TargetGroup.DISABILITY: "botilbud_107_month",
    TargetGroup.PSYCHOLOGICALLY_VULNERABLE: "botilbud_107_month",
}


def rate_sources(session: Session, filters: Filters) -> list[dict[str, Any]]:
    """The rates used, with their amount and source, as in force on ``as_of``."""
    codes = sorted({*TEMPORARY_CODES, *ALTERNATIVE_CODE.values()})
    out = []
    for code in codes:
        row = current(session, BusinessCaseRate, code, filters.today)
        if row is not None:
            out.append({"code": code, "amount": row.amount, "source": row.source})
    return out


def business_case(session: Session, filters: Filters) -> list[dict[str, Any]]:
    """Per target group: citizens, months in the temporary home (a running lease counted
    to ``as_of``), the cost with support and subsidy, the cost of the alternative, and
    the difference in total and per citizen. A citizen in two target groups counts in
    both."""
    rates = business_case_rates(session, filters.today)
    ends = func.coalesce(Lease.ended_on, filters.today)
    days = days_between(session, ends, Lease.start_date)
    stmt = (
        select(
            CaseTargetGroup.target_group,
            func.count(func.distinct(Lease.case_id)),
            func.coalesce(func.sum(days), 0),
        )
        .join(Case, Case.id == Lease.case_id)
        .join(CaseTargetGroup, CaseTargetGroup.case_id == Case.id)
        .where(*_temporary_leases(filters))
        .group_by(CaseTargetGroup.target_group)
    )
    found = {TargetGroup(g): (int(n), int(d)) for g, n, d in session.execute(stmt)}
    temporary_month = sum(rates.get(code, 0) for code in TEMPORARY_CODES)
    out = []
    for group in TargetGroup:
        if filters.target_group is not None and group != filters.target_group:
            continue
        citizens, total_days = found.get(group, (0, 0))
        months = round(total_days / DAYS_PER_MONTH, 1)
        alternative_month = rates.get(ALTERNATIVE_CODE[group], 0)
        temporary = round(months * temporary_month)
        alternative = round(months * alternative_month)
        saving = alternative - temporary
        out.append(
            dict(
                target_group=group.value,
                alternative_code=ALTERNATIVE_CODE[group],
                citizens=citizens,
                months=months,
                temporary_month=temporary_month,
                alternative_month=alternative_month,
                temporary=temporary,
                alternative=alternative,
                saving=saving,
                saving_per_citizen=round(saving / citizens) if citizens else None,
            )
        )
    return out
