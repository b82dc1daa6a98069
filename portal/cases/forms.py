"""Forms of the cases area: search, look-up by CPR, and the case itself."""

from __future__ import annotations

import re
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    Field,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TelField,
    TextAreaField,
    ValidationError,
    widgets,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional

from portal.cases.cpr import InvalidCpr, validate_cpr
from portal.cases.models import CaseStatus, HousingSituation, Occupation, Placement
from portal.forms import BaseForm
from portal.municipalities.models import TargetGroup

_POSTCODE = re.compile(r"^\d{4}$")


def target_group_label(group: TargetGroup | str) -> Any:
    return {
        TargetGroup.DISABILITY: _l("Disability"),
        TargetGroup.PSYCHOLOGICALLY_VULNERABLE: _l("Psychologically vulnerable"),
        TargetGroup.SOCIAL_PROBLEMS: _l("Major social problems"),
        TargetGroup.REFUGEES: _l("Newly arrived refugees"),
    }[TargetGroup(group)]


def status_label(status: CaseStatus | str) -> Any:
    return {
        CaseStatus.WAITING: _l("Waiting for a home"),
        CaseStatus.HOUSED: _l("In a temporary home"),
        CaseStatus.KEPT_IN_HOME: _l("Kept in the current home"),
        CaseStatus.MOVED_ON: _l("Moved on"),
        CaseStatus.CLOSED: _l("Closed"),
    }[CaseStatus(status)]


def citizen_group_label(group: int | str) -> Any:
    return {
        1: _l("Group 1: ready for an own home"),
        2: _l("Group 2: needs a transitional stay first"),
        3: _l("Group 3: support need being clarified"),
    }[int(group)]


def housing_label(situation: HousingSituation | str) -> Any:
    return {
        # Translators: forsorgshjem / herberg (SL § 110).
        HousingSituation.SHELTER: _l("Shelter or hostel"),
        # Translators: botilbud (SL §§ 107–108).
        HousingSituation.RESIDENTIAL_CARE: _l("Residential care"),
        # Translators: bomiljø (ABL § 105).
        HousingSituation.SUPPORTED_HOUSING: _l("Supported housing unit"),
        HousingSituation.CARE_OF: _l("Staying with family or friends"),
        HousingSituation.OWN_HOME_AT_RISK: _l("Own home, at risk of eviction"),
        HousingSituation.STREET: _l("Sleeping rough"),
        HousingSituation.OTHER: _l("Other"),
    }[HousingSituation(situation)]


def placement_label(placement: Placement | str) -> Any:
    return {
        Placement.CLUSTER: _l("Close to others in the project (cluster)"),
        Placement.SPREAD: _l("Spread out among ordinary tenants"),
        Placement.NO_PREFERENCE: _l("No preference"),
    }[Placement(placement)]


def occupation_label(occupation: Occupation | str) -> Any:
    return {
        Occupation.NONE: _l("No work or education"),
        Occupation.EDUCATION: _l("In education"),
        Occupation.WORK: _l("In work"),
        Occupation.SUPPORTED_WORK: _l("Supported work"),
        Occupation.UNKNOWN: _l("Not known"),
    }[Occupation(occupation)]


LANGUAGE_CHOICES = [
    SelectChoice("da", "Dansk"),
    SelectChoice("en", "English"),
    SelectChoice("ar", "العربية"),
    SelectChoice("ti", "ትግርኛ"),
]


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()

    def pre_validate(self, form: BaseForm) -> None:
        # WTForms' own message here goes through ngettext with a %(value)s placeholder
        # that Flask-Babel cannot fill; ours is a whole sentence of our catalogs.
        allowed = {str(choice.value) for choice in self.choices or []}
        if any(str(value) not in allowed for value in self.data or []):
            raise ValidationError(_l("Choose only among the options shown."))


def _valid_cpr(_form: BaseForm, field: Field) -> None:
    if not field.data:
        return
    try:
        validate_cpr(field.data)
    except InvalidCpr as error:
        raise ValidationError(str(error)) from None


def _postcodes(_form: BaseForm, field: Field) -> None:
    for code in split_postcodes(field.data or ""):
        if not _POSTCODE.match(code):
            raise ValidationError(_l("Write each postcode as four digits, separated by commas."))


def split_postcodes(text: str) -> list[str]:
    return [p for p in re.split(r"[\s,;]+", text) if p]


class CprSearchForm(BaseForm):
    """The CPR number is posted, never put in a URL."""

    cpr = StringField(
        _l("CPR number"),
        validators=[DataRequired(_l("Write the CPR number.")), _valid_cpr],
    )


def _optional_int(value: Any) -> int | None:
    return int(value) if value not in (None, "") else None


