"""Units: create, edit, publish, withdraw; photos added and removed.

Each function takes the session and the acting account, checks the rules, flushes,
never commits, and writes one audit event. The same checks (:func:`check_unit`) run
for the form and for every row of a CSV import, so both refuse the same things with
the same words.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from dataclasses import dataclass

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.accounts.models import Account
from portal.audit.services import record
from portal.errors import DomainError, NotAllowed
from portal.i18n.formatting import kroner
from portal.landlords.models import LandlordOrganisation
from portal.municipalities.models import Municipality
from portal.offers.locking import lock_unit
from portal.offers.models import OPEN_OFFER_STATUSES, Offer
from portal.storage import Storage
from portal.units import policy
from portal.units.models import HousingKind, Unit, UnitPhoto, UnitStatus
from portal.units.photos import ProcessedPhoto
from portal.units.postcodes import lookup


class UnitError(DomainError):
    """A unit rule said no; ``field`` names the form field it belongs beside."""

    def __init__(self, message: LazyString | str, field: str | None = None, **params: object):
        super().__init__(message, **params)
        self.field = field


@dataclass
class UnitData:
    """What a landlord writes about a unit (the form and the CSV import fill it)."""

    street: str
    number: str
    postcode: str
    housing_kind: HousingKind
    rooms: int
    area_m2: int
    rent: int
    available_from: dt.date
    floor: int | None = None
    door: str | None = None
    stairwell: str | None = None
    utilities_on_account: int = 0
    deposit: int = 0
    prepaid_rent: int = 0
    own_kitchen: bool = True
    single_room: bool = False
    step_free: bool = False
    lift: bool = False
    wheelchair: bool = False
    description: str | None = None


def check_unit(session: Session, data: UnitData) -> dict[str, LazyString | str]:
    """The rules a unit's data must meet, as field → message (empty when all is well)."""
    errors: dict[str, LazyString | str] = {}
    if data.rent <= 0:
        errors["rent"] = _l("Write the rent per month in kroner.")
    if data.rooms < 1:
        errors["rooms"] = _l("A home has at least one room.")
    if data.area_m2 < 1:
        errors["area_m2"] = _l("Write the size of the home in square metres.")
    if data.utilities_on_account < 0:
        errors["utilities_on_account"] = _l("The amount cannot be negative.")
    if data.rent > 0:
        if not policy.within_three_months(data.deposit, data.rent):
            errors["deposit"] = _l(
                "The deposit can be at most three months' rent, that is %(max)s."
            ) % {"max": kroner(policy.MAX_MONTHS_DEPOSIT * data.rent)}
        if not policy.within_three_months(data.prepaid_rent, data.rent):
            errors["prepaid_rent"] = _l(
                "Prepaid rent can be at most three months' rent, that is %(max)s."
            ) % {"max": kroner(policy.MAX_MONTHS_DEPOSIT * data.rent)}
    if data.floor is not None and not -1 <= data.floor <= 99:
        errors["floor"] = _l("Write the floor as a number: 0 for the ground floor.")
    place = lookup(data.postcode)
    if place is None:
        errors["postcode"] = _l("We do not know this postcode. Write the four digits.")
    elif _municipality(session, place.kommunekode) is None:
        errors["postcode"] = _l("Boligbro does not work in the municipality of this postcode yet.")
    return errors


def _municipality(session: Session, code: str) -> Municipality | None:
    return session.scalars(select(Municipality).where(Municipality.code == code)).first()


def _check(session: Session, data: UnitData) -> Municipality:
    errors = check_unit(session, data)
    if errors:
        field, message = next(iter(errors.items()))
        raise UnitError(message, field=field)
    place = lookup(data.postcode)
    assert place is not None  # noqa: S101 - check_unit refused an unknown postcode
    municipality = _municipality(session, place.kommunekode)
    assert municipality is not None  # noqa: S101 - and one outside the network
    return municipality


def _apply(unit: Unit, data: UnitData, municipality: Municipality) -> None:
    place = lookup(data.postcode)
    assert place is not None  # noqa: S101
    for field in dataclasses.fields(data):
        if field.name != "stairwell":
            setattr(unit, field.name, getattr(data, field.name))
    unit.postcode = place.postcode
    unit.city = place.city
    unit.municipality_id = municipality.id
    unit.description = (data.description or "").strip() or None
    stair = (data.stairwell or "").strip()
    # Units with the same key share a stairwell: that is how clusters are seen.
    unit.building_key = " ".join(
        part for part in (f"{data.street} {data.number}", stair, place.postcode) if part
    ).lower()[:100]


def unit_data(unit: Unit) -> UnitData:
    """The data of a unit, to fill its edit form."""
    values = {
        f.name: getattr(unit, f.name) for f in dataclasses.fields(UnitData) if f.name != "stairwell"
    }
    return UnitData(**values)


