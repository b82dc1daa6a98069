"""The citizen's pages in a real Chromium on a phone (390×844), in Danish, Arabic and
Tigrinya: axe finds nothing, nothing scrolls sideways, Arabic mirrors, tap targets are
big enough, and a screenshot of each page is kept for a person to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import assert_no_axe_violations, log_in

pytestmark = pytest.mark.browser

LOCALES = ["da", "ar", "ti"]
# Kasper (citizen-10) lives in a home he has been given notice on: every lease page has
# something to show. Selam (citizen-04) has an offer waiting for her answer.
HOUSED = "citizen-10"
OFFERED = "citizen-04"
HOUSED_PAGES = {
    "home": "/citizen/",
    "plan": "/citizen/plan",
    "rights": "/citizen/rights",
    "seen-by": "/citizen/seen-by",
    "my-data": "/citizen/my-data",
    "my-data-page": "/citizen/my-data/download.html",
    "survey": "/citizen/how-am-i-doing",
    "settings": "/citizen/settings",
}


def _check(page: Page, base_url: str, path: str, locale: str, name: str, shots: Path) -> None:
    sep = "&" if "?" in path else "?"
    response = page.goto(f"{base_url}{path}{sep}lang={locale}")
    assert response is not None and response.status == 200, path
    html = page.locator("html")
    assert html.get_attribute("lang") == locale
    assert html.get_attribute("dir") == ("rtl" if locale == "ar" else "ltr")
    # Nothing wider than the phone.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{path} in {locale} is {width} px wide"
    assert_no_axe_violations(page)
    page.screenshot(path=str(shots / f"citizen-{name}-{locale}.png"), full_page=True)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_housed_citizens_pages(
    page: Page, base_url: str, screenshots: Path, locale: str
) -> None:
    log_in(page, base_url, "citizen", HOUSED)
    for name, path in HOUSED_PAGES.items():
        _check(page, base_url, path, locale, name, screenshots)
    # The timeline's bar runs right to left in Arabic: the start is drawn at the right.
    page.goto(f"{base_url}/citizen/?lang={locale}")
    first = page.locator(".timeline-bar circle").first
    box = first.bounding_box()
    assert box is not None
    if locale == "ar":
        assert box["x"] > 195
    else:
        assert box["x"] < 195


@pytest.mark.parametrize("locale", LOCALES)
def test_an_offer_and_saying_no(page: Page, base_url: str, screenshots: Path, locale: str) -> None:
    log_in(page, base_url, "citizen", OFFERED)
    _check(page, base_url, "/citizen/", locale, "waiting-home", screenshots)
    _check(page, base_url, "/citizen/offers", locale, "offers", screenshots)
    href = page.locator(".offer-list a").first.get_attribute("href")
    assert href
    _check(page, base_url, href, locale, "offer", screenshots)
    _check(page, base_url, f"{href}/decline", locale, "decline", screenshots)
    # The confirm step (what a no means), reached without JavaScript-only controls.
    page.locator(".radio-reason input").first.check()
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert page.locator(".consequence").is_visible()
    assert_no_axe_violations(page)
    page.screenshot(path=str(screenshots / f"citizen-decline-confirm-{locale}.png"), full_page=True)


def test_the_survey_answers_are_big_enough_to_tap(page: Page, base_url: str) -> None:
    log_in(page, base_url, "citizen", HOUSED)
    page.goto(f"{base_url}/citizen/how-am-i-doing")
    for label in page.locator(".scale-option label").all()[:5]:
        box = label.bounding_box()
        assert box is not None and box["height"] >= 44 and box["width"] >= 44
    for link in page.locator(".citizen-nav a").all():
        box = link.bounding_box()
        assert box is not None and box["height"] >= 44
