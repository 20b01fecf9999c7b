"""Qt fixtures: offscreen platform, a demo database in a real SQLite file, isolated QSettings."""

from __future__ import annotations

import os
import shutil

# Before any QApplication exists: render offscreen, never on the developer's screen.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from zidkor_desktop import l10n
from zidkor_desktop.usecases.database import DatabaseChoice, open_and_migrate
from zidkor_desktop.usecases.demo import load_demo

TODAY = date(2026, 11, 25)
_HERE = Path(__file__).resolve().parent
# The offscreen platform plugin warns about a feature it lacks; this says nothing about our code.
_OFFSCREEN_NOISE = r"^This plugin does not support propagateSizeHints\(\)$"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Ignore the offscreen plugin's own warning; every other Qt warning still fails a test."""
    for item in items:
        if _HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.qt_log_ignore(_OFFSCREEN_NOISE))


@pytest.fixture
def today() -> date:
    """The fixed 'today' of the UI tests."""
    return TODAY


@pytest.fixture(autouse=True)
def german() -> Iterator[None]:
    """Every UI test runs in the default language and restores it afterwards."""
    l10n.set_language("de")
    yield
    l10n.set_language("de")


@pytest.fixture
def empty_db(tmp_path: Path) -> Iterator[Any]:
    """A migrated but empty SQLite database file (first start)."""
    opened = open_and_migrate(DatabaseChoice(path=tmp_path / "zidkor.sqlite3"), user="pytest-ui")
    try:
        yield opened.db
    finally:
        opened.db.dispose()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database file made once per session; tests work on copies of it."""
    path = tmp_path_factory.mktemp("template") / "zidkor.sqlite3"
    opened = open_and_migrate(DatabaseChoice(path=path), user="pytest-ui")
    try:
        load_demo(opened.db, TODAY)
    finally:
        opened.db.dispose()
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Iterator[Any]:
    """A fresh copy of the demo association (9 members, 15 votes) in a real SQLite file."""
    target = tmp_path / "zidkor.sqlite3"
    for suffix in ("", "-wal"):
        source = demo_template.with_name(demo_template.name + suffix)
        if source.exists():
            shutil.copyfile(source, target.with_name(target.name + suffix))
    opened = open_and_migrate(DatabaseChoice(path=target), user="pytest-ui")
    try:
        yield opened.db
    finally:
        opened.db.dispose()


@pytest.fixture
def qsettings(tmp_path: Path) -> QSettings:
    """UI preferences in a temporary INI file instead of the user's registry/config."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def ctx(demo_db: Any, qsettings: QSettings) -> Any:
    """Application context on the demo database with a fixed 'today'."""
    from zidkor_desktop.ui.context import AppContext

    return AppContext(db=demo_db, today=lambda: TODAY, settings=qsettings)


@pytest.fixture
def window(qtbot: Any, ctx: Any) -> Any:
    """The main window on the demo database, shown offscreen."""
    from zidkor_desktop.ui.main_window import MainWindow

    win = MainWindow(ctx)
    qtbot.addWidget(win, before_close_func=_discard_open_input)
    win.show()
    qtbot.waitExposed(win)
    return win


def _discard_open_input(win: Any) -> None:
    """A failed test must not leave a modal question blocking the teardown's close()."""
    if "members" in win.pages and win.members_page.dialog is not None:
        win.members_page.dialog.done(0)
    if "settings" in win.pages:
        win.settings_page.form.mark_clean()
    if "pricelist" in win.pages:
        page = win.pages["pricelist"]
        if page.dialog is not None:
            page.dialog.done(0)
        page.editor.mark_saved()


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Record static QMessageBox calls instead of blocking; question() answers Discard."""
    calls: list[tuple[str, str]] = []

    def record(kind: str, answer: QMessageBox.StandardButton) -> Any:
        def show(_parent: Any, title: str, text: str, *_args: Any, **_kwargs: Any) -> Any:
            calls.append((kind, text))
            return answer

        return show

    ok = QMessageBox.StandardButton.Ok
    monkeypatch.setattr(QMessageBox, "information", record("information", ok))
    monkeypatch.setattr(QMessageBox, "warning", record("warning", ok))
    monkeypatch.setattr(QMessageBox, "critical", record("critical", ok))
    monkeypatch.setattr(
        QMessageBox, "question", record("question", QMessageBox.StandardButton.Discard)
    )
    return calls
