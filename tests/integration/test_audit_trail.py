"""Audit trail on a real database: side-effect deletes logged, hash chain, append-only table."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import threading
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Connection, select, text
from sqlalchemy.exc import DBAPIError

from zidkor_desktop.db import audit
from zidkor_desktop.db.migrate import downgrade, upgrade
from zidkor_desktop.db.models import AuditEntry, MembershipVotes
from zidkor_desktop.db.session import Database, current_user, open_database
from zidkor_desktop.queries.audit import member_history, verify_chain
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


def _first_entry(db: Database) -> AuditEntry:
    with db.sessions() as session:
        return session.scalars(select(AuditEntry).order_by(AuditEntry.id)).first()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_log SET new_value = 'gefälscht' WHERE id = :id",
        "UPDATE audit_log SET hash = hash WHERE id = :id",
        "DELETE FROM audit_log WHERE id = :id",
        "DELETE FROM audit_log",
    ],
)
def test_plain_sql_cannot_change_or_delete_audit_entries(demo: Database, statement: str) -> None:
    first = _first_entry(demo)
    before = verify_chain(demo)
    with (
        pytest.raises(DBAPIError, match="append-only"),
        demo.write_engine.begin() as connection,
    ):
        connection.execute(text(statement), {"id": first.id})
    assert verify_chain(demo) == before
    assert _first_entry(demo).new_value == first.new_value


@pytest.mark.postgres
def test_truncate_is_refused_on_postgres(demo: Database) -> None:
    count = verify_chain(demo).count
    with (
        pytest.raises(DBAPIError, match="append-only"),
        demo.write_engine.begin() as connection,
    ):
        connection.execute(text("TRUNCATE audit_log"))
    assert verify_chain(demo).count == count > 0


def _drop_triggers(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("DROP TRIGGER audit_log_no_change ON audit_log"))
    else:
        connection.execute(text("DROP TRIGGER audit_log_no_update"))
        connection.execute(text("DROP TRIGGER audit_log_no_delete"))


def _nth_id(db: Database, n: int) -> int:
    with db.sessions() as session:
        return list(session.scalars(select(AuditEntry.id).order_by(AuditEntry.id)))[n]


def test_verify_names_a_changed_entry(demo: Database) -> None:
    intact = verify_chain(demo)
    assert intact.broken is None and intact.count > 50
    target = _nth_id(demo, 10)
    with demo.write_engine.begin() as connection:
        _drop_triggers(connection)
        connection.execute(
            text("UPDATE audit_log SET new_value = 'gefälscht' WHERE id = :id"), {"id": target}
        )
    result = verify_chain(demo)
    assert result.broken is not None and result.broken.id == target
    assert result.count == 10 and not result.missing_before


def test_verify_names_the_entry_after_a_deleted_one(demo: Database) -> None:
    target, after = _nth_id(demo, 5), _nth_id(demo, 6)
    with demo.write_engine.begin() as connection:
        _drop_triggers(connection)
        connection.execute(text("DELETE FROM audit_log WHERE id = :id"), {"id": target})
    result = verify_chain(demo)
    assert result.broken is not None and result.broken.id == after
    assert result.missing_before and result.count == 5


def test_chain_hashes_are_sha256_over_the_canonical_fields(demo: Database) -> None:
    with demo.sessions() as session:
        entries = list(session.scalars(select(AuditEntry).order_by(AuditEntry.id).limit(3)))
    previous = "0" * 64
    for entry in entries:
        fields = [
            "zidkor-audit-v1",
            entry.id,
            entry.at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            entry.user,
            entry.host,
            entry.action,
            entry.entity,
            entry.entity_id,
            entry.field,
            entry.old_value,
            entry.new_value,
            previous,
        ]
        payload = json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode()
        assert entry.prev_hash == previous
        assert entry.hash == hashlib.sha256(payload).hexdigest()
        previous = entry.hash


def test_upgrade_hashes_entries_of_an_older_database(db: Database) -> None:
    downgrade(db, "0002")
    with db.write_engine.begin() as connection:
        for number in range(3):
            connection.execute(
                text(
                    'INSERT INTO audit_log (at, "user", action, entity, entity_id, field, '
                    "old_value, new_value) VALUES (:at, 'alt', 'update', 'organisation', '1', "
                    "'name', :old, 'Neu')"
                ),
                {
                    "at": datetime(2026, 1, 2, 3, 4, 5, 123456 * number % 999999),
                    "old": f"A{number}",
                },
            )
    upgrade(db)
    result = verify_chain(db)
    assert (result.broken, result.count) == (None, 3)
    with pytest.raises(DBAPIError, match="append-only"), db.write_engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_log"))
    downgrade(db, "0002")  # and back down with the entries kept
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM audit_log")).scalar() == 3


def test_entries_record_the_operating_system_account_and_computer(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    pwd = pytest.importorskip("pwd")  # the POSIX path; Windows asks GetUserNameW
    for name in ("USER", "USERNAME", "LOGNAME", "LNAME"):
        monkeypatch.setenv(name, "falscher-name")
    account = pwd.getpwuid(os.geteuid()).pw_name
    assert current_user() == account
    database = open_database(db_url)
    try:
        upgrade(database)
        load_demo(database, TODAY)
        entry = _first_entry(database)
    finally:
        database.dispose()
    assert (entry.user, entry.host) == (account, socket.gethostname())


def test_concurrent_writers_keep_one_intact_chain(demo: Database, db_url: str) -> None:
    rounds = int(os.environ.get("ZIDKOR_STRESS", "4"))
    names = ["Stadt Trier", "Stadt Speyer"]
    ids = {r.name: r.organisation_id for r in list_members(demo, TODAY) if r.name in names}
    errors: list[BaseException] = []

    def clerk(name: str) -> None:
        own = open_database(db_url, user=f"clerk-{name}")
        try:
            for number in range(rounds):
                record = get_member(own, ids[name], TODAY)
                update_member(own, record, replace(record.data, phone=f"0{number}"), TODAY)
        except BaseException as exc:  # reported below, the thread must not swallow it
            errors.append(exc)
        finally:
            own.dispose()

    before = verify_chain(demo).count
    threads = [threading.Thread(target=clerk, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    result = verify_chain(demo)
    assert result.broken is None and result.count == before + 2 * rounds


def test_entries_added_by_hand_and_recorded_events_join_the_chain(demo: Database) -> None:
    before = verify_chain(demo).count
    with demo.write() as session:
        session.add(
            AuditEntry(
                at=datetime.now(UTC),
                user="falsch",
                host="",
                action="restore",
                entity="database",
                entity_id="",
                field="",
                prev_hash="",
                hash="",
            )
        )
        audit.record(session, "restore", "database", "", new_value="backup.sqlite3")
    result = verify_chain(demo)
    assert result.broken is None and result.count == before + 2
    with demo.sessions() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(2)).all()
    assert {e.user for e in last} == {"pytest"}  # the session's account, not the caller's text


def test_member_history_holds_only_that_members_records(demo: Database) -> None:
    mainz = _mainz(demo)
    record = get_member(demo, mainz, TODAY)
    update_member(demo, record, replace(record.data, votes=2, votes_from=date(2027, 1, 1)), TODAY)
    record = get_member(demo, mainz, TODAY)
    update_member(demo, record, replace(record.data, votes=2, votes_from=date(2026, 12, 15)), TODAY)
    rows = member_history(demo, mainz)
    organisations = {r.entity_id for r in rows if r.entity == "organisation"}
    memberships = {r.entity_id for r in rows if r.entity == "membership"}
    votes = [(r.entity_id, r.action) for r in rows if r.entity == "membership_votes"]
    assert organisations == {str(mainz)} and len(memberships) == 1
    assert len(votes) == 4  # founding entry, the scheduled one, its removal, the earlier one
    assert sum(action == "delete" for _id, action in votes) == 1
