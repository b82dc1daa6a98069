"""Forms of the administration.

A rule's form is built from its table's description (``portal.admin.rule_tables``);
its fields carry no validators of their own: :func:`portal.admin.rule_tables.clean`
checks them, the same way it checks an imported file, and the messages are put
beside the fields.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from portal.admin.rule_tables import LOCALE_NAMES, LOCALES, TableSpec, clean, text_field_name
from portal.forms import BaseForm


class ConfirmForm(BaseForm):
    """No fields: the CSRF token keeps another site from acting for the administrator."""


class ReasonForm(BaseForm):
    reason = TextAreaField(
        _l("Reason"),
        description=_l("The landlord sees this reason when they log in next time."),
        validators=[
            DataRequired(message=_l("Write the reason.")),
            # Our own message: WTForms' plural one fails in portal.forms' ngettext (KeyError).
            Length(max=1000, message=_l("Use at most %(count)s characters.", count=1000)),
        ],
    )


def _optional_id(value: Any) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() else None


class ApproveForm(BaseForm):
    municipality = SelectField(
        _l("Municipality"),
        description=_l("The municipality this housing department belongs to."),
        coerce=_optional_id,
        validators=[Optional()],
        validate_choice=False,
    )


class ImportForm(BaseForm):
    file = FileField(
        _l("Rules file (JSON)"), validators=[FileRequired(message=_l("Choose a file."))]
    )
    valid_from = DateField(
        _l("The imported rules take effect on"),
        validators=[InputRequired(message=_l("Enter the date the change takes effect."))],
    )

    def validate_valid_from(self, field: DateField) -> None:
        if field.data is not None and field.data < dt.date.today():
            raise ValidationError(_l("A change cannot take effect before today."))


class RuleForm(BaseForm):
    """Base of the generated rule forms; ``spec`` and ``key_fields`` are set per class."""

    spec: TableSpec
    key_fields: tuple[str, ...] = ()
    valid_from = DateField(
        _l("Takes effect on"),
        validators=[InputRequired(message=_l("Enter the date the change takes effect."))],
    )
    cleaned: dict[str, Any]

    def raw(self) -> dict[str, Any]:
        return {name: field.data for name, field in self._fields.items() if name != "csrf_token"}

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        raw = self.raw()
        raw.update(self.fixed_keys)
        self.cleaned, errors = clean(self.spec, raw)
        for name, messages in errors.items():
            field = self._fields.get(name)
            if field is not None:
                field.errors = [*field.errors, *messages]
        return ok and not errors

    fixed_keys: dict[str, Any] = {}


def rule_form_class(spec: TableSpec, *, new_rule: bool) -> type[RuleForm]:
    """A form class for one table: its key fields only when adding a new rule."""
    attrs: dict[str, Any] = {"spec": spec}
    for f in spec.fields:
        if f.name in spec.keys and not new_rule:
            continue
        kwargs: dict[str, Any] = {"description": f.hint or ""}
        if f.kind == "bool":
            attrs[f.name] = BooleanField(f.label, **kwargs)
        elif f.kind == "choice":
            attrs[f.name] = SelectField(
                f.label,
                choices=[SelectChoice(value, label) for value, label in f.choices],
                validate_choice=False,
                **kwargs,
            )
        elif f.kind == "text":
            attrs[f.name] = TextAreaField(f.label, **kwargs)
        else:
            attrs[f.name] = StringField(f.label, **kwargs)
    for locale in LOCALES:
        for key, label in spec.text_keys:
            attrs[text_field_name(locale, key)] = TextAreaField(
                label,
                description=LOCALE_NAMES[locale],
                render_kw={"lang": locale, "dir": "rtl" if locale == "ar" else "ltr"},
            )
    return type(f"{spec.name.title()}Form", (RuleForm,), attrs)
