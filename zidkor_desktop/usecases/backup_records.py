"""Backup records: a file's checksum, reading them, and carrying them into a restored database."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from zidkor_desktop.db.base import utcnow
from zidkor_desktop.db.models import BackupRecord
from zidkor_desktop.db.session import Database, open_database, sqlite_url

RESTORE_KIND = "restore"
"""Kind of the record that notes a restore (not a backup: never the "last backup")."""


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def records_of(db_path: Path) -> list[BackupRecord]:
    """The backup records a database file knows, detached (none when unreadable or too old)."""
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return []
    db = open_database(sqlite_url(db_path))
    try:
        with db.sessions() as session:
            rows = list(session.scalars(select(BackupRecord).order_by(BackupRecord.id)))
            session.expunge_all()
            return rows
    except (SQLAlchemyError, sqlite3.Error):
        return []
    finally:
        db.dispose()


def carry_over(db_path: Path, known: list[BackupRecord], source: Path) -> None:
    """Add the replaced database's backup records and the restore itself (audited writes)."""
    restored = open_database(sqlite_url(db_path))
    try:
        with restored.write() as session:
            present = {(r.path, r.sha256) for r in session.scalars(select(BackupRecord))}
            for record in known:
                if (record.path, record.sha256) in present:
                    continue
                present.add((record.path, record.sha256))
                session.add(
                    BackupRecord(
                        at=record.at,
                        user=record.user,
                        kind=record.kind,
                        path=record.path,
                        size_bytes=record.size_bytes,
                        sha256=record.sha256,
                    )
                )
            session.add(
                BackupRecord(
                    at=utcnow(),
                    user=str(session.info.get("user", "")),
                    kind=RESTORE_KIND,
                    path=str(source.resolve()),
                    size_bytes=source.stat().st_size,
                    sha256=file_sha256(source),
                )
            )
    finally:
        restored.dispose()


def recorded_backups(db: Database) -> list[BackupRecord]:
    """Backup records of written copies (not restores), newest first; none if unreadable."""
    try:
        with db.sessions() as session:
            rows = list(
                session.scalars(
                    select(BackupRecord)
                    .where(BackupRecord.kind != RESTORE_KIND)
                    .order_by(BackupRecord.at.desc())
                )
            )
            session.expunge_all()
            return rows
    except (SQLAlchemyError, sqlite3.Error):
        return []
