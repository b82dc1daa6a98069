"""Leases and their events."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import Account
from portal.cases.models import Case
from portal.db import Base, UTCDateTime, enum_type, utcnow
from portal.landlords.models import LandlordOrganisation
from portal.offers.models import Offer
from portal.rules.models import LegalBasis
from portal.units.models import Unit


class LeaseModel(enum.StrEnum):
    DIRECT = "direct"  # the citizen leases from the landlord
    SUBLET = "sublet"  # the municipality leases and sublets (fremleje)
    CURRENT_HOME = "current_home"  # kept in the existing home, no offer


class LeaseStatus(enum.StrEnum):
    ACTIVE = "active"
    NOTICE_GIVEN = "notice_given"
    ENDED = "ended"
    TAKEN_OVER = "taken_over"  # became an ordinary lease


LIVE_LEASE_STATUSES = (LeaseStatus.ACTIVE, LeaseStatus.NOTICE_GIVEN)
_LIVE_SQL = text("status IN ('active', 'notice_given')")


class LeaseEventKind(enum.StrEnum):
    CREATED = "created"
    REVIEW_HELD = "review_held"
    EXTENDED = "extended"
    BREACH_REPORTED = "breach_reported"
    PAYMENT_DEMAND = "payment_demand"
    NOTICE_GIVEN = "notice_given"
    ENDED = "ended"
    TAKEN_OVER = "taken_over"


class BreachKind(enum.StrEnum):
    ARREARS = "arrears"
    HOUSE_RULES = "house_rules"


class NoticeReason(enum.StrEnum):
    BREACH = "breach"
    IMPROVED = "improved"  # no longer in the target group: doing better
    NEEDS_MORE_SUPPORT = "needs_more_support"  # no longer in the target group: needs more
    DECLINES_SUPPORT = "declines_support"
    PURPOSE_REACHED = "purpose_reached"


class AlternativeOfferKind(enum.StrEnum):
    ORDINARY_HOME = "ordinary_home"
    TAKE_OVER = "take_over"
    SUPPORTED_HOUSING = "supported_housing"  # bomiljø
    RESIDENTIAL_CARE = "residential_care"  # botilbud
    ORIGINAL_OFFER = "original_offer"


class ReviewDecision(enum.StrEnum):
    CONTINUE = "continue"
    EXTEND = "extend"
    PREPARE_END = "prepare_end"


class Lease(Base):
    __tablename__ = "lease"
    __table_args__ = (
        # One live lease per unit and per case, settled by the database.
        Index(
            "uq_lease_live_unit",
            "unit_id",
            unique=True,
            sqlite_where=_LIVE_SQL,
            postgresql_where=_LIVE_SQL,
        ),
        Index(
            "uq_lease_live_case",
            "case_id",
            unique=True,
            sqlite_where=_LIVE_SQL,
            postgresql_where=_LIVE_SQL,
        ),
        Index("ix_lease_status_review", "status", "next_review"),
        CheckConstraint("planned_end IS NULL OR planned_end > start_date", name="end_after_start"),
        CheckConstraint(
            "(lease_model = 'current_home') = (unit_id IS NULL)", name="unit_unless_current_home"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("landlord_organisation.id"), index=True
    )
    offer_id: Mapped[int | None] = mapped_column(ForeignKey("offer.id"), unique=True)
    legal_basis_id: Mapped[int] = mapped_column(ForeignKey("legal_basis.id"))
    lease_model: Mapped[LeaseModel] = mapped_column(enum_type(LeaseModel))
    start_date: Mapped[dt.date] = mapped_column(Date)
    purpose: Mapped[str] = mapped_column(Text)
    next_review: Mapped[dt.date | None] = mapped_column(Date)
    planned_end: Mapped[dt.date | None] = mapped_column(Date)  # None: until the purpose is reached
    rent: Mapped[int] = mapped_column(Integer)
    utilities: Mapped[int] = mapped_column(Integer, default=0)
    subsidy: Mapped[int] = mapped_column(Integer, default=0)
    citizen_share: Mapped[int] = mapped_column(Integer)  # what the citizen pays each month
    status: Mapped[LeaseStatus] = mapped_column(enum_type(LeaseStatus), default=LeaseStatus.ACTIVE)
    # For a citizen kept in their current home: the existing lease's address and landlord.
    address: Mapped[str | None] = mapped_column(String(300))
    landlord_name: Mapped[str | None] = mapped_column(String(200))
    ended_on: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    unit: Mapped[Unit | None] = relationship()
    case: Mapped[Case] = relationship()
    organisation: Mapped[LandlordOrganisation | None] = relationship()
    offer: Mapped[Offer | None] = relationship()
    legal_basis: Mapped[LegalBasis] = relationship()
    events: Mapped[list[LeaseEvent]] = relationship(
        back_populates="lease", cascade="all, delete-orphan", order_by="LeaseEvent.id"
    )

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_LEASE_STATUSES


class LeaseEvent(Base):
    __tablename__ = "lease_event"
    __table_args__ = (Index("ix_lease_event_lease_kind", "lease_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lease_id: Mapped[int] = mapped_column(ForeignKey("lease.id", ondelete="CASCADE"))
    kind: Mapped[LeaseEventKind] = mapped_column(enum_type(LeaseEventKind))
    occurred_on: Mapped[dt.date] = mapped_column(Date)
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    note: Mapped[str | None] = mapped_column(Text)
    review_decision: Mapped[ReviewDecision | None] = mapped_column(enum_type(ReviewDecision))
    previous_planned_end: Mapped[dt.date | None] = mapped_column(Date)
    new_planned_end: Mapped[dt.date | None] = mapped_column(Date)
    breach_kind: Mapped[BreachKind | None] = mapped_column(enum_type(BreachKind))
    arrears_amount: Mapped[int | None] = mapped_column(Integer)
    arrears_due_on: Mapped[dt.date | None] = mapped_column(Date)
    payment_deadline: Mapped[dt.date | None] = mapped_column(Date)
    notice_reason: Mapped[NoticeReason | None] = mapped_column(enum_type(NoticeReason))
    alternative_offer: Mapped[AlternativeOfferKind | None] = mapped_column(
        enum_type(AlternativeOfferKind)
    )
    alternative_offer_details: Mapped[str | None] = mapped_column(Text)
    objection_deadline: Mapped[dt.date | None] = mapped_column(Date)
    effective_on: Mapped[dt.date | None] = mapped_column(Date)  # when the notice ends the lease

    lease: Mapped[Lease] = relationship(back_populates="events")
    actor: Mapped[Account | None] = relationship()
