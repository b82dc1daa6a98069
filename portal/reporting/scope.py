"""Whose figures an account may read, and the filter form that narrows them."""

from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField
from wtforms.validators import Optional

from portal.accounts.models import Account
from portal.forms import BaseForm
from portal.municipalities.models import TargetGroup
from portal.reporting.figures import Filters


def allowed_municipalities(account: Account) -> tuple[int, ...] | None:
    """A network administrator reads all (None); anyone else only their municipality."""
    if account.is_network_admin:
        return None
    return (account.municipality_id,) if account.municipality_id is not None else ()


class FilterForm(BaseForm):
    """The evaluation's filters (a GET form: reading only, no CSRF token)."""

    class Meta:
        csrf = False

    municipality = SelectField(_l("Municipality"), choices=[], validators=[Optional()])
    citizen_group = SelectField(_l("Citizen group"), choices=[], validators=[Optional()])
    target_group = SelectField(_l("Target group"), choices=[], validators=[Optional()])
    legal_basis = SelectField(_l("Legal basis"), choices=[], validators=[Optional()])
    period_start = DateField(_l("From"), validators=[Optional()])
    period_end = DateField(_l("To"), validators=[Optional()])

    def validate_period_end(self, field: DateField) -> None:
        if field.data and self.period_start.data and field.data < self.period_start.data:
            from wtforms.validators import ValidationError

            raise ValidationError(_l("The end of the period must be after its start."))


def filters_for(account: Account, form: FilterForm, today: dt.date) -> Filters:
    """The filters from a validated form, never wider than what ``account`` may read."""
    ids = allowed_municipalities(account)
    valid = not form.errors
    chosen = form.municipality.data if valid else None
    if ids is None and chosen and str(chosen).isdigit():
        ids = (int(chosen),)
    group = form.citizen_group.data if valid else None
    target = form.target_group.data if valid else None
    return Filters(
        municipality_ids=ids,
        citizen_group=int(group) if group and str(group).isdigit() else None,
        target_group=TargetGroup(target) if target in set(TargetGroup) else None,
        legal_basis_code=(form.legal_basis.data or None) if valid else None,
        period_start=form.period_start.data if valid else None,
        period_end=form.period_end.data if valid else None,
        as_of=today,
    )
