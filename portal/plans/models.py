"""Plans, goals in KL's Fælles Faglige Begreber, updates and support activities."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import Account
from portal.cases.models import Case
from portal.db import Base, UTCDateTime, enum_type, utcnow


class FollowUpDecision(enum.StrEnum):
    CONTINUE = "continue"
    END_AND_REFER = "end_and_refer"
    END = "end"


class GoalKind(enum.StrEnum):
    CITIZEN = "citizen"  # the citizen's own goal, in their own words
    PROFESSIONAL = "professional"  # indsatsmål
    SUB_GOAL = "sub_goal"  # delmål


class GoalType(enum.StrEnum):
    DEVELOP = "develop"
    MAINTAIN = "maintain"
    LIMIT_LOSS = "limit_loss"


class Theme(enum.StrEnum):
    HOUSING = "housing"
    ECONOMY = "economy"
    EDUCATION_WORK = "education_work"
    HEALTH = "health"
    RELATIONS = "relations"
    DAILY_LIVING = "daily_living"


class Level(enum.StrEnum):
    """The five-step level scale of Fælles Faglige Begreber."""

    NONE = "none"
    LIGHT = "light"
    MODERATE = "moderate"
    SEVERE = "severe"
    COMPLETE = "complete"
    NOT_ASSESSED = "not_assessed"


class GoalStatus(enum.StrEnum):
    ACTIVE = "active"
    REACHED = "reached"
    PARTLY_REACHED = "partly_reached"
    NOT_REACHED = "not_reached"


class UpdateSource(enum.StrEnum):
    CITIZEN = "citizen"
    CASEWORKER = "caseworker"
    SUPPORT_WORKER = "support_worker"


class SupportKind(enum.StrEnum):
    SOCIAL = "social"
    INTEGRATION = "integration"
    EMPLOYMENT = "employment"


class Plan(Base):
    __tablename__ = "plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(Text)  # indsatsformål
    expected_duration_months: Mapped[int | None] = mapped_column(Integer)
    start_date: Mapped[dt.date] = mapped_column(Date)
    next_follow_up: Mapped[dt.date | None] = mapped_column(Date, index=True)
    follow_up_decision: Mapped[FollowUpDecision | None] = mapped_column(enum_type(FollowUpDecision))
    decided_on: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    case: Mapped[Case] = relationship()
    goals: Mapped[list[Goal]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="Goal.id"
    )
    activities: Mapped[list[SupportActivity]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="SupportActivity.id"
    )


class Goal(Base):
    __tablename__ = "goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("goal.id", ondelete="CASCADE"))
    kind: Mapped[GoalKind] = mapped_column(enum_type(GoalKind))
    text: Mapped[str] = mapped_column(Text)
    goal_type: Mapped[GoalType | None] = mapped_column(enum_type(GoalType))
    theme: Mapped[Theme | None] = mapped_column(enum_type(Theme))
    level_at_start: Mapped[Level] = mapped_column(
        enum_type(Level, "level_at_start"), default=Level.NOT_ASSESSED
    )
    level_now: Mapped[Level] = mapped_column(
        enum_type(Level, "level_now"), default=Level.NOT_ASSESSED
    )
    level_target: Mapped[Level] = mapped_column(
        enum_type(Level, "level_target"), default=Level.NOT_ASSESSED
    )
    target_date: Mapped[dt.date | None] = mapped_column(Date)
    follow_up_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[GoalStatus] = mapped_column(enum_type(GoalStatus), default=GoalStatus.ACTIVE)

    plan: Mapped[Plan] = relationship(back_populates="goals")
    sub_goals: Mapped[list[Goal]] = relationship(cascade="all, delete-orphan")
    updates: Mapped[list[GoalUpdate]] = relationship(
        back_populates="goal", cascade="all, delete-orphan", order_by="GoalUpdate.written_on"
    )


class GoalUpdate(Base):
    __tablename__ = "goal_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goal.id", ondelete="CASCADE"), index=True)
    written_on: Mapped[dt.date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[UpdateSource] = mapped_column(enum_type(UpdateSource))
    citizen_visible: Mapped[bool] = mapped_column(default=False)
    level: Mapped[Level | None] = mapped_column(enum_type(Level))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    author_name: Mapped[str | None] = mapped_column(String(200))

    goal: Mapped[Goal] = relationship(back_populates="updates")
    author: Mapped[Account | None] = relationship()


class SupportActivity(Base):
    __tablename__ = "support_activity"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    kind: Mapped[SupportKind] = mapped_column(enum_type(SupportKind))
    description: Mapped[str] = mapped_column(Text)
    provider: Mapped[str] = mapped_column(String(200))
    frequency: Mapped[str | None] = mapped_column(String(100))
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_phone: Mapped[str | None] = mapped_column(String(30))
    contact_email: Mapped[str | None] = mapped_column(String(200))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    # Indexed: the daily meeting reminders look up the meetings of tomorrow.
    next_meeting_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, index=True)

    plan: Mapped[Plan] = relationship(back_populates="activities")
