"""Easy-read mode and the read-aloud button on the citizen's pages (English, the msgids).

Easy-read is the citizen's own setting (``Account.easy_read``): each page then starts with
its key facts in short lines beside pictograms, links its own stylesheet, and is remembered
across sessions. Read aloud is a hidden button that only the script shows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from citizen_world import Citizen, World, citizen, give_notice, lease_for, offer_to, with_plan
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from portal.citizen.services import current_lease

STATIC = Path(__file__).resolve().parents[3] / "static"
BUDGET = 60 * 1024  # HTML + CSS + JS of one page, uncompressed
EASY_CSS = 'href="/static/css/easy-read.css"'
PICTOGRAMS = ("home", "money", "plan", "goal", "meeting", "contact", "calendar", "rights")

SignedIn = Callable[[Citizen], FlaskClient]


def _token(html: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
    assert match
    return match.group(1)


def _easy(db: Session, person: Citizen, on: bool = True) -> Citizen:
    person.account.easy_read = on
    db.flush()
    return person


@pytest.fixture
def housed(db: Session, world: World) -> Citizen:
    """A citizen with a home (given notice), a plan with a meeting in three days."""
    person = citizen(db, world)
    with_plan(db, person)
    give_notice(db, lease_for(db, world, person))
    return person


def _pages(db: Session, world: World, housed: Citizen) -> list[tuple[Citizen, str]]:
    waiting = citizen(db, world)
    offer = offer_to(db, world, waiting)
    own = ["/citizen/", "/citizen/plan", "/citizen/offers", "/citizen/rights",
           "/citizen/seen-by", "/citizen/my-data", "/citizen/my-data/download.html",
           "/citizen/how-am-i-doing", "/citizen/settings"]  # fmt: skip
    offered = ["/citizen/", "/citizen/offers", f"/citizen/offers/{offer.id}",
               f"/citizen/offers/{offer.id}/decline"]  # fmt: skip
    return [(housed, url) for url in own] + [(waiting, url) for url in offered]


def _weight(html: str) -> int:
    total = len(html.encode())
    for ref in re.findall(r'(?:href|src)="/static/([^"?#]+)"', html):
        total += (STATIC / ref).stat().st_size
    return total


@pytest.mark.parametrize("on", [False, True], ids=["off", "on"])
def test_every_citizen_page_renders_in_both_modes_within_the_budget(
    db: Session, world: World, housed: Citizen, signed_in: SignedIn, on: bool
) -> None:
    pages = _pages(db, world, housed)
    weights = {}
    for person, url in pages:
        _easy(db, person, on)
        response = signed_in(person).get(url, headers={"Accept-Language": "en"})
        assert response.status_code == 200, url
        html = response.get_data(as_text=True)
        assert html.count("<h1") == 1, url
        assert ('class="easy-read"' in html) is on, url
        assert (EASY_CSS in html) is on, url
        assert ('class="easy-facts"' in html) is on, url
        assert ('href="#picto-' in html) is on, url
        # Read aloud is on every page in both modes, hidden until the script shows it.
        assert re.search(r'<button[^>]*id="read-aloud" hidden', html), url
        assert 'src="/static/js/read-aloud.js" defer' in html, url
        # The quick switch says what it does next.
        assert ("Turn off easy-read" if on else "Turn on easy-read") in html, url
        weights[url] = _weight(html)
    print("page weights (bytes):", weights)
    assert max(weights.values()) <= BUDGET, weights


def _before(html: str, first: str, then: str) -> bool:
    assert first in html, first
    assert then in html, then
    return html.index(first) < html.index(then)


def test_easy_read_home_puts_home_money_and_meeting_first(
    db: Session, housed: Citizen, signed_in: SignedIn
) -> None:
    html = signed_in(_easy(db, housed)).get("/citizen/").get_data(as_text=True)
    lease = current_lease(db, housed.case)
    assert lease is not None and lease.unit is not None
    address = lease.unit.address_line
    rest = "Hello "  # the first line of the ordinary page
    assert _before(html, address, rest)
    assert _before(html, "You pay ", rest)
    assert _before(html, "You meet Bente Bostøtte.", rest)
    assert _before(html, "You must move out of this home.", rest)
    # The ordinary page follows, folded, so both modes read the same data.
    assert _before(html, "Read all the details", "Your lease over time")
    assert 'class="easy-more"' in html
    # Every pictogram used is drawn once on the page and sits beside its words.
    for name, label in [("home", "Your home"), ("money", "Money"), ("meeting", "Next meeting"),
                        ("contact", "Your caseworker"), ("rights", "Your rights")]:  # fmt: skip
        assert f'<symbol id="picto-{name}"' in html
        assert re.search(rf'href="#picto-{name}"/></svg>\s*<div class="easy-fact-text">\s*'
                         rf'<p class="easy-label">{label}</p>', html), name  # fmt: skip
    # Only the pictograms the page uses are drawn, each once (home does not use "goal").
    for name in PICTOGRAMS:
        assert html.count(f'<symbol id="picto-{name}"') == (f'href="#picto-{name}"' in html)
    assert '<symbol id="picto-goal"' not in html
    assert 'aria-hidden="true" focusable="false"><use href="#picto-home"/>' in html


def test_easy_read_plan_and_offer_put_key_facts_first(
    db: Session, world: World, housed: Citizen, signed_in: SignedIn
) -> None:
    html = signed_in(_easy(db, housed)).get("/citizen/plan").get_data(as_text=True)
    assert _before(html, "You meet Bente Bostøtte.", "What the plan is for")
    assert _before(html, "Jeg vil have mit eget hjem", "What the plan is for")
    assert "You also have 1 goal with the municipality." in html
    # The internal note never shows, in easy-read either.
    assert "Intern note" not in html

    waiting = _easy(db, citizen(db, world))
    offer = offer_to(db, world, waiting)
    page = signed_in(waiting).get(f"/citizen/offers/{offer.id}").get_data(as_text=True)
    assert _before(page, offer.unit.address_line, '<h2 id="about">')
    assert _before(page, "You would pay ", '<h2 id="about">')
    assert _before(page, "You can move in on ", '<h2 id="about">')
    # Where the citizen acts, the page stays open: the answer buttons are not folded away.
    assert 'class="easy-more"' not in page and "Yes, I want this home" in page


def test_easy_read_is_off_by_default(db: Session, housed: Citizen, signed_in: SignedIn) -> None:
    html = signed_in(housed).get("/citizen/").get_data(as_text=True)
    assert EASY_CSS not in html and "picto-" not in html and 'class="easy-read"' not in html
    assert 'data-label-read="Read aloud"' in html and 'data-label-stop="Stop reading"' in html


def test_the_setting_is_saved_and_remembered_in_a_new_session(
    app: Flask, db: Session, housed: Citizen, signed_in: SignedIn, sign_in: Callable[..., None]
) -> None:
    client = signed_in(housed)
    page = client.get("/citizen/settings").get_data(as_text=True)
    assert re.search(r'<input checked id="easy-read-1" name="easy_read"', page)
    saved = client.post("/citizen/settings/easy-read",
                        data={"csrf_token": _token(page), "easy_read": "on"})  # fmt: skip
    assert saved.status_code == 302 and saved.headers["Location"] == "/citizen/settings"
    db.refresh(housed.account)
    assert housed.account.easy_read is True
    after = client.get("/citizen/settings").get_data(as_text=True)
    assert "Easy-read is on. The pages now have short texts." in after
    assert EASY_CSS in after and '<input checked id="easy-read-0"' in after

    # A new session (another phone): the flag comes with the account.
    other = app.test_client()
    sign_in(other, housed.account)
    assert EASY_CSS in other.get("/citizen/plan").get_data(as_text=True)

    page2 = other.get("/citizen/settings").get_data(as_text=True)
    off = other.post("/citizen/settings/easy-read",
                     data={"csrf_token": _token(page2), "easy_read": "off"})  # fmt: skip
    assert off.status_code == 302
    db.refresh(housed.account)
    assert housed.account.easy_read is False
    assert "Easy-read is off." in other.get("/citizen/settings").get_data(as_text=True)


def test_the_quick_switch_returns_to_the_same_page_and_never_elsewhere(
    db: Session, housed: Citizen, signed_in: SignedIn
) -> None:
    client = signed_in(housed)
    page = client.get("/citizen/seen-by?page=1").get_data(as_text=True)
    assert 'name="next" value="/citizen/seen-by?page=1"' in page
    token = _token(page)
    data = {"csrf_token": token, "easy_read": "on", "next": "/citizen/seen-by?page=1"}
    back = client.post("/citizen/settings/easy-read", data=data)
    assert back.headers["Location"] == "/citizen/seen-by?page=1"
    for target in ("https://evil.example/citizen/", "//evil.example/citizen/", "/staff/",
                   "/\\evil.example", "/citizen/../staff/"):  # fmt: skip
        away = client.post("/citizen/settings/easy-read", data={
            "csrf_token": _token(page), "easy_read": "on", "next": target})  # fmt: skip
        assert away.status_code == 302
        assert away.headers["Location"] == "/citizen/settings", target


def test_a_citizen_changes_only_their_own_setting(
    db: Session, world: World, housed: Citizen, signed_in: SignedIn
) -> None:
    other = citizen(db, world)
    client = signed_in(housed)
    page = client.get("/citizen/settings").get_data(as_text=True)
    # Naming the other account changes nothing for it: the POST acts on the signed-in one.
    token = _token(page)
    data = {"csrf_token": token, "easy_read": "on", "account_id": str(other.account.id)}
    client.post("/citizen/settings/easy-read", data=data)
    db.refresh(other.account)
    db.refresh(housed.account)
    assert other.account.easy_read is False and housed.account.easy_read is True


def test_a_bad_post_keeps_the_form_and_changes_nothing(
    db: Session, housed: Citizen, signed_in: SignedIn
) -> None:
    client = signed_in(housed)
    page = client.get("/citizen/settings").get_data(as_text=True)
    bad = client.post("/citizen/settings/easy-read",
                      data={"csrf_token": _token(page), "easy_read": "maybe"})  # fmt: skip
    html = bad.get_data(as_text=True)
    assert bad.status_code == 200
    assert "Please correct the following" in html and "Not a valid choice." in html
    # Both forms are still there, the language one with the saved language chosen.
    assert 'id="easy-read-0" name="easy_read"' in html
    assert '<input checked id="language-1" name="language" required type="radio" value="en"' in html
    empty = client.post("/citizen/settings/easy-read", data={"csrf_token": _token(page)})
    assert "Choose on or off." in empty.get_data(as_text=True)
    forged = client.post("/citizen/settings/easy-read", data={"easy_read": "on"})
    assert forged.status_code == 400
    db.refresh(housed.account)
    assert housed.account.easy_read is False


def test_the_easy_read_texts_are_extracted_with_their_context(tmp_path: Path) -> None:
    from babel.messages.pofile import read_po

    from portal.i18n.catalogs import extract

    pot = tmp_path / "messages.pot"
    extract(pot)
    with pot.open("rb") as f:
        catalog = read_po(f)
    easy = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.context == "easy-read"}
    assert "You pay %(amount)s each month." in easy
    assert "You also have %(num)s goal with the municipality." in easy
    assert "Easy-read is on. The pages now have short texts." in easy  # from the view
    # The same words outside easy-read stay their own entry.
    assert catalog.get("Call %(phone)s") is not None
    assert catalog.get("Call %(phone)s", context="easy-read") is not None


def test_dates_in_easy_read_are_the_citizens_local_ones(
    db: Session, housed: Citizen, signed_in: SignedIn
) -> None:
    # The meeting is stored at 10:00 UTC: the citizen reads Danish time.
    html = signed_in(_easy(db, housed)).get("/citizen/").get_data(as_text=True)
    meeting = dt.datetime.combine(dt.date.today(), dt.time(10), tzinfo=dt.UTC)
    local = meeting.astimezone(ZoneInfo("Europe/Copenhagen"))
    assert f"at <bdi>{local:%H:%M}</bdi>." in html