class CaseForm(BaseForm):
    municipality_id = SelectField(_l("Municipality"), coerce=int)
    cpr = StringField(
        _l("CPR number"),
        description=_l("10 digits, for example 010190-1234."),
        validators=[_valid_cpr],
    )
    name = StringField(
        _l("Full name"), validators=[DataRequired(_l("Write the name.")), Length(max=200)]
    )
    phone = TelField(_l("Phone (optional)"), validators=[Optional(), Length(max=30)])
    email = EmailField(_l("Email (optional)"), validators=[Optional(), Email(), Length(max=200)])
    language = SelectField(_l("Language the citizen reads best"), choices=LANGUAGE_CHOICES)
    adults = IntegerField(
        _l("Adults in the household"),
        default=1,
        validators=[InputRequired(_l("Write a whole number.")), NumberRange(min=1, max=20)],
    )
    children = IntegerField(
        _l("Children in the household"),
        default=0,
        validators=[InputRequired(_l("Write a whole number.")), NumberRange(min=0, max=20)],
    )
    target_groups = MultiCheckboxField(_l("Target groups"))
    citizen_group = RadioField(
        _l("Citizen group"),
        choices=[SelectChoice(str(g), citizen_group_label(g)) for g in (1, 2, 3)],
        validators=[DataRequired(_l("Choose a citizen group."))],
    )
    housing_situation = SelectField(
        _l("Where the citizen lives now"),
        choices=[SelectChoice(h.value, housing_label(h)) for h in HousingSituation],
    )
    current_address = StringField(
        _l("Address of the current home (optional)"), validators=[Optional(), Length(max=300)]
    )
    current_landlord = StringField(
        _l("Landlord of the current home (optional)"), validators=[Optional(), Length(max=200)]
    )
    current_landlord_contact = StringField(
        _l("How to reach that landlord (optional)"), validators=[Optional(), Length(max=200)]
    )
    intellectual_disability = BooleanField(_l("Has an intellectual disability"))
    # Translators: placement under the Danish integration act (integrationsloven).
    integration_act_placement = BooleanField(
        _l("Placed in the municipality under the integration act")
    )
    health_note = TextAreaField(
        _l("Health and support needs (internal, never shown to landlords)"),
        validators=[Optional(), Length(max=4000)],
    )
    needs_step_free = BooleanField(_l("Needs step-free access"))
    needs_ground_floor = BooleanField(_l("Needs a ground floor home"))
    needs_wheelchair = BooleanField(_l("Uses a wheelchair"))
    min_rooms = IntegerField(
        _l("Rooms needed at least"),
        default=1,
        validators=[InputRequired(_l("Write a whole number.")), NumberRange(min=1, max=10)],
    )
    yearly_income = IntegerField(
        _l("Household income a year, in kroner"),
        default=0,
        validators=[InputRequired(_l("Write a whole number.")), NumberRange(min=0)],
    )
    receives_pension = BooleanField(_l("Receives a pension (housing benefit as boligydelse)"))
    max_monthly_housing_cost = IntegerField(
        _l("Most the household can pay for housing a month, in kroner (optional)"),
        validators=[Optional(), NumberRange(min=0)],
    )
    # Translators: huslejetilskud, the municipality's time-limited rent subsidy.
    rent_subsidy = IntegerField(
        _l("Rent subsidy a month, in kroner"),
        default=0,
        validators=[InputRequired(_l("Write a whole number.")), NumberRange(min=0)],
    )
    rent_subsidy_until = DateField(_l("Rent subsidy until (optional)"), validators=[Optional()])
    placement = RadioField(
        _l("Placement"),
        choices=[SelectChoice(p.value, placement_label(p)) for p in Placement],
        default=Placement.NO_PREFERENCE.value,
    )
    wished_postcodes = StringField(
        _l("Wished areas: postcodes (optional)"),
        description=_l("Four digits each, separated by commas, for example 8000, 8200."),
        validators=[_postcodes],
    )
    consent_share_with_landlord = BooleanField(
        _l("The citizen consents to sharing name and household size with a landlord")
    )
    consent_given_on = DateField(_l("Consent given on"), validators=[Optional()])
    caseworker_id = SelectField(_l("Caseworker"), coerce=_optional_int, validate_choice=True)
    occupation_at_start = SelectField(
        _l("Work or education at the start"),
        choices=[SelectChoice(o.value, occupation_label(o)) for o in Occupation],
        default=Occupation.UNKNOWN.value,
    )


class CreateCaseForm(CaseForm):
    """A new case: the CPR number is required."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Changed here rather than redeclared, so the field keeps its place in the form
        # (and in the error summary).
        self.cpr.validators = [DataRequired(_l("Write the CPR number.")), _valid_cpr]


class EditCaseForm(CaseForm):
    """An existing case: a new CPR number only to correct a mistake."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cpr.label.text = str(_l("New CPR number (optional)"))
        self.cpr.description = _l("Leave empty to keep the CPR number. Only to correct a mistake.")
