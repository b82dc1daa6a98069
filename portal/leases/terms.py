"""The terms of a lease and the legal basis's rules for them: pure, no database.

The legal basis is data (``rules.LegalBasis``): its maximum term, whether and how far a
lease on it can be extended, whether it may be given to a refugee placed under the
integration act, and whether the end must be stated in the lease.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from portal.cases.models import Case
from portal.leases.errors import IntegrationActRefused, LeaseError, TermLimitExceeded
from portal.leases.models import LeaseModel
from portal.rules.models import LegalBasis


@dataclass(frozen=True)
class LeaseTerms:
    """What the caseworker agrees on approval. Amounts are kroner per month.

    ``rent``, ``utilities`` and ``subsidy`` default to the unit's rent and utilities on
    account and the case's rent subsidy; ``citizen_share`` to rent + utilities − subsidy
    (the housing-benefit estimate is only an estimate, so it is not deducted unless the
    caseworker does so). ``planned_end`` None means "until the purpose is reached".
    """

    legal_basis: LegalBasis
    start_date: dt.date
    purpose: str
    lease_model: LeaseModel = LeaseModel.DIRECT
    planned_end: dt.date | None = None
    next_review: dt.date | None = None
    rent: int | None = None
    utilities: int | None = None
    subsidy: int | None = None
    citizen_share: int | None = None


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months later (or earlier), the day clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def term_limit(legal_basis: LegalBasis, start_date: dt.date) -> dt.date | None:
    """The last day the basis lets a lease run to, or None when it sets no limit."""
    if legal_basis.max_term_months is None:
        return None
    return add_months(start_date, legal_basis.max_term_months)


def term_warning(legal_basis: LegalBasis, start_date: dt.date, today: dt.date) -> bool:
    """True from ``warn_months_before_limit`` before the limit on (also once past it),
    so the caseworker plans the move in time."""
    limit = term_limit(legal_basis, start_date)
    if limit is None:
        return False
    return today >= add_months(limit, -legal_basis.warn_months_before_limit)


def check_lease_rules(case: Case, terms: LeaseTerms) -> None:
    """The legal basis's rules for a new lease that need no database (raise if broken)."""
    basis = terms.legal_basis
    if (
        case.integration_act_placement
        and basis.time_limited
        and not basis.allowed_for_integration_act
    ):
        raise IntegrationActRefused(
            _l(
                "A citizen placed under the integration act cannot get a time-limited "
                "lease on the basis %(basis)s."
            ),
            basis=basis.name,
        )
    if not terms.purpose.strip():
        raise LeaseError(_l("Write the purpose of the lease."))
    if terms.planned_end is not None and terms.planned_end <= terms.start_date:
        raise LeaseError(_l("The planned end must be after the start of the lease."))
    if basis.time_limited and basis.end_stated_in_lease and terms.planned_end is None:
        raise TermLimitExceeded(
            _l("On the basis %(basis)s the end of the lease must be stated in the lease."),
            basis=basis.name,
        )
    limit = term_limit(basis, terms.start_date)
    if limit is not None and terms.planned_end is not None and terms.planned_end > limit:
        raise TermLimitExceeded(_l("The lease can run until %(date)s at the latest."), date=limit)
    if terms.next_review is not None and terms.next_review <= terms.start_date:
        raise LeaseError(_l("The first review must be after the start of the lease."))
