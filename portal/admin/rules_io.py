"""Export and import of the rule tables as one JSON file.

The format (version 1)::

    {
      "format": "boligbro-rules",
      "version": 1,
      "exported_at": "2026-12-01T09:00:00+00:00",
      "in_force_on": "2026-12-01",
      "tables": {
        "legal_bases": [
          {"code": "inklusionsbolig", "valid_from": "2026-01-01", "name": "...",
           "max_term_months": 24, ..., "texts": {"da": {"label": "...", "explanation": "..."}}}
        ],
        "housing_benefit_rates": [...], "decline_reasons": [...],
        "outcome_destinations": [... "class_1": "positive", "class_2": ..., "class_3": ...],
        "business_case_rates": [...], "survey_questions": [...], "thresholds": [...]
      }
    }

Each row has the fields of its table (see ``portal.admin.rule_tables``) and ``texts`` per
locale where the table has texts. An export holds the versions in force on
``in_force_on``. On import ``valid_from`` of a row is informative only: every imported
rule becomes a new version from the one effective date the administrator chooses, a
row equal to the version in force is skipped, and nothing is ever overwritten. The
import checks the whole file first and imports nothing if anything is wrong.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from portal.accounts.models import Account
from portal.admin import policy
from portal.admin.rule_tables import BY_NAME, TABLES, TableSpec, clean, raw_values, text_field_name
from portal.admin.rules import (
    RuleRefused,
    add_version,
    audit_values,
    check_valid_from,
    comparable,
    in_force,
    key_of,
    newest,
)
from portal.audit.services import record
from portal.db import utcnow
from portal.errors import NotAllowed

FORMAT = "boligbro-rules"
FORMAT_VERSION = 1


def _row_to_json(spec: TableSpec, row: Any) -> dict[str, Any]:
    raw = raw_values(spec, row)
    out: dict[str, Any] = {"valid_from": row.valid_from.isoformat()}
    texts: dict[str, dict[str, str]] = {}
    for name, value in raw.items():
        if name.startswith("text__"):
            _prefix, locale, key = name.split("__", 2)
            texts.setdefault(locale, {})[key] = value
        else:
            out[name] = value
    if spec.text_keys:
        out["texts"] = texts
    return out


def export_rules(db: Session, on: dt.date) -> dict[str, Any]:
    """Every table's versions in force on ``on``, in the documented format."""
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exported_at": utcnow().isoformat(timespec="seconds"),
        "in_force_on": on.isoformat(),
        "tables": {
            spec.name: [_row_to_json(spec, row) for row in in_force(db, spec, on)]
            for spec in TABLES
        },
    }


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)


@dataclass
class ImportResult:
    added: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


def _flatten(spec: TableSpec, row: dict[str, Any], errors: list[str], where: str) -> dict[str, Any]:
    known = {f.name for f in spec.fields} | {"valid_from", "texts"}
    for name in row:
        if name not in known:
            errors.append(_("%(where)s: the field %(field)s is unknown.", where=where, field=name))
    raw = {k: v for k, v in row.items() if k not in ("texts", "valid_from")}
    texts = row.get("texts") or {}
    if not isinstance(texts, dict):
        errors.append(_("%(where)s: texts must be an object per language.", where=where))
        return raw
    for locale, entries in texts.items():
        if not isinstance(entries, dict):
            errors.append(_("%(where)s: texts must be an object per language.", where=where))
            continue
        for key, text in entries.items():
            raw[text_field_name(str(locale), str(key))] = text
    return raw


def parse(content: bytes) -> tuple[dict[str, Any] | None, list[str]]:
    """The file's JSON object, or the reasons it cannot be read."""
    try:
        data = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None, [_("The file is not a JSON file exported from Boligbro.")]
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None, [_("The file is not a JSON file exported from Boligbro.")]
    if data.get("version") != FORMAT_VERSION:
        return None, [
            _(
                "The file has format version %(found)s; this portal reads version %(version)s.",
                found=str(data.get("version")),
                version=FORMAT_VERSION,
            )
        ]
    if not isinstance(data.get("tables"), dict):
        return None, [_("The file has no rule tables.")]
    return data, []


def plan_import(
    db: Session, data: dict[str, Any], valid_from: dt.date, today: dt.date
) -> tuple[list[tuple[TableSpec, dict[str, Any], bool]], int, list[str]]:
    """Check every row; return (spec, values, new_rule) for each change, the number of
    unchanged rows, and every error found (nothing is written)."""
    errors: list[str] = []
    changes: list[tuple[TableSpec, dict[str, Any], bool]] = []
    unchanged = 0
    for table, rows in data["tables"].items():
        spec = BY_NAME.get(table)
        if spec is None:
            errors.append(_("The table %(table)s is unknown.", table=str(table)))
            continue
        if not isinstance(rows, list):
            errors.append(_("The table %(table)s must be a list of rows.", table=table))
            continue
        seen: set[tuple[Any, ...]] = set()
        for number, row in enumerate(rows, start=1):
            where = _("%(table)s, row %(row)s", table=table, row=number)
            if not isinstance(row, dict):
                errors.append(_("%(where)s: a row must be an object.", where=where))
                continue
            values, field_errors = clean(spec, _flatten(spec, row, errors, where))
            for name, messages in field_errors.items():
                for message in messages:
                    errors.append(
                        _(
                            "%(where)s, %(field)s: %(message)s",
                            where=where,
                            field=name,
                            message=str(message),
                        )
                    )
            if field_errors:
                continue
            key = key_of(spec, values)
            if key in seen:
                errors.append(_("%(where)s: the same rule appears twice.", where=where))
                continue
            seen.add(key)
            previous = newest(db, spec, key)
            if previous is not None and audit_values(spec, previous) == comparable(spec, values):
                unchanged += 1
                continue
            try:
                check_valid_from(spec, previous, valid_from, today)
            except RuleRefused as refusal:
                errors.append(_("%(where)s: %(message)s", where=where, message=str(refusal)))
                continue
            changes.append((spec, values, previous is None))
    return changes, unchanged, errors


def import_rules(
    db: Session,
    actor: Account,
    content: bytes,
    valid_from: dt.date,
    *,
    today: dt.date,
) -> ImportResult:
    """Import a rules file as new versions from ``valid_from``: all or nothing."""
    if not policy.may_change_rules(actor):
        raise NotAllowed(_("Only a network administrator can change the rules."))
    if valid_from < today:
        return ImportResult(errors=[_("A change cannot take effect before today.")])
    data, errors = parse(content)
    if data is None:
        return ImportResult(errors=errors)
    changes, unchanged, errors = plan_import(db, data, valid_from, today)
    if errors:
        return ImportResult(unchanged=unchanged, errors=errors)
    for spec, values, new_rule in changes:
        add_version(db, actor, spec, values, valid_from, today=today, new_rule=new_rule)
    record(
        db,
        actor,
        "rules.imported",
        "rules",
        None,
        valid_from=valid_from,
        added=len(changes),
        unchanged=unchanged,
    )
    return ImportResult(added=len(changes), unchanged=unchanged)
