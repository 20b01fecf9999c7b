"""Backups of the SQLite file: manual backup and restore, and the automatic daily copy.

Restoring replaces the database file. The caller must first close every connection to it in
its own process (``Database.dispose()``), because pooled connections would keep writing to the
replaced file; connections of other processes are detected and the restore is refused.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from zidkor_desktop.db import backup as sqlite_files
from zidkor_desktop.db import migrate
from zidkor_desktop.db.base import utcnow
from zidkor_desktop.db.models import BackupRecord
from zidkor_desktop.db.session import Database, open_database, sqlite_url
from zidkor_desktop.domain.backup_generations import generations_to_keep
from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.l10n import _
from zidkor_desktop.paths import backup_dir_for
from zidkor_desktop.usecases.backup_records import (
    carry_over,
    file_sha256,
    recorded_backups,
    records_of,
)

REQUIRED_TABLES = frozenset({"alembic_version", "association_settings", "organisation"})
BACKUP_SUFFIX = ".sqlite3"


class DatabaseFileState(StrEnum):
    """What a database file holds before it is opened."""

    MISSING = "missing"
    EMPTY = "empty"
    INCOMPLETE = "incomplete"
    """Left by a setup cut off by a crash: our tables, no revision, no data (repaired on open)."""
    ZIDKOR = "zidkor"


class DamagedDatabase(DomainError):
    """The database itself failed SQLite's check: no backup was written, none removed."""

    def __init__(
        self, message: str, path: Path, problems: list[str], newest_good: Path | None
    ) -> None:
        super().__init__(message)
        self.path = path
        self.problems = problems
        self.newest_good = newest_good


@dataclass(frozen=True)
class KnownBackup:
    """A backup file that exists: where, when written (local time), how large, which kind."""

    path: Path
    at: datetime
    size_bytes: int
    kind: str


@dataclass(frozen=True)
class BackupInfo:
    """A checked backup file: its schema revision and whose data it holds."""

    path: Path
    revision: str
    association: str | None
    organisations: int


def known_revisions() -> set[str]:
    """All schema revisions this program ships (a file at any other one is from a newer one)."""
    return migrate.script_revisions()


def _not_sqlite(path: Path) -> DomainError:
    return DomainError(_("The file {path} is not a SQLite database.").format(path=path))


def _not_zidkor(path: Path) -> DomainError:
    return DomainError(_("The file {path} is not a ZIDKOR database.").format(path=path))


def _damaged(path: Path, problems: list[str]) -> DomainError:
    return DomainError(
        _(
            "The file {path} is damaged: the SQLite integrity check found {count} problem(s)."
        ).format(path=path, count=len(problems))
    )


def _check_revision(revision: str, shown: Path) -> None:
    if revision not in known_revisions():
        raise DomainError(
            _(
                "The file {path} was written by a newer version of ZIDKOR Desktop (database "
                "revision {revision}). Please install the newer program version first."
            ).format(path=shown, revision=revision)
        )


def database_file_state(path: Path) -> DatabaseFileState:
    """Classify a database file before opening it; refuses foreign, damaged or newer files."""
    if not path.exists():
        return DatabaseFileState.MISSING
    if path.is_dir():
        raise DomainError(_("{path} is a folder, not a database file.").format(path=path))
    if not sqlite_files.looks_like_sqlite(path):
        raise _not_sqlite(path)
    _undo_cut_off_write(path)
    try:
        tables = sqlite_files.table_names(path)
        revision = sqlite_files.stored_revision(path) if "alembic_version" in tables else None
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, [str(exc)]) from exc
    if tables <= {"alembic_version"} and revision is None:
        return DatabaseFileState.EMPTY
    if revision is None:
        return _without_revision(path, tables)
    _check_revision(revision, path)
    return DatabaseFileState.ZIDKOR


def _undo_cut_off_write(path: Path) -> None:
    """Roll back a write a crash left in a rollback journal, which read-only checks cannot."""
    if not sqlite_files.has_journal(path):
        return
    try:
        sqlite_files.roll_back_journal(path)
    except sqlite3.OperationalError as exc:
        raise DomainError(
            _(
                "The database {path} has an unfinished change from a crash (file {journal}). "
                "To undo it, ZIDKOR Desktop needs write access to the database and its folder "
                "{folder}: allow writing there (or copy both files together into a folder you "
                "can write to) and start again. Do not delete the journal file. ({error})"
            ).format(
                path=path,
                journal=path.name + "-journal",
                folder=path.parent,
                error=exc,
            )
        ) from exc
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, [str(exc)]) from exc


