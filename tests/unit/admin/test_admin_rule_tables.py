"""The one validation of a rule row, shared by the forms and the import."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from portal.admin.rule_tables import BY_NAME, clean


@pytest.fixture(autouse=True)
def _request_context(app: Flask) -> Any:
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


def _messages(errors: dict[str, list[Any]]) -> dict[str, list[str]]:
    return {name: [str(m) for m in ms] for name, ms in errors.items()}


def test_a_good_threshold_is_cleaned() -> None:
    values, errors = clean(
        BY_NAME["thresholds"], {"code": "offer_response_days", "value": " 14 ", "description": ""}
    )
    assert errors == {}
    assert values == {"code": "offer_response_days", "value": 14, "description": None}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"value": "14.5"}, "Enter a whole number, without decimals or dots."),
        ({"value": True}, "Enter a whole number, without decimals or dots."),
        ({"value": 2_000_000}, "Enter a number from 0 to 1000000."),
        ({"value": None}, "Fill in this field."),
        ({"code": "Æble"}, "Use lower-case letters a to z, digits and _, starting with a letter."),
        ({"description": 5}, "Enter text."),
    ],
)
def test_bad_values_get_a_clear_message(raw: dict[str, Any], message: str) -> None:
    base: dict[str, Any] = {"code": "x_days", "value": 3}
    _values, errors = clean(BY_NAME["thresholds"], {**base, **raw})
    assert message in [m for ms in _messages(errors).values() for m in ms]


def test_texts_need_danish_and_the_pause_needs_days() -> None:
    raw = {
        "actor": "citizen",
        "code": "too_far",
        "consequence": "paused",
        "pause_days": "",
        "position": "10",
        "active": True,
        "text__en__label": "Too far away",
    }
    values, errors = clean(BY_NAME["decline_reasons"], raw)
    messages = _messages(errors)
    assert messages["pause_days"] == ["Give the number of days of the pause."]
    assert "text__da__label" in messages and "text__da__consequence" in messages
    assert values["texts"] == {"en": {"label": "Too far away"}}
