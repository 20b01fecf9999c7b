"""Minutes: draft, signed (archived, locked), approved by a resolution of the next meeting."""

from __future__ import annotations

import hashlib
from datetime import date, time
from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from tests.integration.meeting_support import AFTER, DAY, all_voting, workflow_meeting
from zidkor_desktop.db.models import ArchivedDocument
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import RuleViolation, ValidationError
from zidkor_desktop.domain.kinds import MinutesStatus, Outcome, VoteChoice
from zidkor_desktop.queries.meeting_record import meeting_record
from zidkor_desktop.usecases.meeting_votes import record_votes, update_tracking
from zidkor_desktop.usecases.meetings import (
    AttendanceInput,
    MeetingInput,
    create_meeting,
    save_attendance,
    update_meeting,
)
from zidkor_desktop.usecases.minutes import Part, minutes_pdf, sign_minutes

LATER = date(2027, 6, 2)


def text_of(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def held(db: Database):
    meeting = workflow_meeting(db)
    for key in ("price", "accession", "accounts", "statute", "staff"):
        record_votes(db, meeting.items[key], all_voting(db, meeting, key), AFTER)
    record = meeting_record(db, meeting.id)
    update_meeting(
        db,
        meeting.id,
        record.version,
        MeetingInput(
            number="1/2027", held_on=DAY, starts_at=time(10), ends_at=time(12, 30), place="Mainz",
            chair_name=record.chair_name, minute_taker=record.minute_taker,
        ),
    )  # fmt: skip
    return meeting


def test_signing_needs_the_end_time_and_every_vote(db: Database) -> None:
    meeting = workflow_meeting(db)
    with pytest.raises(RuleViolation) as refused:
        sign_minutes(db, meeting.id, AFTER, AFTER)
    assert "Beginn und Ende der Sitzung" in str(refused.value)
    assert "TOP 1, 2, 3, 4, 5" in str(refused.value)


def test_signed_minutes_are_archived_and_lock_the_record(db: Database) -> None:
    meeting = held(db)
    draft = minutes_pdf(db, meeting.id, Part.PUBLIC)
    assert "ENTWURF" in text_of(draft)
    with pytest.raises(ValidationError) as early:
        sign_minutes(db, meeting.id, date(2027, 3, 9), AFTER)
    assert early.value.field == "signed_on"
    sign_minutes(db, meeting.id, AFTER, AFTER)
    with db.sessions() as session:
        stored = {
            d.kind: d
            for d in session.scalars(
                select(ArchivedDocument).where(ArchivedDocument.meeting_id == meeting.id)
            )
        }
    assert set(stored) == {"minutes_public", "minutes_non_public"}
    for document in stored.values():
        assert hashlib.sha256(document.content).hexdigest() == document.sha256
    public = minutes_pdf(db, meeting.id, Part.PUBLIC)
    assert public == stored["minutes_public"].content
    text = text_of(public)
    assert "ENTWURF" not in text and "Personalangelegenheit" not in text
    assert "Personalangelegenheit" in text_of(minutes_pdf(db, meeting.id, Part.NON_PUBLIC))
    record = meeting_record(db, meeting.id)
    assert record.minutes_status is MinutesStatus.SIGNED and record.signed
    with pytest.raises(RuleViolation, match="unterzeichnet"):
        save_attendance(db, meeting.id, [AttendanceInput(record.members[0].organisation_id, False)])
    with pytest.raises(RuleViolation, match="unterzeichnet"):
        sign_minutes(db, meeting.id, AFTER, AFTER)
    # the tracking of its resolutions stays open
    update_tracking(db, meeting.items["accounts"], "Kämmerei", None, None, "", AFTER)


def test_minutes_are_approved_by_the_next_meeting_once(db: Database) -> None:
    meeting = held(db)
    later = create_meeting(
        db,
        MeetingInput(number="2/2027", held_on=LATER, starts_at=time(10)),
        approve_minutes_of=meeting.id,
    )
    record = meeting_record(db, later)
    save_attendance(
        db,
        later,
        [AttendanceInput(m.organisation_id, True, (f"V {m.name}",)) for m in record.members],
    )
    item = record.items[0]
    choices = {m.organisation_id: VoteChoice.YES for m in record.members}
    with pytest.raises(RuleViolation, match="unterzeichnet sein"):
        record_votes(db, item.id, choices, LATER)
    assert meeting_record(db, later).items[0].outcome is None  # nothing half-written
    sign_minutes(db, meeting.id, AFTER, AFTER)
    decision = record_votes(db, item.id, choices, LATER)
    assert decision.outcome is Outcome.ADOPTED
    first = meeting_record(db, meeting.id)
    assert first.minutes_status is MinutesStatus.APPROVED
    assert first.minutes_approved_on == LATER
    assert first.minutes_approved_by == "TOP 1 der Sitzung 2/2027 vom 02.06.2027"
    assert meeting_record(db, later).items[0].effect.state == "Genehmigt am 02.06.2027"
