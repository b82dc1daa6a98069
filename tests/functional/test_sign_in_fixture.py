"""The ``sign_in`` fixture leaves the same session a real login does."""

from collections.abc import Callable

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests import factories


def test_a_signed_in_caseworker_reaches_only_the_staff_area(
    db: Session, client: FlaskClient, sign_in: Callable[..., None]
) -> None:
    municipality = factories.municipality(db)
    account = factories.caseworker(db, municipality, display_name="Karen Holm")
    db.commit()
    assert client.get("/staff/").status_code == 401
    sign_in(client, account)
    response = client.get("/staff/?lang=en")
    assert response.status_code == 200
    assert "Karen Holm" in response.get_data(as_text=True)
    assert client.get("/citizen/").status_code == 403
