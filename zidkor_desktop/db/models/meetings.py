"""Assembly meetings: agenda items, attendance and block votes."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zidkor_desktop.db.base import Base, UtcDateTime, Versioned
from zidkor_desktop.db.models._columns import enum_check, enum_column_type
from zidkor_desktop.db.models.organisations import Organisation
from zidkor_desktop.domain.kinds import Majority, MeetingStatus, MinutesStatus, VoteChoice


class Meeting(Versioned, Base):
    """A meeting of the assembly (Verbandsversammlung)."""

    __tablename__ = "meeting"
    __table_args__ = (
        enum_check("status", MeetingStatus),
        enum_check("minutes_status", MinutesStatus),
        Index("uq_meeting_number", "number", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date] = mapped_column(Date)
    starts_at: Mapped[time | None] = mapped_column(Time)
    ends_at: Mapped[time | None] = mapped_column(Time)
    place: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(enum_column_type(MeetingStatus))
    chair_name: Mapped[str] = mapped_column(String(120), default="")
    minute_taker: Mapped[str] = mapped_column(String(120), default="")
    invited_on: Mapped[date | None] = mapped_column(Date)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    urgency_reason: Mapped[str] = mapped_column(Text, default="")
    second_invitation_of_id: Mapped[int | None] = mapped_column(Integer)
    """The meeting without quorum this one is the second invitation for (§ 39 GemO)."""
    notes: Mapped[str] = mapped_column(Text, default="")
    is_example: Mapped[bool] = mapped_column(Boolean, default=False)
    minutes_status: Mapped[str] = mapped_column(
        enum_column_type(MinutesStatus), default=MinutesStatus.DRAFT.value
    )
    minutes_signed_on: Mapped[date | None] = mapped_column(Date)
    minutes_approved_on: Mapped[date | None] = mapped_column(Date)
    minutes_approved_by_item_id: Mapped[int | None] = mapped_column(Integer)
    """The agenda item of a later meeting whose resolution approved these minutes."""

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
    public: Mapped[bool] = mapped_column(Boolean, default=True)
    effect_valid_from: Mapped[date | None] = mapped_column(Date)
    """For a price list: the day it applies from once adopted."""
    effect_applied_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    objections: Mapped[str] = mapped_column(Text, default="")
    """For the approval of minutes: objections raised against them."""
    objection_decision: Mapped[str] = mapped_column(Text, default="")
    assignee: Mapped[str] = mapped_column(String(120), default="")
    due_on: Mapped[date | None] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    done_note: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[Meeting] = relationship(back_populates="agenda")
    votes: Mapped[list[BlockVote]] = relationship(
        back_populates="agenda_item", cascade="all, delete-orphan"
    )
    exclusions: Mapped[list[ConflictExclusion]] = relationship(
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
    """One name per line."""
    voting_representative: Mapped[str] = mapped_column(String(120), default="")
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


class ConflictExclusion(Base):
    """A member excluded from one agenda item for a conflict of interest (§ 22 GemO)."""

    __tablename__ = "conflict_exclusion"
    __table_args__ = (UniqueConstraint("agenda_item_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    reason: Mapped[str] = mapped_column(Text, default="")

    agenda_item: Mapped[AgendaItem] = relationship(back_populates="exclusions")
