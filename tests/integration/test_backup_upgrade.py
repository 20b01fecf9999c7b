"""A newer program version upgrades an existing file only after writing a backup copy of it.

The program ships one revision so far, so "older file" is simulated the other way round: the test
runs a program whose migrations folder holds one more real revision (a copy of the shipped folder
plus 0002). Alembic really upgrades the file from 0001 to 0002; nothing is faked but the folder.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from zidkor_desktop import cli
from zidkor_desktop.db import migrate
from zidkor_desktop.db.session import open_database, sqlite_url
from zidkor_desktop.usecases import backup as backups
from zidkor_desktop.usecases.demo import load_demo

SHIPPED_MIGRATIONS = migrate.MIGRATIONS_DIR
NEXT_REVISION = '''"""test: one revision newer than the shipped head"""

from alembic import op
import sqlalchemy as sa

revision = "t0002"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("zz_newer_program", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade() -> None:
    op.drop_table("zz_newer_program")
'''


@pytest.fixture
def shipped_head() -> str:
    return migrate.head_revision()


@pytest.fixture
def old_file(tmp_path: Path, shipped_head: str) -> Path:
    """A demo database written by the current program (at the shipped head)."""
    path = tmp_path / "zidkor.sqlite3"
    db = open_database(sqlite_url(path))
    try:
        migrate.upgrade(db)
        load_demo(db, date(2026, 11, 25))
    finally:
        db.dispose()
    assert backups.inspect_backup(path).revision == shipped_head
    return path


@pytest.fixture
def newer_program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shipped_head: str) -> str:
    """Make this process a program version with one more migration; returns its head."""
    folder = tmp_path / "migrations-newer"
    shutil.copytree(migrate.MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "versions" / "t0002_newer.py").write_text(
        NEXT_REVISION.format(head=shipped_head), encoding="utf-8"
    )
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", folder)
    assert migrate.head_revision() == "t0002"
    return "t0002"


def test_upgrade_writes_a_backup_of_the_old_file_first(
    old_file: Path, newer_program: str, shipped_head: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(["--db", str(old_file), "members", "list", "--format", "json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert len(json.loads(captured.out)) == 9

    copies = list(old_file.parent.glob(f"zidkor.vor-update-{shipped_head}-*.sqlite3"))
    assert len(copies) == 1
    assert str(copies[0]) in captured.err  # the clerk is told where the old state is
    assert backups.inspect_backup(copies[0]).revision == shipped_head
    assert backups.inspect_backup(old_file).revision == newer_program
    con = sqlite3.connect(copies[0])
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    con.close()
    assert "zz_newer_program" not in tables and "organisation" in tables

    code = cli.main(["--db", str(old_file), "members", "list", "--format", "json"])
    capsys.readouterr()
    assert code == 0
    assert len(list(old_file.parent.glob("zidkor.vor-update-*"))) == 1  # only before an upgrade


def test_migrate_upgrade_returns_the_backup_path(old_file: Path, newer_program: str) -> None:
    db = open_database(sqlite_url(old_file))
    try:
        backup = migrate.upgrade(db)
        assert backup is not None and backup.exists() and backup.parent == old_file.parent
        assert migrate.current_revision(db) == newer_program
        assert migrate.upgrade(db) is None  # at head: nothing to back up
    finally:
        db.dispose()


def test_an_older_program_refuses_a_newer_file(
    old_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    newer_program: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = open_database(sqlite_url(old_file))
    migrate.upgrade(db)
    db.dispose()
    newer_backup = tmp_path / "vom-neuen-programm.sqlite3"
    shutil.copyfile(old_file, newer_backup)
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", SHIPPED_MIGRATIONS)  # the shipped program
    assert "t0002" not in backups.known_revisions()

    current = tmp_path / "aktuell.sqlite3"
    shutil.copyfile(next(old_file.parent.glob("zidkor.vor-update-*.sqlite3")), current)
    before = current.read_bytes()
    code = cli.main(["--db", str(current), "restore", str(newer_backup), "--yes"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_ERROR and "t0002" in err and "Traceback" not in err
    assert current.read_bytes() == before

    code = cli.main(["--db", str(newer_backup), "members", "list"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_ERROR and "t0002" in err and "Traceback" not in err
