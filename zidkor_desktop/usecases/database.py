"""Open the database chosen by the user, migrate it, and tell whether it holds data."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import DatabaseError as SADatabaseError

from zidkor_desktop.db import migrate
from zidkor_desktop.db.models import AssociationSettings, Organisation
from zidkor_desktop.db.session import Database, open_database, sqlite_url
from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.l10n import _
from zidkor_desktop.paths import default_db_path, is_network_path


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
        database_file_state(path)  # refuses a foreign, damaged or newer file before touching it
        path.parent.mkdir(parents=True, exist_ok=True)
    db = open_database(choice.resolved_url(), user=user)
    try:
        backup = migrate.upgrade(db)
    except SADatabaseError as exc:
        db.dispose()
        raise DomainError(
            _("The database {url} cannot be opened: {error}").format(url=db.url, error=exc.orig)
        ) from exc
    return OpenedDatabase(db=db, upgrade_backup=backup)


def is_initialised(db: Database) -> bool:
    """True when the association settings exist (init has run)."""
    with db.sessions() as session:
        count = select(func.count()).select_from(AssociationSettings.__table__)  # no ORM at start
        return session.scalar(count) > 0


def organisation_count(db: Database) -> int:
    """Number of organisations stored."""
    with db.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(Organisation)) or 0)
