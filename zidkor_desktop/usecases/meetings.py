"""Meetings of the assembly: facts, invitation, agenda and attendance.

Every call is one serialised write transaction (`db.write()`); a stale save (another clerk changed
the meeting since it was loaded) is refused. Once the minutes are signed the meeting's record is
read-only, refused here with a clear message and by the database's triggers (migration 0011).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from zidkor_desktop.db.models import AgendaItem, Attendance, Meeting
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import RuleViolation, ValidationError
from zidkor_desktop.domain.kinds import Majority, MeetingStatus, MinutesStatus
from zidkor_desktop.domain.meetings import (
    Presence,
    check_invitation,
    check_number,
    check_presence,
    check_representatives,
    next_number,
)
from zidkor_desktop.domain.resolutions import EffectKind, check_effect
from zidkor_desktop.domain.text import check_text
from zidkor_desktop.l10n import _, format_date
from zidkor_desktop.queries.meeting_record import (
    load_meeting,
    members_on,
    record_of,
    statute_settings_on,
)
from zidkor_desktop.usecases.errors import translated_db_errors

MAX_LINE = 200


@dataclass(frozen=True)
class MeetingInput:
    """The facts of a meeting as entered."""

    number: str
    held_on: date
    title: str = "Verbandsversammlung"
    starts_at: time | None = None
    ends_at: time | None = None
    place: str = ""
    chair_name: str = ""
    minute_taker: str = ""
    notes: str = ""
    second_invitation_of_id: int | None = None


@dataclass(frozen=True)
class ItemInput:
    """An agenda item as entered, with the resolution it proposes and what it is linked to."""

    title: str
    public: bool = True
    explanation: str = ""
    resolution_text: str = ""
    majority: Majority = Majority.NONE
    effect_kind: EffectKind | None = None
    effect_target_id: int | None = None
    effect_valid_from: date | None = None
    objections: str = ""
    objection_decision: str = ""


@dataclass(frozen=True)
class AttendanceInput:
    """One member's attendance as entered."""

    organisation_id: int
    present: bool
    representatives: Sequence[str] = field(default_factory=tuple)
    voting_representative: str = ""
    arrives_before: int | None = None
    leaves_after: int | None = None


def _line(value: str, field_name: str, label: str, *, required: bool = False) -> str:
    value = value.strip()
    if required and not value:
        raise ValidationError(
            _("{label}: please fill in this field.").format(label=label), field_name
        )
    if len(value) > MAX_LINE:
        raise ValidationError(
            _("{label}: at most {limit} characters.").format(label=label, limit=MAX_LINE),
            field_name,
        )
    check_text(value, field=field_name, label=label)
    return value


def draft_meeting(session: Session, meeting_id: int, version: int | None = None) -> Meeting:
    """The meeting, if its minutes are not signed yet (and unchanged since `version`)."""
    meeting = load_meeting(session, meeting_id)
    if version is not None and meeting.version != version:
        raise StaleDataError("meeting changed since it was loaded")
    if meeting.minutes_status != MinutesStatus.DRAFT.value:
        raise RuleViolation(
            _(
                "The minutes of meeting {number} are signed: the meeting, its agenda, "
                "attendance and votes can no longer be changed."
            ).format(number=meeting.number)
        )
    return meeting


def _check_meeting(session: Session, data: MeetingInput, meeting_id: int | None) -> MeetingInput:
    number = check_number(data.number)
    taken = session.scalar(
        select(Meeting.id).where(Meeting.number == number, Meeting.id != (meeting_id or 0))
    )
    if taken is not None:
        raise ValidationError(
            _("Number: meeting {number} already exists.").format(number=number), "number"
        )
    if data.starts_at and data.ends_at and data.ends_at <= data.starts_at:
        raise ValidationError(_("End: the meeting must end after it starts."), "ends_at")
    if data.second_invitation_of_id is not None:
        first = session.get(Meeting, data.second_invitation_of_id)
        if first is None or first.held_on >= data.held_on or first.id == meeting_id:
            raise ValidationError(
                _("Second invitation: choose an earlier meeting that was not quorate."),
                "second_invitation_of_id",
            )
    check_text(data.notes, field="notes", label=_("Notes"), multiline=True)
    return MeetingInput(
        number=number,
        held_on=data.held_on,
        title=_line(data.title, "title", _("Title"), required=True),
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        place=_line(data.place, "place", _("Place")),
        chair_name=_line(data.chair_name, "chair_name", _("Chair")),
        minute_taker=_line(data.minute_taker, "minute_taker", _("Minute-taker")),
        notes=data.notes.strip(),
        second_invitation_of_id=data.second_invitation_of_id,
    )


