"""Forms of the landlord's unit pages."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp

from portal.forms import BaseForm
from portal.units.models import HousingKind, UnitStatus
from portal.units.services import UnitData


def housing_kind_choices() -> list[SelectChoice]:
    return [
        # Translators: almen familiebolig, a social housing family home.
        SelectChoice(HousingKind.FAMILY.value, _l("Family home (social housing)")),
        # Translators: ungdomsbolig.
        SelectChoice(HousingKind.YOUTH.value, _l("Youth home")),
        # Translators: bomiljø under the social housing act (almenboligloven § 105).
        SelectChoice(HousingKind.SUPPORTED.value, _l("Supported housing unit")),
        SelectChoice(HousingKind.PRIVATE.value, _l("Private rental home")),
        SelectChoice(HousingKind.MUNICIPAL.value, _l("Municipal rental home")),
    ]


def status_label(status: UnitStatus) -> Any:
    return {
        UnitStatus.DRAFT: _l("Draft"),
        UnitStatus.AVAILABLE: _l("Available"),
        UnitStatus.OFFERED: _l("Offered to a citizen"),
        UnitStatus.LET: _l("Let"),
        UnitStatus.WITHDRAWN: _l("Withdrawn"),
    }[status]


def _money(label: Any, required: bool = False) -> IntegerField:
    checks = [InputRequired() if required else Optional(), NumberRange(min=0, max=1_000_000)]
    return IntegerField(label, validators=checks)


class UnitForm(BaseForm):
    street = StringField(_l("Street"), validators=[DataRequired(), Length(max=200)])
    number = StringField(_l("House number"), validators=[DataRequired(), Length(max=10)])
    floor = IntegerField(
        _l("Floor (optional)"),
        description=_l("0 is the ground floor."),
        validators=[Optional(), NumberRange(min=-1, max=99)],
    )
    door = StringField(
        _l("Door (optional)"),
        description=_l("For example tv, th, mf or a number."),
        validators=[Optional(), Length(max=10)],
    )
    postcode = StringField(
        _l("Postcode"),
        description=_l("Four digits. The town and municipality are found from it."),
        validators=[DataRequired(), Regexp(r"^\d{4}$", message=_l("Write the four digits."))],
    )
    stairwell = StringField(
        _l("Stairwell or building (optional)"),
        description=_l(
            "Homes with the same stairwell are seen as one building, for example 'opgang B'."
        ),
        validators=[Optional(), Length(max=40)],
    )
    housing_kind = SelectField(
        _l("Kind of home"), choices=housing_kind_choices(), validators=[DataRequired()]
    )
    rooms = IntegerField(_l("Rooms"), validators=[InputRequired(), NumberRange(min=1, max=20)])
    area_m2 = IntegerField(
        _l("Size in m²"), validators=[InputRequired(), NumberRange(min=1, max=1000)]
    )
    rent = IntegerField(
        _l("Rent per month (kr.)"),
        validators=[InputRequired(), NumberRange(min=1, max=1_000_000)],
    )
    utilities_on_account = _money(_l("Utilities on account per month (kr., optional)"))
    deposit = _money(_l("Deposit (kr., optional)"))
    prepaid_rent = _money(_l("Prepaid rent (kr., optional)"))
    own_kitchen = BooleanField(_l("The home has its own kitchen"), default=True)
    single_room = BooleanField(_l("It is a single room, not a flat"))
    step_free = BooleanField(_l("Step-free access"))
    lift = BooleanField(_l("Lift"))
    wheelchair = BooleanField(_l("Suitable for a wheelchair"))
    available_from = DateField(_l("Available from"), validators=[InputRequired()])
    description = TextAreaField(
        _l("Description (optional)"),
        description=_l("Write in any language. Do not write anything about tenants."),
        validators=[Optional(), Length(max=4000)],
    )

    def to_data(self) -> UnitData:
        return UnitData(
            street=self.street.data or "",
            number=self.number.data or "",
            floor=self.floor.data,
            door=self.door.data or None,
            postcode=self.postcode.data or "",
            stairwell=self.stairwell.data or None,
            housing_kind=HousingKind(self.housing_kind.data),
            rooms=self.rooms.data or 0,
            area_m2=self.area_m2.data or 0,
            rent=self.rent.data or 0,
            utilities_on_account=self.utilities_on_account.data or 0,
            deposit=self.deposit.data or 0,
            prepaid_rent=self.prepaid_rent.data or 0,
            own_kitchen=bool(self.own_kitchen.data),
            single_room=bool(self.single_room.data),
            step_free=bool(self.step_free.data),
            lift=bool(self.lift.data),
            wheelchair=bool(self.wheelchair.data),
            available_from=self.available_from.data,
            description=self.description.data or None,
        )

    def add_errors(self, errors: dict[str, Any]) -> None:
        """Put the service's messages beside their fields."""
        for name, message in errors.items():
            field = getattr(self, name, None)
            if field is not None:
                field.errors = [*field.errors, str(message)]


class ActionForm(BaseForm):
    """Publish, withdraw, delete a photo: no fields, the CSRF token only."""


class PhotoForm(BaseForm):
    photo = FileField(_l("Photo"), description=_l("JPEG, PNG or WebP, at most 10 MB."))
    alt_text = StringField(
        _l("What the photo shows (optional)"),
        description=_l("For people who cannot see the photo, for example 'Living room'."),
        validators=[Optional(), Length(max=300)],
    )


class ImportForm(BaseForm):
    file = FileField(_l("CSV file"), description=_l("At most 2 MB, one home per line."))


class UnitFilterForm(BaseForm):
    """The list's filters: read from the query string, nothing changes (no CSRF)."""

    class Meta:
        csrf = False

    q = StringField(_l("Address contains"), validators=[Optional(), Length(max=100)])
    status = SelectField(_l("Status"), validators=[Optional()])
    kind = SelectField(_l("Kind of home"), validators=[Optional()])
    sort = SelectField(
        _l("Sort by"),
        choices=[
            SelectChoice("address", _l("Address")),
            SelectChoice("rent", _l("Rent, lowest first")),
            SelectChoice("available", _l("Available from, soonest first")),
            SelectChoice("newest", _l("Newest first")),
        ],
        default="address",
        validators=[Optional()],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        any_choice = SelectChoice("", _l("All"))
        self.status.choices = [any_choice] + [
            SelectChoice(s.value, status_label(s)) for s in UnitStatus
        ]
        self.kind.choices = [any_choice, *housing_kind_choices()]
