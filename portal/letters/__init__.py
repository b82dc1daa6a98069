"""Generated letters: the notice of termination as a PDF (WeasyPrint).

The Danish text comes first and is the binding one; when the citizen reads another
language, a translation follows with that note. Arabic is set right to left and shaped
by WeasyPrint's text engine; Tigrinya is set in Ge'ez with the Noto fonts. Letters are
stored through :mod:`portal.storage` under a key derived from the notice event, so a
letter is rendered once and reads the same every time it is opened.
"""

from __future__ import annotations

from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale
from markupsafe import Markup

from portal.i18n import supported_locales, text_direction
from portal.leases.models import Lease, LeaseEvent
from portal.leases.notice import guidance_for_notice
from portal.storage import storage

BINDING_LOCALE = "da"


def notice_key(notice: LeaseEvent) -> str:
    return f"letters/notice-{notice.lease_id}-{notice.id}.pdf"


def _section(lease: Lease, notice: LeaseEvent, locale: str, translated: bool) -> Markup:
    guidance = guidance_for_notice(lease, notice)
    with force_locale(locale):
        html = render_template(
            "letters/_notice_section.html",
            lease=lease,
            notice=notice,
            guidance=guidance,
            translated=translated,
            locale=locale,
            direction=text_direction(locale),
        )
    return Markup(html)  # noqa: S704 - rendered by our own autoescaped template


def notice_html(lease: Lease, notice: LeaseEvent) -> str:
    """The letter as HTML: Danish, then the citizen's language if it is another one."""
    sections = [_section(lease, notice, BINDING_LOCALE, translated=False)]
    language = lease.case.language
    if language != BINDING_LOCALE and language in supported_locales():
        sections.append(_section(lease, notice, language, translated=True))
    return render_template("letters/notice.html", sections=sections)


def render_notice_pdf(lease: Lease, notice: LeaseEvent) -> bytes:
    from weasyprint import CSS, HTML

    css = Path(current_app.root_path).parent / "templates" / "letters" / "letter.css"
    pdf = HTML(string=notice_html(lease, notice)).write_pdf(stylesheets=[CSS(filename=str(css))])
    return bytes(pdf or b"")


def notice_pdf(lease: Lease, notice: LeaseEvent) -> bytes:
    """The stored notice letter, rendered and stored the first time it is asked for."""
    store = storage()
    key = notice_key(notice)
    try:
        return store.get(key)
    except KeyError:
        data = render_notice_pdf(lease, notice)
        store.put(key, data)
        return data
