"""Forms of the landlord's pages: answering a proposed tenant, members, reports."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    EmailField,
    IntegerField,
    RadioField,
    SelectChoice,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp

from portal.forms import BaseForm
from portal.leases.models import BreachKind


class AnswerForm(BaseForm):
    answer = RadioField(
        _l("Your answer"),
        choices=[
            SelectChoice("accept", _l("Yes, we accept this tenant")),
            SelectChoice("decline", _l("No, we decline")),
        ],
        validators=[DataRequired(message=_l("Choose yes or no."))],
    )
    # Filled from the landlord's decline reasons in force today.
    reason = RadioField(_l("Why do you decline?"), validators=[Optional()])
    note = TextAreaField(
        _l("A note to the caseworker (optional)"),
        description=_l("Do not write about the citizen's health or private life."),
        validators=[Optional(), Length(max=1000)],
    )

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        if self.answer.data == "decline" and not self.reason.data:
            self.reason.errors = [*self.reason.errors, str(_l("Choose a reason for saying no."))]
            return False
        return ok


class InviteForm(BaseForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(
        _l("E-mail address"),
        description=_l("The address the person uses with MitID Erhverv."),
        validators=[
            DataRequired(),
            # A plain check (no e-mail_validator dependency): the login matches it exactly.
            Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_l("Invalid email address.")),
            Length(max=200),
        ],
    )


class RemoveForm(BaseForm):
    """No fields: the CSRF token only."""


class BreachForm(BaseForm):
    kind = RadioField(
        _l("What do you report?"),
        choices=[
            # Translators: huslejerestance, rent that is owed.
            SelectChoice(BreachKind.ARREARS.value, _l("Rent arrears")),
            # Translators: brud på husordenen.
            SelectChoice(BreachKind.HOUSE_RULES.value, _l("A breach of the house rules")),
        ],
        validators=[DataRequired(message=_l("Choose what you report."))],
    )
    occurred_on = DateField(_l("When did it happen?"), validators=[InputRequired()])
    amount = IntegerField(
        _l("Amount owed (kr.)"), validators=[Optional(), NumberRange(min=1, max=10_000_000)]
    )
    due_on = DateField(_l("When was it due?"), validators=[Optional()])
    what = TextAreaField(
        _l("What happened?"),
        description=_l("Describe what happened in the home or the building."),
        validators=[Optional(), Length(max=2000)],
    )

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        if self.kind.data == BreachKind.ARREARS.value:
            if not self.amount.data:
                self.amount.errors = [*self.amount.errors, str(_l("Write the amount owed."))]
                ok = False
            if not self.due_on.data:
                self.due_on.errors = [*self.due_on.errors, str(_l("Write the date it was due."))]
                ok = False
        elif self.kind.data == BreachKind.HOUSE_RULES.value and not self.what.data:
            self.what.errors = [*self.what.errors, str(_l("Write what happened."))]
            ok = False
        return ok
