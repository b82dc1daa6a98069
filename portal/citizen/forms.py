"""The citizen's forms: answering an offer, the survey, the language, easy-read."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, SelectChoice
from wtforms.validators import InputRequired, Optional

from portal.forms import BaseForm
from portal.rules.models import SurveyQuestion


class AcceptOfferForm(BaseForm):
    """Saying yes needs nothing but the button (and the CSRF token)."""


class DeclineOfferForm(BaseForm):
    """Saying no: a reason first, then a confirmation after the consequence is shown."""

    reason = RadioField(
        _l("Why do you say no?"),
        coerce=int,
        validators=[InputRequired(message=_l("Choose why you say no."))],
    )
    # Set by the confirmation step: without it the form only shows what a no means.
    confirmed = HiddenField()


class LanguageForm(BaseForm):
    language = RadioField(
        _l("Language"),
        validators=[InputRequired(message=_l("Choose a language."))],
    )


class EasyReadForm(BaseForm):
    """Easy-read on or off: the settings page's radios and every page's quick toggle."""

    easy_read = RadioField(
        _l("Easy-read"),
        choices=[
            SelectChoice("on", _l("On: short texts with pictures")),
            SelectChoice("off", _l("Off: the full texts")),
        ],
        validators=[InputRequired(message=_l("Choose on or off."))],
    )
    # The citizen page to go back to after the quick toggle (checked by the view).
    next = HiddenField()


def _value(raw: Any) -> int | None:
    if raw in (None, "", "None"):
        return None
    return int(raw)


def survey_form(questions: list[SurveyQuestion], locale: str, **kwargs: Any) -> BaseForm:
    """A form with one optional 1–5 question per survey question (``q<id>``)."""
    from portal.rules.services import localized

    class SurveyForm(BaseForm):
        pass

    choices = [SelectChoice(str(n), str(n)) for n in range(1, 6)]
    for question in questions:
        field = RadioField(
            localized(question.texts, locale, "question") or question.code,
            choices=choices,
            coerce=_value,
            validators=[Optional()],
        )
        setattr(SurveyForm, f"q{question.id}", field)
    return SurveyForm(**kwargs)


def survey_answers(form: BaseForm, questions: list[SurveyQuestion]) -> dict[int, int | None]:
    return {q.id: form[f"q{q.id}"].data for q in questions}
