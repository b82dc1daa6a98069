"""Locales, negotiation, formatting and the language menu.

Negotiation order (first that gives a supported locale wins):
1. an explicit choice: the ``lang`` query parameter, from the language menu;
2. the signed-in user's profile language;
3. the ``lang`` cookie, set by an earlier explicit choice;
4. the browser's ``Accept-Language`` header;
5. Danish.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from babel import Locale
from flask import Flask, current_app, g, request
from flask.wrappers import Response
from flask_babel import Babel, get_locale
from flask_login import current_user

from portal.config import Settings
from portal.i18n import formatting

LANGUAGE_NAMES: dict[str, str] = {
    "da": "Dansk",
    "en": "English",
    "ar": "العربية",
    "ti": "ትግርኛ",
}
COOKIE_NAME = "lang"
COOKIE_MAX_AGE = 365 * 24 * 3600


def supported_locales() -> tuple[str, ...]:
    settings: Settings = current_app.config["SETTINGS"]
    return settings.locales


def select_locale() -> str:
    locales = supported_locales()
    explicit = request.args.get(COOKIE_NAME)
    if explicit in locales:
        g.explicit_locale = explicit
        return explicit
    if current_user and current_user.is_authenticated:
        preferred = getattr(current_user, "preferred_language", None)
        if preferred in locales:
            return str(preferred)
    cookie = request.cookies.get(COOKIE_NAME)
    if cookie in locales:
        return str(cookie)
    best = request.accept_languages.best_match(locales)
    if best:
        return best
    return str(current_app.config["SETTINGS"].default_locale)


def text_direction(locale: str | None = None) -> str:
    code = locale or str(get_locale())
    return "rtl" if Locale.parse(code).character_order == "right-to-left" else "ltr"


def _remember_explicit_choice(response: Response) -> Response:
    chosen = g.get("explicit_locale")
    if chosen:
        response.set_cookie(
            COOKIE_NAME,
            chosen,
            max_age=COOKIE_MAX_AGE,
            samesite="Lax",
            secure=current_app.config["SESSION_COOKIE_SECURE"],
            httponly=True,
        )
        _save_to_profile(chosen)
    return response


def _save_to_profile(locale: str) -> None:
    """A signed-in person's explicit choice becomes their profile language, which
    outranks the cookie, so that the next page keeps the language they just chose."""
    if not current_user or not current_user.is_authenticated:
        return
    if getattr(current_user, "preferred_language", None) == locale:
        return
    from portal.accounts.models import Account
    from portal.db import get_session

    db = get_session()
    account = db.get(Account, current_user.id)
    if account is not None:
        account.preferred_language = locale
        db.commit()


def language_url(code: str) -> str:
    """The current page in another language (a plain link: works without JavaScript)."""
    args = request.args.to_dict(flat=False)
    args[COOKIE_NAME] = [code]
    return f"{request.path}?{urlencode(args, doseq=True)}"


def _template_context() -> dict[str, Any]:
    locale = str(get_locale())
    return {
        "current_locale": locale,
        "text_direction": text_direction(locale),
        "languages": [(code, LANGUAGE_NAMES[code]) for code in supported_locales()],
        "language_url": language_url,
    }


def init_app(app: Flask, settings: Settings) -> None:
    app.config["BABEL_DEFAULT_LOCALE"] = settings.default_locale
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(
        (app.root_path + "/../translations").replace("\\", "/")
    )
    Babel(app, locale_selector=select_locale)
    app.after_request(_remember_explicit_choice)
    app.context_processor(_template_context)
    formatting.register_filters(app)