def _without_revision(path: Path, tables: set[str]) -> DatabaseFileState:
    """A file with tables but no schema revision: a cut-off setup of ours, or a foreign file."""
    if not tables <= migrate.own_table_names():
        raise _not_zidkor(path)
    for table in tables:
        if sqlite_files.scalar(path, f'SELECT 1 FROM "{table}" LIMIT 1') is not None:
            raise DomainError(
                _(
                    "The file {path} holds ZIDKOR tables with data but no schema revision, so "
                    "it cannot be used safely. Restore a backup onto it ('zidkor restore "
                    "BACKUP'), or move the file away and start the program again to set up a "
                    "new database."
                ).format(path=path)
            )
    return DatabaseFileState.INCOMPLETE


def _validate(file: Path, shown: Path) -> str:
    """Check a single-file copy of a backup; returns its revision. `shown` names it to the user."""
    problems = sqlite_files.integrity_problems(file)
    if problems:
        raise _damaged(shown, problems)
    if not sqlite_files.table_names(file) >= REQUIRED_TABLES:
        raise _not_zidkor(shown)
    revision = sqlite_files.stored_revision(file)
    if revision is None:
        raise _not_zidkor(shown)
    _check_revision(revision, shown)
    return revision


def _stage(source: Path, staged: Path) -> None:
    """Copy a backup (and a -wal file beside it) to `staged` and merge it into one checked file."""
    if not source.is_file():
        raise DomainError(_("The file {path} does not exist.").format(path=source))
    if not sqlite_files.looks_like_sqlite(source) or source.stat().st_size == 0:
        raise _not_sqlite(source)
    sqlite_files.remove_sidecars(staged)
    shutil.copyfile(source, staged)
    wal = source.with_name(source.name + "-wal")
    if wal.is_file():
        shutil.copyfile(wal, staged.with_name(staged.name + "-wal"))
    try:
        sqlite_files.make_single_file(staged)
    except sqlite3.DatabaseError as exc:
        raise _damaged(source, [str(exc)]) from exc


def inspect_backup(source: Path) -> BackupInfo:
    """Check a backup file without touching it and tell whose data it holds."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="zidkor-check-", ignore_cleanup_errors=True) as tmp:
        staged = Path(tmp) / "check.sqlite3"
        _stage(source, staged)
        revision = _validate(staged, source)
        name = sqlite_files.scalar(staged, "SELECT name FROM association_settings")
        count = sqlite_files.scalar(staged, "SELECT count(*) FROM organisation")
    return BackupInfo(
        path=source,
        revision=revision,
        association=None if name is None else str(name),
        organisations=count if isinstance(count, int) else 0,
    )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def _free_name(path: Path) -> Path:
    """`path`, or `path` with a counter when a file of that name exists already."""
    candidate, counter = path, 1
    while candidate.exists():
        counter += 1
        candidate = path.with_name(f"{path.stem}-{counter}{path.suffix}")
    return candidate


def _in_use(path: Path) -> DomainError:
    return DomainError(
        _(
            "The database {path} is in use. Close ZIDKOR Desktop on every computer that uses "
            "it and try again."
        ).format(path=path)
    )


def server_backup_refusal(url: str) -> DomainError:
    """The error for a backup of a server database: that is pg_dump's job."""
    return DomainError(
        _(
            "The database is on a PostgreSQL server ({url}). Back it up on the server with "
            "pg_dump (for example: pg_dump --format=custom --file=zidkor.dump DATABASE) and "
            "restore it with pg_restore; this program backs up SQLite files only."
        ).format(url=url)
    )


