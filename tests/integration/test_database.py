"""Database plumbing: exact money columns, SQLite pragmas, migrations, upgrade backups."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select, text

import zidkor_desktop.db.models  # noqa: F401
from zidkor_desktop.db import migrate
from zidkor_desktop.db.base import Base
from zidkor_desktop.db.models import PriceItem, PriceList
from zidkor_desktop.db.session import Database, open_database, sqlite_url
from zidkor_desktop.usecases.database import DatabaseChoice, is_initialised, open_and_migrate
from zidkor_desktop.usecases.demo import load_demo


def test_unit_prices_keep_four_decimals_exactly(db: Database) -> None:
    load_demo(db, date(2026, 11, 25))
    with db.sessions() as session:
        prices = session.scalars(
            select(PriceItem.unit_price).where(PriceItem.code == "EPR-01").order_by(PriceItem.id)
        ).all()
        raw = session.scalars(
            text("SELECT unit_price FROM price_item WHERE code = 'EPR-01' ORDER BY id")
        ).all()
    assert prices == [Decimal("0.0450"), Decimal("0.0480")]  # 2026 published, 2027 draft
    assert raw == [450, 480]  # stored as an integer of 1/10,000 €


def test_float_is_refused_by_money_columns(db: Database) -> None:
    with pytest.raises(Exception, match="float"), db.write() as session:
        session.add(PriceList(version_no=99, title="x", status="draft"))
        session.flush()
        session.add(
            PriceItem(
                price_list_id=1,
                position=1,
                code="X",
                service_id=1,
                title="x",
                unit="case",
                unit_price=0.1,
                tax_category="O",
                billing_rhythm="once",
            )
        )
        session.flush()


def test_sqlite_pragmas(tmp_path: Path) -> None:
    db = open_database(sqlite_url(tmp_path / "p.sqlite3"))
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    db.dispose()


def test_schema_matches_models_after_upgrade(db: Database) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_downgrade_to_base_and_upgrade_again(db: Database) -> None:
    migrate.downgrade(db, "base")
    with db.engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(db)
    assert migrate.current_revision(db) == migrate.head_revision()
    load_demo(db, date(2026, 11, 25))
    assert is_initialised(db)


def test_open_and_migrate_creates_the_file_and_folder(tmp_path: Path) -> None:
    target = tmp_path / "neu" / "unterordner" / "zidkor.sqlite3"
    opened = open_and_migrate(DatabaseChoice(path=target))
    assert target.exists()
    assert opened.upgrade_backup is None
    assert not is_initialised(opened.db)
    opened.db.dispose()


def test_upgrade_of_an_older_file_writes_a_backup_first(tmp_path: Path) -> None:
    path = tmp_path / "alt.sqlite3"
    db = open_database(sqlite_url(path))
    migrate.upgrade(db)
    load_demo(db, date(2026, 11, 25))
    old_head = migrate.head_revision()
    # A newer program version ships one more revision.
    newer = migrate.MIGRATIONS_DIR / "versions" / "9999_test_newer_revision.py"
    newer.write_text(
        f'revision = "9999"\ndown_revision = "{old_head}"\nbranch_labels = None\n'
        "depends_on = None\n"
        "from alembic import op\n"
        "def upgrade():\n    op.execute(\"UPDATE organisation SET notes = 'neu'\")\n"
        "def downgrade():\n    pass\n"
    )
    try:
        backup = migrate.upgrade(db)
        assert migrate.current_revision(db) == "9999"
    finally:
        newer.unlink()
        for cached in (newer.parent / "__pycache__").glob("9999_*"):
            cached.unlink()
    db.dispose()
    assert backup is not None and backup.exists()
    assert old_head in backup.name
    copy = open_database(sqlite_url(backup))
    assert migrate.current_revision(copy) == old_head
    with copy.engine.connect() as connection:
        notes = connection.execute(text("SELECT notes FROM organisation")).scalars().all()
    assert "neu" not in notes and len(notes) >= 9
    copy.dispose()


def test_a_foreign_sqlite_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    import sqlite3

    from zidkor_desktop.domain.errors import DomainError

    foreign = tmp_path / "adressen.sqlite3"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE adresse (name TEXT)")
    con.commit()
    con.close()
    before = foreign.read_bytes()
    with pytest.raises(DomainError):
        open_and_migrate(DatabaseChoice(path=foreign))
    assert foreign.read_bytes() == before


def test_demo_data_is_loaded_in_one_transaction(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zidkor_desktop.usecases import demo

    def broken_meetings(session: object) -> None:
        raise RuntimeError("power cut while loading")

    monkeypatch.setattr(demo, "add_demo_meetings", broken_meetings)
    with pytest.raises(RuntimeError):
        load_demo(db, date(2026, 11, 25))
    assert not is_initialised(db)
    with db.sessions() as session:
        assert session.scalar(text("SELECT count(*) FROM organisation")) == 0
        assert session.scalar(text("SELECT count(*) FROM audit_log")) == 0


def test_heads_read_from_the_files_match_alembic(db: Database) -> None:
    assert migrate.script_heads() == {migrate.head_revision()}
    assert migrate.stored_revision(db) == migrate.head_revision()
    assert migrate.upgrade(db) is None


def test_revisions_read_from_the_files_match_alembic() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS_DIR))
    walked = {s.revision for s in ScriptDirectory.from_config(config).walk_revisions()}
    assert migrate.script_revisions() == walked
