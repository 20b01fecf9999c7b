"""SQLite file operations: online backup, integrity check, inspection and exclusive access."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
SIDECAR_SUFFIXES = ("-wal", "-shm", "-journal")


def _readonly(path: Path) -> sqlite3.Connection:
    """Read-only connection (URI with a properly escaped absolute path)."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def sqlite_backup(
    source: Path, target: Path, check: Callable[[Path], list[str]] | None = None
) -> list[str]:
    """Copy a live SQLite database consistently (online backup API) to `target`.

    The copy is written to a temporary file beside `target` and checked with `check`; only a
    sound copy replaces `target` (flushed first, then atomically). Returns the copy's problems:
    when there are any, `target` is left untouched. Without `check` the copy is not checked.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    tmp = Path(name)
    try:
        src = _readonly(source)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        problems = check(tmp) if check is not None else []
        if not problems:
            replace_file(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
        remove_sidecars(tmp)
    return problems


def _fsync(path: Path) -> None:
    """Flush a file's content to the disk before it replaces another file."""
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def looks_like_sqlite(path: Path) -> bool:
    """True when the file starts with the SQLite header or is empty (SQLite treats it as new)."""
    with open(path, "rb") as handle:
        head = handle.read(len(SQLITE_HEADER))
    return head in (SQLITE_HEADER, b"")


def integrity_problems(path: Path) -> list[str]:
    """Problems reported by SQLite's integrity check (empty list when the file is sound)."""
    return _check(path, "integrity_check")


def quick_problems(path: Path) -> list[str]:
    """Problems reported by SQLite's quick check (every page read, indexes not compared)."""
    return _check(path, "quick_check")


def _check(path: Path, pragma: str) -> list[str]:
    try:
        con = _readonly(path)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        rows = con.execute(f"PRAGMA {pragma}").fetchall()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        con.close()
    problems = [str(row[0]) for row in rows]
    return [] if problems == ["ok"] else problems


def table_names(path: Path) -> set[str]:
    """Names of the tables in a SQLite file."""
    con = _readonly(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()


def stored_revision(path: Path) -> str | None:
    """Alembic revision recorded in a SQLite file (None without a version row)."""
    con = _readonly(path)
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None
    finally:
        con.close()
    return None if row is None else str(row[0])


def scalar(path: Path, sql: str) -> object:
    """First column of the first row of a read-only query (None without rows)."""
    con = _readonly(path)
    try:
        row = con.execute(sql).fetchone()
    finally:
        con.close()
    return None if row is None else row[0]


def make_single_file(path: Path, timeout: float = 2.0) -> None:
    """Merge the WAL into the file and leave rollback-journal mode (one self-contained file).

    SQLite can leave WAL mode only when no other connection has the database open, so this
    raises sqlite3.OperationalError ('database is locked') while anyone still uses the file.
    """
    con = sqlite3.connect(path, timeout=timeout)
    try:
        mode = con.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    finally:
        con.close()
    if str(mode).lower() != "delete":
        raise sqlite3.OperationalError("database is locked")


def sidecar_files(path: Path) -> list[Path]:
    """Existing -wal, -shm and -journal files of a database file."""
    candidates = (path.with_name(path.name + suffix) for suffix in SIDECAR_SUFFIXES)
    return [candidate for candidate in candidates if candidate.exists()]


def remove_sidecars(path: Path) -> None:
    """Delete stale -wal, -shm and -journal files, which would corrupt a replaced database."""
    for sidecar in sidecar_files(path):
        sidecar.unlink(missing_ok=True)


def replace_file(staged: Path, target: Path) -> None:
    """Atomically put a finished file in place of `target` (same folder), flushed to disk first."""
    _fsync(staged)
    os.replace(staged, target)
    try:  # make the rename itself durable (POSIX; Windows cannot open a folder this way)
        folder = os.open(target.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(folder)
    except OSError:
        pass
    finally:
        os.close(folder)
