"""Backups never destroy the last good copy; restores carry the backup records over."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from cli_support import run
from damage_support import damage_page
from sqlalchemy import select

from zidkor_desktop import cli
from zidkor_desktop.db import migrate
from zidkor_desktop.db.models import AuditEntry, BackupRecord
from zidkor_desktop.db.session import Database, open_database, sqlite_url
from zidkor_desktop.domain.backup_generations import generations_to_keep
from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.usecases import backup as backups
from zidkor_desktop.usecases.demo import load_demo

TODAY = date(2026, 11, 25)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_demo(path: Path) -> Path:
    db = open_database(sqlite_url(path))
    try:
        migrate.upgrade(db)
        load_demo(db, TODAY)
    finally:
        db.dispose()
    return path


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    folder = tmp_path / "daten"
    folder.mkdir()
    return make_demo(folder / "zidkor.sqlite3")


@pytest.fixture
def demo_db(demo_path: Path) -> Iterator[Database]:
    db = open_database(sqlite_url(demo_path))
    yield db
    db.dispose()


def records(path: Path) -> list[tuple[str, str, str]]:
    db = open_database(sqlite_url(path))
    try:
        with db.sessions() as session:
            rows = session.scalars(select(BackupRecord).order_by(BackupRecord.id))
            return [(r.kind, r.path, r.sha256) for r in rows]
    finally:
        db.dispose()


# --- a damaged source never replaces a good backup ----------------------------------------------


def test_cli_backup_force_from_a_damaged_database_keeps_the_good_backup(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.sqlite3"
    code, _out, err = run(capsys, "--db", str(demo_path), "backup", str(good))
    assert code == 0, err
    before = good.read_bytes()
    damage_page(demo_path)

    code, out, err = run(capsys, "--db", str(demo_path), "backup", "--force", str(good))

    assert code == cli.EXIT_ERROR, out
    assert good.read_bytes() == before
    assert str(demo_path) in err and "beschädigt" in err
    assert str(good) in err and "unverändert" in err  # the target is named as untouched
    assert "malformed" not in err  # no English library text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["daten", "good.sqlite3"]  # no temp file


def test_a_damaged_copy_is_not_put_in_place(demo_db: Database, tmp_path: Path) -> None:
    """The copy itself is checked before it replaces the target (here: the check fails)."""
    good = backups.backup_database(demo_db, tmp_path / "good.sqlite3")
    before = good.read_bytes()

    def broken_check(path: Path) -> list[str]:
        assert path != good and path.parent == good.parent  # checks the temporary file beside it
        return ["Seite 3 kaputt"]

    with pytest.raises(DomainError, match="nicht bestanden"):
        backups.backup_database(demo_db, good, copy_check=broken_check)
    assert good.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["daten", "good.sqlite3"]


# --- daily backups: check first, keep generations -----------------------------------------------


def test_daily_backup_of_a_damaged_database_keeps_every_backup(demo_path: Path) -> None:
    db = open_database(sqlite_url(demo_path))
    try:
        first = backups.daily_backup(db, TODAY - timedelta(days=1))
    finally:
        db.dispose()
    assert first is not None
    folder = first.parent
    for offset in range(2, 40):  # older copies, as many as the old rule would rotate out
        day = TODAY - timedelta(days=offset)
        copy = folder / f"zidkor-{day.isoformat()}.sqlite3"
        copy.write_bytes(first.read_bytes())
        stamp = datetime.combine(day, time(8)).timestamp()
        os.utime(copy, (stamp, stamp))
    listing = {p.name: digest(p) for p in folder.iterdir()}
    damage_page(demo_path)

    db = open_database(sqlite_url(demo_path))
    try:
        with pytest.raises(backups.DamagedDatabase) as caught:
            backups.daily_backup(db, TODAY)
        assert caught.value.path == demo_path
        assert caught.value.newest_good == first  # the newest backup that passes the check
        assert str(first) in str(caught.value) and "beschädigt" in str(caught.value)
        assert backups.newest_good_backup(db) == first
    finally:
        db.dispose()
    assert {p.name: digest(p) for p in folder.iterdir()} == listing


def test_daily_backups_are_kept_in_generations(demo_db: Database) -> None:
    assert demo_db.path is not None
    folder = demo_db.path.parent / "backups"
    folder.mkdir()
    days = [TODAY - timedelta(days=offset) for offset in range(1, 500)]
    for day in days:
        (folder / f"zidkor-{day.isoformat()}.sqlite3").write_bytes(b"x")
    (folder / "zidkor-handkopie.sqlite3").write_bytes(b"bleibt")

    written = backups.daily_backup(demo_db, TODAY)

    assert written is not None
    expected = generations_to_keep([*days, TODAY])
    kept = {date.fromisoformat(p.name[7:17]) for p in folder.glob("zidkor-????-??-??.sqlite3")}
    assert kept == expected
    assert len(kept) == 32  # 14 days, 6 more weeks (Mondays), 12 months (each 1st)
    assert min(kept) == date(2025, 12, 1)
    assert (folder / "zidkor-handkopie.sqlite3").exists()


# --- restore carries the backup records over and is audited ------------------------------------


def test_restore_carries_backup_records_and_is_audited(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = tmp_path / "alt.sqlite3"
    assert run(capsys, "--db", str(demo_path), "backup", str(old))[0] == 0
    db = open_database(sqlite_url(demo_path))
    try:
        newer = backups.daily_backup(db, TODAY)
    finally:
        db.dispose()
    assert newer is not None
    known = records(demo_path)
    assert len(known) == 2

    code, _out, err = run(capsys, "--db", str(demo_path), "restore", str(old), "--yes")

    assert code == 0, err
    after = records(demo_path)
    assert [r for r in after if r[0] != "restore"] == known  # each once, none lost, none doubled
    assert after[-1][0] == "restore" and after[-1][1] == str(old.resolve())
    db = open_database(sqlite_url(demo_path))
    try:
        last = backups.last_backup(db)
        assert last is not None and last[0] == newer  # "Letzte Sicherung" stays true
        with db.sessions() as session:
            audited = session.scalars(
                select(AuditEntry).where(AuditEntry.entity == "backup_record")
            ).all()
        assert any("'restore'" in (e.new_value or "") for e in audited)
    finally:
        db.dispose()
    code, _out, err = run(capsys, "--db", str(demo_path), "audit", "verify")
    assert code == 0, err  # the carried-over records continue the restored hash chain


def test_known_backups_lists_daily_and_recorded_copies(demo_db: Database, tmp_path: Path) -> None:
    stick = backups.backup_database(demo_db, tmp_path / "stick.sqlite3")
    gone = backups.backup_database(demo_db, tmp_path / "weg.sqlite3")
    gone.unlink()
    daily = backups.daily_backup(demo_db, TODAY)
    assert daily is not None
    listed = backups.known_backups(demo_db)
    assert [k.path for k in listed] == [daily, stick.resolve()]  # newest first; missing left out
    assert listed[0].size_bytes == daily.stat().st_size
