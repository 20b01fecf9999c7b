"""Shared fixtures: a fresh database per test, on SQLite or on PostgreSQL.

Without ``ZIDKOR_TEST_DATABASE_URL`` every test gets its own SQLite file. With it (an SQLAlchemy
URL of a PostgreSQL database, as `.ci/run` sets) every test gets its own empty schema on that
server: the schema is created before the test, put first on the connection's ``search_path`` via
the URL (``options=-csearch_path=...``, so Alembic's version table, the app's engine and any
subprocess given the URL all see the same schema) and dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from zidkor_desktop.db.session import Database

# Tests run headless unless the caller asks for a real display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TEST_DATABASE_URL_ENV = "ZIDKOR_TEST_DATABASE_URL"


# --- PostgreSQL / database URL -------------------------------------------------------------------


def postgres_base_url() -> str | None:
    """The PostgreSQL URL given by the environment, or None to test on SQLite."""
    return os.environ.get(TEST_DATABASE_URL_ENV) or None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip tests marked ``postgres`` when no PostgreSQL server is configured."""
    if postgres_base_url():
        return
    skip = pytest.mark.skip(reason=f"{TEST_DATABASE_URL_ENV} is not set")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def postgres_admin_engine() -> Iterator[Engine]:
    """Engine on the configured PostgreSQL database, used to create and drop test schemas."""
    base_url = postgres_base_url()
    if base_url is None:
        pytest.skip(f"{TEST_DATABASE_URL_ENV} is not set")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.pool import NullPool

    if make_url(base_url).get_backend_name() != "postgresql":
        raise pytest.UsageError(f"{TEST_DATABASE_URL_ENV} must be a postgresql URL")
    engine = create_engine(base_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:  # fail loudly, not skip, when the server is down
            connection.execute(text("SELECT 1"))
        yield engine
    finally:
        engine.dispose()


def _schema_url(base_url: str, schema: str) -> str:
    """The base URL with ``schema`` as the only schema on the search path."""
    from sqlalchemy.engine import make_url

    url = make_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


@pytest.fixture
def postgres_url(postgres_admin_engine: Engine) -> Iterator[str]:
    """URL of a fresh, empty PostgreSQL schema, dropped after the test."""
    from sqlalchemy import text

    schema = f"test_{uuid.uuid4().hex[:16]}"
    with postgres_admin_engine.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield _schema_url(postgres_base_url() or "", schema)
    finally:
        with postgres_admin_engine.connect() as connection:
            # A connection the test leaked inside a transaction must not hang the whole run.
            connection.execute(text("SET lock_timeout = '10s'"))
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """URL of a new SQLite file in the test's temporary folder (always SQLite)."""
    from zidkor_desktop.db.session import sqlite_url as make_sqlite_url

    return make_sqlite_url(tmp_path / "zidkor-test.sqlite3")


@pytest.fixture
def db_url(request: pytest.FixtureRequest) -> str:
    """URL of a fresh, empty database: PostgreSQL when configured, else a SQLite file."""
    if postgres_base_url():
        return request.getfixturevalue("postgres_url")
    return request.getfixturevalue("sqlite_url")


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """A database at ``db_url``, migrated to the newest revision; disposed after the test."""
    from zidkor_desktop.db.migrate import upgrade
    from zidkor_desktop.db.session import open_database

    database = open_database(db_url, user="pytest")
    try:
        upgrade(database)
        yield database
    finally:
        database.dispose()
