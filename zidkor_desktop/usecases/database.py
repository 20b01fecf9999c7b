"""Open the database chosen by the user, migrate it, and tell whether it holds data."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from zidkor_desktop.db import migrate
from zidkor_desktop.db.models import AssociationSettings, Organisation
from zidkor_desktop.db.session import Database, open_database, sqlite_url
from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.l10n import _
from zidkor_desktop.paths import default_db_path, is_network_path
from zidkor_desktop.usecases.errors import read_only, translate


@dataclass(frozen=True)
class DatabaseChoice:
    """Where the database is: a SQLite file or a server URL."""

    path: Path | None = None
    url: str | None = None

    def resolved_url(self) -> str:
        """SQLAlchemy URL for this choice (default: the per-user SQLite file)."""
        if self.url:
            return self.url
        return sqlite_url(self.path or default_db_path())

    @property
    def is_network_share(self) -> bool:
        """True when a SQLite file lies on a network share (unsafe locking)."""
        return self.url is None and is_network_path(self.path or default_db_path())


@dataclass(frozen=True)
class OpenedDatabase:
    """A migrated database and the backup written before its upgrade, if any."""

    db: Database
    upgrade_backup: Path | None


def open_and_migrate(choice: DatabaseChoice, user: str | None = None) -> OpenedDatabase:
    """Open the chosen database, creating the file's folder, and migrate it to the newest schema."""
    if choice.url is None:
        from zidkor_desktop.usecases.backup import database_file_state

        path = choice.path or default_db_path()
        refuse_read_only(path)
        database_file_state(path)  # refuses a foreign, damaged or newer file before touching it
        path.parent.mkdir(parents=True, exist_ok=True)
    db = open_database(choice.resolved_url(), user=user)
    try:
        backup = migrate.upgrade(db)
    except DBAPIError as exc:
        db.dispose()
        where = db.path if db.path is not None else db.url
        raise translate(exc, path=where) or DomainError(
            _("The database {url} cannot be opened.").format(url=db.url)
        ) from exc
    return OpenedDatabase(db=db, upgrade_backup=backup)


def refuse_read_only(path: Path) -> None:
    """Refuse an existing SQLite file that cannot be written (read-only file or folder)."""
    if not path.is_file():
        return
    if not (os.access(path.parent, os.W_OK) and os.access(path, os.W_OK)):
        raise read_only(path)


def is_initialised(db: Database) -> bool:
    """True when the association settings exist (init has run)."""
    with db.sessions() as session:
        count = select(func.count()).select_from(AssociationSettings.__table__)  # no ORM at start
        return session.scalar(count) > 0


def organisation_count(db: Database) -> int:
    """Number of organisations stored."""
    with db.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(Organisation)) or 0)
