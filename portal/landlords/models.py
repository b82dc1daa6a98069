"""Landlord organisations (by CVR) and their members."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import Account
from portal.db import Base, UTCDateTime, enum_type, utcnow
from portal.municipalities.models import Municipality


class OrganisationKind(enum.StrEnum):
    PRIVATE = "private"
    SOCIAL = "social"  # almen boligorganisation
    MUNICIPAL = "municipal"


class OrganisationStatus(enum.StrEnum):
    PENDING = "pending"  # asked to join; nothing visible until approved
    ACTIVE = "active"
    REFUSED = "refused"
    SUSPENDED = "suspended"


class MemberStatus(enum.StrEnum):
    INVITED = "invited"
    ACTIVE = "active"
    REMOVED = "removed"


class LandlordOrganisation(Base):
    __tablename__ = "landlord_organisation"
    __table_args__ = (CheckConstraint("length(cvr) = 8", name="cvr_eight_digits"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cvr: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[OrganisationKind] = mapped_column(enum_type(OrganisationKind))
    status: Mapped[OrganisationStatus] = mapped_column(
        enum_type(OrganisationStatus), default=OrganisationStatus.PENDING
    )
    status_reason: Mapped[str | None] = mapped_column(Text)
    # The municipality's own housing department, for kind "municipal".
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipality.id"))
    contact_phone: Mapped[str | None] = mapped_column(String(30))
    contact_email: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    municipality: Mapped[Municipality | None] = relationship()
    members: Mapped[list[OrganisationMember]] = relationship(back_populates="organisation")


class OrganisationMember(Base):
    __tablename__ = "organisation_member"
    __table_args__ = (UniqueConstraint("organisation_id", "account_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("landlord_organisation.id"), index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[MemberStatus] = mapped_column(
        enum_type(MemberStatus), default=MemberStatus.INVITED
    )
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    organisation: Mapped[LandlordOrganisation] = relationship(back_populates="members")
    account: Mapped[Account | None] = relationship(foreign_keys=[account_id])
