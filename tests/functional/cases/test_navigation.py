"""The staff menu links Matching and Leases only when those pages exist."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.functional.cases.conftest import World


def test_the_menu_links_the_pages_that_exist(
    app: Flask, world: World, as_caseworker: FlaskClient
) -> None:
    html = as_caseworker.get("/staff/?lang=en").get_data(as_text=True)
    assert 'href="/staff/cases/"' in html
    assert 'aria-current="page">Work list</a>' in html
    for endpoint, label in (("matching.index", "Matching"), ("staff_leases.index", "Leases")):
        assert (f">{label}</a>" in html) == (endpoint in app.view_functions)


def test_a_page_not_built_yet_is_not_linked(
    app: Flask, world: World, as_caseworker: FlaskClient
) -> None:
    app.view_functions.pop("matching.index", None)
    app.view_functions.pop("staff_leases.index", None)
    html = as_caseworker.get(f"/staff/cases/{world.case.id}?lang=en").get_data(as_text=True)
    assert ">Matching</a>" not in html and ">Leases</a>" not in html
    assert 'aria-current="page">Cases</a>' in html