def in_open_offer(session: Session, unit_id: int) -> bool:
    count = session.scalar(
        select(func.count(Offer.id)).where(
            Offer.unit_id == unit_id, Offer.status.in_(OPEN_OFFER_STATUSES)
        )
    )
    return bool(count)


def _require_org(org_ids: set[int], unit: Unit) -> None:
    if unit.organisation_id not in org_ids:
        raise NotAllowed(_l("You cannot change this unit."))


def create_unit(
    session: Session, actor: Account, organisation: LandlordOrganisation, data: UnitData
) -> Unit:
    """A new unit of ``organisation``, as a draft until it is published."""
    municipality = _check(session, data)
    unit = Unit(organisation_id=organisation.id, status=UnitStatus.DRAFT)
    _apply(unit, data, municipality)
    session.add(unit)
    session.flush()
    record(session, actor, "unit.create", "unit", unit.id, organisation_id=organisation.id)
    return unit


def update_unit(
    session: Session, actor: Account, org_ids: set[int], unit: Unit, data: UnitData
) -> Unit:
    """Change a unit. Its rent and terms cannot change while it is in an open offer."""
    _require_org(org_ids, unit)
    municipality = _check(session, data)
    unit = lock_unit(session, unit.id)
    changed = [name for name in policy.TERMS_FIELDS if getattr(unit, name) != getattr(data, name)]
    if changed and not policy.may_change_terms(in_open_offer(session, unit.id)):
        raise UnitError(
            _l(
                "This home is offered to a citizen right now, so its rent and terms cannot "
                "change. You can change them when the offer has ended."
            ),
            field=changed[0],
        )
    _apply(unit, data, municipality)
    session.flush()
    record(session, actor, "unit.update", "unit", unit.id, terms_changed=changed)
    return unit


def publish_unit(session: Session, actor: Account, org_ids: set[int], unit: Unit) -> Unit:
    """Make a draft or withdrawn unit available for the municipality to match."""
    _require_org(org_ids, unit)
    unit = lock_unit(session, unit.id)
    if not policy.may_publish(unit):
        raise UnitError(_l("Only a draft or withdrawn home can be published."))
    unit.status = UnitStatus.AVAILABLE
    session.flush()
    record(session, actor, "unit.publish", "unit", unit.id)
    return unit


def withdraw_unit(session: Session, actor: Account, org_ids: set[int], unit: Unit) -> Unit:
    """Take a free unit off the list; an offered or let unit cannot be withdrawn."""
    _require_org(org_ids, unit)
    unit = lock_unit(session, unit.id)
    if not policy.may_withdraw(unit):
        raise UnitError(
            _l("This home is offered to or let to a citizen, so it cannot be withdrawn.")
        )
    unit.status = UnitStatus.WITHDRAWN
    session.flush()
    record(session, actor, "unit.withdraw", "unit", unit.id)
    return unit


# -- photos ----------------------------------------------------------------------------


def add_photo(
    session: Session,
    actor: Account,
    org_ids: set[int],
    unit: Unit,
    photo: ProcessedPhoto,
    store: Storage,
    alt_text: str | None = None,
) -> UnitPhoto:
    """Store a checked, re-encoded photo under opaque keys and attach it to the unit."""
    _require_org(org_ids, unit)
    count = session.scalar(select(func.count(UnitPhoto.id)).where(UnitPhoto.unit_id == unit.id))
    if (count or 0) >= policy.MAX_PHOTOS:
        raise UnitError(
            _l("A home can have at most %(max)s photos. Delete one first."),
            field="photo",
            max=policy.MAX_PHOTOS,
        )
    # Opaque keys: nothing of the user's file name, and not the unit's id either.
    token = uuid.uuid4().hex
    key, thumb = f"units/{token}.jpg", f"units/{token}-thumb.jpg"
    store.put(key, photo.image)
    try:
        store.put(thumb, photo.thumbnail)
        row = UnitPhoto(
            unit_id=unit.id,
            storage_key=key,
            thumbnail_key=thumb,
            content_type=photo.content_type,
            width=photo.width,
            height=photo.height,
            position=(count or 0),
            alt_text=(alt_text or "").strip()[:300] or None,
        )
        session.add(row)
        session.flush()
    except BaseException:
        store.delete(key)
        store.delete(thumb)
        raise
    record(session, actor, "unit.photo_add", "unit", unit.id, photo_id=row.id)
    return row


def delete_photo(
    session: Session, actor: Account, org_ids: set[int], photo: UnitPhoto, store: Storage
) -> None:
    """Remove a photo and its files."""
    _require_org(org_ids, photo.unit)
    unit_id, photo_id = photo.unit_id, photo.id
    keys = (photo.storage_key, photo.thumbnail_key)
    session.delete(photo)
    session.flush()
    for key in keys:
        store.delete(key)
    record(session, actor, "unit.photo_delete", "unit", unit_id, photo_id=photo_id)