def backup_database(
    db: Database,
    target: Path,
    *,
    overwrite: bool = True,
    copy_check: Callable[[Path], list[str]] = sqlite_files.integrity_problems,
) -> Path:
    """Write a checked copy of the SQLite database to `target` (a file or a folder).

    The database is checked first and the copy before it replaces `target`, so a damaged
    database never overwrites a good backup.
    """
    if db.path is None:
        raise server_backup_refusal(db.url)
    if target.is_dir():
        stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
        target = _free_name(target / f"{db.path.stem}-{stamp}{BACKUP_SUFFIX}")
    if not target.parent.is_dir():
        raise DomainError(_("The folder {folder} does not exist.").format(folder=target.parent))
    if _same_file(target, db.path):
        raise DomainError(_("A backup cannot overwrite the database itself."))
    if target.exists() and not overwrite:
        raise DomainError(
            _("The file {path} exists already; choose another name or allow overwriting.").format(
                path=target
            )
        )
    problems = sqlite_files.integrity_problems(db.path)
    if problems:
        raise _damaged_source(db, problems, target)
    _copy(db.path, target, copy_check)
    _record(db, target, "manual")
    return target


def _copy(source: Path, target: Path, check: Callable[[Path], list[str]]) -> None:
    """Copy via a checked temporary file; a failed check leaves `target` untouched."""
    problems = sqlite_files.sqlite_backup(source, target, check)
    if problems:
        raise DomainError(
            _(
                "The copy of the database {source} failed the check; no backup "
                "was written and {target} is unchanged. Please try again."
            ).format(source=source, target=target)
        )


def _damaged_source(db: Database, problems: list[str], target: Path | None) -> DamagedDatabase:
    """The error for a damaged database, naming the newest good backup to restore."""
    assert db.path is not None
    newest = newest_good_backup(db)
    text = _(
        "The database {path} is damaged: the SQLite check found {count} problem(s). "
        "No backup was written."
    ).format(path=db.path, count=len(problems))
    if target is not None and target.exists():
        text += " " + _("The file {target} is unchanged.").format(target=target)
    if newest is not None:
        text += " " + _(
            "The newest good backup is {backup}; restore it with File → Restore backup… "
            "or: zidkor restore {backup}"
        ).format(backup=newest)
    else:
        text += " " + _("No good backup was found; please contact the support.")
    return DamagedDatabase(text, db.path, problems, newest)


def _record(db: Database, target: Path, kind: str) -> None:
    """Note a written backup in the database (after the copy, so the copy is unchanged)."""
    with db.write() as session:
        session.add(
            BackupRecord(
                at=utcnow(),
                user=str(session.info.get("user", "")),
                kind=kind,
                path=str(target.resolve()),
                size_bytes=target.stat().st_size,
                sha256=file_sha256(target),
            )
        )


def _keep_current(db_path: Path) -> Path | None:
    """Make the current database one closed file and copy it beside itself; None if absent."""
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    keep = _free_name(
        db_path.with_name(f"{db_path.stem}.vor-wiederherstellung-{stamp}{db_path.suffix}")
    )
    try:
        sqlite_files.make_single_file(db_path)
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise _in_use(db_path) from exc
        raise
    except sqlite3.DatabaseError:
        # A damaged current file is kept as it is, with its journal files.
        for sidecar in sqlite_files.sidecar_files(db_path):
            shutil.copyfile(sidecar, keep.with_name(keep.name + sidecar.name[len(db_path.name) :]))
    shutil.copyfile(db_path, keep)
    return keep


def restore_database(db_path: Path, source: Path) -> Path | None:
    """Replace the database file by a checked backup and migrate it to the newest schema.

    The current file is first kept as a copy beside it (returned; None when there was none).
    The backup records the replaced database knew are carried over, and the restore is
    recorded (kind "restore"), so the audit log shows it and "last backup" stays true.
    Close all connections of this process to `db_path` before calling (``db.dispose()``).
    """
    source = source.expanduser()
    if _same_file(source, db_path):
        raise DomainError(_("A database cannot be restored onto itself."))
    db_path.parent.mkdir(parents=True, exist_ok=True)
    staged = db_path.with_name(db_path.name + ".restore-tmp")
    try:
        _stage(source, staged)
        _validate(staged, source)
        known = records_of(db_path)
        keep = _keep_current(db_path)
        sqlite_files.remove_sidecars(db_path)
        try:
            sqlite_files.replace_file(staged, db_path)
        except PermissionError as exc:  # Windows: another program still has the file open
            raise _in_use(db_path) from exc
    finally:
        staged.unlink(missing_ok=True)
        sqlite_files.remove_sidecars(staged)
    restored = open_database(sqlite_url(db_path))
    try:
        migrate.upgrade(restored)
    finally:
        restored.dispose()
    carry_over(db_path, known, source)
    return keep


