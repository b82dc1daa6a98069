"""Versioned rule changes: a change never updates a row, it adds a new version.

A new version has the same key (code; actor and code; scheme and year) and a later
``valid_from``. Decisions already made keep pointing at the row they used
(``Lease.legal_basis_id``, ``OfferDecision.reason_id``, ``Outcome.destination_id``), so a
change only applies to what is decided from its effective date on. No version takes
effect before today: a decision made since would otherwise have been made under a rule
that, on paper, was not in force.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from portal.accounts.models import Account
from portal.admin import policy
from portal.admin.rule_tables import TableSpec, build_row, clean, raw_values, text_field_name
from portal.audit.services import record
from portal.errors import DomainError, NotAllowed


class RuleRefused(DomainError):
    """A change the versioning refuses; ``field`` is the form field to show it beside."""

    def __init__(self, message: Any, field: str = "valid_from", **params: Any) -> None:
        super().__init__(message, **params)
        self.field = field


def key_of(spec: TableSpec, values: Any) -> tuple[Any, ...]:
    """The values naming one rule across its versions, from a row or a mapping."""
    get = values.get if isinstance(values, dict) else lambda k: getattr(values, k)
    return tuple(_plain(get(k)) for k in spec.keys)


def _plain(value: Any) -> Any:
    return value.value if hasattr(value, "value") else value


def _key_filter(spec: TableSpec, model: Any, key: tuple[Any, ...]) -> list[Any]:
    return [getattr(model, name) == value for name, value in zip(spec.keys, key, strict=True)]


def in_force(db: Session, spec: TableSpec, on: dt.date) -> list[Any]:
    """The version of every rule of the table in force on ``on``, in key order.

    Same rule as ``portal.rules.services`` (latest ``valid_from`` on or before the
    date), keyed per rule as this table names them (a housing-benefit rate per scheme
    and year)."""
    model = spec.model
    older = aliased(model)
    newest = (
        select(func.max(older.valid_from))
        .where(older.valid_from <= on)
        .where(*(getattr(older, k) == getattr(model, k) for k in spec.keys))
        .scalar_subquery()
    )
    stmt = (
        select(model)
        .where(model.valid_from == newest)
        .order_by(*(getattr(model, k) for k in spec.keys))
    )
    return list(db.scalars(stmt))


def scheduled(db: Session, spec: TableSpec, on: dt.date) -> list[Any]:
    """Versions that take effect after ``on``."""
    model = spec.model
    stmt = (
        select(model)
        .where(model.valid_from > on)
        .order_by(*(getattr(model, k) for k in spec.keys), model.valid_from)
    )
    return list(db.scalars(stmt))


def versions(db: Session, spec: TableSpec, key: tuple[Any, ...]) -> list[Any]:
    """Every version of one rule, newest first."""
    model = spec.model
    stmt = select(model).where(*_key_filter(spec, model, key)).order_by(model.valid_from.desc())
    return list(db.scalars(stmt))


def newest(db: Session, spec: TableSpec, key: tuple[Any, ...]) -> Any | None:
    found = versions(db, spec, key)
    return found[0] if found else None


def comparable(spec: TableSpec, values: dict[str, Any]) -> dict[str, Any]:
    """Cleaned values with the texts flattened, to tell a real change from none."""
    flat = {k: v for k, v in values.items() if k != "texts"}
    for locale, texts in (values.get("texts") or {}).items():
        for key, text in texts.items():
            flat[text_field_name(locale, key)] = text
    return flat


def audit_values(spec: TableSpec, row: Any) -> dict[str, Any]:
    values, _errors = clean(spec, raw_values(spec, row))
    return comparable(spec, values)


def check_valid_from(
    spec: TableSpec, previous: Any | None, valid_from: dt.date | None, today: dt.date
) -> None:
    """Refuse an effective date before today or not after the rule's newest version."""
    if valid_from is None:
        raise RuleRefused(_l("Enter the date the change takes effect."))
    if valid_from < today:
        raise RuleRefused(_l("A change cannot take effect before today."))
    if previous is not None and valid_from <= previous.valid_from:
        raise RuleRefused(
            _l(
                "Choose a date after %(date)s: the newest version takes effect then.",
            ),
            date=previous.valid_from.isoformat(),
        )


def add_version(
    db: Session,
    actor: Account,
    spec: TableSpec,
    values: dict[str, Any],
    valid_from: dt.date | None,
    *,
    today: dt.date,
    new_rule: bool,
) -> Any:
    """Add a version of a rule from cleaned ``values``, in force from ``valid_from``.

    ``new_rule``: the key must not exist yet (a new code); otherwise it must exist and
    this is its next version. Audited with the old and the new values."""
    if not policy.may_change_rules(actor):
        raise NotAllowed(_l("Only a network administrator can change the rules."))
    key = key_of(spec, values)
    previous = newest(db, spec, key)
    if new_rule and previous is not None:
        raise RuleRefused(
            _l("A rule with this code exists. Make a new version of it instead."),
            field=spec.keys[-1],
        )
    if not new_rule and previous is None:
        raise RuleRefused(_l("This rule does not exist."), field=spec.keys[-1])
    check_valid_from(spec, previous, valid_from, today)
    row = build_row(spec, values, valid_from or today)
    db.add(row)
    db.flush()
    record(
        db,
        actor,
        "rules.version_added",
        spec.name,
        row.id,
        table=spec.name,
        key=list(key),
        valid_from=valid_from,
        previous_id=previous.id if previous is not None else None,
        old=audit_values(spec, previous) if previous is not None else None,
        new=comparable(spec, values),
    )
    return row
