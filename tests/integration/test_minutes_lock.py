"""Once the minutes are signed, the database itself refuses changes to the meeting's record."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.integration.meeting_support import AFTER, all_voting, workflow_meeting
from zidkor_desktop.db.refusals import MINUTES_SIGNED
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import RuleViolation
from zidkor_desktop.usecases.errors import translate
from zidkor_desktop.usecases.meeting_votes import record_votes

REFUSED = [
    "UPDATE meeting SET place = 'anderswo' WHERE id = :m",
    "UPDATE meeting SET minutes_status = 'draft' WHERE id = :m",
    "DELETE FROM meeting WHERE id = :m",
    "UPDATE agenda_item SET resolution_text = 'anders' WHERE meeting_id = :m",
    "UPDATE agenda_item SET outcome = 'rejected' WHERE meeting_id = :m",
    "DELETE FROM agenda_item WHERE meeting_id = :m",
    "INSERT INTO agenda_item (meeting_id, position, title, explanation, resolution_text, majority,"
    " public, objections, objection_decision, assignee, done_note)"
    " VALUES (:m, 99, 'neu', '', '', 'none', true, '', '', '', '')",
    "UPDATE attendance SET present = false WHERE meeting_id = :m",
    "DELETE FROM attendance WHERE meeting_id = :m",
    "UPDATE block_vote SET choice = 'no'"
    " WHERE agenda_item_id IN (SELECT id FROM agenda_item WHERE meeting_id = :m)",
    "DELETE FROM block_vote"
    " WHERE agenda_item_id IN (SELECT id FROM agenda_item WHERE meeting_id = :m)",
    "INSERT INTO conflict_exclusion (agenda_item_id, organisation_id, reason)"
    " SELECT id, 1, 'x' FROM agenda_item WHERE meeting_id = :m AND position = 2",
]


def signed(db: Database) -> int:
    """The workflow meeting with a vote recorded, its minutes marked signed by plain SQL."""
    meeting = workflow_meeting(db)
    record_votes(db, meeting.items["accounts"], all_voting(db, meeting, "accounts"), AFTER)
    with db.write() as session:
        session.execute(
            text("UPDATE meeting SET minutes_status = 'signed' WHERE id = :m"), {"m": meeting.id}
        )
    return meeting.id


@pytest.mark.parametrize("statement", REFUSED)
def test_the_signed_record_is_refused_by_the_database(db: Database, statement: str) -> None:
    meeting_id = signed(db)
    with pytest.raises(Exception) as raised, db.write() as session:
        session.execute(text(statement), {"m": meeting_id})
    assert MINUTES_SIGNED in str(raised.value)
    error = translate(raised.value)
    assert isinstance(error, RuleViolation)
    assert str(error).startswith("Die Niederschrift dieser Sitzung ist unterzeichnet")


def test_tracking_and_approval_stay_open(db: Database) -> None:
    meeting_id = signed(db)
    with db.write() as session:
        session.execute(
            text("UPDATE agenda_item SET assignee = 'Geschäftsstelle' WHERE meeting_id = :m"),
            {"m": meeting_id},
        )
        session.execute(
            text("UPDATE meeting SET minutes_status = 'approved' WHERE id = :m"), {"m": meeting_id}
        )


def test_a_draft_meeting_is_not_locked(db: Database) -> None:
    meeting = workflow_meeting(db)
    with db.write() as session:
        session.execute(
            text("UPDATE meeting SET place = 'Koblenz' WHERE id = :m"), {"m": meeting.id}
        )
        session.execute(
            text("UPDATE attendance SET present = false WHERE meeting_id = :m"), {"m": meeting.id}
        )
