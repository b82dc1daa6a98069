"""Who may see what of notifications. Pure functions of the acting account and the object.

An inbox item is its recipient's only. Outbox problems (failed or long-pending messages)
are for administrators: a municipality's administrator sees its own municipality's,
a network administrator every one (also those with no municipality).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, true

from portal.accounts.models import Account, Role
from portal.notifications.models import Notification, OutboxMessage


def may_read(actor: Account, notification: Notification) -> bool:
    return notification.account_id == actor.id


def is_network_admin(actor: Account) -> bool:
    return (
        actor.role == Role.ADMINISTRATOR
        and actor.active
        and actor.is_network_admin
        and actor.municipality_id is None
    )


def may_see_outbox(actor: Account) -> bool:
    return actor.role == Role.ADMINISTRATOR and actor.active


def outbox_scope(actor: Account) -> ColumnElement[bool]:
    """The SQL filter for the outbox rows the actor may see."""
    if is_network_admin(actor):
        return true()
    return OutboxMessage.municipality_id == actor.municipality_id


def may_handle_outbox_message(actor: Account, row: OutboxMessage) -> bool:
    if not may_see_outbox(actor):
        return False
    return is_network_admin(actor) or (
        actor.municipality_id is not None and row.municipality_id == actor.municipality_id
    )
