"""The landlord's pages in Chromium, at phone and desktop size, in Danish and English
(and Arabic for the unit pages): axe finds nothing, and screenshots are kept to look at."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.config import Settings
from portal.db import make_engine
from portal.landlords import services
from portal.landlords.models import LandlordOrganisation
from portal.leases.models import Lease
from portal.units.models import Unit, UnitPhoto
from tests.browser.conftest import assert_no_axe_violations, log_in

pytestmark = pytest.mark.browser

LANDLORD = "landlord-aabo-1"  # Boligforeningen Åbo, Aarhus
CVR = "29481736"
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def ids(live_settings: Settings) -> Iterator[dict[str, int]]:
    engine = make_engine(live_settings.database_url)
    with Session(engine) as db:
        org = db.scalars(select(LandlordOrganisation).where(LandlordOrganisation.cvr == CVR)).one()
        unit = db.scalars(
            select(Unit).join(UnitPhoto).where(Unit.organisation_id == org.id).order_by(Unit.id)
        ).first()
        offer = db.scalars(services.landlord_offers(org.id)).first()
        lease = db.scalars(select(Lease).where(Lease.organisation_id == org.id)).first()
        assert unit is not None and offer is not None and lease is not None
        found = {"unit": unit.id, "offer": offer.id, "lease": lease.id}
    engine.dispose()
    yield found


def unit_pages(ids: dict[str, int]) -> list[tuple[str, str]]:
    return [
        ("units", "/landlord/units/"),
        ("unit", f"/landlord/units/{ids['unit']}"),
        ("unit-edit", f"/landlord/units/{ids['unit']}/edit"),
        ("unit-new", "/landlord/units/new"),
        ("import", "/landlord/units/import"),
    ]


def all_pages(ids: dict[str, int]) -> list[tuple[str, str]]:
    return [
        ("start", "/landlord/"),
        *unit_pages(ids),
        ("tenants", "/landlord/tenants"),
        ("tenant", f"/landlord/tenants/{ids['offer']}"),
        ("leases", "/landlord/leases"),
        ("lease", f"/landlord/leases/{ids['lease']}"),
        ("organisation", "/landlord/organisation"),
    ]


@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize("lang", ["da", "en", "ar"])
def test_every_landlord_page_passes_axe(
    page: Page, base_url: str, screenshots: Path, ids: dict[str, int], lang: str, size: str
) -> None:
    if size == "desktop":
        page.set_viewport_size(DESKTOP)
    log_in(page, base_url, "landlord", LANDLORD)
    expect(page).to_have_url(f"{base_url}/landlord/")
    pages = unit_pages(ids) if lang == "ar" else all_pages(ids)
    for name, path in pages:
        page.goto(f"{base_url}{path}?lang={lang}")
        expect(page.locator("h1")).to_be_visible()
        expect(page.locator("nav.landlord-nav a[aria-current='page']")).to_have_count(
            0 if name == "start" else 1
        )
        assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
        # Nothing wider than the screen on a phone.
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= page.viewport_size["width"] + 1, (name, width)  # type: ignore[index]
        assert_no_axe_violations(page)
        page.screenshot(
            path=str(screenshots / f"landlord-{name}-{lang}-{size}.png"), full_page=True
        )


def test_a_refused_deposit_and_a_photo_upload(
    page: Page, base_url: str, screenshots: Path, ids: dict[str, int], tmp_path: Path
) -> None:
    log_in(page, base_url, "landlord", LANDLORD)
    page.goto(f"{base_url}/landlord/units/new?lang=en")
    page.get_by_label("Street").fill("Jægergårdsgade")
    page.get_by_label("House number").fill("118")
    page.get_by_label("Postcode").fill("8000")
    page.get_by_label("Rooms").fill("2")
    page.get_by_label("Size in m²").fill("61")
    page.get_by_label("Rent per month (kr.)").fill("5000")
    page.get_by_label("Deposit (kr., optional)").fill("20000")
    page.get_by_label("Available from").fill("2026-09-01")
    page.get_by_role("button", name="Save as a draft").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("The deposit can be at most three months")
    expect(page.get_by_label("Street")).to_have_value("Jægergårdsgade")
    assert_no_axe_violations(page)
    page.screenshot(
        path=str(screenshots / "landlord-unit-deposit-error-en-phone.png"), full_page=True
    )

    page.get_by_label("Deposit (kr., optional)").fill("10000")
    page.get_by_role("button", name="Save as a draft").click()
    expect(page.locator(".alert-success")).to_contain_text("saved as a draft")

    photo = tmp_path / "stue.png"
    Image.new("RGB", (1200, 800), (180, 200, 220)).save(photo)
    page.get_by_label("Photo", exact=True).set_input_files(str(photo))
    page.get_by_role("button", name="Upload the photo").click()
    expect(page.locator(".landlord-photos img")).to_have_count(1)

    bad = tmp_path / "not-a-photo.jpg"
    bad.write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    page.get_by_label("Photo", exact=True).set_input_files(str(bad))
    page.get_by_role("button", name="Upload the photo").click()
    expect(page.locator("[data-photo-error]")).to_contain_text("not a photo we can use")
    expect(page.locator(".landlord-photos img")).to_have_count(1)
    assert_no_axe_violations(page)
    page.screenshot(
        path=str(screenshots / "landlord-unit-photo-error-en-phone.png"), full_page=True
    )
