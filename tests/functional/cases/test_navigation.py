"""The staff menu links every staff area and marks where you are."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.functional.cases.conftest import World


def test_the_menu_links_every_staff_area(world: World, as_caseworker: FlaskClient) -> None:
    html = as_caseworker.get("/staff/?lang=en").get_data(as_text=True)
    assert 'aria-current="page">Work list</a>' in html
    for href in ("/staff/cases/", "/staff/matching/", "/staff/leases/", "/staff/evaluation/"):
        assert f'href="{href}"' in html


def test_the_current_area_is_marked(world: World, as_caseworker: FlaskClient) -> None:
    html = as_caseworker.get(f"/staff/cases/{world.case.id}?lang=en").get_data(as_text=True)
    assert 'aria-current="page">Cases</a>' in html
