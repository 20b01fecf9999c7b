"""SQLite online backup and integrity check."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def sqlite_backup(source: Path, target: Path) -> Path:
    """Copy a live SQLite database consistently (online backup API) to `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source.as_posix()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    tmp.replace(target)
    return target


def integrity_problems(path: Path) -> list[str]:
    """Problems reported by SQLite's integrity check (empty list when the file is sound)."""
    try:
        con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        rows = con.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        con.close()
    problems = [str(row[0]) for row in rows]
    return [] if problems == ["ok"] else problems


def table_names(path: Path) -> set[str]:
    """Names of the tables in a SQLite file."""
    con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()
