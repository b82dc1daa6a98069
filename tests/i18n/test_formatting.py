"""Dates, numbers and kroner follow the reader's locale; direction follows the script."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import Flask

from portal.i18n import formatting, text_direction


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("da", "4.500\xa0kr."), ("en", "DKK4,500"), ("ar", "\u200f4,500\xa0DKK")],
)
def test_kroner_in_each_locale(app: Flask, locale: str, expected: str) -> None:
    with app.test_request_context(f"/?lang={locale}"):
        assert formatting.kroner(4500) == expected


def test_dates_in_danish_and_arabic(app: Flask) -> None:
    day = dt.date(2026, 3, 5)
    with app.test_request_context("/?lang=da"):
        assert formatting.date(day) == "5. marts 2026"
    with app.test_request_context("/?lang=ar"):
        assert "2026" in formatting.date(day)
        assert "مارس" in formatting.date(day)


def test_bidi_isolates_and_escapes() -> None:
    assert str(formatting.bidi("12 34 <56>")) == "<bdi>12 34 &lt;56&gt;</bdi>"


@pytest.mark.parametrize(
    ("locale", "direction"), [("da", "ltr"), ("en", "ltr"), ("ar", "rtl"), ("ti", "ltr")]
)
def test_direction(locale: str, direction: str) -> None:
    assert text_direction(locale) == direction
