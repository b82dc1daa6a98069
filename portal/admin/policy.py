"""Who may administer what. Pure functions of the acting account and the object.

Administrators come from the staff provider's roles (``portal.auth.services.link_staff``):
an account with role ADMINISTRATOR is either a municipality's administrator (it has a
``municipality_id``) or a network administrator (``is_network_admin`` and no
municipality), who acts for every municipality.

The choices made here:

- Staff: a municipality's administrator manages the staff accounts of their own
  municipality only; a network administrator manages every staff account. Nobody
  deactivates their own account (that would lock the last administrator out).
- Landlord organisations: one of kind *municipal* belongs to a municipality
  (``LandlordOrganisation.municipality_id``); only that municipality's administrator or a
  network administrator handles it. A municipal organisation whose municipality is not
  yet known (a fresh join request) is for network administrators, who attach it to its
  municipality when approving it. Private landlords and social housing organisations
  work across municipal borders (one housing association lets homes in several), so
  their join requests may be handled by any administrator; every decision is audited
  with who took it.
- Rules: the experiment's rule tables are network-wide, so only network administrators
  change them; municipality administrators may read them.

Views show another municipality's objects as missing (404); the services check again.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, or_, true

from portal.accounts.models import Account, Role
from portal.landlords.models import LandlordOrganisation, OrganisationKind


def is_administrator(actor: Account) -> bool:
    """An active administrator account, of a municipality or of the network."""
    return actor.role == Role.ADMINISTRATOR and actor.active


def is_network_admin(actor: Account) -> bool:
    """An administrator who acts for every municipality."""
    return is_administrator(actor) and actor.is_network_admin and actor.municipality_id is None


def _municipality_admin_of(actor: Account, municipality_id: int | None) -> bool:
    return (
        is_administrator(actor)
        and actor.municipality_id is not None
        and actor.municipality_id == municipality_id
    )


def may_see_staff(actor: Account, account: Account) -> bool:
    """A staff account is visible to its municipality's administrators and the network's."""
    if not account.is_staff:
        return False
    return is_network_admin(actor) or _municipality_admin_of(actor, account.municipality_id)


def may_change_staff(actor: Account, account: Account) -> bool:
    """Deactivate or reactivate ``account``: as :func:`may_see_staff`, never oneself."""
    return may_see_staff(actor, account) and actor.id != account.id


def may_handle_organisation(actor: Account, org: LandlordOrganisation) -> bool:
    """See, approve, refuse, suspend or reinstate ``org`` (see the module's docstring)."""
    if not is_administrator(actor):
        return False
    if is_network_admin(actor):
        return True
    if org.kind == OrganisationKind.MUNICIPAL:
        return _municipality_admin_of(actor, org.municipality_id)
    return True


def may_read_rules(actor: Account) -> bool:
    return is_administrator(actor)


def may_change_rules(actor: Account) -> bool:
    """The rule tables are network-wide: only a network administrator changes them."""
    return is_network_admin(actor)


# -- The same decisions as SQL conditions, for scoped list queries -------------------


def staff_scope(actor: Account) -> ColumnElement[bool]:
    """The staff accounts ``actor`` may see, as a WHERE condition."""
    is_staff = Account.role.in_((Role.CASEWORKER, Role.ADMINISTRATOR))
    if is_network_admin(actor):
        return is_staff
    if _municipality_admin_of(actor, actor.municipality_id):
        return and_(is_staff, Account.municipality_id == actor.municipality_id)
    return Account.id.is_(None)  # nothing


def organisation_scope(actor: Account) -> ColumnElement[bool]:
    """The organisations ``actor`` may handle, as a WHERE condition."""
    if is_network_admin(actor):
        return true()
    if _municipality_admin_of(actor, actor.municipality_id):
        return or_(
            LandlordOrganisation.kind != OrganisationKind.MUNICIPAL,
            LandlordOrganisation.municipality_id == actor.municipality_id,
        )
    return LandlordOrganisation.id.is_(None)
