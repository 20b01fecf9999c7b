"""Shared fixtures: a fresh database per test, on SQLite and on PostgreSQL.

Every test that uses ``db_url`` (or ``db``) runs twice, with the ids ``[sqlite]`` and
``[postgresql]``: once on its own SQLite file, once on its own empty schema of the PostgreSQL
server named by ``ZIDKOR_TEST_DATABASE_URL`` (an SQLAlchemy URL, as `.ci/run` sets). The schema is
created before the test, put first on the connection's ``search_path`` via the URL
(``options=-csearch_path=...``, so Alembic's version table, the app's engine and any subprocess
given the URL all see the same schema) and dropped afterwards. Without the variable the
``[postgresql]`` variants are skipped (they carry the ``postgres`` mark), so
``pytest -m "not postgres"`` deselects them and ``pytest -k sqlite`` picks one backend.
A test that is itself marked ``postgres`` runs only its ``[postgresql]`` variant; ``sqlite_url``
and ``postgres_url`` give one backend only.
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


def _sqlite_variant_of_postgres_test(item: pytest.Item) -> bool:
    """The ``[sqlite]`` variant of a test that is itself marked ``postgres`` (PostgreSQL only)."""
    callspec = getattr(item, "callspec", None)
    if callspec is None or callspec.params.get("db_url") != "sqlite":
        return False
    # The [sqlite] parameter carries no mark, so a postgres mark here is the test's own.
    return item.get_closest_marker("postgres") is not None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Run tests marked ``postgres`` on PostgreSQL only; skip them without a server."""
    postgres_only = [item for item in items if _sqlite_variant_of_postgres_test(item)]
    if postgres_only:
        config.hook.pytest_deselected(items=postgres_only)
        dropped = {id(item) for item in postgres_only}
        items[:] = [item for item in items if id(item) not in dropped]
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


DATABASE_KINDS = (
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
)


@pytest.fixture(params=DATABASE_KINDS)
def db_url(request: pytest.FixtureRequest) -> str:
    """URL of a fresh, empty database: each test runs on a SQLite file and on PostgreSQL."""
    if request.param == "postgresql":
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
