"""Writing audit events: who did or read what, of whose data, when, and why."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from portal.accounts.models import Account
from portal.audit.models import AuditEvent

SYSTEM_ROLE = "system"


def _jsonable(value: Any) -> Any:
    """Details are stored as JSON: dates as ISO strings, enums as their values."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    return value


def record(
    session: Session,
    actor: Account | None,
    action: str,
    object_type: str,
    object_id: int | None,
    *,
    case_id: int | None = None,
    purpose: str | None = None,
    **details: Any,
) -> AuditEvent:
    """Add one audit event to the session, in the caller's transaction.

    ``actor`` is the acting account, or None when the system acts (deadlines, expiry).
    The event is added, not flushed: it is written together with the change it records,
    and disappears with it if that change is rolled back.
    """
    event = AuditEvent(
        actor_id=actor.id if actor is not None else None,
        actor_role=str(actor.role) if actor is not None else SYSTEM_ROLE,
        action=action,
        object_type=object_type,
        object_id=object_id,
        case_id=case_id,
        purpose=purpose,
        details=_jsonable(details),
    )
    session.add(event)
    return event
