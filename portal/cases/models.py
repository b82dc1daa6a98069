"""The citizen's case: who they are, what they need, where they stand."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import Account
from portal.db import Base, UTCDateTime, enum_type, utcnow
from portal.municipalities.models import Municipality, TargetGroup


class CitizenGroup(enum.IntEnum):
    READY = 1  # ready for own home, none found
    TRANSITION = 2  # needs a transitional stay / bo-training first
    CLARIFICATION = 3  # support need not yet clarified


class HousingSituation(enum.StrEnum):
    SHELTER = "shelter"  # forsorgshjem / herberg, SL § 110
    RESIDENTIAL_CARE = "residential_care"  # botilbud
    SUPPORTED_HOUSING = "supported_housing"  # bomiljø, ABL § 105
    CARE_OF = "care_of"  # c/o family or friends
    OWN_HOME_AT_RISK = "own_home_at_risk"  # own home under threat of eviction
    STREET = "street"
    OTHER = "other"


class Placement(enum.StrEnum):
    CLUSTER = "cluster"
    SPREAD = "spread"
    NO_PREFERENCE = "no_preference"


class Occupation(enum.StrEnum):
    NONE = "none"
    EDUCATION = "education"
    WORK = "work"
    SUPPORTED_WORK = "supported_work"
    UNKNOWN = "unknown"


class CaseStatus(enum.StrEnum):
    WAITING = "waiting"  # in the queue for a home
    HOUSED = "housed"  # in a temporary home
    KEPT_IN_HOME = "kept_in_home"  # plan and support on the existing lease
    MOVED_ON = "moved_on"  # the temporary lease has ended
    CLOSED = "closed"


class Case(Base):
    __tablename__ = "case"
    __table_args__ = (
        CheckConstraint("adults >= 1", name="at_least_one_adult"),
        CheckConstraint("children >= 0", name="children_not_negative"),
        CheckConstraint("citizen_group in (1, 2, 3)", name="citizen_group_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"), unique=True)
    # The CPR number never leaves the database in clear: Fernet ciphertext plus an
    # HMAC-SHA256 keyed hash to find the case at login and in search.
    cpr_ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    cpr_hash: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    phone: Mapped[str | None] = mapped_column(String(30))
    email: Mapped[str | None] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(5), default="da")
    adults: Mapped[int] = mapped_column(Integer, default=1)
    children: Mapped[int] = mapped_column(Integer, default=0)
    citizen_group: Mapped[int] = mapped_column(Integer)
    housing_situation: Mapped[HousingSituation] = mapped_column(enum_type(HousingSituation))
    # Refugees placed under the integration act may not get a time-limited lease on
    # a legal basis that does not allow it.
    integration_act_placement: Mapped[bool] = mapped_column(Boolean, default=False)
    intellectual_disability: Mapped[bool] = mapped_column(Boolean, default=False)
    health_note: Mapped[str | None] = mapped_column(Text)  # internal; never shown to landlords
    needs_step_free: Mapped[bool] = mapped_column(Boolean, default=False)
    needs_ground_floor: Mapped[bool] = mapped_column(Boolean, default=False)
    needs_wheelchair: Mapped[bool] = mapped_column(Boolean, default=False)
    min_rooms: Mapped[int] = mapped_column(Integer, default=1)
    yearly_income: Mapped[int] = mapped_column(Integer, default=0)  # household, kroner
    receives_pension: Mapped[bool] = mapped_column(Boolean, default=False)
    max_monthly_housing_cost: Mapped[int | None] = mapped_column(Integer)  # kroner
    rent_subsidy: Mapped[int] = mapped_column(Integer, default=0)  # huslejetilskud, kr/month
    rent_subsidy_until: Mapped[dt.date | None] = mapped_column(Date)
    placement: Mapped[Placement] = mapped_column(
        enum_type(Placement), default=Placement.NO_PREFERENCE
    )
    consent_share_with_landlord: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_given_on: Mapped[dt.date | None] = mapped_column(Date)
    caseworker_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"), index=True)
    occupation_at_start: Mapped[Occupation] = mapped_column(
        enum_type(Occupation, "occupation_at_start"), default=Occupation.UNKNOWN
    )
    occupation_at_end: Mapped[Occupation | None] = mapped_column(
        enum_type(Occupation, "occupation_at_end")
    )
    status: Mapped[CaseStatus] = mapped_column(
        enum_type(CaseStatus), default=CaseStatus.WAITING, index=True
    )
    waiting_since: Mapped[dt.date] = mapped_column(Date, default=dt.date.today)
    paused_until: Mapped[dt.date | None] = mapped_column(Date)
    needs_reassessment: Mapped[bool] = mapped_column(Boolean, default=False)
    # Kept in the current home: the existing lease's address and landlord.
    current_address: Mapped[str | None] = mapped_column(String(300))
    current_landlord: Mapped[str | None] = mapped_column(String(200))
    current_landlord_contact: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    municipality: Mapped[Municipality] = relationship()
    account: Mapped[Account | None] = relationship(foreign_keys=[account_id])
    caseworker: Mapped[Account | None] = relationship(foreign_keys=[caseworker_id])
    target_groups: Mapped[list[CaseTargetGroup]] = relationship(
        back_populates="case", cascade="all, delete-orphan"
    )
    wished_areas: Mapped[list[CaseWishedArea]] = relationship(
        back_populates="case", cascade="all, delete-orphan"
    )

    @property
    def household_size(self) -> int:
        return self.adults + self.children

    @property
    def target_group_set(self) -> set[TargetGroup]:
        return {tg.target_group for tg in self.target_groups}


class CaseTargetGroup(Base):
    __tablename__ = "case_target_group"

    case_id: Mapped[int] = mapped_column(
        ForeignKey("case.id", ondelete="CASCADE"), primary_key=True
    )
    target_group: Mapped[TargetGroup] = mapped_column(enum_type(TargetGroup), primary_key=True)

    case: Mapped[Case] = relationship(back_populates="target_groups")


class CaseWishedArea(Base):
    __tablename__ = "case_wished_area"

    case_id: Mapped[int] = mapped_column(
        ForeignKey("case.id", ondelete="CASCADE"), primary_key=True
    )
    postcode: Mapped[str] = mapped_column(String(4), primary_key=True)

    case: Mapped[Case] = relationship(back_populates="wished_areas")
