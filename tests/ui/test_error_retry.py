"""A busy database asks 'Wiederholen' and runs the action again; library errors in German."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import func, select

from zidkor_desktop.db import session as db_session
from zidkor_desktop.db.models import Organisation
from zidkor_desktop.db.session import open_database
from zidkor_desktop.ui.errors import RETRY_BOX


@pytest.fixture(autouse=True)
def short_lock_wait(monkeypatch: pytest.MonkeyPatch, demo_db: Any) -> None:
    """Writers give up after 0.3 s (read when a connection opens, so the pool is emptied)."""
    monkeypatch.setattr(db_session, "LOCK_WAIT_SECONDS", 0.3)
    demo_db.dispose()


def organisations(db: Any) -> int:
    with db.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(Organisation)) or 0)


class OtherWorkplace:
    """A second connection to the same file holding the write lock until released."""

    def __init__(self, db: Any) -> None:
        self.db = open_database(f"sqlite+pysqlite:///{db.path}", user="other")
        self.transaction = self.db.write()
        self.transaction.__enter__()

    def release(self) -> None:
        self.transaction.__exit__(None, None, None)
        self.db.dispose()


def answer_retry_box(qtbot: Any, seen: list[str], button: str, before: Any = None) -> QTimer:
    """When the retry question appears: note its text, run `before`, click `button`."""
    timer = QTimer()

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != RETRY_BOX:
            return
        timer.stop()
        seen.append(box.text())
        if before is not None:
            before()
        clicked = next(b for b in box.buttons() if b.text() == button)
        qtbot.mouseClick(clicked, Qt.MouseButton.LeftButton)

    timer.timeout.connect(poll)
    timer.start(20)
    return timer


def open_dialog_with_name(window: Any, qtbot: Any, name: str) -> Any:
    qtbot.mouseClick(window.members_page.new_button, Qt.MouseButton.LeftButton)
    dialog = window.members_page.dialog
    qtbot.keyClicks(dialog.fields["name"], name)
    qtbot.keyClicks(dialog.fields["applied_on"].line_edit(), "02.03.2026")
    return dialog


def test_busy_database_offers_retry_which_saves(window: Any, qtbot: Any, demo_db: Any) -> None:
    before = organisations(demo_db)
    dialog = open_dialog_with_name(window, qtbot, "Stadt Worms")
    other = OtherWorkplace(demo_db)
    seen: list[str] = []
    timer = answer_retry_box(qtbot, seen, "Wiederholen", before=other.release)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    timer.stop()
    assert len(seen) == 1 and "belegt" in seen[0] and str(demo_db.path) in seen[0]
    assert "locked" not in seen[0]
    assert window.members_page.dialog is None  # saved on the second try, dialog closed
    assert organisations(demo_db) == before + 1


def test_cancel_keeps_the_input_and_shows_the_message(
    window: Any, qtbot: Any, demo_db: Any
) -> None:
    before = organisations(demo_db)
    dialog = open_dialog_with_name(window, qtbot, "Stadt Worms")
    other = OtherWorkplace(demo_db)
    seen: list[str] = []
    try:
        timer = answer_retry_box(qtbot, seen, "Abbrechen")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    finally:
        timer.stop()
        other.release()
    assert len(seen) == 1
    assert dialog.isVisible() and dialog.fields["name"].text() == "Stadt Worms"
    assert "belegt" in dialog.banner.text()
    assert organisations(demo_db) == before
    dialog.done(0)


def test_line_edits_refuse_control_characters(window: Any, qtbot: Any) -> None:
    qtbot.mouseClick(window.members_page.new_button, Qt.MouseButton.LeftButton)
    dialog = window.members_page.dialog
    name = dialog.fields["name"]
    name.insert("Stadt\x1bWorms")  # as a paste would
    name.insert("Stadt Worms")
    assert name.text() == "Stadt Worms"
    dialog.done(0)
    page = window.show_area("settings")
    bank = page.form.widget_for("bank_name")
    bank.clear()
    bank.insert("Spar\x00kasse")
    bank.insert("Sparkasse")
    assert bank.text() == "Sparkasse"
