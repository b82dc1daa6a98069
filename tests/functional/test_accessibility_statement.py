"""The accessibility statement: public, linked from every page, at /was too; and the
Arabic and Ge'ez fonts, loaded only on the pages in the language that needs them."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from portal.accounts.models import Role
from portal.config import Settings
from tests import factories

DEFAULT_ACCESSIBILITY_CONTACT = Settings.accessibility_contact

EN = {"Accept-Language": "en"}


def _footer(html: str) -> str:
    match = re.search(r'<footer class="site-footer">.*?</footer>', html, re.S)
    assert match, "no footer"
    return match.group(0)


def _font_stylesheets(html: str) -> set[str]:
    return set(re.findall(r'href="/static/css/(fonts-[a-z]+\.css)"', html))


def test_statement_is_public_and_follows_the_was_structure(
    client: FlaskClient, db: Session
) -> None:
    factories.municipality(db, name="Roskilde", contact_email="boligbro@roskilde.example.dk")
    factories.municipality(db, name="Randers")  # no address: nothing to list
    db.commit()

    response = client.get("/accessibility", headers=EN)

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<h1>Accessibility statement</h1>" in html
    assert "WCAG 2.1 at level AA" in html
    assert "web accessibility act" in html
    # What is tested, and what is known not to work well, truthfully.
    assert "axe" in html and "Lighthouse" in html and "only a keyboard" in html
    assert "Letters as PDF files" in html
    assert "voices on your own phone" in html
    # Where to write: the network's address, and each municipality's own.
    assert f'href="mailto:{DEFAULT_ACCESSIBILITY_CONTACT}"' in html
    assert 'href="mailto:boligbro@roskilde.example.dk"' in html
    assert html.count('href="mailto:') == 2
    # The complaint route in plain words, with no paragraph numbers.
    assert "Agency for Digital Government (Digitaliseringsstyrelsen)" in html
    assert 'href="https://www.was.digst.dk/"' in html
    assert "§" not in html
    assert "December 1, 2026" in html


def test_statement_is_translated(client: FlaskClient) -> None:
    response = client.get("/accessibility?lang=ar")

    html = response.get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html
    assert "WCAG 2.1" in html


def test_was_redirects_to_the_statement(client: FlaskClient) -> None:
    response = client.get("/was")

    assert response.status_code == 301
    assert response.headers["Location"].endswith("/accessibility")


@pytest.mark.parametrize("path", ["/", "/accessibility", "/no-such-page"])
def test_every_public_page_links_the_statement_in_its_footer(
    client: FlaskClient, path: str
) -> None:
    html = client.get(path, headers=EN).get_data(as_text=True)

    assert '<a href="/accessibility">Accessibility statement</a>' in _footer(html)


def test_a_signed_in_citizens_pages_link_the_statement(
    client: FlaskClient, db: Session, sign_in: Callable[..., None]
) -> None:
    home = factories.municipality(db)
    account = factories.citizen_account(db, factories.case(db, home))
    assert account.role == Role.CITIZEN
    db.commit()
    sign_in(client, account)

    response = client.get("/citizen/rights", headers=EN)

    assert response.status_code == 200
    assert 'href="/accessibility"' in _footer(response.get_data(as_text=True))


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("ar", {"fonts-ar.css"}), ("ti", {"fonts-ti.css"}), ("da", set()), ("en", set())],
)
def test_script_fonts_load_only_for_their_language(
    client: FlaskClient, locale: str, expected: set[str]
) -> None:
    html = client.get(f"/?lang={locale}").get_data(as_text=True)

    assert _font_stylesheets(html) == expected


@pytest.mark.parametrize("locale", ["ar", "ti"])
def test_font_files_are_served_under_the_csp(client: FlaskClient, locale: str) -> None:
    page = client.get(f"/?lang={locale}")
    assert "font-src 'self'" in page.headers["Content-Security-Policy"]

    css = client.get(f"/static/css/fonts-{locale}.css")
    assert css.status_code == 200
    assert css.mimetype == "text/css"
    fonts = re.findall(r'url\("\.\./fonts/([a-z0-9-]+\.woff2)"\)', css.get_data(as_text=True))
    assert len(fonts) == 2
    for name in fonts:
        font = client.get(f"/static/fonts/{name}")
        assert font.status_code == 200
        assert font.mimetype == "font/woff2"
        assert font.data[:4] == b"wOF2"
        font.close()
    css.close()
