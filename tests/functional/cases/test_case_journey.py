"""A caseworker creates a case, finds it again and edits it; bad input changes nothing;
the CPR number is never in a URL."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.audit.models import AuditEvent
from portal.cases.cpr import cpr_cipher
from portal.cases.models import Case, CaseStatus, Placement
from portal.municipalities.models import TargetGroup
from tests import factories
from tests.functional.cases.conftest import World, csrf_token

NEW_CPR = "140391-1682"


def _form(token: str, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "csrf_token": token,
        "cpr": NEW_CPR,
        "name": "Ahmad Al-Hassan",
        "phone": "+45 20 11 30 03",
        "email": "",
        "language": "ar",
        "adults": "1",
        "children": "2",
        "target_groups": ["psychologically_vulnerable", "social_problems"],
        "citizen_group": "2",
        "housing_situation": "shelter",
        "intellectual_disability": "",
        "needs_step_free": "y",
        "min_rooms": "3",
        "yearly_income": "168000",
        "max_monthly_housing_cost": "5500",
        "rent_subsidy": "900",
        "placement": "spread",
        "wished_postcodes": "8000, 8200",
        "consent_share_with_landlord": "y",
        "consent_given_on": "2026-01-05",
        "caseworker_id": "",
        "occupation_at_start": "education",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def _no_cpr_anywhere(response: object, cpr: str = NEW_CPR) -> None:
    digits = cpr.replace("-", "")
    location = response.headers.get("Location", "")  # type: ignore[attr-defined]
    for form in (cpr, digits):
        assert form not in location
        assert form not in response.request.url  # type: ignore[attr-defined]


def test_create_a_case_then_edit_it(db: Session, world: World, as_caseworker: FlaskClient) -> None:
    client = as_caseworker
    token = csrf_token(client, "/staff/cases/new")
    data = _form(token, caseworker_id=str(world.colleague.id))
    response = client.post("/staff/cases/new", data=data)
    assert response.status_code == 303
    _no_cpr_anywhere(response)
    case = db.scalars(select(Case).where(Case.name == "Ahmad Al-Hassan")).one()
    assert case.municipality_id == world.home.id
    assert case.status == CaseStatus.WAITING
    assert case.cpr_hash == cpr_cipher().hash(NEW_CPR)
    assert NEW_CPR.encode() not in case.cpr_ciphertext
    assert case.target_group_set == {
        TargetGroup.PSYCHOLOGICALLY_VULNERABLE,
        TargetGroup.SOCIAL_PROBLEMS,
    }
    assert sorted(w.postcode for w in case.wished_areas) == ["8000", "8200"]
    assert (case.children, case.min_rooms, case.placement) == (2, 3, Placement.SPREAD)
    assert case.consent_share_with_landlord and case.consent_given_on.isoformat() == "2026-01-05"
    assert case.caseworker_id == world.colleague.id and case.needs_step_free
    assert response.headers["Location"].endswith(f"/staff/cases/{case.id}")

    page = client.get(f"/staff/cases/{case.id}?lang=en")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Ahmad Al-Hassan" in text and "Hassan Yilmaz" in text
    assert factories.audit_actions(db, case_id=case.id) == ["case.create", "case.read"]

    token = csrf_token(client, f"/staff/cases/{case.id}/edit")
    edited = _form(
        token, cpr="", name="Ahmad Al Hassan", needs_step_free="", needs_wheelchair="y",
        wished_postcodes="8210", target_groups=["disability"],
    )  # fmt: skip
    response = client.post(f"/staff/cases/{case.id}/edit", data=edited)
    assert response.status_code == 303
    db.expire_all()
    case = db.get(Case, case.id)
    assert case is not None
    assert case.name == "Ahmad Al Hassan" and case.needs_wheelchair and not case.needs_step_free
    assert case.target_group_set == {TargetGroup.DISABILITY}
    assert [w.postcode for w in case.wished_areas] == ["8210"]
    assert case.cpr_hash == cpr_cipher().hash(NEW_CPR)  # an empty CPR field keeps it
    update = db.scalars(
        select(AuditEvent).where(AuditEvent.case_id == case.id, AuditEvent.action == "case.update")
    ).one()
    assert set(update.details["fields"]) >= {"name", "needs_wheelchair", "target_groups"}
    assert "Ahmad" not in str(update.details)  # the audit names fields, never values


def test_a_duplicate_cpr_is_refused_with_a_clear_message(
    db: Session, world: World, as_caseworker: FlaskClient
) -> None:
    # The other municipality's citizen: refused, and nothing about that case is shown.
    token = csrf_token(as_caseworker, "/staff/cases/new?lang=en")
    before = db.scalar(select(func.count(Case.id)))
    response = as_caseworker.post(
        "/staff/cases/new?lang=en", data=_form(token, cpr=world.foreign_cpr)
    )
    text = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "A case with this CPR number already exists" in text
    assert "Mette Knudsen" not in text
    assert db.scalar(select(func.count(Case.id))) == before


def test_bad_input_keeps_what_was_typed_and_changes_nothing(
    db: Session, world: World, as_caseworker: FlaskClient
) -> None:
    before = db.scalar(select(func.count(Case.id)))
    events = db.scalar(select(func.count(AuditEvent.id)))
    token = csrf_token(as_caseworker, "/staff/cases/new?lang=en")
    bad = _form(
        token, cpr="310291-1234", name="Yonas Tekle", adults="0", wished_postcodes="80000",
        target_groups=["refugees"],
    )  # fmt: skip
    response = as_caseworker.post("/staff/cases/new?lang=en", data=bad)
    text = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "This CPR number does not hold a real date of birth." in text
    assert "Write each postcode as four digits" in text
    assert "Number must be between 1 and 20." in text
    assert 'value="Yonas Tekle"' in text and 'value="80000"' in text
    assert db.scalar(select(func.count(Case.id))) == before
    assert db.scalar(select(func.count(AuditEvent.id))) == events

    # A target group the municipality does not take part with (refugees, here).
    response = as_caseworker.post("/staff/cases/new?lang=en", data={**bad, "cpr": NEW_CPR,
                                  "adults": "1", "wished_postcodes": "8000"})  # fmt: skip
    assert response.status_code == 400
    assert "Choose only among the options shown." in response.get_data(as_text=True)
    assert db.scalar(select(func.count(Case.id))) == before


def test_an_edit_with_bad_input_changes_nothing(
    db: Session, world: World, as_caseworker: FlaskClient
) -> None:
    case_id = world.case.id
    token = csrf_token(as_caseworker, f"/staff/cases/{case_id}/edit?lang=en")
    response = as_caseworker.post(
        f"/staff/cases/{case_id}/edit?lang=en",
        data=_form(token, cpr=world.foreign_cpr, name="Changed Name"),
    )
    assert response.status_code == 400
    assert "A case with this CPR number already exists" in response.get_data(as_text=True)
    db.expire_all()
    case = db.get(Case, case_id)
    assert case is not None and case.name == "Mette Jensen"
    assert "case.update" not in factories.audit_actions(db, case_id=case_id)


def test_find_by_cpr_redirects_to_the_case_without_the_number_in_any_url(
    world: World, as_caseworker: FlaskClient
) -> None:
    cpr = cpr_cipher().decrypt(world.case.cpr_ciphertext)
    token = csrf_token(as_caseworker, "/staff/cases/")
    for typed in (cpr, cpr.replace("-", "")):
        response = as_caseworker.post("/staff/cases/find", data={"csrf_token": token, "cpr": typed})
        assert response.status_code == 303
        assert response.headers["Location"].endswith(f"/staff/cases/{world.case.id}")
        _no_cpr_anywhere(response, cpr)

    response = as_caseworker.post(
        "/staff/cases/find?lang=en", data={"csrf_token": token, "cpr": "010203-4"}
    )
    assert response.status_code == 400
    assert "Write the CPR number as 10 digits" in response.get_data(as_text=True)


def test_search_by_name_and_filters(db: Session, world: World, as_caseworker: FlaskClient) -> None:
    factories.case(db, world.home, name="Lars Nielsen", citizen_group=3,
                   target_groups=(TargetGroup.DISABILITY,), status=CaseStatus.HOUSED)  # fmt: skip
    db.commit()

    def names(query: str) -> str:
        response = as_caseworker.get("/staff/cases/?lang=en&" + query)
        assert response.status_code == 200
        return response.get_data(as_text=True)

    assert "Mette Jensen" in names("q=mette") and "Lars Nielsen" not in names("q=mette")
    assert "Lars Nielsen" in names("q=NIELS")
    assert "Mette Jensen" not in names("q=%25")  # a typed wildcard is taken literally
    assert "Lars Nielsen" in names("group=3") and "Mette Jensen" not in names("group=3")
    assert "Lars Nielsen" in names("target_group=disability")
    assert "Mette Jensen" not in names("target_group=disability")
    assert "Lars Nielsen" in names("status=housed") and "Mette Jensen" not in names("status=housed")
    mine = names(f"caseworker={world.caseworker.id}")
    assert "Mette Jensen" in mine and "Lars Nielsen" not in mine
    assert "Mette Jensen" in names("status=nonsense&group=9&page=x")  # ignored, never a 500


def test_a_network_administrator_chooses_the_municipality(
    db: Session, world: World, client: FlaskClient, sign_in: Callable[..., None]
) -> None:
    sign_in(client, factories.network_admin(db))
    token = csrf_token(client, "/staff/cases/new")
    data = _form(token, municipality_id=str(world.other.id), target_groups=["refugees"])
    response = client.post("/staff/cases/new", data=data)
    assert response.status_code == 303
    case = db.scalars(select(Case).where(Case.name == "Ahmad Al-Hassan")).one()
    assert case.municipality_id == world.other.id
