"""What an e-mail or SMS says: title, one plain line and a link, in the recipient's
language, and nothing else (no names, addresses, CPR, plan or health text)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import force_locale

from portal.accounts.models import Account
from portal.notifications.events import TEXTS, Kind

FALLBACK_LOCALE = "da"


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str
    link: str
    locale: str


def recipient_locale(account: Account) -> str:
    """The account's own language when the portal offers it, else Danish."""
    locales = current_app.config["SETTINGS"].locales
    if account.preferred_language and account.preferred_language in locales:
        return account.preferred_language
    return FALLBACK_LOCALE


def absolute_link(endpoint: str, values: dict[str, Any]) -> str:
    """The portal page as an absolute URL under PUBLIC_BASE_URL, built without a request
    (the worker runs from cron)."""
    base = urlsplit(current_app.config["SETTINGS"].public_base_url)
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path.rstrip("/") or "/", url_scheme=base.scheme
    )
    return adapter.build(endpoint, values, force_external=True)


def title_and_line(kind: Kind, locale: str) -> tuple[str, str]:
    text = TEXTS[kind]
    with force_locale(locale):
        return str(text.title), str(text.line)


def render(account: Account, kind: Kind, endpoint: str, values: dict[str, Any]) -> Rendered:
    """The message for one notification, in the recipient's language."""
    locale = recipient_locale(account)
    title, line = title_and_line(kind, locale)
    link = absolute_link(endpoint, values)
    return Rendered(subject=title, body=f"{title}\n\n{line}\n\n{link}\n", link=link, locale=locale)
