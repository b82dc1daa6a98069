"""WTForms' own messages come from our catalogs, with their numbers filled in."""

from __future__ import annotations

from flask import Flask
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from portal.forms import BaseForm


class NameForm(BaseForm):
    class Meta:
        csrf = False

    name = StringField(validators=[DataRequired(), Length(min=2, max=5)])


def test_length_message_is_filled_in_and_translated(app: Flask) -> None:
    with app.test_request_context("/?lang=da", method="POST", data={"name": "  abcdefgh "}):
        form = NameForm()
        assert not form.validate()
        (message,) = form.name.errors
        assert "2" in message and "5" in message
        assert "%(" not in message
        assert message != "Field must be between 2 and 5 characters long."


def test_whitespace_is_stripped(app: Flask) -> None:
    with app.test_request_context("/?lang=en", method="POST", data={"name": "  abc  "}):
        form = NameForm()
        assert form.validate()
        assert form.name.data == "abc"


def test_required_message_in_english(app: Flask) -> None:
    with app.test_request_context("/?lang=en", method="POST", data={"name": "   "}):
        form = NameForm()
        assert not form.validate()
        assert form.name.errors == ["This field is required."]
