"""Statute (Verbandsordnung) versions and their sections."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zidkor_desktop.db.base import Base, Money, Versioned
from zidkor_desktop.db.models._columns import enum_check, enum_column_type
from zidkor_desktop.domain.kinds import StatuteStatus


class StatuteVersion(Versioned, Base):
    """One version of the statute, from draft to in force; read-only once adopted (triggers)."""

    __tablename__ = "statute_version"
    __table_args__ = (enum_check("status", StatuteStatus),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_no: Mapped[int] = mapped_column(Integer, unique=True)
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(enum_column_type(StatuteStatus))
    based_on_id: Mapped[int | None] = mapped_column(ForeignKey("statute_version.id"))
    adopted_on: Mapped[date | None] = mapped_column(Date)
    adoption_ref: Mapped[str] = mapped_column(String(120), default="")
    approved_on: Mapped[date | None] = mapped_column(Date)
    approval_file_number: Mapped[str] = mapped_column(String(80), default="")
    published_on: Mapped[date | None] = mapped_column(Date)
    published_in: Mapped[str] = mapped_column(String(200), default="")
    in_force_from: Mapped[date | None] = mapped_column(Date)
    # The settings of the version (domain.statute.StatuteSettings; defaults from the law).
    capital_per_vote: Mapped[Decimal] = mapped_column(Money, default=Decimal("2000.00"))
    quorum_rule: Mapped[str] = mapped_column(String(30), default="members_and_votes")
    second_invitation_reduced: Mapped[bool] = mapped_column(Boolean, default=True)
    excluded_reduce_base: Mapped[bool] = mapped_column(Boolean, default=True)
    ordinary_majority: Mapped[str] = mapped_column(String(30), default="present")
    amendment_majority: Mapped[str] = mapped_column(String(40), default="two_thirds_votes")
    accession_majority: Mapped[str] = mapped_column(
        String(40), default="two_thirds_votes_majority_members"
    )
    task_change_majority: Mapped[str] = mapped_column(
        String(40), default="two_thirds_votes_two_thirds_members"
    )
    unanimity_rule: Mapped[str] = mapped_column(String(30), default="all_statutory")
    invitation_days: Mapped[int] = mapped_column(Integer, default=4)

    sections: Mapped[list[StatuteSection]] = relationship(
        back_populates="version", order_by="StatuteSection.position", cascade="all, delete-orphan"
    )


class StatuteSection(Base):
    """A section (§) of a statute version; its body may hold placeholders for live data."""

    __tablename__ = "statute_section"
    __table_args__ = (UniqueConstraint("version_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("statute_version.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(20))
    heading: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")

    version: Mapped[StatuteVersion] = relationship(back_populates="sections")
