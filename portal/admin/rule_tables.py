"""The rule tables an administrator keeps, described once as data.

Each :class:`TableSpec` names its model, the fields that name one rule across its
versions (``keys``), every editable field with its limits, and the texts kept per
language. :func:`clean` turns raw values (from a form or an imported JSON file) into the
model's values and returns the errors per field, with the same messages in both places.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from portal.rules.models import (
    Actor,
    BenefitScheme,
    BusinessCaseRate,
    Consequence,
    DeclineReason,
    DestinationGroup,
    ExtensionRule,
    HousingBenefitRate,
    LegalBasis,
    OutcomeClass,
    OutcomeClassification,
    OutcomeDestination,
    SurveyQuestion,
    Threshold,
)

LOCALES = ("da", "en", "ar", "ti")
LOCALE_NAMES = {"da": "Dansk", "en": "English", "ar": "العربية", "ti": "ትግርኛ"}
_CODE = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
Errors = dict[str, list[LazyString]]


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: LazyString
    kind: str  # int, str, text, bool, choice
    required: bool = True
    minimum: int = 0
    maximum: int = 10_000_000
    max_length: int = 200
    choices: tuple[tuple[str, LazyString], ...] = ()
    hint: LazyString | None = None


@dataclass(frozen=True)
class TableSpec:
    name: str  # in URLs and in the export file
    title: LazyString
    model: type[Any]
    keys: tuple[str, ...]
    fields: tuple[FieldSpec, ...]
    text_keys: tuple[tuple[str, LazyString], ...] = ()
    check: Callable[[dict[str, Any], Errors], None] | None = None

    def field(self, name: str) -> FieldSpec:
        return next(f for f in self.fields if f.name == name)


def text_field_name(locale: str, key: str) -> str:
    return f"text__{locale}__{key}"


def _code(label: LazyString | None = None) -> FieldSpec:
    return FieldSpec(
        "code",
        label or _l("Code"),
        "str",
        max_length=40,
        hint=_l("A short name that never changes: lower-case letters, digits and _."),
    )


def _choices(enum_cls: Any, labels: Mapping[str, LazyString]) -> tuple[tuple[str, Any], ...]:
    return tuple((member.value, labels[member.value]) for member in enum_cls)


_CLASS_LABELS = {
    "positive": _l("Positive"),
    "neutral": _l("Neutral"),
    "negative": _l("Negative"),
}


def _check_legal_basis(values: dict[str, Any], errors: Errors) -> None:
    if values.get("extension_rule") == ExtensionRule.WITHIN_MAX.value and (
        values.get("max_term_months") is None
    ):
        errors.setdefault("max_term_months", []).append(
            _l("Give the maximum term: extensions are allowed up to it.")
        )


def _check_decline_reason(values: dict[str, Any], errors: Errors) -> None:
    paused = values.get("consequence") == Consequence.PAUSED.value
    if paused and not values.get("pause_days"):
        errors.setdefault("pause_days", []).append(_l("Give the number of days of the pause."))
    if not paused and values.get("pause_days") is not None:
        errors.setdefault("pause_days", []).append(
            _l("Only a pause has a number of days. Leave this empty.")
        )


def _yes_no(name: str, label: LazyString) -> FieldSpec:
    return FieldSpec(name, label, "bool", required=False)


TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "legal_bases",
        _l("Legal bases"),
        LegalBasis,
        ("code",),
        (
            _code(),
            FieldSpec("name", _l("Name"), "str"),
            # Translators: the paragraph of the law a legal basis rests on, e.g. "ABL § 62 a".
            FieldSpec("law_reference", _l("Law reference"), "str"),
            _yes_no("time_limited", _l("The lease is time-limited")),
            FieldSpec(
                "max_term_months",
                _l("Maximum term in months"),
                "int",
                required=False,
                minimum=1,
                maximum=240,
                hint=_l("Leave empty when there is no fixed limit."),
            ),
            FieldSpec(
                "extension_rule",
                _l("Extension"),
                "choice",
                choices=_choices(
                    ExtensionRule,
                    {
                        "none": _l("Cannot be extended"),
                        "within_max": _l("May be extended up to the maximum term"),
                        "open": _l("May be extended while the purpose is not reached"),
                    },
                ),
            ),
            _yes_no(
                "allowed_for_integration_act",
                _l("May be used for refugees placed under the integration act"),
            ),
            _yes_no("goals_before_allocation", _l("Goals must be agreed before allocation")),
            _yes_no("end_stated_in_lease", _l("The end date is stated in the lease")),
            FieldSpec("notice_months", _l("Notice in months"), "int", minimum=1, maximum=24),
            FieldSpec(
                "objection_weeks", _l("Weeks to object to a notice"), "int", minimum=1, maximum=52
            ),
            FieldSpec(
                "warn_months_before_limit",
                _l("Warn this many months before the limit"),
                "int",
                maximum=24,
            ),
        ),
        (("label", _l("Name in plain words")), ("explanation", _l("Explanation in plain words"))),
        _check_legal_basis,
    ),
    TableSpec(
        "housing_benefit_rates",
        _l("Housing-benefit rates"),
        HousingBenefitRate,
        ("scheme", "year"),
        (
            FieldSpec(
                "scheme",
                _l("Scheme"),
                "choice",
                choices=_choices(
                    BenefitScheme,
                    {
                        # Translators: Danish housing benefit for non-pensioners.
                        "boligsikring": _l("Boligsikring (housing benefit)"),
                        # Translators: Danish housing benefit for pensioners.
                        "boligydelse": _l("Boligydelse (housing benefit for pensioners)"),
                    },
                ),
            ),
            FieldSpec("year", _l("Year"), "int", minimum=2000, maximum=2100),
            FieldSpec(
                "rent_share_pct",
                _l("Share of the rent, in tenths of a percent"),
                "int",
                maximum=1000,
                hint=_l("600 means 60 %."),
            ),
            FieldSpec("rent_addition", _l("Added to the yearly rent (kr)"), "int"),
            FieldSpec(
                "income_share_pct",
                _l("Share of the income above the threshold, in tenths of a percent"),
                "int",
                maximum=1000,
                hint=_l("180 means 18 %."),
            ),
            FieldSpec("income_threshold", _l("Income threshold per year (kr)"), "int"),
            FieldSpec("threshold_per_child", _l("Threshold raised per child (kr)"), "int"),
            FieldSpec("max_yearly_benefit", _l("Highest benefit per year (kr)"), "int"),
            FieldSpec("min_own_payment", _l("The tenant pays at least per year (kr)"), "int"),
            FieldSpec("source", _l("Source"), "text", max_length=4000),
        ),
    ),
    TableSpec(
        "decline_reasons",
        _l("Decline reasons"),
        DeclineReason,
        ("actor", "code"),
        (
            FieldSpec(
                "actor",
                _l("Who declines"),
                "choice",
                choices=_choices(
                    Actor,
                    {
                        "citizen": _l("The citizen"),
                        "landlord": _l("The landlord"),
                        "caseworker": _l("The caseworker"),
                    },
                ),
            ),
            _code(),
            FieldSpec(
                "consequence",
                _l("Consequence"),
                "choice",
                choices=_choices(
                    Consequence,
                    {
                        "none": _l("None"),
                        "paused": _l("No new offers for a number of days"),
                        "reassessment": _l("The need is assessed again"),
                    },
                ),
            ),
            FieldSpec(
                "pause_days", _l("Days of pause"), "int", required=False, minimum=1, maximum=365
            ),
            _yes_no("active", _l("Can be chosen")),
            FieldSpec("position", _l("Order in the list"), "int", maximum=10_000),
        ),
        (("label", _l("Reason")), ("consequence", _l("What the no means for the citizen"))),
        _check_decline_reason,
    ),
    TableSpec(
        "outcome_destinations",
        _l("Outcome destinations"),
        OutcomeDestination,
        ("code",),
        (
            _code(),
            FieldSpec(
                "group",
                _l("Group"),
                "choice",
                choices=_choices(
                    DestinationGroup,
                    {
                        "permanent": _l("Permanent"),
                        "temporary": _l("Temporary"),
                        "institutional": _l("Institutional"),
                        "homeless": _l("Homeless"),
                        "other": _l("Other"),
                    },
                ),
            ),
            _yes_no(
                "starts_follow_up", _l("A permanent home: follow up after 6, 12 and 24 months")
            ),
            FieldSpec("position", _l("Order in the list"), "int", maximum=10_000),
            FieldSpec(
                "class_1",
                _l("Class for citizen group 1"),
                "choice",
                choices=_choices(OutcomeClass, _CLASS_LABELS),
            ),
            FieldSpec(
                "class_2",
                _l("Class for citizen group 2"),
                "choice",
                choices=_choices(OutcomeClass, _CLASS_LABELS),
            ),
            FieldSpec(
                "class_3",
                _l("Class for citizen group 3"),
                "choice",
                choices=_choices(OutcomeClass, _CLASS_LABELS),
            ),
        ),
        (("label", _l("Name")),),
    ),
    TableSpec(
        "business_case_rates",
        _l("Business-case rates"),
        BusinessCaseRate,
        ("code",),
        (
            _code(),
            FieldSpec("amount", _l("Kroner per month"), "int"),
            FieldSpec("source", _l("Source"), "text", max_length=4000),
        ),
    ),
    TableSpec(
        "survey_questions",
        _l("Survey questions"),
        SurveyQuestion,
        ("code",),
        (
            _code(),
            FieldSpec(
                "audience",
                _l("Asked of"),
                "choice",
                choices=(("citizen", _l("Citizens")), ("staff", _l("Staff"))),
            ),
            FieldSpec("position", _l("Order in the list"), "int", maximum=10_000),
            _yes_no("active", _l("Asked")),
        ),
        (("question", _l("Question")),),
    ),
    TableSpec(
        "thresholds",
        _l("Thresholds"),
        Threshold,
        ("code",),
        (
            _code(),
            FieldSpec("value", _l("Value"), "int", maximum=1_000_000),
            FieldSpec("description", _l("Description"), "text", required=False, max_length=2000),
        ),
    ),
)
BY_NAME = {spec.name: spec for spec in TABLES}


def _clean_one(spec: FieldSpec, raw: Any) -> tuple[Any, LazyString | None]:
    if spec.kind == "bool":
        if isinstance(raw, bool):
            return raw, None
        if raw in (None, ""):
            return False, None
        return None, _l("Choose yes or no.")
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, (_l("Fill in this field.") if spec.required else None)
    if spec.kind == "int":
        if isinstance(raw, bool) or not isinstance(raw, int | str):
            return None, _l("Enter a whole number, without decimals or dots.")
        text = str(raw).strip()
        if not re.fullmatch(r"-?\d+", text):
            return None, _l("Enter a whole number, without decimals or dots.")
        value = int(text)
        if not spec.minimum <= value <= spec.maximum:
            return None, _l(
                "Enter a number from %(minimum)s to %(maximum)s.",
                minimum=spec.minimum,
                maximum=spec.maximum,
            )
        return value, None
    if not isinstance(raw, str):
        return None, _l("Enter text.")
    text = raw.strip()
    if spec.kind == "choice":
        if text not in {value for value, _label in spec.choices}:
            return None, _l("Choose one of the options.")
        return text, None
    if len(text) > spec.max_length:
        return None, _l("Use at most %(count)s characters.", count=spec.max_length)
    if spec.name == "code" and not _CODE.match(text):
        return None, _l("Use lower-case letters a to z, digits and _, starting with a letter.")
    return text, None


def clean(spec: TableSpec, raw: Mapping[str, Any]) -> tuple[dict[str, Any], Errors]:
    """The values of one rule row from raw input, and the errors by field name.

    ``raw`` holds each field by name and each text as ``text__<locale>__<key>``. The
    Danish texts are required: Danish is binding and the fallback of every language.
    """
    values: dict[str, Any] = {}
    errors: Errors = {}
    for field in spec.fields:
        value, error = _clean_one(field, raw.get(field.name))
        values[field.name] = value
        if error is not None:
            errors[field.name] = [error]
    texts: dict[str, dict[str, str]] = {}
    for locale in LOCALES:
        for key, _label in spec.text_keys:
            name = text_field_name(locale, key)
            value = raw.get(name)
            if value is not None and not isinstance(value, str):
                errors[name] = [_l("Enter text.")]
                continue
            text = (value or "").strip()
            if len(text) > 4000:
                errors[name] = [_l("Use at most %(count)s characters.", count=4000)]
            elif text:
                texts.setdefault(locale, {})[key] = text
            elif locale == "da":
                errors[name] = [
                    _l(
                        "Write the Danish text: it is binding, and shown when a translation "
                        "is missing."
                    )
                ]
    if spec.text_keys:
        values["texts"] = texts
    if spec.check is not None:
        spec.check(values, errors)
    return values, errors


def raw_values(spec: TableSpec, row: Any) -> dict[str, Any]:
    """A row's values in the raw shape :func:`clean` reads (JSON-friendly)."""
    out: dict[str, Any] = {}
    for field in spec.fields:
        if field.name.startswith("class_"):
            out[field.name] = row.class_for(int(field.name[-1])).value
            continue
        value = getattr(row, field.name)
        out[field.name] = value.value if hasattr(value, "value") else value
    for locale in LOCALES:
        for key, _label in spec.text_keys:
            text = ((row.texts or {}).get(locale) or {}).get(key)
            if text:
                out[text_field_name(locale, key)] = text
    return out


def build_row(spec: TableSpec, values: Mapping[str, Any], valid_from: dt.date) -> Any:
    """A new (unsaved) row of ``spec``'s model from cleaned values."""
    fields = {k: v for k, v in values.items() if not k.startswith("class_")}
    columns = spec.model.__table__.c
    for name, value in fields.items():
        enum_class = getattr(columns[name].type, "enum_class", None)
        if enum_class is not None and value is not None:
            fields[name] = enum_class(value)
    row = spec.model(valid_from=valid_from, **fields)
    if spec.model is OutcomeDestination:
        row.classes = [
            OutcomeClassification(
                citizen_group=group, outcome_class=OutcomeClass(values[f"class_{group}"])
            )
            for group in (1, 2, 3)
        ]
    return row
