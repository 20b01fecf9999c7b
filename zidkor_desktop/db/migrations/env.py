"""Alembic environment: runs on the connection handed over by zidkor_desktop.db.migrate."""

from __future__ import annotations

from alembic import context

import zidkor_desktop.db.models  # noqa: F401 - registers all tables
from zidkor_desktop.db.base import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    """Migrate using the connection passed in config.attributes['connection']."""
    connection = config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
