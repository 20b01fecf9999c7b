"""The write lock: every write transaction holds it from its first statement, on both databases."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import text

from zidkor_desktop.db.models import AssociationSettings
from zidkor_desktop.db.session import Database, open_database


def test_a_second_writer_waits_for_the_first(db: Database, db_url: str) -> None:
    other = open_database(db_url, user="second")
    order: list[str] = []
    holding = threading.Event()

    def second() -> None:
        holding.wait()
        with other.write() as session:
            order.append("second-begun")
            session.execute(text("SELECT 1"))
        order.append("second-done")

    thread = threading.Thread(target=second)
    thread.start()
    try:
        with db.write() as session:
            session.execute(text("SELECT 1"))
            holding.set()
            time.sleep(0.5)  # the second writer is blocked at its BEGIN / lock meanwhile
            order.append("first-done")
    finally:
        thread.join(timeout=20)
        other.dispose()
    assert order == ["first-done", "second-begun", "second-done"]


def test_a_reader_does_not_wait_for_a_writer(db: Database, db_url: str) -> None:
    other = open_database(db_url, user="reader")
    try:
        with db.write() as session:
            session.execute(text("SELECT 1"))
            with other.sessions() as reader:
                assert reader.execute(text("SELECT count(*) FROM organisation")).scalar() == 0
    finally:
        other.dispose()


def test_changes_outside_write_are_refused(db: Database) -> None:
    with db.sessions() as session, pytest.raises(RuntimeError, match=r"Database\.write"):
        session.add(AssociationSettings(name="X", short_name="X"))
        session.flush()