def _apply(meeting: Meeting, data: MeetingInput) -> None:
    for name in (
        "number", "held_on", "title", "starts_at", "ends_at", "place", "chair_name",
        "minute_taker", "notes", "second_invitation_of_id",
    ):  # fmt: skip
        setattr(meeting, name, getattr(data, name))


def proposed_number(db: Database, year: int) -> str:
    """The next free number of the year."""
    with db.sessions() as session:
        return next_number(session.scalars(select(Meeting.number)), year)


def previous_meeting(db: Database, day: date) -> tuple[int, str, date] | None:
    """The latest meeting before `day` whose minutes are not approved yet (id, number, day)."""
    with db.sessions() as session:
        row = session.execute(
            select(Meeting.id, Meeting.number, Meeting.held_on)
            .where(Meeting.held_on < day)
            .where(Meeting.minutes_status != MinutesStatus.APPROVED.value)
            .order_by(Meeting.held_on.desc(), Meeting.id.desc())
            .limit(1)
        ).first()
    return (row[0], row[1], row[2]) if row else None


def minutes_item(number: str, day: date) -> str:
    """The title of the item that approves earlier minutes."""
    return _("Approval of the minutes of meeting {number} of {day}").format(
        number=number, day=format_date(day)
    )


def create_meeting(db: Database, data: MeetingInput, approve_minutes_of: int | None = None) -> int:
    """Create a planned meeting; with `approve_minutes_of` its first item approves those minutes."""
    with translated_db_errors(), db.write() as session:
        data = _check_meeting(session, data, None)
        meeting = Meeting(status=MeetingStatus.PLANNED.value, minutes_status="draft")
        _apply(meeting, data)
        if approve_minutes_of is not None:
            earlier = session.get(Meeting, approve_minutes_of)
            if earlier is None or earlier.held_on >= data.held_on:
                raise ValidationError(
                    _("Minutes: choose an earlier meeting."), "approve_minutes_of"
                )
            meeting.agenda.append(
                AgendaItem(
                    position=1,
                    title=minutes_item(earlier.number, earlier.held_on),
                    public=True,
                    resolution_text=_(
                        "The assembly approves the minutes of meeting {number} of {day}."
                    ).format(number=earlier.number, day=format_date(earlier.held_on)),
                    majority=Majority.SIMPLE.value,
                    effect_kind=EffectKind.MINUTES.value,
                    effect_target_id=earlier.id,
                )
            )
        session.add(meeting)
        session.flush()
        return meeting.id


def update_meeting(db: Database, meeting_id: int, version: int, data: MeetingInput) -> None:
    """Change the facts of a meeting whose minutes are not signed."""
    with translated_db_errors(), db.write() as session:
        meeting = draft_meeting(session, meeting_id, version)
        data = _check_meeting(session, data, meeting_id)
        if data.held_on != meeting.held_on and any(i.outcome for i in meeting.agenda):
            raise RuleViolation(
                _("The date cannot change once results are recorded: the votes depend on it.")
            )
        _apply(meeting, data)
        session.flush()


def delete_meeting(db: Database, meeting_id: int) -> None:
    """Delete a meeting with nothing decided yet (the caller has asked for confirmation)."""
    with translated_db_errors(), db.write() as session:
        meeting = draft_meeting(session, meeting_id)
        if any(i.outcome for i in meeting.agenda):
            raise RuleViolation(
                _("Meeting {number} has recorded results and cannot be deleted.").format(
                    number=meeting.number
                )
            )
        session.delete(meeting)
        session.flush()


def record_invitation(
    db: Database, meeting_id: int, sent_on: date, urgent: bool, reason: str, today: date
) -> None:
    """Record when the invitation was sent, checked against the statute's invitation period."""
    with translated_db_errors(), db.write() as session:
        meeting = draft_meeting(session, meeting_id)
        if sent_on > today:
            raise ValidationError(
                _("Invitation sent on: the date lies in the future."), "invited_on"
            )
        _number, settings = statute_settings_on(session, meeting.held_on)
        check_text(reason, field="urgency_reason", label=_("Reason for urgency"), multiline=True)
        check_invitation(sent_on, meeting.held_on, settings.invitation_days, urgent, reason)
        meeting.invited_on = sent_on
        meeting.urgent = urgent
        meeting.urgency_reason = reason.strip() if urgent else ""
        session.flush()


