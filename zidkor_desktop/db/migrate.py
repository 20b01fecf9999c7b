"""Bring a database to the newest schema (Alembic), with a backup copy before any upgrade."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, inspect, text

from zidkor_desktop.db.backup import sqlite_backup
from zidkor_desktop.db.session import Database

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _config(connection: Connection | None = None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """Newest revision shipped with the program."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    """Revision the database is at, or None for an empty (or foreign) database."""
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def is_empty(db: Database) -> bool:
    """True when the database has no tables at all."""
    with db.engine.connect() as connection:
        return not inspect(connection).get_table_names()


_REVISION = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)


def _script_graph() -> tuple[set[str], set[str]]:
    """Revisions and their parents, read from the migration files without importing Alembic."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (MIGRATIONS_DIR / "versions").glob("*.py"):
        source = script.read_text(encoding="utf-8")
        found = _REVISION.search(source)
        if found is None:
            continue
        revisions.add(found.group(1))
        parent = _DOWN_REVISION.search(source)
        if parent is not None:
            parents.add(parent.group(1))
    return revisions, parents


def script_revisions() -> set[str]:
    """All revisions this program ships (fast: no Alembic import)."""
    return _script_graph()[0]


def script_heads() -> set[str]:
    """Head revisions this program ships (fast: no Alembic import)."""
    revisions, parents = _script_graph()
    return revisions - parents


def stored_revision(db: Database) -> str | None:
    """Revision recorded in the database, read with plain SQL (None without a version table)."""
    with db.engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def own_table_names() -> set[str]:
    """Names of the tables the program creates (with Alembic's version table)."""
    import zidkor_desktop.db.models  # noqa: F401 - registers all tables
    from zidkor_desktop.db.base import Base

    return {*Base.metadata.tables, "alembic_version"}


def leftover_tables(connection: Connection) -> list[str]:
    """Tables left by an interrupted creation: no revision, only our own tables, all empty.

    Such a schema can only come from a setup that was cut off (older versions committed each
    CREATE TABLE on its own); it holds no data, so it is safe to remove and create anew.
    """
    names = set(inspect(connection).get_table_names())
    if not names or not names <= own_table_names():
        return []
    if (
        "alembic_version" in names
        and connection.execute(text("SELECT version_num FROM alembic_version")).first()
    ):
        return []
    for name in names:
        if connection.execute(text(f'SELECT 1 FROM "{name}" LIMIT 1')).first() is not None:
            return []
    return sorted(names)


def _drop_leftovers(connection: Connection) -> None:
    """Remove the tables of an interrupted creation (inside the migration's transaction)."""
    names = leftover_tables(connection)
    if not names:
        return
    preparer = connection.dialect.identifier_preparer
    if connection.dialect.name == "postgresql":
        quoted = ", ".join(preparer.quote(name) for name in names)
        connection.exec_driver_sql(f"DROP TABLE {quoted} CASCADE")
        return
    from zidkor_desktop.db.base import Base

    # SQLite: children before parents (a drop checks the references of the dropped rows).
    order = [table.name for table in reversed(Base.metadata.sorted_tables)] + ["alembic_version"]
    for name in sorted(names, key=order.index):
        connection.exec_driver_sql(f"DROP TABLE {preparer.quote(name)}")


def upgrade(db: Database, revision: str = "head") -> Path | None:
    """Upgrade to `revision`; an existing SQLite file is first copied to a backup (returned)."""
    if revision == "head" and stored_revision(db) in script_heads():
        return None  # already current: start without loading Alembic
    from alembic import command

    current = current_revision(db)
    backup = None
    if current is not None and current != head_revision() and db.path is not None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = db.path.with_name(f"{db.path.stem}.vor-update-{current}-{stamp}{db.path.suffix}")
        sqlite_backup(db.path, backup)
    # One transaction with the write lock for the whole run: DDL is transactional on SQLite and
    # PostgreSQL, so a crash leaves the old revision or the new one, never a part.
    with db.write_engine.begin() as connection:
        _drop_leftovers(connection)
        command.upgrade(_config(connection), revision)
    return backup


def downgrade(db: Database, revision: str) -> None:
    """Downgrade to an older revision (used by tests and support)."""
    from alembic import command

    with db.write_engine.begin() as connection:
        command.downgrade(_config(connection), revision)
