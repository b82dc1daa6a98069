"""Matching and the notice wizard at desktop size in a real Chromium: zero axe
violations on every page, and screenshots to look at (build/screenshots)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import assert_no_axe_violations, log_in

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture
def desktop(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP, locale="da-DK", device_scale_factor=1)
    page = context.new_page()
    yield page
    context.close()


def _check(page: Page, screenshots: Path, name: str) -> None:
    assert_no_axe_violations(page)
    page.screenshot(path=str(screenshots / f"matching-{name}.png"), full_page=True)


def test_matching_a_citizen_and_a_home(desktop: Page, base_url: str, screenshots: Path) -> None:
    page = desktop
    log_in(page, base_url, "staff", "staff-751-cw-1")
    page.goto(f"{base_url}/staff/matching/")
    assert page.locator("h1").count() == 1
    _check(page, screenshots, "index")

    page.locator("[data-list=offers] a").first.click()
    page.wait_for_load_state()
    assert page.locator(".rule-list li").count() > 0
    _check(page, screenshots, "offer")
    # The citizen in an open offer: the page says why they are not matching.
    page.locator("#case-link").click()
    page.wait_for_load_state()
    assert page.locator(".why-not").count() == 1
    _check(page, screenshots, "for-case")

    page.goto(f"{base_url}/staff/matching/")
    page.locator("[data-list=units] a").first.click()
    page.wait_for_load_state()
    _check(page, screenshots, "for-unit")


def test_the_notice_wizard(desktop: Page, base_url: str, screenshots: Path) -> None:
    page = desktop
    log_in(page, base_url, "staff", "staff-751-cw-1")
    page.goto(f"{base_url}/staff/leases/")
    _check(page, screenshots, "leases")
    page.locator("table.data-table tbody a").first.click()
    page.wait_for_load_state()
    _check(page, screenshots, "lease")

    page.goto(page.url.rstrip("/") + "/notice")
    _check(page, screenshots, "notice-1-reason")
    # Without a reason the wizard stays, with the message beside the field.
    page.locator("main form button.button-primary").click()
    page.wait_for_load_state()
    assert page.locator(".form-error-message").count() == 1
    _check(page, screenshots, "notice-1-error")

    page.select_option("#reason", "purpose_reached")
    page.locator("main form button.button-primary").click()
    page.wait_for_load_state()
    page.select_option("#alternative_offer", "ordinary_home")
    page.fill("#alternative_details", "Vestergade 3, fra 1. marts")
    _check(page, screenshots, "notice-2-alternative")
    page.locator("main form button.button-primary").click()
    page.wait_for_load_state()
    assert page.locator("#notice-dates").count() == 1
    _check(page, screenshots, "notice-3-dates")
    page.locator("main form button.button-primary").click()
    page.wait_for_load_state()
    assert page.locator("#guidance li").count() >= 2
    # The last step is looked at, not confirmed: the live demo data is shared.
    _check(page, screenshots, "notice-4-confirm")
