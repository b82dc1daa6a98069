"""Units that landlords list, and their photos."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base, UTCDateTime, enum_type, utcnow
from portal.landlords.models import LandlordOrganisation
from portal.municipalities.models import Municipality


class HousingKind(enum.StrEnum):
    FAMILY = "family"  # almen familiebolig
    YOUTH = "youth"  # ungdomsbolig
    SUPPORTED = "supported"  # bomiljø, ABL § 105
    PRIVATE = "private"
    MUNICIPAL = "municipal"


class UnitStatus(enum.StrEnum):
    DRAFT = "draft"
    AVAILABLE = "available"
    OFFERED = "offered"
    LET = "let"
    WITHDRAWN = "withdrawn"


class Unit(Base):
    __tablename__ = "unit"
    __table_args__ = (
        CheckConstraint("rent > 0", name="rent_positive"),
        CheckConstraint("rooms >= 1", name="rooms_positive"),
        CheckConstraint("deposit >= 0 AND deposit <= 3 * rent", name="deposit_max_three_months"),
        CheckConstraint(
            "prepaid_rent >= 0 AND prepaid_rent <= 3 * rent", name="prepaid_max_three_months"
        ),
        CheckConstraint("length(postcode) = 4", name="postcode_four_digits"),
        Index("ix_unit_municipality_status", "municipality_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("landlord_organisation.id"), index=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"))
    street: Mapped[str] = mapped_column(String(200))
    number: Mapped[str] = mapped_column(String(10))
    floor: Mapped[int | None] = mapped_column(Integer)  # 0 = ground floor (stuen)
    door: Mapped[str | None] = mapped_column(String(10))
    postcode: Mapped[str] = mapped_column(String(4), index=True)
    city: Mapped[str] = mapped_column(String(100))
    # Street, number and stairwell: units with the same key share a stairwell, which is
    # how clustering and spreading are seen.
    building_key: Mapped[str] = mapped_column(String(100), index=True)
    housing_kind: Mapped[HousingKind] = mapped_column(enum_type(HousingKind))
    rooms: Mapped[int] = mapped_column(Integer)
    area_m2: Mapped[int] = mapped_column(Integer)
    rent: Mapped[int] = mapped_column(Integer)  # kroner per month
    utilities_on_account: Mapped[int] = mapped_column(Integer, default=0)  # aconto, kr/month
    deposit: Mapped[int] = mapped_column(Integer, default=0)
    prepaid_rent: Mapped[int] = mapped_column(Integer, default=0)
    own_kitchen: Mapped[bool] = mapped_column(Boolean, default=True)
    single_room: Mapped[bool] = mapped_column(Boolean, default=False)  # a room, not a flat
    step_free: Mapped[bool] = mapped_column(Boolean, default=False)
    lift: Mapped[bool] = mapped_column(Boolean, default=False)
    wheelchair: Mapped[bool] = mapped_column(Boolean, default=False)
    available_from: Mapped[dt.date] = mapped_column(Date)
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[UnitStatus] = mapped_column(enum_type(UnitStatus), default=UnitStatus.DRAFT)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    organisation: Mapped[LandlordOrganisation] = relationship()
    municipality: Mapped[Municipality] = relationship()
    photos: Mapped[list[UnitPhoto]] = relationship(
        back_populates="unit", cascade="all, delete-orphan", order_by="UnitPhoto.position"
    )

    @property
    def gets_housing_benefit(self) -> bool:
        """A unit without its own kitchen, or a single room, gets no housing benefit."""
        return self.own_kitchen and not self.single_room

    @property
    def address_line(self) -> str:
        parts = [f"{self.street} {self.number}"]
        if self.floor is not None:
            parts.append("st." if self.floor == 0 else f"{self.floor}.")
        if self.door:
            parts.append(self.door)
        return ", ".join([" ".join(parts), f"{self.postcode} {self.city}"])


class UnitPhoto(Base):
    __tablename__ = "unit_photo"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    storage_key: Mapped[str] = mapped_column(String(200))
    thumbnail_key: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(50))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)
    alt_text: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    unit: Mapped[Unit] = relationship(back_populates="photos")
