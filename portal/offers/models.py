"""Offers (matches of a unit to a case), their rule results and decisions."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import Account
from portal.cases.models import Case
from portal.db import Base, UTCDateTime, enum_type, utcnow
from portal.rules.models import Actor, DeclineReason
from portal.units.models import Unit


class OfferStatus(enum.StrEnum):
    PROPOSED = "proposed"  # by the caseworker, not yet shown to the citizen
    OFFERED = "offered"  # shown to the citizen, waiting for an answer
    CITIZEN_ACCEPTED = "citizen_accepted"  # waiting for the landlord
    LANDLORD_ACCEPTED = "landlord_accepted"  # waiting for the caseworker's approval
    APPROVED = "approved"  # lease created
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


OPEN_OFFER_STATUSES = (
    OfferStatus.PROPOSED,
    OfferStatus.OFFERED,
    OfferStatus.CITIZEN_ACCEPTED,
    OfferStatus.LANDLORD_ACCEPTED,
)
_OPEN_SQL = text("status IN ('proposed', 'offered', 'citizen_accepted', 'landlord_accepted')")


class RuleKind(enum.StrEnum):
    MUST = "must"
    MUST_NOT = "must_not"
    PREFERRED = "preferred"


class DecisionKind(enum.StrEnum):
    OFFER = "offer"  # caseworker sends the proposal to the citizen
    ACCEPT = "accept"
    DECLINE = "decline"
    APPROVE = "approve"
    WITHDRAW = "withdraw"
    EXPIRE = "expire"


class Offer(Base):
    __tablename__ = "offer"
    __table_args__ = (
        # A unit is in at most one open offer, and a case too: the database settles races.
        Index(
            "uq_offer_open_unit",
            "unit_id",
            unique=True,
            sqlite_where=_OPEN_SQL,
            postgresql_where=_OPEN_SQL,
        ),
        Index(
            "uq_offer_open_case",
            "case_id",
            unique=True,
            sqlite_where=_OPEN_SQL,
            postgresql_where=_OPEN_SQL,
        ),
        Index("ix_offer_status_deadline", "status", "response_deadline"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), index=True)
    proposed_by_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    status: Mapped[OfferStatus] = mapped_column(
        enum_type(OfferStatus), default=OfferStatus.PROPOSED
    )
    score: Mapped[int] = mapped_column(Integer, default=0)  # preferred rules met
    wished_move_in: Mapped[dt.date | None] = mapped_column(Date)
    response_deadline: Mapped[dt.date | None] = mapped_column(Date)
    proposed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    unit: Mapped[Unit] = relationship()
    case: Mapped[Case] = relationship()
    proposed_by: Mapped[Account] = relationship()
    rule_results: Mapped[list[OfferRuleResult]] = relationship(
        back_populates="offer", cascade="all, delete-orphan", order_by="OfferRuleResult.id"
    )
    decisions: Mapped[list[OfferDecision]] = relationship(
        back_populates="offer", cascade="all, delete-orphan", order_by="OfferDecision.id"
    )

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_OFFER_STATUSES


class OfferRuleResult(Base):
    """One matching rule as it was evaluated when the offer was made."""

    __tablename__ = "offer_rule_result"

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id", ondelete="CASCADE"), index=True)
    rule: Mapped[str] = mapped_column(String(40))
    kind: Mapped[RuleKind] = mapped_column(enum_type(RuleKind))
    passed: Mapped[bool] = mapped_column(Boolean)
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # figures behind it
    override_reason: Mapped[str | None] = mapped_column(Text)  # only for preferred rules

    offer: Mapped[Offer] = relationship(back_populates="rule_results")


class OfferDecision(Base):
    __tablename__ = "offer_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id", ondelete="CASCADE"), index=True)
    actor: Mapped[Actor | None] = mapped_column(enum_type(Actor))  # None: the system (expiry)
    decision: Mapped[DecisionKind] = mapped_column(enum_type(DecisionKind))
    reason_id: Mapped[int | None] = mapped_column(ForeignKey("decline_reason.id"))
    note: Mapped[str | None] = mapped_column(Text)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    decided_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    offer: Mapped[Offer] = relationship(back_populates="decisions")
    reason: Mapped[DeclineReason | None] = relationship()
    decided_by: Mapped[Account | None] = relationship()
