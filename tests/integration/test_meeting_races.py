"""Two clerks record the same vote at once: the linked effect happens once.

Each process pauses after reading the meeting, so without the write lock both would see no
recorded effect and both would publish the price list. The lock serialises them: one records the
outcome and publishes, the other is refused in German. Rounds: ZIDKOR_RACE_COUNT (default 1).
"""

from __future__ import annotations

import os

from race_support import race
from sqlalchemy import func, select

from tests.integration.meeting_support import AFTER, workflow_meeting
from zidkor_desktop.db.models import AuditEntry, PriceList
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.kinds import PriceListStatus

ROUNDS = int(os.environ.get("ZIDKOR_RACE_COUNT", "1"))

LAUNCHER = f"""
import sys, time
from datetime import date
import zidkor_desktop.db.models
from zidkor_desktop.db.session import open_database
from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.domain.kinds import VoteChoice
from zidkor_desktop.queries.meeting_record import meeting_record
from zidkor_desktop.usecases import meeting_votes

original = meeting_votes.record_of


def slow(*args):
    result = original(*args)
    time.sleep(0.4)  # between reading and writing
    return result


meeting_votes.record_of = slow
start, url = float(sys.argv[1]), sys.argv[3]
meeting_id, item_id = int(sys.argv[4]), int(sys.argv[5])
db = open_database(url)
item = next(i for i in meeting_record(db, meeting_id).items if i.id == item_id)
choices = {{m.organisation_id: VoteChoice.YES for m in item.voters}}
time.sleep(max(0.0, start - time.time()))
try:
    decision = meeting_votes.record_votes(db, item_id, choices, date.fromisoformat("{AFTER}"))
    print(decision.outcome.value)
except DomainError as error:
    print(error, file=sys.stderr)
    sys.exit(1)
"""


def test_two_clerks_recording_the_same_vote_publish_once(db: Database, db_url: str) -> None:
    meeting = workflow_meeting(db)
    item = str(meeting.items["price"])
    for _round in range(ROUNDS):
        results = race(LAUNCHER, db_url, [str(meeting.id), item], [str(meeting.id), item])
        outcomes = sorted(r.returncode for r in results)
        assert outcomes == [0, 1], [r.stderr for r in results]
        winner = next(r for r in results if r.returncode == 0)
        loser = next(r for r in results if r.returncode == 1)
        assert winner.stdout.strip() == "adopted"
        assert "wirksam geworden" in loser.stderr
    with db.sessions() as session:
        status, list_id = session.execute(
            select(PriceList.status, PriceList.id).where(PriceList.version_no == 2)
        ).one()
        published = session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(
                AuditEntry.entity == "price_list",
                AuditEntry.entity_id == str(list_id),
                AuditEntry.field == "status",
                AuditEntry.new_value == PriceListStatus.PUBLISHED.value,
            )
        )
    assert (status, published) == (PriceListStatus.PUBLISHED.value, 1)
