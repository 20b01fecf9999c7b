"""Every backup written is recorded, so a copy saved by hand shows as the last backup."""

from __future__ import annotations

import hashlib
import os
import time
from datetime import date
from pathlib import Path

from sqlalchemy import select

from zidkor_desktop.db import migrate
from zidkor_desktop.db.models import BackupRecord
from zidkor_desktop.db.session import open_database, sqlite_url
from zidkor_desktop.usecases import backup as backups
from zidkor_desktop.usecases.demo import load_demo

TODAY = date(2026, 11, 25)


def test_manual_backup_to_a_stick_is_recorded_and_shown_as_last(tmp_path: Path) -> None:
    db = open_database(sqlite_url(tmp_path / "zidkor.sqlite3"), user="sachbearbeitung")
    migrate.upgrade(db)
    load_demo(db, TODAY)
    try:
        daily = backups.daily_backup(db, TODAY)
        assert daily is not None
        # the daily copy is older than the copy to the stick
        old = time.time() - 3600
        os.utime(daily, (old, old))
        stick = tmp_path / "usb-stick"
        stick.mkdir()
        written = backups.backup_database(db, stick / "zidkor-jahresende.sqlite3")

        last = backups.last_backup(db)
        assert last is not None and last[0] == written.resolve()

        with db.sessions() as session:
            records = list(session.scalars(select(BackupRecord).order_by(BackupRecord.id)))
        assert [r.kind for r in records] == ["daily", "manual"]
        manual = records[-1]
        assert manual.user == "sachbearbeitung"
        assert manual.size_bytes == written.stat().st_size
        assert manual.sha256 == hashlib.sha256(written.read_bytes()).hexdigest()
    finally:
        db.dispose()


def test_the_copy_does_not_contain_its_own_record(tmp_path: Path) -> None:
    db = open_database(sqlite_url(tmp_path / "zidkor.sqlite3"))
    migrate.upgrade(db)
    load_demo(db, TODAY)
    written = backups.backup_database(db, tmp_path / "kopie.sqlite3")
    db.dispose()
    copy = open_database(sqlite_url(written))
    try:
        with copy.sessions() as session:
            assert list(session.scalars(select(BackupRecord))) == []
    finally:
        copy.dispose()