def _check_item(data: ItemInput) -> ItemInput:
    title = _line(data.title, "title", _("Title"), required=True)
    for name, label in (
        ("explanation", _("Explanation")),
        ("resolution_text", _("Proposed resolution")),
        ("objections", _("Objections")),
        ("objection_decision", _("Decision on the objections")),
    ):
        check_text(getattr(data, name), field=name, label=label, multiline=True)
    if data.majority is not Majority.NONE and not data.resolution_text.strip():
        raise ValidationError(
            _("Proposed resolution: an item put to the vote needs the wording of its resolution."),
            "resolution_text",
        )
    if data.effect_kind is not None:
        if data.effect_target_id is None:
            raise ValidationError(
                _("Linked to: choose what the resolution decides."), "effect_target_id"
            )
        check_effect(data.effect_kind, data.majority)
        if data.effect_kind is EffectKind.PRICE_LIST and data.effect_valid_from is None:
            raise ValidationError(
                _("Valid from: give the day the price list applies from."), "effect_valid_from"
            )
    return ItemInput(
        title=title,
        public=data.public,
        explanation=data.explanation.strip(),
        resolution_text=data.resolution_text.strip(),
        majority=data.majority,
        effect_kind=data.effect_kind,
        effect_target_id=data.effect_target_id if data.effect_kind else None,
        effect_valid_from=data.effect_valid_from
        if data.effect_kind is EffectKind.PRICE_LIST
        else None,
        objections=data.objections.strip(),
        objection_decision=data.objection_decision.strip(),
    )


def _fill_item(item: AgendaItem, data: ItemInput) -> None:
    item.title = data.title
    item.public = data.public
    item.explanation = data.explanation
    item.resolution_text = data.resolution_text
    item.majority = data.majority.value
    item.effect_kind = data.effect_kind.value if data.effect_kind else None
    item.effect_target_id = data.effect_target_id
    item.effect_valid_from = data.effect_valid_from
    item.objections = data.objections
    item.objection_decision = data.objection_decision


def draft_item(session: Session, item_id: int) -> tuple[AgendaItem, Meeting]:
    """An agenda item and its meeting, if the meeting's minutes are not signed."""
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise ValidationError(_("The agenda item no longer exists."), "item")
    return item, draft_meeting(session, item.meeting_id)


def add_item(db: Database, meeting_id: int, data: ItemInput) -> int:
    """Append an item to the agenda."""
    with translated_db_errors(), db.write() as session:
        meeting = draft_meeting(session, meeting_id)
        data = _check_item(data)
        last = session.scalar(
            select(func.max(AgendaItem.position)).where(AgendaItem.meeting_id == meeting_id)
        )
        item = AgendaItem(meeting_id=meeting.id, position=(last or 0) + 1)
        _fill_item(item, data)
        session.add(item)
        session.flush()
        return item.id


def update_item(db: Database, item_id: int, data: ItemInput) -> None:
    """Change an item; not what was put to the vote once its result is recorded."""
    with translated_db_errors(), db.write() as session:
        item, _meeting = draft_item(session, item_id)
        data = _check_item(data)
        if item.outcome is not None and (
            data.resolution_text != item.resolution_text
            or data.majority.value != item.majority
            or (data.effect_kind.value if data.effect_kind else None) != item.effect_kind
            or data.effect_target_id != item.effect_target_id
        ):
            raise RuleViolation(
                _(
                    "The result of this item is recorded: its resolution, majority and link "
                    "can no longer change. Delete the votes first if they were entered by mistake."
                )
            )
        _fill_item(item, data)
        session.flush()


