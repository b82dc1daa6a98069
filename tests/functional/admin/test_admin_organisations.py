"""Landlords asking to join: seen, approved or refused with a reason; suspended and
given access again. The asker sees the answer at the next login."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from portal.accounts.models import Account
from portal.landlords.models import LandlordOrganisation, OrganisationKind, OrganisationStatus
from tests import factories as f


def _request(db: Session, kind: OrganisationKind = OrganisationKind.PRIVATE) -> Any:
    org = f.landlord_org(db, kind, status=OrganisationStatus.PENDING, name="Lejebolig Vest ApS")
    asker = f.landlord_member(db, org)
    db.commit()
    return org, asker


def _landlord_page(
    client: FlaskClient, sign_in: Callable[..., None], asker: Account, org: LandlordOrganisation
) -> str:
    sign_in(client, asker, landlord_org_id=org.id, landlord_cvrs=[org.cvr])
    return client.get("/landlord/").text


def test_the_request_shows_cvr_name_kind_and_who_asked(
    db: Session, admin_client: Callable[[Account], FlaskClient], cast: Any
) -> None:
    org, asker = _request(db)
    client = admin_client(cast.north_admin)
    listing = client.get("/admin/organisations/")
    assert org.cvr in listing.text and "Lejebolig Vest ApS" in listing.text
    page = client.get(f"/admin/organisations/{org.id}")
    assert org.cvr in page.text
    assert "Private landlord" in page.text
    assert asker.display_name in page.text


def test_approve_lets_the_landlord_in(
    db: Session,
    admin_client: Callable[[Account], FlaskClient],
    csrf: Callable[[FlaskClient, str], str],
    sign_in: Callable[..., None],
    cast: Any,
) -> None:
    org, asker = _request(db)
    client = admin_client(cast.north_admin)
    token = csrf(client, f"/admin/organisations/{org.id}")
    done = client.post(f"/admin/organisations/{org.id}/approve", data={"csrf_token": token})
    assert done.status_code == 303
    db.refresh(org)
    assert org.status == OrganisationStatus.ACTIVE
    assert f.audit_actions(db, object_id=org.id, object_type="landlord_organisation")[-1] == (
        "organisation.approved"
    )
    assert 'data-organisation-status="pending"' not in _landlord_page(client, sign_in, asker, org)


def test_refuse_needs_a_reason_and_the_landlord_sees_the_answer(
    db: Session,
    admin_client: Callable[[Account], FlaskClient],
    csrf: Callable[[FlaskClient, str], str],
    sign_in: Callable[..., None],
    cast: Any,
    state: Callable[[], dict[str, Any]],
) -> None:
    org, asker = _request(db)
    client = admin_client(cast.north_admin)
    token = csrf(client, f"/admin/organisations/{org.id}")
    before = state()
    empty = client.post(
        f"/admin/organisations/{org.id}/refuse", data={"csrf_token": token, "refuse-reason": " "}
    )
    assert empty.status_code == 200
    assert "Write the reason." in empty.text
    assert state() == before
    done = client.post(
        f"/admin/organisations/{org.id}/refuse",
        data={"csrf_token": token, "refuse-reason": "Vi kender ikke selskabet."},
    )
    assert done.status_code == 303
    db.refresh(org)
    assert (org.status, org.status_reason) == (
        OrganisationStatus.REFUSED,
        "Vi kender ikke selskabet.",
    )
    page = _landlord_page(client, sign_in, asker, org)
    assert 'data-organisation-status="refused"' in page
    # The landlord reads the administrator's reason, not only that access is refused.
    assert "Vi kender ikke selskabet." in page


def test_suspend_and_reinstate(
    db: Session,
    admin_client: Callable[[Account], FlaskClient],
    csrf: Callable[[FlaskClient, str], str],
    cast: Any,
) -> None:
    org = f.landlord_org(db)
    db.commit()
    client = admin_client(cast.network_admin)
    token = csrf(client, f"/admin/organisations/{org.id}")
    assert (
        client.post(
            f"/admin/organisations/{org.id}/suspend",
            data={"csrf_token": token, "suspend-reason": "Klager over udlejer."},
        ).status_code
        == 303
    )
    db.refresh(org)
    assert org.status == OrganisationStatus.SUSPENDED
    # Approving an organisation that is not waiting is refused, nothing changes.
    assert (
        client.post(f"/admin/organisations/{org.id}/approve", data={"csrf_token": token})
    ).status_code == 409
    assert (
        client.post(f"/admin/organisations/{org.id}/reinstate", data={"csrf_token": token})
    ).status_code == 303
    db.refresh(org)
    assert (org.status, org.status_reason) == (OrganisationStatus.ACTIVE, None)
    assert f.audit_actions(db, object_id=org.id, object_type="landlord_organisation")[-2:] == [
        "organisation.suspended",
        "organisation.reinstated",
    ]


def test_a_municipal_housing_department_is_tied_to_its_municipality_when_approved(
    db: Session,
    admin_client: Callable[[Account], FlaskClient],
    csrf: Callable[[FlaskClient, str], str],
    cast: Any,
    state: Callable[[], dict[str, Any]],
) -> None:
    org, _asker = _request(db, OrganisationKind.MUNICIPAL)
    # A municipality's administrator does not see it: it is not yet anyone's.
    assert admin_client(cast.north_admin).get(f"/admin/organisations/{org.id}").status_code == 404
    client = admin_client(cast.network_admin)
    token = csrf(client, f"/admin/organisations/{org.id}")
    before = state()
    missing = client.post(f"/admin/organisations/{org.id}/approve", data={"csrf_token": token})
    assert "Choose the municipality this housing department belongs to." in missing.text
    assert state() == before
    done = client.post(
        f"/admin/organisations/{org.id}/approve",
        data={"csrf_token": token, "municipality": str(cast.south.id)},
    )
    assert done.status_code == 303
    db.refresh(org)
    assert (org.status, org.municipality_id) == (OrganisationStatus.ACTIVE, cast.south.id)


def test_suspend_needs_a_reason(
    db: Session,
    admin_client: Callable[[Account], FlaskClient],
    csrf: Callable[[FlaskClient, str], str],
    cast: Any,
    state: Callable[[], dict[str, Any]],
) -> None:
    org = f.landlord_org(db)
    db.commit()
    client = admin_client(cast.north_admin)
    token = csrf(client, f"/admin/organisations/{org.id}")
    before = state()
    page = client.post(
        f"/admin/organisations/{org.id}/suspend",
        data={"csrf_token": token, "suspend-reason": "x" * 1001},
    )
    assert 'class="form-error-message"' in page.text
    assert "x" * 1001 in page.text  # what was typed is kept
    assert state() == before
