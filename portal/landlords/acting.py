"""Which organisation the signed-in landlord acts for, checked on every request.

The organisation is chosen at login (``session["landlord_org_id"]``, see
:mod:`portal.landlords.views`); each request checks again that it is active and that
the person is still an active member, so a removed member loses access at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, g, redirect, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.accounts.models import Account
from portal.db import get_session
from portal.landlords.models import (
    LandlordOrganisation,
    MemberStatus,
    OrganisationMember,
    OrganisationStatus,
)

ORG_KEY = "landlord_org_id"


@dataclass(frozen=True)
class Acting:
    organisation: LandlordOrganisation
    member: OrganisationMember

    @property
    def org_id(self) -> int:
        return self.organisation.id


def acting_membership(db: Session, account: Account, org_id: int) -> Acting | None:
    """The active organisation ``org_id`` and the account's active membership of it."""
    row = db.execute(
        select(LandlordOrganisation, OrganisationMember)
        .join(OrganisationMember, OrganisationMember.organisation_id == LandlordOrganisation.id)
        .where(
            LandlordOrganisation.id == org_id,
            LandlordOrganisation.status == OrganisationStatus.ACTIVE,
            OrganisationMember.account_id == account.id,
            OrganisationMember.status == MemberStatus.ACTIVE,
        )
    ).first()
    return Acting(row[0], row[1]) if row else None


def load_acting() -> ResponseReturnValue | None:
    """``before_request`` of the landlord blueprints: sets ``g.acting`` or answers."""
    org_id = session.get(ORG_KEY)
    if not isinstance(org_id, int):
        return redirect(url_for("landlords.choose"), code=303)
    acting = acting_membership(get_session(), current_user, org_id)
    if acting is None:
        # A pending or refused organisation, or a removed member: nothing to see.
        abort(403)
    g.acting = acting
    return None


def acting() -> Acting:
    """The organisation of this request (set by :func:`load_acting`)."""
    value: Acting = g.acting
    return value
