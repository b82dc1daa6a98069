"""Who may administer what: the pure policy functions, on accounts built in memory."""

from __future__ import annotations

import pytest

from portal.accounts.models import Account, Role
from portal.admin import policy
from portal.landlords.models import LandlordOrganisation, OrganisationKind


def _account(role: Role, municipality_id: int | None = None, **kw: object) -> Account:
    values: dict[str, object] = {"active": True, "is_network_admin": False, **kw}
    return Account(role=role, municipality_id=municipality_id, **values)


NORTH, SOUTH = 1, 2
north_admin = _account(Role.ADMINISTRATOR, NORTH, id=10)
network = _account(Role.ADMINISTRATOR, None, id=11, is_network_admin=True)
caseworker_north = _account(Role.CASEWORKER, NORTH, id=12)
caseworker_south = _account(Role.CASEWORKER, SOUTH, id=13)


def _org(kind: OrganisationKind, municipality_id: int | None = None) -> LandlordOrganisation:
    return LandlordOrganisation(kind=kind, municipality_id=municipality_id)


def test_only_administrators_administer() -> None:
    assert policy.is_administrator(north_admin) and policy.is_network_admin(network)
    assert not policy.is_network_admin(north_admin)
    assert not policy.is_administrator(caseworker_north)
    assert not policy.may_handle_organisation(caseworker_north, _org(OrganisationKind.PRIVATE))
    stopped = _account(Role.ADMINISTRATOR, None, id=14, is_network_admin=True, active=False)
    assert not policy.may_change_rules(stopped)
    # A network flag with a municipality is a municipality's administrator, no more.
    odd = _account(Role.ADMINISTRATOR, NORTH, id=15, is_network_admin=True)
    assert not policy.is_network_admin(odd)


def test_staff_of_ones_own_municipality_only_and_never_oneself() -> None:
    assert policy.may_change_staff(north_admin, caseworker_north)
    assert not policy.may_see_staff(north_admin, caseworker_south)
    assert policy.may_change_staff(network, caseworker_south)
    assert not policy.may_change_staff(north_admin, north_admin)
    assert policy.may_see_staff(north_admin, north_admin)
    assert not policy.may_see_staff(network, _account(Role.CITIZEN, id=16))


@pytest.mark.parametrize(
    ("org", "north", "net"),
    [
        (_org(OrganisationKind.PRIVATE), True, True),
        (_org(OrganisationKind.SOCIAL), True, True),
        (_org(OrganisationKind.MUNICIPAL, NORTH), True, True),
        (_org(OrganisationKind.MUNICIPAL, SOUTH), False, True),
        (_org(OrganisationKind.MUNICIPAL, None), False, True),
    ],
)
def test_organisations(org: LandlordOrganisation, north: bool, net: bool) -> None:
    assert policy.may_handle_organisation(north_admin, org) is north
    assert policy.may_handle_organisation(network, org) is net


def test_rules_are_changed_by_network_administrators_and_read_by_all_administrators() -> None:
    assert policy.may_read_rules(north_admin) and not policy.may_change_rules(north_admin)
    assert policy.may_change_rules(network)
    assert not policy.may_read_rules(caseworker_north)
