"""Composition root: start on a database, first start, errors, language, GUI self-test."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QDialog

from zidkor_desktop import app, l10n
from zidkor_desktop.options import LaunchOptions
from zidkor_desktop.ui.dialogs.first_start import FirstStartDialog
from zidkor_desktop.ui.main_window import MainWindow
from zidkor_desktop.usecases.database import DatabaseChoice, is_initialised, open_and_migrate


@pytest.fixture
def user_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Send the default QSettings() of `run` to a temporary folder, not the user's config."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs its own
    folder = tmp_path / "config"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder
    QSettings.setDefaultFormat(QSettings.Format.NativeFormat)


@pytest.fixture
def seen_windows(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Replace the event loop: record what the main window shows, then return at once."""
    seen: list[dict[str, Any]] = []

    def fake_exec(*_args: Any) -> int:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                seen.append(
                    {
                        "rows": widget.members_page.model.rowCount(),
                        "area": widget.current_area(),
                        "status": widget.statusBar().currentMessage(),
                        "status_tooltip": widget.statusBar().toolTip(),
                        "language": l10n.current_language(),
                    }
                )
                widget.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    return seen


def demo_file(tmp_path: Path, demo_template: Path) -> Path:
    """A copy of the demo database."""
    target = tmp_path / "demo.sqlite3"
    target.write_bytes(demo_template.read_bytes())
    return target


def test_run_on_a_demo_database_shows_the_members(
    tmp_path: Path, demo_template: Path, user_settings: Path, seen_windows: list[dict[str, Any]]
) -> None:
    path = demo_file(tmp_path, demo_template)
    assert app.run(LaunchOptions(choice=DatabaseChoice(path=path))) == 0
    assert seen_windows[0]["rows"] == 9 and seen_windows[0]["area"] == "members"
    assert seen_windows[0]["language"] == "de"
    assert (path.parent / "backups").is_dir()  # the day's first start made a backup
    # The status bar names the backup by its file name; the full path is in the tooltip.
    name = f"demo-{date.today().isoformat()}.sqlite3"  # the real day: app.run reads the clock
    backup = path.parent / "backups" / name
    assert backup.is_file()
    assert seen_windows[0]["status"] == (f"Die heutige Sicherung wurde gespeichert: {name}")
    assert seen_windows[0]["status_tooltip"] == f"Vollständiger Pfad: {backup}"
    assert QCoreApplication.organizationName() == "ZIDKOR"
    assert (user_settings / "ZIDKOR" / "ZIDKOR Desktop.ini").is_file()


def test_run_uses_the_saved_language(
    tmp_path: Path, demo_template: Path, user_settings: Path, seen_windows: list[dict[str, Any]]
) -> None:
    app.application()
    QSettings().setValue("language", "en")
    try:
        app.run(LaunchOptions(choice=DatabaseChoice(path=demo_file(tmp_path, demo_template))))
        assert seen_windows[0]["language"] == "en"
    finally:
        app.install_language(app.application(), "de")


def test_an_unreadable_file_gives_a_message_and_exit_code_1(
    tmp_path: Path, user_settings: Path, message_boxes: list[tuple[str, str]]
) -> None:
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"this is not a database" * 100)
    assert app.run(LaunchOptions(choice=DatabaseChoice(path=broken), language="de")) == 1
    assert message_boxes[0][0] == "critical"
    assert str(broken) in message_boxes[0][1]


def test_first_start_cancelled_quits(
    tmp_path: Path,
    user_settings: Path,
    monkeypatch: pytest.MonkeyPatch,
    seen_windows: list[dict[str, Any]],
) -> None:
    monkeypatch.setattr(FirstStartDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    path = tmp_path / "new.sqlite3"
    assert app.run(LaunchOptions(choice=DatabaseChoice(path=path))) == 0
    assert seen_windows == []


def test_first_start_with_example_data_opens_the_window(
    tmp_path: Path,
    user_settings: Path,
    monkeypatch: pytest.MonkeyPatch,
    seen_windows: list[dict[str, Any]],
) -> None:
    def choose_demo(self: FirstStartDialog) -> QDialog.DialogCode:
        self.load_example_data()
        return QDialog.DialogCode(self.result())

    monkeypatch.setattr(FirstStartDialog, "exec", choose_demo)
    path = tmp_path / "new.sqlite3"
    assert app.run(LaunchOptions(choice=DatabaseChoice(path=path))) == 0
    assert seen_windows[0]["rows"] == 9


def test_qt_dialog_texts_follow_the_language() -> None:
    qapp = app.application()
    assert app.install_language(qapp, "de")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"
    assert app.install_language(qapp, "en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    app.install_language(qapp, "de")


def test_self_test_gui_on_the_demo_database(demo_db: Any) -> None:
    assert app.self_test_gui(demo_db) == []


def test_self_test_gui_reports_a_viewer_that_cannot_show_the_members_list(
    demo_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zidkor_desktop.usecases import member_list

    monkeypatch.setattr(member_list, "member_list_pdf", lambda _db, _day: b"no PDF")
    [problem] = app.self_test_gui(demo_db)
    assert problem.startswith("Die Dokumentanzeige ist fehlgeschlagen: „ZIDKOR Desktop“ kann nicht")


def test_self_test_gui_reports_an_empty_members_list(tmp_path: Path) -> None:
    from zidkor_desktop.usecases.settings import SettingsData, save_settings

    db = open_and_migrate(DatabaseChoice(path=tmp_path / "x.sqlite3")).db
    try:
        save_settings(db, SettingsData(name="Verband", short_name="V"))
        assert is_initialised(db)
        problems = app.self_test_gui(db)
        assert problems == [l10n._("The members list shows no rows.")]
    finally:
        db.dispose()


def test_unexpected_errors_are_shown_to_the_clerk(
    message_boxes: list[tuple[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        raise RuntimeError("disk full")
    except RuntimeError as exc:
        app._report_unexpected_error(RuntimeError, exc, exc.__traceback__)
    assert message_boxes[0][0] == "critical" and "disk full" in message_boxes[0][1]
    assert "RuntimeError: disk full" in capsys.readouterr().err


def test_the_application_has_the_program_icon() -> None:
    from zidkor_desktop.app import application

    app = application()
    assert not app.windowIcon().isNull()
    assert app.applicationName() == "ZIDKOR Desktop"