def backup_folder(db: Database) -> Path | None:
    """Folder of the automatic daily backups (None for a server database)."""
    return None if db.path is None else backup_dir_for(db.path)


def _daily_backups(db_path: Path) -> list[Path]:
    """Daily backups of a database file, oldest first."""
    folder = backup_dir_for(db_path)
    if not folder.is_dir():
        return []
    pattern = re.compile(re.escape(db_path.stem) + r"-\d{4}-\d{2}-\d{2}" + re.escape(BACKUP_SUFFIX))
    return sorted(p for p in folder.iterdir() if pattern.fullmatch(p.name) and p.is_file())


def _day_of(path: Path) -> date:
    return date.fromisoformat(path.name[-len(BACKUP_SUFFIX) - 10 : -len(BACKUP_SUFFIX)])


def daily_backup(db: Database, today: date) -> Path | None:
    """On the first start of a day copy the database to backups/<name>-YYYY-MM-DD.sqlite3.

    The database is checked first (quick check): a damaged one raises DamagedDatabase and
    every existing backup stays. Older copies are kept in generations (domain rule).
    Returns None when today's copy exists already or the database is not a file.
    """
    if db.path is None or not db.path.is_file():
        return None
    target = backup_dir_for(db.path) / f"{db.path.stem}-{today.isoformat()}{BACKUP_SUFFIX}"
    if target.exists():
        return None
    problems = sqlite_files.quick_problems(db.path)
    if problems:
        raise _damaged_source(db, problems, None)
    _copy(db.path, target, sqlite_files.quick_problems)
    _record(db, target, "daily")
    copies = _daily_backups(db.path)
    keep = generations_to_keep(_day_of(p) for p in copies)
    for old in copies:
        if _day_of(old) not in keep:
            old.unlink(missing_ok=True)
    return target


def known_backups(db: Database) -> list[KnownBackup]:
    """Existing backup files: the daily folder and every recorded copy still there, newest first."""
    if db.path is None:
        return []
    found: dict[Path, KnownBackup] = {}
    for record in recorded_backups(db):
        path = Path(record.path)
        if path.resolve() in found or not path.is_file():
            continue
        local = record.at.astimezone().replace(tzinfo=None)
        found[path.resolve()] = KnownBackup(path.resolve(), local, path.stat().st_size, record.kind)
    for path in _daily_backups(db.path):
        if path.resolve() not in found:
            stat = path.stat()
            at = datetime.fromtimestamp(stat.st_mtime)
            found[path.resolve()] = KnownBackup(path.resolve(), at, stat.st_size, "daily")
    return sorted(found.values(), key=lambda k: k.at, reverse=True)


def check_backup(path: Path) -> str | None:
    """None when a backup passes the restore checks, else the German reason."""
    try:
        inspect_backup(path)
    except DomainError as exc:
        return str(exc)
    except OSError as exc:
        return _("The file {path} cannot be read: {error}").format(path=path, error=exc.strerror)
    return None


def newest_good_backup(db: Database) -> Path | None:
    """The newest known backup that passes the restore checks (None when there is none)."""
    for known in known_backups(db):
        if check_backup(known.path) is None:
            return known.path
    return None


def last_backup(db: Database) -> tuple[Path, datetime] | None:
    """Newest backup (daily or saved by hand, e.g. to a USB stick) and its local time."""
    if db.path is None or not db.path.is_file():
        return None
    candidates: list[tuple[datetime, Path]] = []
    recorded = recorded_backups(db)
    if recorded:
        local = recorded[0].at.astimezone().replace(tzinfo=None)
        candidates.append((local, Path(recorded[0].path)))
    copies = _daily_backups(db.path)
    if copies:
        newest = max(copies, key=lambda p: p.stat().st_mtime)
        candidates.append((datetime.fromtimestamp(newest.stat().st_mtime), newest))
    if not candidates:
        return None
    at, path = max(candidates)
    return path, at
