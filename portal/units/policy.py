"""What a landlord may do with a unit: pure functions, no database, no request."""

from __future__ import annotations

from portal.units.models import Unit, UnitStatus

MAX_MONTHS_DEPOSIT = 3  # deposit and prepaid rent: each at most three months' rent
MAX_PHOTOS = 12

# Money and dates the citizen was offered: frozen while the unit is in an open offer.
TERMS_FIELDS = ("rent", "utilities_on_account", "deposit", "prepaid_rent", "available_from")


def may_see_unit(org_id: int, unit: Unit) -> bool:
    """A landlord sees only the units of the organisation it acts for."""
    return unit.organisation_id == org_id


def may_publish(unit: Unit) -> bool:
    """A draft or withdrawn unit can be made available to the municipality."""
    return unit.status in (UnitStatus.DRAFT, UnitStatus.WITHDRAWN)


def may_withdraw(unit: Unit) -> bool:
    """Only a free unit can be withdrawn; an offered or let one is tied to a citizen."""
    return unit.status in (UnitStatus.DRAFT, UnitStatus.AVAILABLE)


def may_change_terms(in_open_offer: bool) -> bool:
    """A citizen answers an offer on its rent and terms: they cannot change under them."""
    return not in_open_offer


def within_three_months(amount: int, rent: int) -> bool:
    """Deposit or prepaid rent of at most three months' rent (and not negative)."""
    return 0 <= amount <= MAX_MONTHS_DEPOSIT * rent
