"""The documents of a meeting: invitations, public notice, minutes (signed and archived), extracts.

Signing the minutes renders the public and the non-public part from the meeting record, archives
them with SHA-256 and locks the meeting's record (the database's triggers refuse later changes);
from then on the minutes are always the archived files, never a new rendering.
"""

from __future__ import annotations

import hashlib
from datetime import date
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from zidkor_desktop.db.base import utcnow
from zidkor_desktop.db.models import ArchivedDocument, Meeting
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import NotFound, RuleViolation, ValidationError
from zidkor_desktop.domain.kinds import MeetingStatus, MinutesStatus
from zidkor_desktop.domain.meeting_record import MeetingRecord
from zidkor_desktop.l10n import _
from zidkor_desktop.queries.invoice_parties import settings_row
from zidkor_desktop.queries.meeting_record import load_meeting, record_of
from zidkor_desktop.usecases.errors import translated_db_errors
from zidkor_desktop.usecases.meetings import draft_meeting


class Part(StrEnum):
    """The public and the non-public part of the minutes (separate documents, § 41 GemO)."""

    PUBLIC = "public"
    NON_PUBLIC = "non-public"

    @property
    def kind(self) -> str:
        """The kind of the archived document."""
        return "minutes_public" if self is Part.PUBLIC else "minutes_non_public"


def parts_of(record: MeetingRecord) -> list[Part]:
    """The parts the minutes have: the public one always, the non-public one if it has items."""
    parts = [Part.PUBLIC]
    if any(not i.public for i in record.items):
        parts.append(Part.NON_PUBLIC)
    return parts


def filename(record: MeetingRecord, part: Part) -> str:
    """E.g. „Niederschrift-2-2026-oeffentlich.pdf“."""
    suffix = "oeffentlich" if part is Part.PUBLIC else "nichtoeffentlich"
    return f"Niederschrift-{record.number.replace('/', '-')}-{suffix}.pdf"


def sign_problems(record: MeetingRecord) -> list[str]:
    """What must be recorded before the minutes can be signed."""
    problems = []
    if record.starts_at is None or record.ends_at is None:
        problems.append(_("the start and end time of the meeting"))
    if not record.chair_name.strip():
        problems.append(_("the chair"))
    if not record.minute_taker.strip():
        problems.append(_("the minute-taker"))
    if not any(a.present for a in record.attendance):
        problems.append(_("the attendance"))
    open_items = [str(i.position) for i in record.items if i.has_resolution and i.outcome is None]
    if open_items:
        problems.append(_("the votes on item(s) {items}").format(items=", ".join(open_items)))
    return problems


def sign_minutes(db: Database, meeting_id: int, signed_on: date, today: date) -> None:
    """Sign the minutes: archive both parts as PDF and lock the meeting's record."""
    with translated_db_errors(), db.write() as session:
        meeting = draft_meeting(session, meeting_id)
        if signed_on > today or signed_on < meeting.held_on:
            raise ValidationError(
                _("Signed on: the date must lie between the meeting day and today."), "signed_on"
            )
        sign_in(session, meeting, signed_on)


def sign_in(session: Session, meeting: Meeting, signed_on: date) -> None:
    """Archive the parts of the minutes and mark them signed (inside a write transaction)."""
    from zidkor_desktop.documents.minutes import render_minutes

    record = record_of(session, meeting)
    problems = sign_problems(record)
    if problems:
        raise RuleViolation(
            _("The minutes cannot be signed yet. Still missing: {missing}.").format(
                missing="; ".join(problems)
            )
        )
    for part in parts_of(record):
        pdf = render_minutes(record, public=part is Part.PUBLIC, draft=False)
        session.add(
            ArchivedDocument(
                meeting_id=meeting.id,
                kind=part.kind,
                filename=filename(record, part),
                media_type="application/pdf",
                sha256=hashlib.sha256(pdf).hexdigest(),
                content=pdf,
                created_at=utcnow(),
            )
        )
    meeting.minutes_status = MinutesStatus.SIGNED.value
    meeting.minutes_signed_on = signed_on
    meeting.status = MeetingStatus.CLOSED.value
    session.flush()


def minutes_pdf(db: Database, meeting_id: int, part: Part) -> bytes:
    """The minutes of one part: the archived file once signed, else a draft marked as such."""
    from zidkor_desktop.documents.minutes import render_minutes

    with translated_db_errors(), db.sessions() as session:
        meeting = load_meeting(session, meeting_id)
        if meeting.minutes_status != MinutesStatus.DRAFT.value:
            content = session.scalar(
                select(ArchivedDocument.content).where(
                    ArchivedDocument.meeting_id == meeting_id, ArchivedDocument.kind == part.kind
                )
            )
            if content is None:
                raise NotFound(
                    _("Meeting {number} has no non-public part.").format(number=meeting.number)
                )
            return content
        record = record_of(session, meeting)
        if part not in parts_of(record):
            raise NotFound(
                _("Meeting {number} has no non-public part.").format(number=meeting.number)
            )
    return render_minutes(record, public=part is Part.PUBLIC, draft=True)


def invitations_pdf(db: Database, meeting_id: int) -> bytes:
    """The invitation letters to all members, in one PDF."""
    from zidkor_desktop.documents.invitation import render_invitations

    with translated_db_errors(), db.sessions() as session:
        record = record_of(session, load_meeting(session, meeting_id))
        logo = settings_row(session).logo_png
    if not record.items:
        raise RuleViolation(_("The agenda is empty: add its items before inviting."))
    return render_invitations(record, logo)


def public_notice_pdf(db: Database, meeting_id: int) -> bytes:
    """The public notice of time, place and public agenda."""
    from zidkor_desktop.documents.invitation import render_public_notice

    with translated_db_errors(), db.sessions() as session:
        record = record_of(session, load_meeting(session, meeting_id))
        logo = settings_row(session).logo_png
    return render_public_notice(record, logo)


def extract_pdf(db: Database, meeting_id: int, position: int) -> bytes:
    """The resolution extract (Beschlussauszug) of one item."""
    from zidkor_desktop.documents.minutes import render_extract

    with translated_db_errors(), db.sessions() as session:
        record = record_of(session, load_meeting(session, meeting_id))
    item = record.item(position)
    if not item.has_resolution or item.outcome is None:
        raise RuleViolation(
            _("Item {position} has no recorded resolution to extract.").format(position=position)
        )
    return render_extract(record, position)
