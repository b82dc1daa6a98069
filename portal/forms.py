"""The project's base form: CSRF on, whitespace stripped, messages from our catalogs."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext, ngettext
from flask_wtf import FlaskForm


class _Translations:
    """WTForms asks this for its built-in messages; our catalogs hold them
    (see ``portal.i18n.wtforms_messages``), since WTForms ships no Danish or Tigrinya."""

    def gettext(self, string: str) -> str:
        return gettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return ngettext(singular, plural, n)


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
