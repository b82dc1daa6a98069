"""Forms of the matching and offer screens (every POST goes through one)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from portal.forms import BaseForm
from portal.leases.models import LeaseModel
from portal.matching.rules import PREFERRED_RULES


class ProposeForm(BaseForm):
    case_id = IntegerField(validators=[InputRequired()])
    unit_id = IntegerField(validators=[InputRequired()])
    wished_move_in = DateField(_l("Wished move-in date"), validators=[Optional()])
    # One written reason per preferred rule a caseworker may override (never a must rule).
    override_kitchen_for_benefit = TextAreaField(
        _l("Why offer it without its own kitchen?"), validators=[Optional(), Length(max=1000)]
    )
    override_within_budget = TextAreaField(
        _l("Why offer it above the budget?"), validators=[Optional(), Length(max=1000)]
    )
    override_cluster = TextAreaField(
        _l("Why offer it away from a cluster?"), validators=[Optional(), Length(max=1000)]
    )
    override_spread = TextAreaField(
        _l("Why offer it where several participants already live?"),
        validators=[Optional(), Length(max=1000)],
    )
    override_wished_area = TextAreaField(
        _l("Why offer it outside the wished areas?"), validators=[Optional(), Length(max=1000)]
    )

    def overrides(self) -> dict[str, str]:
        return {rule: getattr(self, f"override_{rule}").data or "" for rule in PREFERRED_RULES}


class SendForm(BaseForm):
    response_deadline = DateField(_l("Answer by"), validators=[InputRequired()])


class WithdrawForm(BaseForm):
    withdraw_note = TextAreaField(
        _l("Why is the offer withdrawn?"), validators=[DataRequired(), Length(max=2000)]
    )


class DeclineForm(BaseForm):
    reason = SelectField(_l("Reason"), coerce=int, validators=[InputRequired()])
    decline_note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=2000)])


class CitizenAnswerForm(BaseForm):
    """The citizen's own yes or no, told to the caseworker (by phone, at a meeting)."""

    citizen_answer = RadioField(
        _l("The citizen's answer"),
        choices=[
            SelectChoice("yes", _l("Yes, the citizen wants the home")),
            SelectChoice("no", _l("No, the citizen does not want the home")),
        ],
        validators=[InputRequired(message=_l("Choose the citizen's answer."))],
    )
    citizen_reason = SelectField(
        _l("The citizen's reason for saying no"),
        # No Optional(): it would stop the check below that a "no" has a reason.
        coerce=lambda v: int(v) if v not in (None, "") else None,
    )
    citizen_note = TextAreaField(
        _l("How and when did the citizen answer?"),
        validators=[DataRequired(), Length(max=2000)],
    )

    def validate_citizen_reason(self, field: SelectField) -> None:
        if self.citizen_answer.data == "no" and field.data is None:
            raise ValidationError(_l("Choose the citizen's reason for saying no."))


class ApproveForm(BaseForm):
    # Translators: the legal basis (hjemmel) the temporary lease is made on.
    legal_basis = SelectField(_l("Legal basis"), coerce=int, validators=[InputRequired()])
    lease_model = SelectField(
        _l("Who the citizen leases from"),
        choices=[
            SelectChoice(LeaseModel.DIRECT.value, _l("Directly from the landlord")),
            # Translators: fremleje — the municipality leases the home and sublets it.
            SelectChoice(LeaseModel.SUBLET.value, _l("Sublet by the municipality")),
        ],
        validators=[InputRequired()],
    )
    start_date = DateField(_l("Start of the lease"), validators=[InputRequired()])
    purpose = TextAreaField(
        _l("Purpose of the lease"), validators=[DataRequired(), Length(max=2000)]
    )
    next_review = DateField(_l("First review"), validators=[Optional()])
    until_purpose = BooleanField(_l("Runs until the purpose is reached"))
    planned_end = DateField(_l("Planned end"), validators=[Optional()])
    offer_id = HiddenField()
