"""How am I doing (the survey), settings (language), and each page's weight."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from citizen_world import TODAY, World, citizen, give_notice, lease_for, offer_to, with_plan
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.outcomes.models import SurveyAnswer
from portal.rules.services import survey_questions

STATIC = Path(__file__).resolve().parents[3] / "static"
BUDGET = 60 * 1024  # HTML + CSS + JS of one page, uncompressed


def _token(html: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
    assert match
    return match.group(1)


def test_the_survey_saves_answers_and_shows_them_later(
    db: Session, world: World, signed_in
) -> None:
    person = citizen(db, world)
    questions = survey_questions(db, "citizen", TODAY)
    assert questions
    client = signed_in(person)
    page = client.get("/citizen/how-am-i-doing").get_data(as_text=True)
    assert "I feel safe in my home." in page
    assert 'type="radio"' in page and 'href="#face-1"' in page and "Very much" in page
    assert "You have not answered before." in page

    # Nothing chosen: a clear error, nothing saved.
    empty = client.post("/citizen/how-am-i-doing", data={"csrf_token": _token(page)})
    assert empty.status_code == 200
    assert "Choose an answer to at least one question." in empty.get_data(as_text=True)
    assert (
        db.scalar(select(func.count(SurveyAnswer.id)).where(SurveyAnswer.case_id == person.case.id))
        == 0
    )

    # A value outside the scale: refused beside nothing, nothing saved.
    bad = client.post("/citizen/how-am-i-doing",
                      data={"csrf_token": _token(page), f"q{questions[0].id}": "9"})  # fmt: skip
    assert bad.status_code == 200
    assert (
        db.scalar(select(func.count(SurveyAnswer.id)).where(SurveyAnswer.case_id == person.case.id))
        == 0
    )

    data = {"csrf_token": _token(page), f"q{questions[0].id}": "4", f"q{questions[1].id}": "2"}
    saved = client.post("/citizen/how-am-i-doing", data=data)
    assert saved.status_code == 302
    answers = db.scalars(select(SurveyAnswer).where(SurveyAnswer.case_id == person.case.id)).all()
    assert sorted(a.value for a in answers) == [2, 4]
    assert all(a.answered_on == TODAY for a in answers)
    later = client.get("/citizen/how-am-i-doing").get_data(as_text=True)
    assert "Thank you. Your answers are saved." in later
    assert "Your earlier answers" in later and "Mostly" in later and "A little" in later

    # Answering again the same day replaces that day's answer.
    client.post("/citizen/how-am-i-doing", data={**data, f"q{questions[0].id}": "5"})
    values = db.scalars(
        select(SurveyAnswer.value).where(
            SurveyAnswer.case_id == person.case.id, SurveyAnswer.question_id == questions[0].id
        )
    ).all()
    assert values == [5]


def test_the_language_is_saved_and_used_at_once(db: Session, world: World, signed_in) -> None:
    person = citizen(db, world)
    client = signed_in(person)
    page = client.get("/citizen/settings").get_data(as_text=True)
    assert 'lang="ar"' in page and "العربية" in page
    bad = client.post("/citizen/settings", data={"csrf_token": _token(page), "language": "xx"})
    assert bad.status_code == 200 and "Not a valid choice." in bad.get_data(as_text=True)
    db.refresh(person.account)
    assert person.account.preferred_language == "en"

    saved = client.post("/citizen/settings", data={"csrf_token": _token(page), "language": "ar"})
    assert saved.status_code == 302
    db.refresh(person.account)
    assert person.account.preferred_language == "ar"
    home = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert re.search(r'<html lang="ar" dir="rtl">', home)
    # The logout button is on every signed-in page.
    assert 'action="/logout"' in home or "logout" in home


def _weight(app: Flask, html: str) -> int:
    total = len(html.encode())
    for ref in re.findall(r'(?:href|src)="/static/([^"?]+)"', html):
        total += (STATIC / ref).stat().st_size
    return total


@pytest.mark.parametrize("easy_read", [False, True], ids=["normal", "easy-read"])
@pytest.mark.parametrize("locale", ["da", "ar", "ti"])
def test_every_citizen_page_weighs_at_most_60_kb(
    app: Flask, db: Session, world: World, signed_in, locale: str, easy_read: bool
) -> None:
    # Arabic takes two bytes a letter and Ge'ez three: each language is weighed.
    # A citizen with as much on each page as the demo has: plan, lease with notice,
    # an open offer is not possible beside a lease, so a second citizen has one.
    housed = citizen(db, world)
    with_plan(db, housed)
    give_notice(db, lease_for(db, world, housed))
    # Three earlier rounds of answers, as many as the survey page shows.
    for months in (1, 6, 12):
        day = TODAY - dt.timedelta(days=30 * months)
        for question in survey_questions(db, "citizen", TODAY):
            db.add(SurveyAnswer(case_id=housed.case.id, question=question, value=3,
                                answered_on=day))  # fmt: skip
    waiting = citizen(db, world)
    offer = offer_to(db, world, waiting)
    for person in (housed, waiting):
        person.account.preferred_language = locale
        person.account.easy_read = easy_read
    db.commit()
    weights: dict[str, int] = {}
    client = signed_in(housed)
    pages = ["/citizen/", "/citizen/plan", "/citizen/offers", "/citizen/rights",
             "/citizen/seen-by", "/citizen/my-data", "/citizen/my-data/download.html",
             "/citizen/how-am-i-doing", "/citizen/settings"]  # fmt: skip
    for url in pages:
        weights[url] = _weight(app, client.get(url).get_data(as_text=True))
    client = signed_in(waiting)
    for url in ("/citizen/", f"/citizen/offers/{offer.id}", f"/citizen/offers/{offer.id}/decline"):
        weights[url] = _weight(app, client.get(url).get_data(as_text=True))
    print("page weights (bytes):", weights)
    assert max(weights.values()) <= BUDGET, weights