def delete_item(db: Database, item_id: int) -> None:
    """Remove an item without a recorded result; the later items move up."""
    with translated_db_errors(), db.write() as session:
        item, meeting = draft_item(session, item_id)
        if item.outcome is not None:
            raise RuleViolation(_("An item with a recorded result cannot be removed."))
        gone = item.position
        meeting.agenda.remove(item)
        session.flush()
        for row in meeting.attendance:
            if row.arrives_before_position is not None and row.arrives_before_position > gone:
                row.arrives_before_position -= 1
            if row.leaves_after_position is not None and row.leaves_after_position >= gone:
                row.leaves_after_position -= 1
                if row.leaves_after_position < 1:
                    row.present = False
                    row.leaves_after_position = None
        _renumber(session, meeting, sorted(meeting.agenda, key=lambda i: i.position))


def _renumber(session: Session, meeting: Meeting, order: list[AgendaItem]) -> None:
    """Give the items the positions 1, 2, … in `order` (via free positions: unique index)."""
    offset = max((i.position for i in order), default=0) + len(order) + 1
    for n, item in enumerate(order):
        item.position = offset + n
    session.flush()
    for n, item in enumerate(order, start=1):
        item.position = n
    session.flush()


def move_item(db: Database, item_id: int, step: int) -> None:
    """Move an item up (-1) or down (+1); arrivals and departures move with their items."""
    with translated_db_errors(), db.write() as session:
        item, meeting = draft_item(session, item_id)
        order = sorted(meeting.agenda, key=lambda i: i.position)
        index = order.index(item)
        target = index + step
        if not 0 <= target < len(order) or step == 0:
            return
        if any(i.outcome for i in meeting.agenda):
            raise RuleViolation(_("The agenda cannot be reordered once results are recorded."))
        order.insert(target, order.pop(index))
        old = {i.id: i.position for i in order}
        moved = {old[i.id]: n for n, i in enumerate(order, start=1)}
        for row in meeting.attendance:
            if row.arrives_before_position is not None:
                row.arrives_before_position = moved[row.arrives_before_position]
            if row.leaves_after_position is not None:
                row.leaves_after_position = moved[row.leaves_after_position]
            if (
                row.arrives_before_position is not None
                and row.leaves_after_position is not None
                and row.leaves_after_position < row.arrives_before_position
            ):
                raise RuleViolation(
                    _("This move would put a member's departure before its arrival.")
                )
        _renumber(session, meeting, order)


def save_attendance(db: Database, meeting_id: int, entries: Sequence[AttendanceInput]) -> None:
    """Store the attendance of the members (present, representatives, arrival, departure)."""
    with translated_db_errors(), db.write() as session:
        meeting = draft_meeting(session, meeting_id)
        members = {m.organisation_id: m for m, _org in members_on(session, meeting.held_on)}
        positions = [i.position for i in meeting.agenda]
        stored = {a.organisation_id: a for a in meeting.attendance}
        for entry in entries:
            member = members.get(entry.organisation_id)
            if member is None:
                raise ValidationError(
                    _("Only members on the meeting's day can attend with votes."), "attendance"
                )
            representatives = [r.strip() for r in entry.representatives if r.strip()]
            for name in representatives:
                _line(name, "representatives", _("Representatives"))
            voting = check_representatives(
                representatives, entry.voting_representative, member.name
            )
            presence = check_presence(
                Presence(
                    entry.organisation_id, entry.present, entry.arrives_before, entry.leaves_after
                ),
                positions,
                member.name,
            )
            if entry.present and not representatives:
                raise ValidationError(
                    _("{name}: please name the representative present.").format(name=member.name),
                    "representatives",
                )
            row = stored.get(entry.organisation_id)
            if row is None:
                row = Attendance(organisation_id=entry.organisation_id, votes=member.votes)
                meeting.attendance.append(row)
            row.present = presence.present
            row.votes = member.votes
            row.representatives = "\n".join(representatives)
            row.voting_representative = voting
            row.arrives_before_position = presence.arrives_before if presence.present else None
            row.leaves_after_position = presence.leaves_after if presence.present else None
        session.flush()
        check_recorded_votes(session, meeting)


def check_recorded_votes(session: Session, meeting: Meeting) -> None:
    """Refuse attendance that contradicts votes already recorded (someone absent who voted)."""
    record = record_of(session, meeting)
    for item in record.items:
        if item.outcome is not None and item.has_resolution and item.decision is None:
            raise RuleViolation(
                _(
                    "Item {position}: the recorded votes do not fit this attendance (a member "
                    "who voted would be absent, or one present has no vote). Correct the votes "
                    "of that item first."
                ).format(position=item.position)
            )
