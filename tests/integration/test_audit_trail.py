"""Audit trail on a real database: side-effect deletes logged, hash chain, append-only table."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from zidkor_desktop.db.models import AuditEntry, MembershipVotes
from zidkor_desktop.db.session import Database
from zidkor_desktop.queries.members import list_members
from zidkor_desktop.usecases.demo import load_demo
from zidkor_desktop.usecases.members import get_member, update_member

TODAY = date(2026, 11, 25)


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db, TODAY)
    return db


def _mainz(db: Database) -> int:
    return next(r.organisation_id for r in list_members(db, TODAY) if r.name == "Stadt Mainz")


def test_replaced_votes_entry_is_logged_as_deleted(demo: Database) -> None:
    mainz = _mainz(demo)
    record = get_member(demo, mainz, TODAY)
    update_member(demo, record, replace(record.data, votes=2, votes_from=date(2027, 1, 1)), TODAY)
    with demo.sessions() as session:
        scheduled = session.scalars(
            select(MembershipVotes).where(MembershipVotes.valid_from == date(2027, 1, 1))
        ).one()
        scheduled_id = str(scheduled.id)
    record = get_member(demo, mainz, TODAY)
    # An earlier start replaces the scheduled change: its row is removed by delete-orphan.
    update_member(demo, record, replace(record.data, votes=2, votes_from=date(2026, 12, 15)), TODAY)
    assert get_member(demo, mainz, TODAY).votes_history == [
        (date(2012, 10, 1), 1),
        (date(2026, 12, 15), 2),
    ]
    with demo.sessions() as session:
        deleted = session.scalars(
            select(AuditEntry).where(
                AuditEntry.entity == "membership_votes",
                AuditEntry.entity_id == scheduled_id,
                AuditEntry.action == "delete",
            )
        ).all()
    assert len(deleted) == 1
    assert "2027-01-01" in (deleted[0].old_value or "")
