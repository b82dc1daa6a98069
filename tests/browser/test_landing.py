"""The landing page on a phone, in Danish, Arabic and Tigrinya, in a real Chromium."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, expect

pytestmark = pytest.mark.browser

PHONE_WIDTH = 390  # the viewport of browser_context_args in conftest.py
DIRECTION = {"da": "ltr", "ar": "rtl", "ti": "ltr"}
ARABIC = re.compile(r"[\u0600-\u06ff]")
ETHIOPIC = re.compile(r"[\u1200-\u137f]")


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    """Errors the page logs, CSP violations among them: there must be none."""
    errors: list[str] = []

    def record(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", record)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


@pytest.fixture
def no_js_context(
    browser: Browser, browser_context_args: dict[str, Any]
) -> Iterator[BrowserContext]:
    context = browser.new_context(**browser_context_args, java_script_enabled=False, locale="da-DK")
    yield context
    context.close()


def _open(page: Page, locale: str) -> None:
    response = page.goto(f"/?lang={locale}")
    assert response is not None and response.status == 200


@pytest.mark.parametrize("locale", ["da", "ar", "ti"])
def test_landing_page_on_a_phone(
    page: Page, console_errors: list[str], screenshots: Path, locale: str
) -> None:
    _open(page, locale)
    html = page.locator("html")
    expect(html).to_have_attribute("lang", locale)
    expect(html).to_have_attribute("dir", DIRECTION[locale])
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("navigation").first.locator("[aria-current='true']")).to_have_attribute(
        "lang", locale
    )

    # Nothing sideways-scrolls at 390 px.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"page is {overflow}px wider than the phone"

    page.screenshot(path=str(screenshots / f"landing-{locale}.png"), full_page=True)
    assert console_errors == []


@pytest.mark.parametrize("locale", ["da", "ar", "ti"])
def test_landing_page_has_no_accessibility_violations(page: Page, locale: str) -> None:
    _open(page, locale)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("locale", ["da", "ar", "ti"])
def test_tap_targets_are_at_least_44_px(page: Page, locale: str) -> None:
    _open(page, locale)
    targets = page.locator(".language-menu a, .brand, .footer-links a, .button")
    assert targets.count() >= 6
    for i in range(targets.count()):
        box = targets.nth(i).bounding_box()
        assert box is not None
        assert box["height"] >= 44 and box["width"] >= 44, (targets.nth(i).inner_text(), box)


def test_arabic_page_is_mirrored(page: Page) -> None:
    _open(page, "ar")
    brand = page.locator(".brand").bounding_box()
    heading = page.get_by_role("heading", level=1).bounding_box()
    assert brand is not None and heading is not None
    # The start side is the right: the name and the heading hug the right edge.
    assert brand["x"] + brand["width"] > PHONE_WIDTH - 40
    assert heading["x"] + heading["width"] > PHONE_WIDTH - 40
    assert brand["x"] > PHONE_WIDTH / 3


def test_skip_link_appears_with_the_keyboard(page: Page) -> None:
    _open(page, "da")
    skip = page.locator(".skip-link")
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_language_menu_works_without_javascript(no_js_context: BrowserContext) -> None:
    page = no_js_context.new_page()
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "da")

    page.get_by_role("link", name="العربية").click()
    expect(page).to_have_url(re.compile(r"\?lang=ar$"))
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")

    # The choice is remembered on the next visit.
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")

    page.get_by_role("link", name="ትግርኛ").click()
    expect(page.locator("html")).to_have_attribute("lang", "ti")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")


def test_arabic_page_is_written_in_arabic(page: Page) -> None:
    _open(page, "ar")
    assert ARABIC.search(page.locator("main").inner_text())


def test_tigrinya_page_is_written_in_geez(page: Page) -> None:
    _open(page, "ti")
    assert ETHIOPIC.search(page.locator("main").inner_text())
