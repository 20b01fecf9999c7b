"""Backup and restore of the SQLite file, and the automatic daily backups, on real files."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from cli_support import run
from sqlalchemy import select, text

from zidkor_desktop import cli
from zidkor_desktop.db import migrate
from zidkor_desktop.db.backup import integrity_problems, sidecar_files
from zidkor_desktop.db.models import Organisation
from zidkor_desktop.db.session import Database, open_database, sqlite_url
from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.usecases import backup as backups
from zidkor_desktop.usecases.backup import DatabaseFileState
from zidkor_desktop.usecases.demo import load_demo
from zidkor_desktop.usecases.members import get_member, update_member

TODAY = date(2026, 11, 25)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_demo(path: Path) -> Path:
    """A migrated SQLite file with the demo data; every connection closed again."""
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


def revision_of(path: Path) -> str | None:
    db = open_database(sqlite_url(path))
    try:
        return migrate.current_revision(db)
    finally:
        db.dispose()


@pytest.fixture
def demo_db(demo_path: Path) -> Iterator[Database]:
    db = open_database(sqlite_url(demo_path))
    yield db
    db.dispose()


def mainz_notes(path: Path) -> str:
    db = open_database(sqlite_url(path))
    try:
        with db.sessions() as session:
            return (
                session.scalar(select(Organisation.notes).where(Organisation.name == "Stadt Mainz"))
                or ""
            )
    finally:
        db.dispose()


def rename_mainz(path: Path, name: str) -> None:
    db = open_database(sqlite_url(path))
    try:
        with db.sessions() as session:
            org_id = session.scalar(
                select(Organisation.id).where(Organisation.name == "Stadt Mainz")
            )
        assert org_id is not None
        record = get_member(db, org_id, TODAY)
        record.data.name = name
        update_member(db, record, record.data, TODAY)
    finally:
        db.dispose()


def names(path: Path) -> set[str]:
    db = open_database(sqlite_url(path))
    try:
        with db.sessions() as session:
            return set(session.scalars(select(Organisation.name)))
    finally:
        db.dispose()


# --- backup and restore round trip --------------------------------------------------------------


def test_backup_then_restore_brings_back_the_old_state(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    copy = stick / "jahresende.sqlite3"
    code, out, err = run(capsys, "--db", str(demo_path), "backup", str(copy))
    assert code == 0, err
    assert str(copy) in out and integrity_problems(copy) == []
    assert not sidecar_files(copy)  # one self-contained file for the stick

    rename_mainz(demo_path, "Landeshauptstadt Mainz")
    assert "Landeshauptstadt Mainz" in names(demo_path)

    code, out, err = run(capsys, "--db", str(demo_path), "restore", str(copy), "--yes")
    assert code == 0, err
    assert "Stadt Mainz" in names(demo_path)
    assert "Landeshauptstadt Mainz" not in names(demo_path)
    kept = list(demo_path.parent.glob("zidkor.vor-wiederherstellung-*.sqlite3"))
    assert len(kept) == 1 and str(kept[0]) in out
    assert "Landeshauptstadt Mainz" in names(kept[0])  # the replaced state is not lost
    assert integrity_problems(demo_path) == []
    assert revision_of(demo_path) == migrate.head_revision()
    code, out, _err = run(capsys, "--db", str(demo_path), "members", "list", "--format", "json")
    assert code == 0 and '"Stadt Mainz"' in out


def test_backup_includes_changes_still_in_the_wal(demo_db: Database, tmp_path: Path) -> None:
    with demo_db.engine.begin() as connection:  # the engine stays open: the change sits in -wal
        connection.execute(text("UPDATE organisation SET notes = 'im WAL' WHERE id = 1"))
    target = backups.backup_database(demo_db, tmp_path / "online.sqlite3")
    assert backups.inspect_backup(target).organisations >= 9
    con = sqlite3.connect(target)
    assert con.execute("SELECT notes FROM organisation WHERE id = 1").fetchone() == ("im WAL",)
    con.close()


def test_backup_into_a_folder_and_refusals(demo_db: Database, tmp_path: Path) -> None:
    written = backups.backup_database(demo_db, tmp_path)
    assert written.parent == tmp_path and written.name.startswith("zidkor-")
    assert written.suffix == ".sqlite3"
    assert demo_db.path is not None
    with pytest.raises(DomainError):
        backups.backup_database(demo_db, demo_db.path)
    with pytest.raises(DomainError):
        backups.backup_database(demo_db, tmp_path / "gibt-es-nicht" / "b.sqlite3")
    with pytest.raises(DomainError):
        backups.backup_database(demo_db, written, overwrite=False)
    assert backups.backup_database(demo_db, written) == written  # the GUI asked already


def test_cli_backup_does_not_overwrite_without_force(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "b.sqlite3"
    target.write_bytes(b"alt")
    code, _out, err = run(capsys, "--db", str(demo_path), "backup", str(target))
    assert code == cli.EXIT_ERROR and "--force" in err and target.read_bytes() == b"alt"
    code, _out, err = run(capsys, "--db", str(demo_path), "backup", str(target), "--force")
    assert code == 0 and integrity_problems(target) == []


def test_server_databases_are_not_backed_up_here() -> None:
    db = open_database("postgresql+psycopg://clerk@127.0.0.1:1/zidkor")  # never connects
    try:
        with pytest.raises(DomainError, match="pg_dump"):
            backups.backup_database(db, Path("x.sqlite3"))
        assert backups.daily_backup(db, TODAY) is None
        assert backups.backup_folder(db) is None and backups.last_backup(db) is None
    finally:
        db.dispose()


def test_restore_onto_a_new_computer(demo_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "neuer-pc" / "daten" / "zidkor.sqlite3"
    assert backups.restore_database(target, demo_path) is None  # nothing to keep
    assert names(target) == names(demo_path)


def test_restore_reads_a_copied_live_database_with_its_wal(
    demo_db: Database, tmp_path: Path
) -> None:
    with demo_db.engine.begin() as connection:
        connection.execute(text("UPDATE organisation SET notes = 'nur im WAL' WHERE id = 2"))
    assert demo_db.path is not None
    raw = tmp_path / "roh"
    raw.mkdir()
    for file in [demo_db.path, *sidecar_files(demo_db.path)]:
        shutil.copyfile(file, raw / file.name)  # what a clerk copying the folder gets
    target = tmp_path / "ziel.sqlite3"
    backups.restore_database(target, raw / demo_db.path.name)
    con = sqlite3.connect(target)
    assert con.execute("SELECT notes FROM organisation WHERE id = 2").fetchone() == ("nur im WAL",)
    con.close()


# --- restore refuses bad files and leaves the current database alone -----------------------------


def _corrupt(source: Path, target: Path) -> Path:
    data = bytearray(source.read_bytes())
    page = 4096
    assert len(data) > 8 * page
    for offset in range(2 * page, len(data) // 2, 3 * page):  # keep page 1 (the schema)
        data[offset : offset + page] = b"\xa5" * page
    target.write_bytes(bytes(data))
    return target


def _newer(source: Path, target: Path) -> Path:
    shutil.copyfile(source, target)
    con = sqlite3.connect(target)
    con.execute("UPDATE alembic_version SET version_num = 'f00dfeed'")
    con.commit()
    con.close()
    return target


def _foreign(target: Path) -> Path:
    con = sqlite3.connect(target)
    con.execute("CREATE TABLE rezepte (id INTEGER PRIMARY KEY, titel TEXT)")
    con.execute("INSERT INTO rezepte (titel) VALUES ('Zwiebelkuchen')")
    con.commit()
    con.close()
    return target


@pytest.mark.parametrize("kind", ["missing", "text", "empty", "foreign", "corrupt", "newer"])
def test_restore_refuses_bad_files(
    kind: str, demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = open_database(sqlite_url(demo_path))
    good = backups.backup_database(source, tmp_path / "gut.sqlite3")
    source.dispose()
    bad = tmp_path / f"{kind}.sqlite3"
    if kind == "text":
        bad.write_text("Das ist keine Datenbank.\n" * 50, encoding="utf-8")
    elif kind == "empty":
        bad.touch()
    elif kind == "foreign":
        _foreign(bad)
    elif kind == "corrupt":
        _corrupt(good, bad)
        assert integrity_problems(bad)
    elif kind == "newer":
        _newer(good, bad)
    before = digest(demo_path)
    files_before = sorted(p.name for p in demo_path.parent.iterdir())

    code, _out, err = run(capsys, "--db", str(demo_path), "restore", str(bad), "--yes")

    assert code == cli.EXIT_ERROR
    assert str(bad) in err and "Traceback" not in err
    assert digest(demo_path) == before
    assert sorted(p.name for p in demo_path.parent.iterdir()) == files_before
    with pytest.raises(DomainError):
        backups.restore_database(demo_path, bad)
    assert digest(demo_path) == before


def test_restore_is_refused_while_the_database_is_open(demo_db: Database, tmp_path: Path) -> None:
    assert demo_db.path is not None
    copy = backups.backup_database(demo_db, tmp_path / "kopie.sqlite3")
    with demo_db.engine.connect() as connection:  # a pooled connection stays open afterwards
        connection.execute(text("SELECT 1"))
    with pytest.raises(DomainError, match=str(demo_db.path)):
        backups.restore_database(demo_db.path, copy)
    assert not list(demo_db.path.parent.glob("*vor-wiederherstellung*"))
    demo_db.dispose()  # as the GUI must do before restoring
    assert backups.restore_database(demo_db.path, copy) is not None


def test_restore_of_a_damaged_current_database_keeps_it(demo_path: Path, tmp_path: Path) -> None:
    good = tmp_path / "gut.sqlite3"
    shutil.copyfile(demo_path, good)
    demo_path.write_bytes(b"kaputt" * 100)
    kept = backups.restore_database(demo_path, good)
    assert kept is not None and kept.read_bytes() == b"kaputt" * 100
    assert "Stadt Mainz" in names(demo_path)


def test_restore_asks_first(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "kopie.sqlite3"
    shutil.copyfile(demo_path, copy)
    before = digest(demo_path)
    code, _out, err = run(capsys, "--db", str(demo_path), "restore", str(copy))  # no answer
    assert code == cli.EXIT_ERROR and "--yes" in err
    assert digest(demo_path) == before


def test_database_file_state(demo_path: Path, tmp_path: Path) -> None:
    assert backups.database_file_state(tmp_path / "fehlt") is DatabaseFileState.MISSING
    (tmp_path / "leer").touch()
    assert backups.database_file_state(tmp_path / "leer") is DatabaseFileState.EMPTY
    assert backups.database_file_state(demo_path) is DatabaseFileState.ZIDKOR
    with pytest.raises(DomainError):
        backups.database_file_state(_foreign(tmp_path / "fremd.sqlite3"))
    with pytest.raises(DomainError):
        backups.database_file_state(_newer(demo_path, tmp_path / "neu.sqlite3"))
    with pytest.raises(DomainError):
        backups.database_file_state(tmp_path)


def test_inspect_backup_leaves_the_file_alone(demo_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "kopie.sqlite3"
    shutil.copyfile(demo_path, copy)
    before = digest(copy)
    info = backups.inspect_backup(copy)
    assert info.revision == migrate.head_revision()
    assert info.association is not None and "Rheinland-Pfalz" in info.association
    assert info.organisations >= 9
    assert digest(copy) == before and not sidecar_files(copy)


# --- daily backups ------------------------------------------------------------------------------


def test_daily_backup_once_per_day(demo_db: Database) -> None:
    assert demo_db.path is not None
    first = backups.daily_backup(demo_db, TODAY)
    assert first == demo_db.path.parent / "backups" / "zidkor-2026-11-25.sqlite3"
    assert integrity_problems(first) == []
    assert backups.daily_backup(demo_db, TODAY) is None
    second = backups.daily_backup(demo_db, TODAY + timedelta(days=1))
    assert second is not None and second.name == "zidkor-2026-11-26.sqlite3"
    assert backups.backup_folder(demo_db) == first.parent
    last = backups.last_backup(demo_db)
    assert last is not None and last[0] == second
    assert abs((datetime.now() - last[1]).total_seconds()) < 60


def test_no_daily_backup_without_a_file(tmp_path: Path) -> None:
    db = open_database(sqlite_url(tmp_path / "noch-nicht-da.sqlite3"))
    try:
        assert backups.daily_backup(db, TODAY) is None
        assert backups.last_backup(db) is None
    finally:
        db.dispose()
