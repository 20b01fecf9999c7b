"""Build the record of one meeting from the database (domain.meeting_record holds its shape)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from zidkor_desktop.db.models import (
    AgendaItem,
    ArchivedDocument,
    Meeting,
    Membership,
    Organisation,
)
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import NotFound, ValidationError
from zidkor_desktop.domain.kinds import Majority, MeetingStatus, MinutesStatus, Outcome, VoteChoice
from zidkor_desktop.domain.meeting_record import (
    AttendanceRecord,
    EffectRecord,
    ItemRecord,
    MeetingRecord,
)
from zidkor_desktop.domain.meetings import Member, item_quorum
from zidkor_desktop.domain.membership import dates_of, is_voting_member, votes_valid_on
from zidkor_desktop.domain.resolutions import (
    Ballot,
    Decision,
    EffectKind,
    Tally,
    decide,
    tally,
    voters_at,
)
from zidkor_desktop.domain.statute import StatuteSettings
from zidkor_desktop.l10n import _
from zidkor_desktop.queries.invoice_parties import buyer_of_organisation, seller, settings_row
from zidkor_desktop.queries.meeting_effects import effect_state
from zidkor_desktop.queries.statute import find_version, settings_of, version_in_force


def members_on(session: Session, day: date) -> list[tuple[Member, Organisation]]:
    """The voting members on `day` with their votes, by name."""
    stmt = select(Membership).options(
        selectinload(Membership.organisation), selectinload(Membership.votes_history)
    )
    found = []
    for membership in session.scalars(stmt):
        if is_voting_member(dates_of(membership), day):
            org = membership.organisation
            found.append(
                (
                    Member(
                        org.id,
                        org.name,
                        votes_valid_on(
                            [(v.valid_from, v.votes) for v in membership.votes_history], day
                        ),
                    ),
                    org,
                )
            )
    return sorted(found, key=lambda pair: pair[0].name)


def statute_settings_on(session: Session, day: date) -> tuple[int | None, StatuteSettings]:
    """The settings of the statute version in force on `day` (the law's defaults if none)."""
    number = version_in_force(session, day)
    if number is None:
        return None, StatuteSettings()
    return number, settings_of(find_version(session, number))


def load_meeting(session: Session, meeting_id: int) -> Meeting:
    """The meeting with its items, votes, exclusions and attendance."""
    meeting = session.scalar(
        select(Meeting)
        .where(Meeting.id == meeting_id)
        .options(
            selectinload(Meeting.agenda).selectinload(AgendaItem.votes),
            selectinload(Meeting.agenda).selectinload(AgendaItem.exclusions),
            selectinload(Meeting.attendance),
        )
    )
    if meeting is None:
        raise NotFound(_("The meeting no longer exists."))
    return meeting


def _attendance(
    session: Session, meeting: Meeting, members: list[tuple[Member, Organisation]]
) -> tuple[AttendanceRecord, ...]:
    stored = {a.organisation_id: a for a in meeting.attendance}
    records = []
    for member, _org in members:
        row = stored.get(member.organisation_id)
        records.append(
            AttendanceRecord(
                member=member,
                present=bool(row and row.present),
                representatives=tuple(
                    line.strip()
                    for line in (row.representatives if row else "").splitlines()
                    if line.strip()
                ),
                voting_representative=row.voting_representative if row else "",
                arrives_before=row.arrives_before_position if row else None,
                leaves_after=row.leaves_after_position if row else None,
                address=buyer_of_organisation(session, member.organisation_id),
            )
        )
    return tuple(records)


def _item(
    session: Session,
    meeting: Meeting,
    item: AgendaItem,
    members: tuple[Member, ...],
    attendance: tuple[AttendanceRecord, ...],
    settings: StatuteSettings,
    second_of: date | None,
) -> ItemRecord:
    by_id = {m.organisation_id: m for m in members}
    reasons = {e.organisation_id: e.reason for e in item.exclusions}
    excluded = tuple((by_id[i], r) for i, r in reasons.items() if i in by_id)
    presences = [a.presence for a in attendance]
    quorum = item_quorum(members, presences, item.position, reasons, settings, second_of)
    present = {p.organisation_id for p in presences if p.at(item.position)}
    voters = tuple(voters_at(members, present, set(reasons)))
    ballots = tuple(
        Ballot(by_id[v.organisation_id], VoteChoice(v.choice))
        for v in sorted(
            item.votes, key=lambda v: by_id.get(v.organisation_id, Member(0, "", 0)).name
        )
        if v.organisation_id in by_id
    )
    majority = Majority(item.majority)
    counted: Tally | None = None
    decision: Decision | None = None
    if ballots and majority is not Majority.NONE:
        try:
            counted = tally(ballots, voters, members)
            decision = decide(majority, settings, counted, quorum.quorate)
        except ValidationError:
            counted = decision = None  # attendance changed after the vote: shown as incomplete
    arrivals = tuple(
        a.member.name for a in attendance if a.present and a.arrives_before == item.position
    )
    departures = tuple(
        a.member.name for a in attendance if a.present and a.leaves_after == item.position - 1
    )
    effect = None
    if item.effect_kind and item.effect_target_id is not None:
        kind = EffectKind(item.effect_kind)
        target, state = effect_state(session, kind, item.effect_target_id, item.effect_applied_at)
        effect = EffectRecord(
            kind,
            item.effect_target_id,
            target,
            item.effect_valid_from,
            item.effect_applied_at,
            state,
        )
    return ItemRecord(
        id=item.id,
        position=item.position,
        title=item.title,
        explanation=item.explanation,
        public=item.public,
        resolution_text=item.resolution_text,
        majority=majority,
        quorum=quorum,
        excluded=excluded,
        voters=voters,
        ballots=ballots,
        outcome=Outcome(item.outcome) if item.outcome else None,
        tally=counted,
        decision=decision,
        effect=effect,
        objections=item.objections,
        objection_decision=item.objection_decision,
        assignee=item.assignee,
        due_on=item.due_on,
        done_on=item.done_on,
        done_note=item.done_note,
        arrivals=arrivals,
        departures=departures,
    )


def record_of(session: Session, meeting: Meeting) -> MeetingRecord:
    """The record of a loaded meeting (inside a session)."""
    pairs = members_on(session, meeting.held_on)
    members = tuple(m for m, _org in pairs)
    number, settings = statute_settings_on(session, meeting.held_on)
    attendance = _attendance(session, meeting, pairs)
    second = None
    second_of: date | None = None
    if meeting.second_invitation_of_id is not None:
        first = session.get(Meeting, meeting.second_invitation_of_id)
        if first is not None:
            second = (first.id, first.number, first.held_on)
            second_of = first.held_on
    approved_by = ""
    if meeting.minutes_approved_by_item_id is not None:
        item = session.get(AgendaItem, meeting.minutes_approved_by_item_id)
        if item is not None:
            later = session.get(Meeting, item.meeting_id)
            assert later is not None
            approved_by = _("item {position} of meeting {number} of {day}").format(
                position=item.position, number=later.number, day=later.held_on.strftime("%d.%m.%Y")
            )
    archived = {
        kind: doc_id
        for kind, doc_id in session.execute(
            select(ArchivedDocument.kind, ArchivedDocument.id).where(
                ArchivedDocument.meeting_id == meeting.id
            )
        )
    }
    return MeetingRecord(
        id=meeting.id,
        version=meeting.version,
        number=meeting.number,
        title=meeting.title,
        held_on=meeting.held_on,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        place=meeting.place,
        status=MeetingStatus(meeting.status),
        chair_name=meeting.chair_name,
        minute_taker=meeting.minute_taker,
        invited_on=meeting.invited_on,
        urgent=meeting.urgent,
        urgency_reason=meeting.urgency_reason,
        second_invitation_of=second,
        notes=meeting.notes,
        minutes_status=MinutesStatus(meeting.minutes_status),
        minutes_signed_on=meeting.minutes_signed_on,
        minutes_approved_on=meeting.minutes_approved_on,
        minutes_approved_by=approved_by,
        settings=settings,
        statute_version=number,
        members=members,
        attendance=attendance,
        items=tuple(
            _item(session, meeting, i, members, attendance, settings, second_of)
            for i in meeting.agenda
        ),
        association=seller(session),
        chair_title=settings_row(session).chair_name,
        archived=archived,
    )


def meeting_record(db: Database, meeting_id: int) -> MeetingRecord:
    """The whole record of one meeting."""
    with db.sessions() as session:
        return record_of(session, load_meeting(session, meeting_id))
