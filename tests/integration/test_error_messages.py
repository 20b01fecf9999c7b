"""Library and system errors reach the clerk as German sentences naming the file or database."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from cli_support import run

from zidkor_desktop.db.session import Database
from zidkor_desktop.l10n import set_language
from zidkor_desktop.usecases.database import is_initialised

ENGLISH_LEAKS = ("Errno", "SELECT", "malformed", "sqlite3", "psycopg", "Connection refused")


@pytest.fixture(autouse=True)
def _german() -> None:
    set_language("de")


@pytest.fixture
def demo_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "zidkor.sqlite3"
    code, _out, err = run(capsys, "--db", str(path), "init", "--demo")
    assert code == 0, err
    return path


def damage_table(path: Path, table: str) -> None:
    """Overwrite the root page of `table` with garbage (the header and schema stay readable)."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    con.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * page_size)


def assert_german(err: str, *names: object) -> None:
    for name in names:  # the file or URL named in the message may contain anything
        err = err.replace(str(name), "")
    for leak in ENGLISH_LEAKS:
        assert leak not in err, err


def test_damaged_page_names_the_file_and_the_way_to_restore(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damage_table(demo_file, "organisation")
    code, _out, err = run(capsys, "--db", str(demo_file), "members", "list")
    assert code == 1, err
    assert "beschädigt" in err and str(demo_file) in err
    assert "zidkor restore" in err and "Datei → Sicherung wiederherstellen…" in err
    assert_german(err, demo_file)


def _without_root_powers() -> list[str] | None:
    """Command prefix under which file permissions apply (root ignores them), or None."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        return None
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]


def test_read_only_folder_is_not_called_damaged(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    prefix = _without_root_powers()
    if prefix is None:
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    folder = demo_file.parent
    folder.chmod(0o555)
    try:
        result = subprocess.run(
            [
                *prefix,
                sys.executable,
                "-m",
                "zidkor_desktop",
                "--db",
                str(demo_file),
                "members",
                "list",
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "ZIDKOR_LANG": "de"},
            timeout=120,
        )
    finally:
        folder.chmod(0o755)
    assert result.returncode == 1, result.stderr
    assert "schreibgeschützt" in result.stderr and str(folder) in result.stderr
    assert "beschädigt" not in result.stderr
    assert_german(result.stderr, demo_file, folder)


def test_output_into_a_missing_folder_names_the_file(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "fehlt" / "liste.csv"
    code, _out, err = run(
        capsys, "--db", str(demo_file), "members", "list", "--format", "csv", "-o", str(target)
    )
    assert code == 1, err
    assert str(target) in err and "existiert nicht" in err
    assert_german(err, target)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # closed again when the block ends


def test_unreachable_server_is_a_german_message_with_retry_advice(
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = f"postgresql+psycopg://zidkor@127.0.0.1:{_closed_port()}/zidkor"
    code, _out, err = run(capsys, "--db-url", url, "members", "list")
    assert code == 1, err
    assert "nicht erreichbar" in err and "erneut" in err and "127.0.0.1" in err
    assert_german(err, url)


@pytest.mark.postgres
def test_missing_server_database_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    from sqlalchemy.engine import make_url

    url = make_url(os.environ["ZIDKOR_TEST_DATABASE_URL"]).set(database="zidkor_gibt_es_nicht")
    shown = url.render_as_string(hide_password=False)
    code, _out, err = run(capsys, "--db-url", shown, "members", "list")
    assert code == 1, err
    assert "existiert" in err and "zidkor_gibt_es_nicht" in err
    assert_german(err, make_url(shown).render_as_string(hide_password=True))


@pytest.fixture
def short_lock_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """Writers give up after 0.3 s instead of 15 s (the setting is read per connection)."""
    from zidkor_desktop.db import session

    monkeypatch.setattr(session, "LOCK_WAIT_SECONDS", 0.3)


@contextmanager
def write_lock_held(url: str) -> Iterator[None]:
    """A second connection holding the database's write lock (as another workplace would)."""
    from zidkor_desktop.db.session import open_database

    other = open_database(url, user="other")
    try:
        with other.write() as session:
            session.connection()
            yield
    finally:
        other.dispose()


def test_busy_database_is_a_german_message_to_try_again(
    db: Database, db_url: str, short_lock_wait: None, capsys: pytest.CaptureFixture[str]
) -> None:
    with write_lock_held(db_url):
        code, _out, err = run(
            capsys, "--db-url", db_url, "init", "--name", "ZV", "--short-name", "Z"
        )
    assert code == 1, err
    assert "belegt" in err and "noch einmal" in err
    assert_german(err, db.url, db_url)
    assert not is_initialised(db)
    code, _out, err = run(capsys, "--db-url", db_url, "init", "--name", "ZV", "--short-name", "Z")
    assert code == 0, err
    assert is_initialised(db)


def test_self_test_checks_the_chosen_database(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", str(demo_file), "self-test")
    assert code == 0, out + err
    assert f"✓ Datenbank: {demo_file}: unbeschädigt" in out
    damage_table(demo_file, "organisation")
    code, out, _err = run(capsys, "--db", str(demo_file), "self-test")
    assert code == 1
    assert f"✗ Datenbank: Die Datenbank {demo_file} ist beschädigt" in out
    code, out, _err = run(capsys, "--db", str(tmp_path / "fehlt.sqlite3"), "self-test")
    assert code == 1 and "✗ Datenbank" in out and "existiert nicht" in out


@pytest.mark.postgres
def test_self_test_checks_a_server_database(
    db: Database, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db-url", db_url, "self-test")
    assert code == 0, out + err
    assert "✓ Datenbank:" in out and "unbeschädigt" in out
    code, out, _err = run(
        capsys, "--db-url", f"postgresql+psycopg://zidkor@127.0.0.1:{_closed_port()}/x", "self-test"
    )
    assert code == 1 and "✗ Datenbank: Der Datenbankserver" in out


def test_invoice_number_format_of_older_databases_is_read_and_saved_plainly(db: Database) -> None:
    from sqlalchemy import text

    from zidkor_desktop.usecases.settings import SettingsData, get_settings, save_settings

    save_settings(db, SettingsData(name="ZV", short_name="Z"))
    with db.write() as session:  # as versions 0001/0002 stored it
        session.execute(
            text("UPDATE association_settings SET invoice_number_format = 'R{year}/{seq:04d}'")
        )
    loaded = get_settings(db)
    assert loaded.invoice_number_format == "R[JAHR]/[NR:4]"
    save_settings(db, loaded)
    with db.sessions() as session:
        stored = session.execute(text("SELECT invoice_number_format FROM association_settings"))
        assert stored.scalar_one() == "R[JAHR]/[NR:4]"
