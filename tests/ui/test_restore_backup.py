"""Restore from the program and the damage warning, with the real dialog and main window."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from damage_support import damage_page
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from zidkor_desktop.db.backup import integrity_problems
from zidkor_desktop.db.models import BackupRecord, Organisation
from zidkor_desktop.l10n import _
from zidkor_desktop.ui.dialogs.restore_backup import RestoreBackupDialog
from zidkor_desktop.usecases import backup as backups


def rename_first(db: Any, name: str) -> None:
    with db.write() as session:
        org = session.scalars(select(Organisation).order_by(Organisation.id)).first()
        org.name = name


def first_name(db: Any) -> str:
    with db.sessions() as session:
        return session.scalars(select(Organisation.name).order_by(Organisation.id)).first()


@pytest.fixture
def answers_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def question(_parent: Any, _title: str, text: str, *_a: Any, **_k: Any) -> Any:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "information", lambda *_a, **_k: None)
    return asked


def click_restore_on_exec(monkeypatch: pytest.MonkeyPatch, seen: list[Any]) -> None:
    """Run the real dialog without blocking: press its Restore button when it would open."""

    def exec_(dialog: RestoreBackupDialog) -> int:
        seen.append(dialog)
        dialog.restore_button.click()
        return dialog.result()

    monkeypatch.setattr(RestoreBackupDialog, "exec", exec_)


def test_dialog_lists_backups_with_date_size_and_check(
    qtbot: Any, ctx: Any, tmp_path: Path, today: date
) -> None:
    good = backups.backup_database(ctx.db, tmp_path / "gut.sqlite3")
    daily = backups.daily_backup(ctx.db, today)
    broken = tmp_path / "kaputt.sqlite3"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    dialog = RestoreBackupDialog(ctx)
    qtbot.addWidget(dialog)
    rows = dialog.model.all_rows()
    assert {r.path for r in rows} == {good.resolve(), daily}
    assert all(r.problem is None for r in rows)
    assert dialog.model.data(dialog.model.index(0, 2)) == _("ok")
    size = dialog.model.data(dialog.model.index(0, 1))
    assert size.endswith("KiB") and size != "0 KiB"
    assert dialog.selected() is not None and dialog.restore_button.isEnabled()

    dialog.add_file(broken)  # "Andere Datei…" lists the chosen file, checked like the others
    assert dialog.selected().path == broken and dialog.selected().problem
    assert dialog.selected().at is not None  # a chosen file shows its modification time
    assert dialog.model.data(dialog.model.index(0, 2)) == _("failed")


def test_restore_from_the_file_menu(
    window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answers_yes: list[str]
) -> None:
    db = window.ctx.db
    old_name = first_name(db)
    saved = backups.backup_database(db, tmp_path / "vorher.sqlite3")
    rename_first(db, "Umbenannt nach der Sicherung")
    window.show_area("members")
    seen: list[Any] = []
    click_restore_on_exec(monkeypatch, seen)

    assert window.restore_action.text() == _("Restore backup…")
    window.restore_action.trigger()

    assert seen and seen[0].restored == saved.resolve()
    assert str(db.path) in answers_yes[0] and str(saved.resolve()) in answers_yes[0]
    assert first_name(db) == old_name  # the running program reads the restored file
    names = [r.name for r in window.members_page.model.all_rows()]
    assert old_name in names and "Umbenannt nach der Sicherung" not in names
    with db.sessions() as session:
        kinds = [r.kind for r in session.scalars(select(BackupRecord).order_by(BackupRecord.id))]
    assert kinds == ["manual", "restore"]  # the record of the backup carried over, once
    last = backups.last_backup(db)
    assert last is not None and last[0] == saved.resolve()


def test_damaged_database_warns_and_offers_the_newest_good_backup(
    qtbot: Any, ctx: Any, today: date, monkeypatch: pytest.MonkeyPatch, answers_yes: list[str]
) -> None:
    from zidkor_desktop.app import run_daily_backup
    from zidkor_desktop.ui.main_window import MainWindow

    good = backups.daily_backup(ctx.db, today - timedelta(days=1))
    assert good is not None
    ctx.db.dispose()
    damage_page(ctx.db.path)
    before = sorted(good.parent.iterdir())

    assert run_daily_backup(ctx) is None
    assert sorted(good.parent.iterdir()) == before  # nothing written, nothing removed
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.damage_banner.isVisible()
    assert str(good) in window.damage_banner.label.text()
    assert window.damage_banner.title.text() == "Die Datenbank ist beschädigt"
    assert str(ctx.db.path) in window.damage_banner.label.text()
    assert "Sicherung" in window.damage_banner.label.text()
    assert "malformed" in window.damage_banner.toolTip()  # SQLite's words only for the support
    page = window.show_area("overview")
    assert page.damage_banner.isVisible() and str(good) in page.damage_banner.label.text()

    seen: list[Any] = []
    click_restore_on_exec(monkeypatch, seen)
    page.damage_banner.button.click()

    assert seen[0].selected() is not None and seen[0].restored == good
    assert integrity_problems(ctx.db.path) == []
    assert not window.damage_banner.isVisible() and not page.damage_banner.isVisible()
    assert ctx.damage_warning == ""


def test_a_server_database_is_restored_on_the_server(
    window: Any, message_boxes: list[tuple[str, str]]
) -> None:
    from zidkor_desktop.db.session import open_database

    local = window.ctx.db
    window.ctx.db = open_database("postgresql+psycopg://clerk@127.0.0.1:1/zidkor")  # no connect
    try:
        assert window.restore_backup() is False
    finally:
        window.ctx.db.dispose()
        window.ctx.db = local
    assert message_boxes == [
        (
            "information",
            _("The database is on a PostgreSQL server; restore it there with pg_restore."),
        )
    ]


def test_a_refused_restore_says_why_and_changes_nothing(
    qtbot: Any, ctx: Any, tmp_path: Path, message_boxes: list[tuple[str, str]], monkeypatch: Any
) -> None:
    import sqlite3

    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    saved = backups.backup_database(ctx.db, tmp_path / "vorher.sqlite3")
    rename_first(ctx.db, "Nach der Sicherung")
    other = sqlite3.connect(ctx.db.path)  # another program still has the database open
    other.execute("SELECT count(*) FROM organisation").fetchone()
    try:
        dialog = RestoreBackupDialog(ctx, saved.resolve())
        qtbot.addWidget(dialog)
        dialog.restore_button.click()
    finally:
        other.close()
    assert dialog.restored is None and dialog.result() == 0
    assert message_boxes and message_boxes[-1][0] == "warning"
    assert "wird gerade verwendet" in message_boxes[-1][1]
    assert first_name(ctx.db) == "Nach der Sicherung"  # still the current data, still readable
