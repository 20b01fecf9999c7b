"""Statute (Verbandsordnung) versions and their sections."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zidkor_desktop.db.base import Base, Versioned
from zidkor_desktop.db.models._columns import enum_check, enum_column_type
from zidkor_desktop.domain.kinds import StatuteStatus


class StatuteVersion(Versioned, Base):
    """One version of the statute, from draft to in force."""

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
    in_force_from: Mapped[date | None] = mapped_column(Date)

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
