"""Assembly meetings: agenda items, attendance and block votes."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zidkor_desktop.db.base import Base, Versioned
from zidkor_desktop.db.models._columns import enum_check, enum_column_type
from zidkor_desktop.db.models.organisations import Organisation
from zidkor_desktop.domain.kinds import Majority, MeetingStatus, VoteChoice


class Meeting(Versioned, Base):
    """A meeting of the assembly (Verbandsversammlung)."""

    __tablename__ = "meeting"
    __table_args__ = (enum_check("status", MeetingStatus),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date] = mapped_column(Date)
    starts_at: Mapped[time | None] = mapped_column(Time)
    ends_at: Mapped[time | None] = mapped_column(Time)
    place: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(enum_column_type(MeetingStatus))
    chair_name: Mapped[str] = mapped_column(String(120), default="")
    minute_taker: Mapped[str] = mapped_column(String(120), default="")
    invited_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    is_example: Mapped[bool] = mapped_column(Boolean, default=False)

    agenda: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", order_by="AgendaItem.position", cascade="all, delete-orphan"
    )
    attendance: Mapped[list[Attendance]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )


class AgendaItem(Base):
    """A numbered item (TOP) of a meeting, with the wording and result of its resolution."""

    __tablename__ = "agenda_item"
    __table_args__ = (
        UniqueConstraint("meeting_id", "position"),
        enum_check("majority", Majority),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    explanation: Mapped[str] = mapped_column(Text, default="")
    resolution_text: Mapped[str] = mapped_column(Text, default="")
    majority: Mapped[str] = mapped_column(enum_column_type(Majority))
    outcome: Mapped[str | None] = mapped_column(String(20))
    effect_kind: Mapped[str | None] = mapped_column(String(40))
    effect_target_id: Mapped[int | None] = mapped_column(Integer)

    meeting: Mapped[Meeting] = relationship(back_populates="agenda")
    votes: Mapped[list[BlockVote]] = relationship(
        back_populates="agenda_item", cascade="all, delete-orphan"
    )


class Attendance(Base):
    """Presence of a member at a meeting, its representatives and arrival/departure."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    present: Mapped[bool] = mapped_column(Boolean, default=False)
    representatives: Mapped[str] = mapped_column(Text, default="")
    votes: Mapped[int] = mapped_column(Integer)
    arrives_before_position: Mapped[int | None] = mapped_column(Integer)
    leaves_after_position: Mapped[int | None] = mapped_column(Integer)

    meeting: Mapped[Meeting] = relationship(back_populates="attendance")
    organisation: Mapped[Organisation] = relationship()


class BlockVote(Base):
    """How a member cast its block of votes on one agenda item."""

    __tablename__ = "block_vote"
    __table_args__ = (
        UniqueConstraint("agenda_item_id", "organisation_id"),
        enum_check("choice", VoteChoice),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    choice: Mapped[str] = mapped_column(enum_column_type(VoteChoice))
    votes: Mapped[int] = mapped_column(Integer)

    agenda_item: Mapped[AgendaItem] = relationship(back_populates="votes")
