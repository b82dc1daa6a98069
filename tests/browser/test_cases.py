"""The caseworker's work list, a case page and a plan page at a desk (1280 × 800), in
Danish and English, in a real Chromium: axe at zero violations, screenshots to look at."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import assert_no_axe_violations, log_in

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}
SECTIONS = (
    "reviews",
    "plan_follow_ups",
    "follow_ups",
    "offers",
    "nearing_end",
    "breaches",
    "waiting",
)


@pytest.fixture
def desk(browser: Browser, base_url: str) -> Iterator[Page]:
    """A desktop window, signed in as the network's administrator (who sees every kind
    of task in the demo data)."""
    context = browser.new_context(viewport=DESKTOP, base_url=base_url, locale="da-DK")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    log_in(page, base_url, "staff", "staff-network-admin")
    yield page
    context.close()
    # A form sent back with its errors answers 400, which Chromium logs; nothing else may.
    assert [e for e in errors if "400 (BAD REQUEST)" not in e] == []


def _no_sideways_scroll(page: Page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px too wide"


@pytest.mark.parametrize("locale", ["da", "en"])
def test_the_work_list_at_a_desk(desk: Page, screenshots: Path, locale: str) -> None:
    desk.goto(f"/staff/?lang={locale}")
    expect(desk.locator("html")).to_have_attribute("lang", locale)
    for name in SECTIONS:
        section = desk.locator(f'[data-worklist="{name}"]')
        expect(section.locator("li a").first).to_be_visible()
    nav = desk.get_by_role("navigation", name="Caseworker menu" if locale == "en" else None)
    if locale == "en":
        expect(nav.get_by_role("link", name="Work list")).to_have_attribute("aria-current", "page")
    _no_sideways_scroll(desk)
    desk.screenshot(path=str(screenshots / f"staff-worklist-{locale}.png"), full_page=True)
    assert_no_axe_violations(desk)


def _open_a_case(page: Page, locale: str) -> None:
    page.goto(f"/staff/cases/?lang={locale}&q=Fatima")
    page.locator(".staff-table a").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fatima Haddad")
    # A signed-in person's profile language wins over the cookie: ask for it again.
    page.goto(page.url.split("?")[0] + f"?lang={locale}")
    expect(page.locator("html")).to_have_attribute("lang", locale)


@pytest.mark.parametrize("locale", ["da", "en"])
def test_a_case_page_at_a_desk(desk: Page, screenshots: Path, locale: str) -> None:
    _open_a_case(desk, locale)
    assert "140391" not in desk.url and "081288" not in desk.url
    _no_sideways_scroll(desk)
    desk.screenshot(path=str(screenshots / f"staff-case-{locale}.png"), full_page=True)
    assert_no_axe_violations(desk)

    plan = desk.locator("#h-plans").locator("xpath=..").locator("a").first.get_attribute("href")
    desk.goto(f"{plan}?lang={locale}")
    expect(desk.locator(".staff-goal").first).to_be_visible()
    _no_sideways_scroll(desk)
    desk.screenshot(path=str(screenshots / f"staff-plan-{locale}.png"), full_page=True)
    assert_no_axe_violations(desk)


@pytest.mark.parametrize("locale", ["da", "en"])
def test_the_case_list_and_the_case_form_at_a_desk(
    desk: Page, screenshots: Path, locale: str
) -> None:
    desk.goto(f"/staff/cases/?lang={locale}")
    expect(desk.locator(".staff-table tbody tr").first).to_be_visible()
    _no_sideways_scroll(desk)
    desk.screenshot(path=str(screenshots / f"staff-cases-{locale}.png"), full_page=True)
    assert_no_axe_violations(desk)

    # Look a citizen up by CPR number: the number is posted, never in the address.
    desk.locator("#cpr").fill("081288-2846")
    desk.locator(".staff-cpr button").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text("Fatima Haddad")
    assert "081288" not in desk.url

    desk.goto(f"/staff/cases/new?lang={locale}")
    desk.locator("form.staff-form button[type=submit]").click()  # empty: errors, kept
    expect(desk.locator(".error-summary")).to_be_visible()
    desk.screenshot(path=str(screenshots / f"staff-case-form-errors-{locale}.png"), full_page=True)
    assert_no_axe_violations(desk)


def test_the_staff_pages_work_without_javascript(browser: Browser, base_url: str) -> None:
    context: Any = browser.new_context(
        viewport=DESKTOP, base_url=base_url, java_script_enabled=False
    )
    page = context.new_page()
    log_in(page, base_url, "staff", "staff-751-cw-1")
    page.goto("/staff/cases/?lang=en&q=Mette")
    page.locator(".staff-table a").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mette Jensen")
    context.close()
