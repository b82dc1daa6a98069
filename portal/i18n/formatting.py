"""Dates, numbers and kroner in the reader's locale."""

from __future__ import annotations

import copy
import datetime as dt
from functools import lru_cache

from babel import Locale, numbers
from babel.numbers import NumberPattern
from flask import Flask
from flask_babel import format_date, get_locale
from markupsafe import Markup, escape


def kroner(amount: int | None) -> str:
    """Whole kroner with the locale's grouping and currency sign, e.g. ``4.500 kr.``."""
    if amount is None:
        return ""
    locale = get_locale() or Locale.parse("da")
    return _whole_currency_pattern(str(locale)).apply(
        amount, locale, currency="DKK", currency_digits=False
    )


@lru_cache(maxsize=8)
def _whole_currency_pattern(locale: str) -> NumberPattern:
    pattern = copy.copy(numbers.parse_pattern(Locale.parse(locale).currency_formats["standard"]))
    pattern.frac_prec = (0, 0)
    return pattern


def number(value: int | float | None) -> str:
    if value is None:
        return ""
    return numbers.format_decimal(value, locale=get_locale())


def date(value: dt.date | None, format: str = "long") -> str:
    if value is None:
        return ""
    return format_date(value, format=format)


def bidi(value: object) -> Markup:
    """Isolate numbers, CPR, phone numbers and addresses inside right-to-left text."""
    return Markup("<bdi>{}</bdi>").format(escape(value))


def register_filters(app: Flask) -> None:
    app.add_template_filter(kroner, "kroner")
    app.add_template_filter(number, "number")
    app.add_template_filter(date, "date")
    app.add_template_filter(bidi, "bidi")
