"""What happened after: outcomes, follow-ups, relapses, and the citizen's own answers."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.cases.models import Case
from portal.db import Base, UTCDateTime, enum_type, utcnow
from portal.leases.models import Lease
from portal.rules.models import OutcomeDestination, SurveyQuestion


class StillHoused(enum.StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class RelapseCause(enum.StrEnum):
    HEALTH = "health"
    SUBSTANCE_USE = "substance_use"
    ECONOMY = "economy"  # economy / arrears
    ISOLATION = "isolation"
    CONFLICT = "conflict"
    OTHER = "other"


FOLLOW_UP_MONTHS = (6, 12, 24)


class Outcome(Base):
    __tablename__ = "outcome"

    id: Mapped[int] = mapped_column(primary_key=True)
    lease_id: Mapped[int] = mapped_column(ForeignKey("lease.id"), unique=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), index=True)
    destination_id: Mapped[int] = mapped_column(ForeignKey("outcome_destination.id"))
    moved_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    lease: Mapped[Lease] = relationship()
    case: Mapped[Case] = relationship()
    destination: Mapped[OutcomeDestination] = relationship()
    follow_ups: Mapped[list[FollowUp]] = relationship(
        back_populates="outcome", cascade="all, delete-orphan", order_by="FollowUp.months"
    )


class FollowUp(Base):
    __tablename__ = "follow_up"
    __table_args__ = (
        UniqueConstraint("outcome_id", "months"),
        CheckConstraint("months in (6, 12, 24)", name="months_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    outcome_id: Mapped[int] = mapped_column(ForeignKey("outcome.id", ondelete="CASCADE"))
    months: Mapped[int] = mapped_column(Integer)
    due_on: Mapped[dt.date] = mapped_column(Date, index=True)
    still_housed: Mapped[StillHoused | None] = mapped_column(
        enum_type(StillHoused)
    )  # None: not yet
    answered_on: Mapped[dt.date | None] = mapped_column(Date)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))

    outcome: Mapped[Outcome] = relationship(back_populates="follow_ups")


class Relapse(Base):
    __tablename__ = "relapse"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), index=True)
    lease_id: Mapped[int | None] = mapped_column(ForeignKey("lease.id"))
    occurred_on: Mapped[dt.date] = mapped_column(Date)
    cause: Mapped[RelapseCause] = mapped_column(enum_type(RelapseCause))
    action: Mapped[str] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    case: Mapped[Case] = relationship()


class SurveyAnswer(Base):
    __tablename__ = "survey_answer"
    __table_args__ = (CheckConstraint("value BETWEEN 1 AND 5", name="one_to_five"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case.id"), index=True)
    # Staff answers (the staff survey) carry the account instead of a case.
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("survey_question.id"))
    value: Mapped[int] = mapped_column(Integer)
    answered_on: Mapped[dt.date] = mapped_column(Date)

    question: Mapped[SurveyQuestion] = relationship()
