"""The window starts on files a crash left during setup: first-start dialog, then the members."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog
from sqlalchemy import text
from test_app import seen_windows, user_settings  # noqa: F401 - fixtures

from zidkor_desktop import app
from zidkor_desktop.db import migrate
from zidkor_desktop.db.base import Base
from zidkor_desktop.db.session import open_database, sqlite_url
from zidkor_desktop.options import LaunchOptions
from zidkor_desktop.ui.dialogs.first_start import FirstStartDialog
from zidkor_desktop.usecases.database import DatabaseChoice


def cut_off_setup(path: Path) -> None:
    """Older versions' leftover of a kill during setup: 17 tables, an empty version table."""
    db = open_database(sqlite_url(path))
    with db.write_engine.begin() as connection:
        Base.metadata.create_all(connection, tables=Base.metadata.sorted_tables[:17])
        connection.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
    db.dispose()


def migrated_without_association(path: Path) -> None:
    """A kill between the migration and the demo data: the schema, but no association."""
    db = open_database(sqlite_url(path))
    migrate.upgrade(db)
    db.dispose()


@pytest.mark.parametrize("leftover", [cut_off_setup, migrated_without_association])
def test_first_start_with_example_data_works_on_a_crash_leftover(
    tmp_path: Path,
    user_settings: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    seen_windows: list[dict[str, Any]],  # noqa: F811
    leftover: Any,
) -> None:
    path = tmp_path / "abgebrochen.sqlite3"
    leftover(path)
    offered: list[bool] = []

    def choose_demo(self: FirstStartDialog) -> QDialog.DialogCode:
        offered.append(True)
        self.load_example_data()
        return QDialog.DialogCode(self.result())

    monkeypatch.setattr(FirstStartDialog, "exec", choose_demo)
    assert app.run(LaunchOptions(choice=DatabaseChoice(path=path), language="de")) == 0
    assert offered == [True]
    assert seen_windows[0]["rows"] == 9
