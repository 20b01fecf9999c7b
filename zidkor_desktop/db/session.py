"""Engine and session factory for SQLite files and PostgreSQL servers."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from zidkor_desktop.db import audit


@dataclass(frozen=True)
class Database:
    """An opened database: its engine, a session factory and (for SQLite) its file."""

    engine: Engine
    sessions: sessionmaker[Session]
    path: Path | None

    @property
    def url(self) -> str:
        """Connection URL without password."""
        return self.engine.url.render_as_string(hide_password=True)

    def dispose(self) -> None:
        """Close all pooled connections."""
        self.engine.dispose()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def sqlite_url(path: Path) -> str:
    """SQLAlchemy URL of a SQLite file."""
    return f"sqlite+pysqlite:///{path.resolve().as_posix()}"


def create_db_engine(url: str) -> Engine:
    """Engine with SQLite pragmas (foreign keys, WAL, synchronous FULL) where SQLite is used."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def open_database(url: str, user: str | None = None) -> Database:
    """Open (not migrate) a database given by URL; sessions record `user` in the audit log."""
    engine = create_db_engine(url)
    factory = sessionmaker(engine, expire_on_commit=False, info={"user": user or current_user()})
    audit.install(factory)
    parsed = make_url(url)
    path = None
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        path = Path(parsed.database)
    return Database(engine=engine, sessions=factory, path=path)


def current_user() -> str:
    """Operating-system user name, recorded in the audit log."""
    try:
        return getpass.getuser()
    except Exception:
        return "unbekannt"
