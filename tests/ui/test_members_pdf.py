"""Members list as PDF from the members page and the File menu (Ctrl+P)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from zidkor_desktop.ui.dialogs.save_member_list import LAST_FOLDER_KEY


@pytest.fixture
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    """Record QDesktopServices.openUrl instead of starting a PDF viewer."""
    urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url) or True)
    return urls


def choose_file(monkeypatch: pytest.MonkeyPatch, target: Path | None) -> list[str]:
    """Answer the save dialog with `target` (None: cancel); returns the suggested names."""
    suggested: list[str] = []

    def ask(_parent: Any, _title: str, directory: str, _filter: str) -> tuple[str, str]:
        suggested.append(directory)
        return ("" if target is None else str(target), "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    return suggested


def test_button_saves_the_pdf_and_opens_it_on_request(
    window: Any,
    qtbot: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    opened_urls: list[QUrl],
) -> None:
    page = window.members_page
    assert page.pdf_button.text() == "Als PDF speichern…"
    target = tmp_path / "out" / "liste.pdf"
    target.parent.mkdir()
    suggested = choose_file(monkeypatch, target)
    questions: list[str] = []

    def question(_parent: Any, _title: str, text: str, *_args: Any) -> Any:
        questions.append(text)
        return QMessageBox.StandardButton.Open

    monkeypatch.setattr(QMessageBox, "question", question)
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    assert Path(suggested[0]).name == "Mitgliederverzeichnis-2026-11-25.pdf"
    assert target.read_bytes().startswith(b"%PDF")
    assert str(target) in questions[0]
    assert opened_urls == [QUrl.fromLocalFile(str(target))]
    assert window.ctx.settings.value(LAST_FOLDER_KEY) == str(target.parent)
    # The next time the dialog starts in the folder used last.
    suggested = choose_file(monkeypatch, None)
    page.save_pdf()
    assert Path(suggested[0]) == target.parent / "Mitgliederverzeichnis-2026-11-25.pdf"


def test_menu_action_with_ctrl_p_and_declined_viewer(
    window: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: list[tuple[str, str]],
    opened_urls: list[QUrl],
) -> None:
    action = window.member_list_action
    assert action.text() == "Mitgliederliste als PDF…"
    assert action.shortcut().toString() == "Ctrl+P"
    window.show_area("settings")
    target = tmp_path / "liste"
    choose_file(monkeypatch, target)
    action.trigger()
    assert window.current_area() == "members"
    assert target.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    assert [kind for kind, _text in message_boxes] == ["question"]
    assert opened_urls == []


def test_cancel_writes_nothing(
    window: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: list[tuple[str, str]],
) -> None:
    choose_file(monkeypatch, None)
    assert window.members_page.save_pdf() is None
    assert message_boxes == []
    assert list(tmp_path.glob("*.pdf")) == []


def test_write_error_is_shown_in_german(
    window: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: list[tuple[str, str]],
    opened_urls: list[QUrl],
) -> None:
    choose_file(monkeypatch, tmp_path / "fehlt" / "liste.pdf")
    assert window.members_page.save_pdf() is None
    assert len(message_boxes) == 1
    kind, text = message_boxes[0]
    assert kind == "warning"
    assert text.startswith("Das Mitgliederverzeichnis konnte nicht")
    assert opened_urls == []
