"""The evaluation page on a phone (390 × 844) and at a desk, in Danish and Arabic
(right to left), in a real Chromium against the demo data: axe at zero violations, no
sideways scroll on the phone, and screenshots to look at."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from sqlalchemy import select, update

from portal import create_app
from portal.accounts.models import Account
from portal.config import Settings
from portal.db import database, get_session
from tests.browser.conftest import PHONE, assert_no_axe_violations, log_in

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
CASEWORKER = "staff-751-cw-1"  # Aarhus
FIGURES = (
    "housed",
    "time_in_home",
    "destinations",
    "still_housed",
    "relapses",
    "declines",
    "spread",
    "buildings_above_limit",
    "clusters",
    "survey",
    "occupation",
    "funnel",
    "business_case",
)


def _set_language(settings: Settings, subject: str, lang: str | None) -> str | None:
    """Set the staff member's profile language (what the portal follows for staff);
    returns the one it had."""
    app = create_app(settings)
    with app.app_context():
        session = get_session()
        which = Account.subject == subject
        before = session.scalar(select(Account.preferred_language).where(which))
        session.execute(update(Account).values(preferred_language=lang).where(which))
        session.commit()
    database(app).engine.dispose()
    return before


@pytest.fixture(params=["da", "ar"])
def lang(request: pytest.FixtureRequest, live_settings: Settings) -> Iterator[str]:
    before = _set_language(live_settings, CASEWORKER, request.param)
    yield request.param
    _set_language(live_settings, CASEWORKER, before)  # other tests log in as them too


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_evaluation_page(
    browser: Browser, base_url: str, screenshots: Path, lang: str, size: str
) -> None:
    phone = size == "phone"
    context = browser.new_context(
        viewport=PHONE if phone else DESKTOP,
        is_mobile=phone,
        has_touch=phone,
        device_scale_factor=2 if phone else 1,
        locale="ar" if lang == "ar" else "da-DK",
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        log_in(page, base_url, "staff", CASEWORKER)
        page.goto(f"{base_url}/staff/evaluation/")
        html = page.locator("html")
        assert html.get_attribute("lang") == lang
        assert html.get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
        for figure in FIGURES:
            assert page.locator(f'[data-figure="{figure}"]').count() == 1, figure
        # The demo data has figures to draw: charts on the page, no raw codes in them.
        assert page.locator("svg.eval-chart").count() >= 8
        body = page.locator("main").inner_text()
        for code in ("permanent /", "economy", "too_far", "more_independent", "refugees"):
            assert code not in body, code
        if phone:
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"the page is {overflow}px too wide"
        assert_no_axe_violations(page)
        page.screenshot(path=str(screenshots / f"evaluation-{size}-{lang}.png"), full_page=True)
        # Filtering keeps the page whole (a GET form, no JavaScript needed).
        page.select_option("#citizen_group", "1")
        page.locator("form.eval-filters button[type=submit]").click()
        page.wait_for_load_state()
        assert "citizen_group=1" in page.url
        assert_no_axe_violations(page)
    finally:
        context.close()
    assert errors == []
