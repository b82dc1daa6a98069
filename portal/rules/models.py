"""The experiment's rules as data, each row versioned by its effective-from date.

A decision refers to the row that held when it was made, so a later change of a rule
never rewrites history. Texts shown to citizens are kept per language in ``texts``
(a JSON object keyed by locale).
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base, UTCDateTime, enum_type, utcnow


class ExtensionRule(enum.StrEnum):
    NONE = "none"  # cannot be extended
    WITHIN_MAX = "within_max"  # may be extended up to the maximum term
    OPEN = "open"  # may be extended while the purpose is not reached


class BenefitScheme(enum.StrEnum):
    BOLIGSIKRING = "boligsikring"
    BOLIGYDELSE = "boligydelse"  # pensioners


class Actor(enum.StrEnum):
    CITIZEN = "citizen"
    LANDLORD = "landlord"
    CASEWORKER = "caseworker"


class Consequence(enum.StrEnum):
    NONE = "none"
    PAUSED = "paused"
    REASSESSMENT = "reassessment"


class DestinationGroup(enum.StrEnum):
    """Exit destinations grouped as the HMIS standard does."""

    PERMANENT = "permanent"
    TEMPORARY = "temporary"
    INSTITUTIONAL = "institutional"
    HOMELESS = "homeless"
    OTHER = "other"


class OutcomeClass(enum.StrEnum):
    POSITIVE = "positive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"


class _Versioned:
    valid_from: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class LegalBasis(_Versioned, Base):
    __tablename__ = "legal_basis"
    __table_args__ = (UniqueConstraint("code", "valid_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    law_reference: Mapped[str] = mapped_column(String(200))
    time_limited: Mapped[bool] = mapped_column(Boolean)
    max_term_months: Mapped[int | None] = mapped_column(Integer)  # None: no fixed limit
    extension_rule: Mapped[ExtensionRule] = mapped_column(enum_type(ExtensionRule))
    allowed_for_integration_act: Mapped[bool] = mapped_column(Boolean)
    goals_before_allocation: Mapped[bool] = mapped_column(Boolean, default=False)
    end_stated_in_lease: Mapped[bool] = mapped_column(Boolean, default=False)
    notice_months: Mapped[int] = mapped_column(Integer, default=3)
    objection_weeks: Mapped[int] = mapped_column(Integer, default=6)
    warn_months_before_limit: Mapped[int] = mapped_column(Integer, default=3)
    texts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # plain words per locale


class HousingBenefitRate(_Versioned, Base):
    __tablename__ = "housing_benefit_rate"
    __table_args__ = (UniqueConstraint("scheme", "year", "valid_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scheme: Mapped[BenefitScheme] = mapped_column(enum_type(BenefitScheme))
    year: Mapped[int] = mapped_column(Integer)
    rent_share_pct: Mapped[int] = mapped_column(Integer)  # in tenths of a percent: 600 = 60 %
    rent_addition: Mapped[int] = mapped_column(Integer, default=0)  # kr/year, added to rent
    income_share_pct: Mapped[int] = mapped_column(Integer)  # tenths of a percent: 180 = 18 %
    income_threshold: Mapped[int] = mapped_column(Integer)  # kr/year
    threshold_per_child: Mapped[int] = mapped_column(Integer, default=0)
    max_yearly_benefit: Mapped[int] = mapped_column(Integer)  # kr/year
    min_own_payment: Mapped[int] = mapped_column(Integer, default=0)  # kr/year
    source: Mapped[str] = mapped_column(Text)


class DeclineReason(_Versioned, Base):
    __tablename__ = "decline_reason"
    __table_args__ = (
        UniqueConstraint("actor", "code", "valid_from"),
        CheckConstraint(
            "(consequence = 'paused') = (pause_days IS NOT NULL AND pause_days > 0)",
            name="pause_days_with_pause",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    actor: Mapped[Actor] = mapped_column(enum_type(Actor))
    code: Mapped[str] = mapped_column(String(40))
    consequence: Mapped[Consequence] = mapped_column(enum_type(Consequence))
    pause_days: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    texts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class OutcomeDestination(_Versioned, Base):
    __tablename__ = "outcome_destination"
    __table_args__ = (UniqueConstraint("code", "valid_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40))
    group: Mapped[DestinationGroup] = mapped_column(enum_type(DestinationGroup))
    # Moving here counts as "a permanent home" for the 6/12/24-month follow-ups.
    starts_follow_up: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
    texts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    classes: Mapped[list[OutcomeClassification]] = relationship(
        back_populates="destination", cascade="all, delete-orphan"
    )

    def class_for(self, citizen_group: int) -> OutcomeClass:
        for c in self.classes:
            if c.citizen_group == citizen_group:
                return c.outcome_class
        return OutcomeClass.NEUTRAL


class OutcomeClassification(Base):
    __tablename__ = "outcome_classification"
    __table_args__ = (CheckConstraint("citizen_group in (1, 2, 3)", name="citizen_group_known"),)

    destination_id: Mapped[int] = mapped_column(
        ForeignKey("outcome_destination.id", ondelete="CASCADE"), primary_key=True
    )
    citizen_group: Mapped[int] = mapped_column(Integer, primary_key=True)
    outcome_class: Mapped[OutcomeClass] = mapped_column(enum_type(OutcomeClass))

    destination: Mapped[OutcomeDestination] = relationship(back_populates="classes")


class BusinessCaseRate(_Versioned, Base):
    __tablename__ = "business_case_rate"
    __table_args__ = (UniqueConstraint("code", "valid_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40))  # e.g. shelter_month, support_month
    amount: Mapped[int] = mapped_column(Integer)  # kroner per month
    source: Mapped[str] = mapped_column(Text)


class SurveyQuestion(_Versioned, Base):
    __tablename__ = "survey_question"
    __table_args__ = (UniqueConstraint("code", "valid_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40))
    audience: Mapped[str] = mapped_column(String(20), default="citizen")  # citizen or staff
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    texts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Threshold(_Versioned, Base):
    """Named numbers: placement thresholds, the default time to answer an offer."""

    __tablename__ = "threshold"
    __table_args__ = (UniqueConstraint("code", "valid_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40))
    value: Mapped[int] = mapped_column(Integer)
    description: Mapped[str | None] = mapped_column(Text)
