"""Engine and session factory for SQLite files and PostgreSQL servers.

Writes are serialised: every write transaction goes through ``Database.write()``, which holds the
database's write lock from its first statement (SQLite ``BEGIN IMMEDIATE``, PostgreSQL a
transaction-level advisory lock). A rule that reads rows before it writes (the municipal
majority, invoice numbers, operator overlaps, the audit hash chain) therefore sees no other
writer between its read and its write. Reads use ``Database.sessions`` and never block writers.
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from zidkor_desktop.db import audit

WRITE_OPTION = "zidkor_write"
"""Execution option that marks a connection whose transactions take the write lock."""

WRITE_LOCK_KEY = 0x5A49444B  # "ZIDK": the advisory lock all writers of a PostgreSQL database share
LOCK_WAIT_SECONDS = 15
"""How long a writer waits for another one before giving up (SQLite busy timeout, PG lock)."""


@dataclass(frozen=True)
class Database:
    """An opened database: its engine, session factories and (for SQLite) its file."""

    engine: Engine
    sessions: sessionmaker[Session]
    writes: sessionmaker[Session]
    path: Path | None

    @property
    def url(self) -> str:
        """Connection URL without password."""
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def write_engine(self) -> Engine:
        """The engine whose transactions hold the write lock (for migrations and bulk SQL)."""
        return self.engine.execution_options(**{WRITE_OPTION: True})

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One serialised write transaction: committed on success, rolled back on any error."""
        with self.writes.begin() as session:
            session.connection()  # take the lock now, before the caller reads anything
            yield session

    def dispose(self) -> None:
        """Close all pooled connections."""
        self.engine.dispose()


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # The driver must not open or commit transactions on its own: SQLAlchemy's begin event
    # below emits BEGIN, so DDL is transactional and writers can take the lock up front.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={int(LOCK_WAIT_SECONDS * 1000)}")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    writing = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def _postgres_begin(connection: Connection) -> None:
    if connection.get_execution_options().get(WRITE_OPTION, False):
        connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{int(LOCK_WAIT_SECONDS * 1000)}ms'")
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")


def sqlite_url(path: Path) -> str:
    """SQLAlchemy URL of a SQLite file."""
    return f"sqlite+pysqlite:///{path.resolve().as_posix()}"


def create_db_engine(url: str) -> Engine:
    """Engine with the write-lock transaction hooks, and SQLite's pragmas where SQLite is used."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    engine = create_engine(url, pool_pre_ping=True)
    event.listen(engine, "begin", _postgres_begin)
    return engine


def open_database(url: str, user: str | None = None) -> Database:
    """Open (not migrate) a database given by URL; sessions record `user` in the audit log."""
    engine = create_db_engine(url)
    who = {"user": user or current_user(), "host": current_host()}
    sessions = sessionmaker(engine, expire_on_commit=False, info=dict(who))
    writes = sessionmaker(
        engine.execution_options(**{WRITE_OPTION: True}),
        expire_on_commit=False,
        info={**who, audit.WRITE_SESSION: True},
    )
    audit.install(sessions)
    audit.install(writes)
    parsed = make_url(url)
    path = None
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        path = Path(parsed.database)
    return Database(engine=engine, sessions=sessions, writes=writes, path=path)


def _windows_user() -> str:
    """The logged-on account as Windows reports it (GetUserNameW), not %USERNAME%."""
    import ctypes
    from ctypes import wintypes

    size = wintypes.DWORD(257)
    buffer = ctypes.create_unicode_buffer(size.value)
    advapi32 = ctypes.WinDLL("advapi32", use_last_error=True)  # type: ignore[attr-defined]
    if not advapi32.GetUserNameW(buffer, ctypes.byref(size)):
        raise OSError(ctypes.get_last_error(), "GetUserNameW failed")  # type: ignore[attr-defined]
    return buffer.value


def _posix_user() -> str:
    """The account of the effective user id from the user database (not $USER or $LOGNAME)."""
    import pwd

    uid = os.geteuid()
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:  # an id without an account (containers): the number is still the truth
        return f"uid {uid}"


def current_user() -> str:
    """Operating-system account recorded in the audit log, as the system reports it."""
    try:
        return _windows_user() if sys.platform == "win32" else _posix_user()
    except Exception:
        return "unbekannt"


def current_host() -> str:
    """Name of this computer, recorded in the audit log beside the account."""
    try:
        return socket.gethostname() or "unbekannt"
    except Exception:
        return "unbekannt"
