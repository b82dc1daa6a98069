"""The case services' scope and audit rules, called directly."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from portal.accounts.models import Role
from portal.cases import services
from portal.cases.cpr import cpr_cipher
from portal.cases.models import HousingSituation
from portal.errors import NotAllowed
from portal.municipalities.models import TargetGroup
from tests import factories


def _data(**changes: object) -> services.CaseData:
    values: dict[str, object] = {
        "name": "Selam Haile",
        "citizen_group": 1,
        "housing_situation": HousingSituation.OTHER,
        "target_groups": [TargetGroup.REFUGEES],
    }
    values.update(changes)
    return services.CaseData(**values)  # type: ignore[arg-type]


def test_the_scope_is_the_caseworkers_municipality(db: Session) -> None:
    home, other = factories.municipality(db), factories.municipality(db)
    mine, theirs = factories.case(db, home), factories.case(db, other)
    caseworker = factories.caseworker(db, home)
    assert services.get_case(db, caseworker, mine.id) is mine
    assert services.get_case(db, caseworker, theirs.id) is None
    assert services.get_case(db, factories.network_admin(db), theirs.id) is theirs
    caseworker.active = False
    assert services.get_case(db, caseworker, mine.id) is None
    landlord = factories.account(db, Role.LANDLORD, municipality_id=home.id)
    assert services.get_case(db, landlord, mine.id) is None
    nowhere = factories.account(db, Role.CASEWORKER)
    assert services.get_case(db, nowhere, mine.id) is None


def test_find_by_cpr_stays_in_scope(db: Session) -> None:
    home, other = factories.municipality(db), factories.municipality(db)
    factories.case(db, other, cpr="010190-1234")
    caseworker = factories.caseworker(db, home)
    assert services.find_by_cpr(db, caseworker, cpr_cipher(), "010190-1234") is None
    found = services.find_by_cpr(db, factories.network_admin(db), cpr_cipher(), "0101901234")
    assert found is not None


def test_a_case_is_created_only_with_the_municipalitys_target_groups(db: Session) -> None:
    home = factories.municipality(db, target_groups=[TargetGroup.DISABILITY])
    caseworker = factories.caseworker(db, home)
    today = dt.date(2026, 3, 1)
    with pytest.raises(services.CaseFieldError) as refused:
        services.create_case(db, caseworker, home, "010190-1234", _data(), cpr_cipher(),
                             today=today)  # fmt: skip
    assert refused.value.field == "target_groups"
    with pytest.raises(services.CaseFieldError) as refused:
        services.create_case(
            db, caseworker, home, "010190-1234",
            _data(target_groups=[TargetGroup.DISABILITY], consent_share_with_landlord=True),
            cpr_cipher(), today=today,
        )  # fmt: skip
    assert refused.value.field == "consent_given_on"
    with pytest.raises(NotAllowed):
        services.create_case(db, factories.caseworker(db, factories.municipality(db)), home,
                             "010190-1234", _data(target_groups=[TargetGroup.DISABILITY]),
                             cpr_cipher(), today=today)  # fmt: skip
    case = services.create_case(db, caseworker, home, "010190-1234",
                                _data(target_groups=[TargetGroup.DISABILITY]), cpr_cipher(),
                                today=today)  # fmt: skip
    assert case.waiting_since == today
    assert factories.audit_actions(db, case_id=case.id) == ["case.create"]


def test_a_cpr_number_must_hold_a_real_date_of_birth(db: Session) -> None:
    home = factories.municipality(db)
    caseworker = factories.caseworker(db, home)
    for bad in ("300290-1234", "010190-123", "010199-4000x"):
        with pytest.raises(services.CaseFieldError) as refused:
            services.create_case(db, caseworker, home, bad, _data(), cpr_cipher(),
                                 today=dt.date(2026, 3, 1))  # fmt: skip
        assert refused.value.field == "cpr"
    # A serial starting with 4 and year 36 or less: born in the 2000s, here in the future.
    with pytest.raises(services.CaseFieldError):
        services.create_case(db, caseworker, home, "010130-4000", _data(), cpr_cipher(),
                             today=dt.date(2026, 3, 1))  # fmt: skip


def test_reads_are_logged_with_a_known_purpose(db: Session) -> None:
    home = factories.municipality(db)
    case, caseworker = factories.case(db, home), factories.caseworker(db, home)
    services.record_read(db, caseworker, case, services.PURPOSE_CASE_WORK)
    db.flush()
    assert factories.audit_actions(db, case_id=case.id) == ["case.read"]
    with pytest.raises(ValueError, match="unknown read purpose"):
        services.record_read(db, caseworker, case, "curiosity")


def test_purpose_labels(app_ctx: None) -> None:
    assert services.purpose_label("case work") == "Case work"
    assert services.purpose_label("Sagsbehandling") == "Sagsbehandling"  # older free text
    assert services.purpose_label(None) == ""


def test_a_typed_wildcard_is_literal() -> None:
    assert services._escape_like("50%_a\\b") == "50\\%\\_a\\\\b"
