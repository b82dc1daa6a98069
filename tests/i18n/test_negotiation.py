"""The locale is negotiated in the documented order:
explicit choice, profile, cookie, Accept-Language, Danish."""

from __future__ import annotations

import pytest
from flask import Flask
from flask_login import login_user
from sqlalchemy.orm import Session

from portal.accounts.models import Account, Role
from portal.i18n import select_locale


@pytest.fixture
def citizen_account(db: Session) -> Account:
    account = Account(
        issuer="https://idp.example",
        subject="citizen-1",
        role=Role.CITIZEN,
        display_name="Amal Haddad",
        preferred_language="ar",
    )
    db.add(account)
    db.flush()
    return account


def test_danish_when_nothing_decides(app: Flask) -> None:
    with app.test_request_context("/"):
        assert select_locale() == "da"


def test_accept_language_beats_the_default(app: Flask) -> None:
    with app.test_request_context("/", headers={"Accept-Language": "ti-ER,ti;q=0.9,en;q=0.5"}):
        assert select_locale() == "ti"


def test_unsupported_accept_language_falls_back_to_danish(app: Flask) -> None:
    with app.test_request_context("/", headers={"Accept-Language": "fr-FR"}):
        assert select_locale() == "da"


def test_cookie_beats_accept_language(app: Flask) -> None:
    with app.test_request_context("/", headers={"Accept-Language": "en", "Cookie": "lang=ar"}):
        assert select_locale() == "ar"


def test_profile_beats_cookie(app: Flask, citizen_account: Account) -> None:
    with app.test_request_context("/", headers={"Cookie": "lang=en"}):
        login_user(citizen_account)
        assert select_locale() == "ar"


def test_explicit_choice_beats_everything(app: Flask, citizen_account: Account) -> None:
    with app.test_request_context(
        "/?lang=ti", headers={"Cookie": "lang=en", "Accept-Language": "da"}
    ):
        login_user(citizen_account)
        assert select_locale() == "ti"


def test_unknown_explicit_choice_is_ignored(app: Flask) -> None:
    with app.test_request_context("/?lang=xx", headers={"Cookie": "lang=en"}):
        assert select_locale() == "en"


def test_explicit_choice_is_remembered_in_a_cookie(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/?lang=ar")
    cookie = response.headers.get("Set-Cookie", "")
    assert "lang=ar" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    page = client.get("/")
    assert b'lang="ar" dir="rtl"' in page.data


def test_a_signed_in_choice_is_saved_to_the_profile(  # type: ignore[no-untyped-def]
    db: Session, client, sign_in, citizen_account: Account
) -> None:
    db.commit()
    sign_in(client, citizen_account)
    assert b'lang="ti"' in client.get("/?lang=ti").data
    assert b'lang="ti"' in client.get("/").data  # the profile now says Tigrinya
    db.refresh(citizen_account)
    assert citizen_account.preferred_language == "ti"
