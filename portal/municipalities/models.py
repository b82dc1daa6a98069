"""Municipalities and the target groups each takes part with (data, not code)."""

from __future__ import annotations

import enum

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy import true as sa_true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base, enum_type


class TargetGroup(enum.StrEnum):
    DISABILITY = "disability"
    PSYCHOLOGICALLY_VULNERABLE = "psychologically_vulnerable"
    SOCIAL_PROBLEMS = "social_problems"
    REFUGEES = "refugees"


class Municipality(Base):
    __tablename__ = "municipality"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(3), unique=True)  # kommunekode
    name: Mapped[str] = mapped_column(String(100))
    contact_phone: Mapped[str | None] = mapped_column(String(30))
    contact_email: Mapped[str | None] = mapped_column(String(200))
    contact_address: Mapped[str | None] = mapped_column(String(200))
    website: Mapped[str | None] = mapped_column(String(200))
    # A municipality may turn notification channels off (the inbox stays on).
    notify_email: Mapped[bool] = mapped_column(Boolean, default=True, server_default=sa_true())
    notify_sms: Mapped[bool] = mapped_column(Boolean, default=True, server_default=sa_true())

    target_groups: Mapped[list[MunicipalityTargetGroup]] = relationship(
        back_populates="municipality", cascade="all, delete-orphan"
    )

    def takes(self, group: TargetGroup) -> bool:
        return any(tg.target_group == group for tg in self.target_groups)


class MunicipalityTargetGroup(Base):
    __tablename__ = "municipality_target_group"

    municipality_id: Mapped[int] = mapped_column(
        ForeignKey("municipality.id", ondelete="CASCADE"), primary_key=True
    )
    target_group: Mapped[TargetGroup] = mapped_column(enum_type(TargetGroup), primary_key=True)

    municipality: Mapped[Municipality] = relationship(back_populates="target_groups")
