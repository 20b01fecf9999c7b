"""Migrations and the first setup are atomic; crash leftovers are recovered (both databases)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from cli_support import run
from sqlalchemy import inspect, text

from zidkor_desktop.db import migrate
from zidkor_desktop.db.base import Base
from zidkor_desktop.db.session import Database, open_database, sqlite_url
from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.usecases.database import DatabaseChoice, is_initialised, open_and_migrate
from zidkor_desktop.usecases.demo import load_demo

FAILING_REVISION = """
revision = "0099"
down_revision = "{parent}"
branch_labels = None
depends_on = None

import sqlalchemy as sa
from alembic import op


def upgrade():
    op.create_table("probe_half_done", sa.Column("id", sa.Integer(), primary_key=True))
    op.execute("INSERT INTO probe_half_done (id) VALUES (1)")
    op.execute("SELECT no_such_column FROM probe_half_done")  # fails inside the run


def downgrade():
    pass
"""


@pytest.fixture
def failing_migrations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The program's migrations plus a last revision that fails after creating a table."""
    folder = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    head = migrate.head_revision()
    (folder / "versions" / "0099_failing.py").write_text(FAILING_REVISION.format(parent=head))
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", folder)
    return folder


def tables(db: Database) -> set[str]:
    with db.engine.connect() as connection:
        return set(inspect(connection).get_table_names())


def test_a_failing_upgrade_leaves_the_old_revision_and_no_new_table(
    db: Database, failing_migrations: Path
) -> None:
    load_demo(db, date(2026, 11, 25))
    migrate.downgrade(db, "0001")
    before = tables(db)
    assert "backup_record" not in before
    with pytest.raises(Exception, match="no_such_column"):
        migrate.upgrade(db)
    assert migrate.stored_revision(db) == "0001"
    assert tables(db) == before  # neither 0002's backup_record nor the probe table
    assert is_initialised(db)


def test_a_failing_first_setup_leaves_an_empty_database(
    db_url: str, failing_migrations: Path
) -> None:
    db = open_database(db_url)
    try:
        with pytest.raises(Exception, match="no_such_column"):
            migrate.upgrade(db)
        assert tables(db) == set()
        assert migrate.stored_revision(db) is None
    finally:
        db.dispose()


def test_after_a_failed_upgrade_the_real_one_works(
    db: Database, monkeypatch: pytest.MonkeyPatch, failing_migrations: Path
) -> None:
    migrate.downgrade(db, "0001")
    with pytest.raises(Exception, match="no_such_column"):
        migrate.upgrade(db)
    monkeypatch.undo()
    migrate.upgrade(db)
    assert migrate.stored_revision(db) == migrate.head_revision()
    assert "backup_record" in tables(db)


def make_cut_off_setup(db: Database, count: int = 17, version_table: bool = True) -> None:
    """What older versions left after a kill during setup: some tables, no revision, no data."""
    with db.write_engine.begin() as connection:
        Base.metadata.create_all(connection, tables=Base.metadata.sorted_tables[:count])
        if version_table:
            connection.execute(
                text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
            )


def test_a_cut_off_setup_is_recovered_by_init(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "abgebrochen.sqlite3"
    db = open_database(sqlite_url(path))
    make_cut_off_setup(db)
    db.dispose()
    code, _out, err = run(capsys, "--db", str(path), "members", "list")
    assert code == 1
    assert "noch nicht eingerichtet" in err and "zidkor init --demo" in err
    code, out, err = run(capsys, "--db", str(path), "init", "--demo")
    assert code == 0, err
    assert "9 Mitglieder" in out
    code, out, err = run(capsys, "--db", str(path), "members", "list", "--format", "json")
    assert code == 0, err


def test_a_cut_off_setup_is_recovered_on_open(db_url: str) -> None:
    # The program's start path (GUI and CLI): open_and_migrate, then the first-start dialog.
    db = open_database(db_url)
    make_cut_off_setup(db, count=9, version_table=False)
    db.dispose()
    if db.path is not None:
        opened = open_and_migrate(DatabaseChoice(path=db.path))
    else:
        opened = open_and_migrate(DatabaseChoice(url=db_url))
    try:
        assert migrate.stored_revision(opened.db) == migrate.head_revision()
        assert not is_initialised(opened.db)
        load_demo(opened.db, date(2026, 11, 25))
        assert is_initialised(opened.db)
    finally:
        opened.db.dispose()


def test_our_tables_with_data_but_no_revision_get_a_message_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "ohne-revision.sqlite3"
    db = open_database(sqlite_url(path))
    make_cut_off_setup(db)
    with db.write_engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO organisation (name, short_name, kind, is_municipal_body, street, "
                "postcode, city, country_code, email, phone, notes, is_example, version, "
                "updated_at) VALUES ('Stadt X', '', 'city', 1, '', '', '', 'DE', '', '', '', 0, "
                "1, '2026-01-01 00:00:00')"
            )
        )
    db.dispose()
    before = path.read_bytes()
    with pytest.raises(DomainError) as err:
        open_and_migrate(DatabaseChoice(path=path))
    assert "zidkor restore" in str(err.value) and str(path) in str(err.value)
    assert path.read_bytes() == before


HOT_JOURNAL = """
import os, sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("PRAGMA journal_mode=DELETE")
con.execute("PRAGMA cache_size=1")  # pages spill into the file before the commit
con.execute("BEGIN")
con.execute("UPDATE organisation SET notes = 'HALB' || hex(randomblob(3000))")
con.execute("UPDATE membership SET notes = 'HALB' || hex(randomblob(3000))")
con.execute(
    "UPDATE agenda_item SET resolution_text = 'HALB' || hex(randomblob(3000)) "
    "WHERE meeting_id IN (SELECT id FROM meeting WHERE minutes_status = 'draft')"
)
os.kill(os.getpid(), 9)
"""


def test_a_hot_journal_left_by_a_crash_is_rolled_back_at_the_next_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "journal.sqlite3"
    code, _out, err = run(capsys, "--db", str(path), "init", "--demo")
    assert code == 0, err
    subprocess.run([sys.executable, "-c", HOT_JOURNAL, str(path)], check=False)
    journal = path.with_name(path.name + "-journal")
    assert journal.stat().st_size > 0  # the crash left a hot journal
    code, out, err = run(capsys, "--db", str(path), "members", "list", "--format", "json")
    assert code == 0, err
    assert "HALB" not in out and "beschädigt" not in err
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        halves = "SELECT count(*) FROM organisation WHERE notes LIKE 'HALB%'"
        assert con.execute(halves).fetchone() == (0,)
    finally:
        con.close()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_a_hot_journal_in_a_read_only_folder_says_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "nur-lesen"
    folder.mkdir()
    path = folder / "journal.sqlite3"
    code, _out, err = run(capsys, "--db", str(path), "init", "--demo")
    assert code == 0, err
    subprocess.run([sys.executable, "-c", HOT_JOURNAL, str(path)], check=False)
    folder.chmod(0o555)
    try:
        code, _out, err = run(capsys, "--db", str(path), "members", "list")
    finally:
        folder.chmod(0o755)
    assert code == 1
    assert "Schreibrecht" in err and str(folder) in err
