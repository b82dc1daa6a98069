"""The project's base form: CSRF on, whitespace stripped, messages from our catalogs."""

from __future__ import annotations

from typing import Any

from flask_babel import get_translations
from flask_wtf import FlaskForm


class _Translations:
    """WTForms asks this for its built-in messages; our catalogs hold them
    (see ``portal.i18n.wtforms_messages``), since WTForms ships no Danish or Tigrinya."""

    # The raw catalog lookups: WTForms fills in the placeholders (%(min)d, %(max)d) itself,
    # which flask_babel.gettext/ngettext would try (and fail) to do first.
    def gettext(self, string: str) -> str:
        return str(get_translations().ugettext(string))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return str(get_translations().ungettext(singular, plural, n))


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class BaseForm(FlaskForm):
    class Meta:
        def get_translations(self, form: Any) -> _Translations:
            return _Translations()

        def bind_field(self, form: Any, unbound_field: Any, options: dict[str, Any]) -> Any:
            filters = unbound_field.kwargs.get("filters", [])
            if _strip not in filters:
                unbound_field.kwargs["filters"] = [_strip, *filters]
            return unbound_field.bind(form=form, **options)
