"""Lists of meetings and of resolutions (with their tracking)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from zidkor_desktop.db.models import AgendaItem, Meeting
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.kinds import Majority, MeetingStatus, MinutesStatus, Outcome


@dataclass(frozen=True)
class MeetingRow:
    """A meeting as listed."""

    id: int
    number: str
    title: str
    held_on: date
    place: str
    status: MeetingStatus
    minutes_status: MinutesStatus
    invited_on: date | None
    items: int


def list_meetings(db: Database) -> list[MeetingRow]:
    """All meetings, the latest first."""
    counts = (
        select(AgendaItem.meeting_id, func.count(AgendaItem.id).label("n"))
        .group_by(AgendaItem.meeting_id)
        .subquery()
    )
    stmt = (
        select(
            Meeting.id,
            Meeting.number,
            Meeting.title,
            Meeting.held_on,
            Meeting.place,
            Meeting.status,
            Meeting.minutes_status,
            Meeting.invited_on,
            func.coalesce(counts.c.n, 0),
        )
        .outerjoin(counts, counts.c.meeting_id == Meeting.id)
        .order_by(Meeting.held_on.desc(), Meeting.id.desc())
    )
    with db.sessions() as session:
        return [
            MeetingRow(i, n, t, d, p, MeetingStatus(s), MinutesStatus(ms), inv, int(c))
            for i, n, t, d, p, s, ms, inv, c in session.execute(stmt)
        ]


@dataclass(frozen=True)
class ResolutionRow:
    """An adopted resolution with who carries it out, by when, and whether it is done."""

    item_id: int
    meeting_id: int
    meeting_number: str
    held_on: date
    position: int
    title: str
    resolution_text: str
    public: bool
    assignee: str
    due_on: date | None
    done_on: date | None
    done_note: str

    @property
    def open(self) -> bool:
        """Not yet carried out."""
        return self.done_on is None

    def overdue(self, today: date) -> bool:
        """Open past its deadline."""
        return self.open and self.due_on is not None and self.due_on < today


def list_resolutions(db: Database, open_only: bool = False) -> list[ResolutionRow]:
    """Adopted resolutions, the latest meeting first (only the open ones if asked)."""
    stmt = (
        select(
            AgendaItem.id,
            Meeting.id,
            Meeting.number,
            Meeting.held_on,
            AgendaItem.position,
            AgendaItem.title,
            AgendaItem.resolution_text,
            AgendaItem.public,
            AgendaItem.assignee,
            AgendaItem.due_on,
            AgendaItem.done_on,
            AgendaItem.done_note,
        )
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(AgendaItem.outcome == Outcome.ADOPTED.value)
        .where(AgendaItem.majority != Majority.NONE.value)
        .order_by(Meeting.held_on.desc(), AgendaItem.position)
    )
    if open_only:
        stmt = stmt.where(AgendaItem.done_on.is_(None))
    with db.sessions() as session:
        return [ResolutionRow(*row) for row in session.execute(stmt)]
