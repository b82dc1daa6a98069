"""The lease screens refuse what the law refuses, and keep the citizen's data in scope."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import func, select

from portal.cases.models import CaseStatus
from portal.leases import services as leases
from portal.leases.models import (
    AlternativeOfferKind,
    BreachKind,
    LeaseEvent,
    LeaseEventKind,
    LeaseStatus,
    NoticeReason,
)
from portal.outcomes.models import Relapse
from portal.units.models import UnitStatus
from tests import factories as f
from tests.functional.matching.helpers import post

TODAY = dt.date.today()
SCREENSHOTS = Path("build/screenshots")


@pytest.fixture
def s(db):
    scene = f.scene(db)
    db.commit()
    return scene


def _lease(db, s, basis=None, **fields):
    s.unit.status = UnitStatus.LET
    s.case.status = CaseStatus.HOUSED
    lease = f.raw_lease(db, s.case, basis or s.basis, unit=s.unit, **fields)
    db.commit()
    return lease


def _notices(db, lease) -> int:
    return (
        db.scalar(
            select(func.count(LeaseEvent.id)).where(
                LeaseEvent.lease_id == lease.id, LeaseEvent.kind == LeaseEventKind.NOTICE_GIVEN
            )
        )
        or 0
    )


def test_notice_without_an_alternative_offer_is_refused(db, client, sign_in, s) -> None:
    lease = _lease(db, s)
    sign_in(client, s.caseworker)
    url = f"/staff/leases/{lease.id}/notice"
    answers = {"reason": "declines_support", "notice_date": TODAY.isoformat()}
    for step in ("alternative", "confirm"):  # also when the hidden answers are tampered with
        r = post(client, url, url, step=step, **answers)
        assert r.status_code == 400
        assert "Notice can only be given with another relevant offer" in r.get_data(as_text=True)
    assert _notices(db, lease) == 0
    db.refresh(lease)
    assert lease.status == LeaseStatus.ACTIVE


def test_arrears_need_a_run_out_payment_demand(db, client, sign_in, s) -> None:
    lease = _lease(db, s)
    breach = leases.report_breach(
        db,
        s.caseworker,
        lease,
        BreachKind.ARREARS,
        TODAY,
        arrears_amount=9000,
        arrears_due_on=TODAY,
    )
    db.commit()
    sign_in(client, s.caseworker)
    url = f"/staff/leases/{lease.id}/notice"
    answers = {
        "reason": "breach",
        "breach_id": breach.id,
        "alternative_offer": "supported_housing",
        "notice_date": TODAY.isoformat(),
    }
    r = post(client, url, url, step="dates", **answers)
    assert "No payment demand has been sent" in r.get_data(as_text=True)
    r = post(client, url, url, step="confirm", **answers)
    assert r.status_code == 409
    assert "payment demand must be sent" in r.get_data(as_text=True)
    assert _notices(db, lease) == 0


def test_an_extension_past_the_limit_is_refused_and_warned(db, client, sign_in, s) -> None:
    inclusion = f.inclusion_basis(db)
    start = leases.add_months(TODAY, -22)
    lease = _lease(db, s, inclusion, start_date=start, planned_end=leases.add_months(start, 23))
    sign_in(client, s.caseworker)
    url = f"/staff/leases/{lease.id}"
    html = client.get(url).get_data(as_text=True)
    assert "lets this lease run until" in html  # warned ahead of the limit
    too_late = leases.add_months(start, 30)
    r = post(client, url, f"{url}/extend", "extend", new_planned_end=too_late.isoformat())
    assert r.status_code == 409
    assert "at the latest" in r.get_data(as_text=True)
    db.refresh(lease)
    assert lease.planned_end == leases.add_months(start, 23)
    r = post(
        client,
        url,
        f"{url}/extend",
        "extend",
        new_planned_end=leases.add_months(start, 24).isoformat(),
    )
    assert r.status_code == 303


def test_take_over_and_a_relapse_back_in_the_queue(db, client, sign_in, s) -> None:
    lease = _lease(db, s)
    dest = f.destination(db, code="took_over")
    db.commit()
    sign_in(client, s.caseworker)
    url = f"/staff/leases/{lease.id}"
    r = post(
        client,
        url,
        f"{url}/take-over",
        "take_over",
        ended_on=TODAY.isoformat(),
        destination=dest.id,
    )
    assert r.status_code == 303, r.get_data(as_text=True)
    db.refresh(lease)
    assert lease.status == LeaseStatus.TAKEN_OVER
    r = post(
        client,
        url,
        f"{url}/relapse",
        "relapse",
        occurred_on=TODAY.isoformat(),
        cause="health",
        action="Indlagt; tilbage til bomiljø",
    )
    assert r.status_code == 303, r.get_data(as_text=True)
    db.refresh(s.case)
    assert s.case.status == CaseStatus.WAITING
    assert db.scalar(select(func.count(Relapse.id))) == 1


def test_bad_input_keeps_what_was_typed(db, client, sign_in, s) -> None:
    lease = _lease(db, s)
    sign_in(client, s.caseworker)
    url = f"/staff/leases/{lease.id}"
    r = post(client, url, f"{url}/relapse", "relapse", occurred_on="", cause="health", action="x")
    assert r.status_code == 400
    assert "form-error" in r.get_data(as_text=True)
    assert db.scalar(select(func.count(Relapse.id))) == 0


def test_another_municipalitys_lease_is_not_found(db, client, sign_in, s) -> None:
    lease = _lease(db, s)
    stranger = f.caseworker(db, f.municipality(db))
    db.commit()
    sign_in(client, stranger)
    for path in ("", "/notice"):
        assert client.get(f"/staff/leases/{lease.id}{path}").status_code == 404
    assert s.case.name not in client.get("/staff/leases/").get_data(as_text=True)
    r = post(
        client,
        "/staff/leases/",
        f"/staff/leases/{lease.id}/extend",
        "extend",
        new_planned_end="2030-01-01",
    )
    assert r.status_code == 404


@pytest.mark.parametrize(("language", "name"), [("ar", "سارة أحمد"), ("ti", "ሰላም ተስፋይ")])
def test_the_letter_in_arabic_and_tigrinya(db, client, sign_in, s, language, name) -> None:
    s.case.language = language
    s.case.name = name
    lease = _lease(db, s)
    notice = leases.give_notice(
        db,
        s.caseworker,
        lease,
        reason=NoticeReason.PURPOSE_REACHED,
        notice_date=TODAY,
        alternative_offer=AlternativeOfferKind.ORDINARY_HOME,
    )
    db.commit()
    sign_in(client, s.caseworker)
    pdf = client.get(f"/staff/leases/{lease.id}/notice/{notice.id}/letter.pdf")
    assert pdf.status_code == 200
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf.data, capture_output=True, check=True
    ).stdout.decode()
    assert name.split()[0] in text or name.split()[0][::-1] in text
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # The translation is page 2: a picture of it, checked by eye (build/screenshots).
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "2",
            "-l",
            "2",
            "-",
            str(SCREENSHOTS / f"notice-{language}"),
        ],
        input=pdf.data,
        check=True,
    )


def test_arrears_notice_after_the_payment_demand_ran_out(db, client, sign_in, s) -> None:
    lease = _lease(db, s)
    owed_on = TODAY - dt.timedelta(days=30)
    breach = leases.report_breach(
        db, s.caseworker, lease, BreachKind.ARREARS, owed_on, arrears_amount=9000,
        arrears_due_on=owed_on,
    )  # fmt: skip
    db.commit()
    sign_in(client, s.caseworker)
    url = f"/staff/leases/{lease.id}"
    sent = TODAY - dt.timedelta(days=20)
    r = post(
        client, url, f"{url}/payment-demand", "demand", breach_id=breach.id,
        sent_on=sent.isoformat(),
    )  # fmt: skip
    assert r.status_code == 303, r.get_data(as_text=True)
    notice_url = f"{url}/notice"
    answers = {
        "reason": "breach",
        "breach_id": breach.id,
        "alternative_offer": "supported_housing",
        "notice_date": TODAY.isoformat(),
    }
    r = post(client, notice_url, notice_url, step="confirm", **answers)
    assert r.status_code == 303, r.get_data(as_text=True)
    assert _notices(db, lease) == 1
