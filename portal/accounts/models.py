"""Accounts: one per identity at one OIDC issuer."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Boolean, ForeignKey, String, UniqueConstraint
from sqlalchemy import false as sa_false
from sqlalchemy import true as sa_true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import Base, UTCDateTime, enum_type, utcnow
from portal.municipalities.models import Municipality


class Role(enum.StrEnum):
    CITIZEN = "citizen"
    LANDLORD = "landlord"
    CASEWORKER = "caseworker"
    ADMINISTRATOR = "administrator"


class Account(Base):
    __tablename__ = "account"
    __table_args__ = (UniqueConstraint("issuer", "subject"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    issuer: Mapped[str] = mapped_column(String(300))
    subject: Mapped[str] = mapped_column(String(300))
    role: Mapped[Role] = mapped_column(enum_type(Role))
    display_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(30))
    preferred_language: Mapped[str | None] = mapped_column(String(5))
    # Easy-read: short sentences, key facts first, pictograms, bigger tap targets.
    easy_read: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    # Notifications by e-mail / SMS (the inbox is always on); see portal/notifications.
    notify_email: Mapped[bool] = mapped_column(Boolean, default=True, server_default=sa_true())
    notify_sms: Mapped[bool] = mapped_column(Boolean, default=True, server_default=sa_true())
    # Staff belong to one municipality; a network administrator has none and acts for all.
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipality.id"), index=True)
    is_network_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    municipality: Mapped[Municipality | None] = relationship()

    # Flask-Login protocol
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return str(self.id)

    @property
    def is_staff(self) -> bool:
        return self.role in (Role.CASEWORKER, Role.ADMINISTRATOR)
