"""The citizen's main journey with the keyboard only, on a phone: from the landing page
through the skip link, the MitID login (the development provider's own page), "My home",
the offer, and saying no to it with a reason and the confirmation.

After the first ``page.goto`` there is no mouse, no click and no navigation other than
Tab, Shift+Tab, Enter, Space and the arrow keys. On every tab stop the focused element
must show a visible focus indicator; the focused states are kept as screenshots
(build/screenshots/keyboard-*.png).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.accounts.models import Account, Role
from portal.cases.models import Case
from portal.config import Settings
from portal.db import make_engine
from portal.matching.services import matchable_cases, units_for_case
from portal.municipalities.models import Municipality
from portal.offers import services as offers
from portal.offers.models import Offer, OfferStatus

pytestmark = pytest.mark.browser

# Roskilde: no other browser test looks at its cases, units or offers.
MUNICIPALITY = "265"
MAX_TAB_STOPS = 150

# The focused element, or for a radio or checkbox its label, must draw an indicator:
# an outline or a box shadow (a colour change alone is not enough for WCAG 2.4.7).
FOCUS_SHOWN = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return false;
  const shows = (node) => {
    const style = getComputedStyle(node);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    return outline || style.boxShadow !== "none";
  };
  if (shows(el)) return true;
  const label = el.id ? document.querySelector(`label[for="${el.id}"]`) : null;
  return label !== null && shows(label);
}"""
FOCUSED = """() => {
  const el = document.activeElement;
  return {
    tag: el.tagName.toLowerCase(),
    href: el.getAttribute("href") || "",
    subject: el.dataset.subject || "",
    type: el.getAttribute("type") || "",
    name: el.getAttribute("name") || "",
    classes: el.className || "",
    text: (el.innerText || el.value || "").trim().slice(0, 60),
    inView: (() => {
      const box = el.getBoundingClientRect();
      return box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
    })(),
  };
}"""


@pytest.fixture
def offer_waiting(live_settings: Settings) -> Iterator[tuple[str, int]]:
    """A fresh offer, sent to a waiting Roskilde citizen, for this test alone (the
    demo's only waiting offer belongs to the other citizen tests).

    Yields the citizen's login subject and the offer's id.
    """
    engine = make_engine(live_settings.database_url)
    today = dt.date.today()
    with Session(engine) as db:
        municipality = db.scalar(select(Municipality).where(Municipality.code == MUNICIPALITY))
        assert municipality is not None
        caseworker = db.scalars(
            select(Account).where(
                Account.role == Role.CASEWORKER, Account.municipality_id == municipality.id
            )
        ).first()
        assert caseworker is not None
        found: tuple[Case, list] | None = None
        for case in db.scalars(matchable_cases(municipality.id, today)).all():
            if case.account is None:
                continue
            eligible = [c for c in units_for_case(db, case, today) if c.eligible]
            if eligible:
                found = (case, eligible)
                break
        assert found is not None, "no waiting Roskilde citizen with a fitting home in the demo"
        case, candidates = found
        offer = offers.propose(
            db, caseworker, candidates[0].unit, case, candidates[0].results, today=today
        )
        offers.send_to_citizen(db, caseworker, offer, today + dt.timedelta(days=7), today)
        db.commit()
        assert case.account is not None
        subject, offer_id = case.account.subject, offer.id
    yield subject, offer_id
    engine.dispose()


class Keyboard:
    """Tabs through the page, checking every stop, and screenshots the stops that matter."""

    def __init__(self, page: Page, shots: Path) -> None:
        self.page = page
        self.shots = shots
        self.hidden: list[str] = []  # tab stops without a visible focus indicator

    def focused(self) -> dict[str, str | bool]:
        info: dict[str, str | bool] = self.page.evaluate(FOCUSED)
        return info

    def press(self, key: str) -> dict[str, str | bool]:
        self.page.keyboard.press(key)
        info = self.focused()
        if info["tag"] not in ("body", "main") and not self.page.evaluate(FOCUS_SHOWN):
            self.hidden.append(f"{self.page.url}: {info}")
        return info

    def tab_to(self, wanted: re.Pattern[str], what: str = "href", back: bool = False) -> None:
        """Press Tab (or Shift+Tab) until the focused element's ``what`` matches."""
        for _ in range(MAX_TAB_STOPS):
            info = self.press("Shift+Tab" if back else "Tab")
            if wanted.search(str(info[what])):
                assert info["inView"], f"focused but scrolled out of sight: {info}"
                return
        raise AssertionError(f"no tab stop with {what} ~ {wanted.pattern} on {self.page.url}")

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(self.shots / f"keyboard-{name}.png"))

    def enter(self) -> None:
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")


