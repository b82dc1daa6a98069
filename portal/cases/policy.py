"""Who may act on what: pure functions, no database, no request.

Views call these after loading an object (403/404 when they say no), templates call
them to decide which buttons to show, and services call them again before acting and
raise :class:`portal.errors.NotAllowed`, so a forgotten check in a view still fails
closed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from portal.accounts.models import Account, Role
from portal.cases.models import Case
from portal.units.models import Unit


def caseworker_may_act_on_case(actor: Account | None, case: Case) -> bool:
    """A caseworker or administrator of the case's municipality; a network admin for all."""
    if actor is None or not actor.active or not actor.is_staff:
        return False
    if actor.is_network_admin:
        return True
    return actor.municipality_id is not None and actor.municipality_id == case.municipality_id


def citizen_may_act_on_case(actor: Account | None, case: Case) -> bool:
    """Only the citizen whose own case it is."""
    return (
        actor is not None
        and actor.active
        and actor.role == Role.CITIZEN
        and case.account_id is not None
        and case.account_id == actor.id
    )


def may_answer_for_citizen(actor: Account | None, case: Case) -> bool:
    """The citizen, or their caseworker recording the citizen's own answer.

    Many citizens answer an offer by phone or at a meeting, so the caseworker may
    record the answer on their behalf; the decision is still the citizen's.
    """
    return citizen_may_act_on_case(actor, case) or caseworker_may_act_on_case(actor, case)


def landlord_may_act_on_unit(actor_org_ids: Collection[int], unit: Unit) -> bool:
    """A landlord acts only on units of an organisation it is an active member of.

    ``actor_org_ids`` are the ids of the organisations where the account is an active
    member (loaded by the caller, so this stays pure).
    """
    return unit.organisation_id in actor_org_ids


def case_is_paused(case: Case, today: dt.date) -> bool:
    """A decline may pause a case for N days; it is matchable again on ``paused_until``."""
    return case.paused_until is not None and today < case.paused_until
