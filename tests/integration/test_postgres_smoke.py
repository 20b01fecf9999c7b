"""PostgreSQL smoke tests: the migrations run both ways and match the models on a real server.

Run only when ZIDKOR_TEST_DATABASE_URL points to a PostgreSQL database (as `.ci/run` sets).
"""

from __future__ import annotations

from pprint import pformat

import pytest
from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from zidkor_desktop.db.migrate import current_revision, downgrade, head_revision, upgrade
from zidkor_desktop.db.session import Database, open_database

pytestmark = pytest.mark.postgres


def _table_names(db: Database) -> set[str]:
    with db.engine.connect() as connection:
        return set(inspect(connection).get_table_names())


def _model_table_names() -> set[str]:
    import zidkor_desktop.db.models  # noqa: F401 - registers all tables
    from zidkor_desktop.db.base import Base

    return set(Base.metadata.tables)


def test_each_test_gets_its_own_empty_schema(postgres_url: str) -> None:
    assert make_url(postgres_url).get_backend_name() == "postgresql"
    db = open_database(postgres_url)
    try:
        with db.engine.connect() as connection:
            schema = inspect(connection).default_schema_name
        assert schema is not None and schema.startswith("test_")
        assert _table_names(db) == set()
        assert current_revision(db) is None
    finally:
        db.dispose()


def test_migrations_upgrade_downgrade_upgrade(postgres_url: str) -> None:
    db = open_database(postgres_url)
    try:
        assert upgrade(db) is None  # no backup copy on a server database
        assert current_revision(db) == head_revision()
        assert _model_table_names() <= _table_names(db)

        downgrade(db, "base")
        assert current_revision(db) is None
        assert _table_names(db) <= {"alembic_version"}

        upgrade(db)
        assert current_revision(db) == head_revision()
        assert _model_table_names() <= _table_names(db)
    finally:
        db.dispose()


def test_models_match_migrated_schema(db: Database) -> None:
    """Autogenerate finds nothing to do: every model change has its migration."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    import zidkor_desktop.db.models  # noqa: F401 - registers all tables
    from zidkor_desktop.db.base import Base

    assert db.engine.dialect.name == "postgresql"
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == [], "models and migrations differ:\n" + pformat(differences)