def test_the_citizen_answers_an_offer_with_the_keyboard_only(
    page: Page,
    base_url: str,
    screenshots: Path,
    live_settings: Settings,
    offer_waiting: tuple[str, int],
) -> None:
    subject, offer_id = offer_waiting
    keys = Keyboard(page, screenshots)
    page.goto(f"{base_url}/?lang=en")  # the only navigation that is not a key press

    # The skip link is the first tab stop, visible when focused, and moves focus to main.
    first = keys.press("Tab")
    assert "skip-link" in str(first["classes"]), first
    expect(page.locator(".skip-link")).to_be_in_viewport()
    keys.shot("1-skip-link")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    # From main, the next stops lead down to the MitID login.
    keys.tab_to(re.compile(r"/login/citizen$"))
    keys.shot("2-log-in-with-mitid")
    keys.enter()

    # The development provider's "choose a test person" page: tab to the citizen.
    expect(page).to_have_url(re.compile(r"/dev-idp/authorize"))
    keys.tab_to(re.compile(f"^{re.escape(subject)}$"), "subject")
    keys.shot("3-choose-person")
    keys.enter()
    page.wait_for_url(re.compile(r"/citizen/$"))

    # My home: the skip link first here too, then the waiting offer and a link to it.
    expect(page.locator("h1")).to_be_visible()
    assert "skip-link" in str(keys.press("Tab")["classes"])
    keys.tab_to(re.compile(rf"/citizen/offers/{offer_id}$"))
    keys.shot("4-my-home-see-the-home")
    keys.enter()

    # The offer: say no, which first shows what a no means.
    expect(page).to_have_url(re.compile(rf"/citizen/offers/{offer_id}$"))
    keys.tab_to(re.compile(rf"/citizen/offers/{offer_id}/decline$"))
    keys.shot("5-offer-say-no")
    keys.enter()

    # The reasons are one radio group: Tab into it, the arrow key moves to (and checks)
    # the next reason, Space keeps it checked, Tab leaves the group for "Next".
    keys.tab_to(re.compile(r"^radio$"), "type")
    radios = page.locator(".radio-reason input[type=radio]")
    assert radios.count() >= 2
    keys.press("ArrowDown")
    keys.press("Space")
    expect(radios.nth(1)).to_be_checked()
    expect(radios.nth(1)).to_be_focused()
    keys.shot("6-reason-chosen")
    keys.tab_to(re.compile(r"^submit$"), "type")
    keys.shot("7-next")
    keys.enter()

    # The confirm step says what the no means before it is given; Shift+Tab works too.
    consequence = page.locator(".consequence")
    expect(consequence).to_be_visible()
    keys.tab_to(re.compile(rf"/citizen/offers/{offer_id}$"))  # "Go back, I have not decided"
    keys.tab_to(re.compile(r"^submit$"), "type", back=True)
    keys.shot("8-confirm-no")
    keys.enter()

    # The result: back on the offer, which says the no was given.
    expect(page).to_have_url(re.compile(rf"/citizen/offers/{offer_id}$"))
    expect(page.locator(".alert-success[role=status]")).to_be_visible()
    keys.shot("9-result")
    assert page.locator("form[action$='/accept']").count() == 0  # nothing left to answer

    engine = make_engine(live_settings.database_url)
    with Session(engine) as db:
        offer = db.get(Offer, offer_id)
        assert offer is not None and offer.status == OfferStatus.DECLINED
    engine.dispose()

    assert not keys.hidden, "tab stops without a visible focus indicator:\n" + "\n".join(
        keys.hidden
    )
