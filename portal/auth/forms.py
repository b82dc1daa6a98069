"""Forms of the login area."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, RadioField, SelectChoice, StringField, TelField
from wtforms.validators import DataRequired, Email, Length, Optional

from portal.forms import BaseForm
from portal.landlords.models import OrganisationKind


class LogoutForm(BaseForm):
    """No fields: the CSRF token keeps another site from logging a person out."""


class ChooseOrganisationForm(BaseForm):
    cvr = RadioField(_l("Which company do you act for?"), validators=[DataRequired()])


class JoinForm(BaseForm):
    name = StringField(_l("Company name"), validators=[DataRequired(), Length(max=200)])
    kind = RadioField(
        _l("Kind of landlord"),
        choices=[
            SelectChoice(OrganisationKind.PRIVATE.value, _l("Private landlord")),
            SelectChoice(OrganisationKind.SOCIAL.value, _l("Social housing organisation")),
            SelectChoice(OrganisationKind.MUNICIPAL.value, _l("The municipality")),
        ],
        validators=[DataRequired()],
    )
    phone = TelField(_l("Phone (optional)"), validators=[Optional(), Length(max=30)])
    email = EmailField(_l("Email (optional)"), validators=[Optional(), Email(), Length(max=200)])
