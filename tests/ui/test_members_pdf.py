"""Members list as PDF from the members page and the File menu (Ctrl+P): the document viewer."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from zidkor_desktop.ui.dialogs.save_member_list import LAST_FOLDER_KEY
from zidkor_desktop.ui.preview.viewer import DocumentViewer
from zidkor_desktop.usecases.member_list import member_list_pdf

TODAY = date(2026, 11, 25)


def choose_file(monkeypatch: pytest.MonkeyPatch, target: Path | None) -> list[str]:
    """Answer the save dialog with `target` (None: cancel); returns the suggested names."""
    suggested: list[str] = []

    def ask(_parent: Any, _title: str, directory: str, *_args: Any, **_kw: Any) -> Any:
        suggested.append(directory)
        return ("" if target is None else str(target), "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    return suggested


def open_viewers(window: Any) -> list[DocumentViewer]:
    return [w for w in window.findChildren(DocumentViewer) if w.isVisible()]


def test_button_opens_the_viewer_and_save_remembers_the_folder(
    window: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = window.members_page
    assert page.pdf_button.text() == "PDF-Vorschau…"
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    [viewer] = open_viewers(window)
    assert viewer.windowTitle() == "Mitgliederverzeichnis, Stand 25.11.2026"
    expected = member_list_pdf(window.ctx.db, TODAY)
    assert viewer.document.pageCount() == len(PdfReader(BytesIO(expected)).pages)
    target = tmp_path / "out" / "liste.pdf"
    target.parent.mkdir()
    suggested = choose_file(monkeypatch, target)
    assert viewer.save_as() == target
    assert Path(suggested[0]).name == "Mitgliederverzeichnis-2026-11-25.pdf"
    assert PdfReader(target).pages[0].extract_text().count("Mitgliederverzeichnis") >= 1
    assert window.ctx.settings.value(LAST_FOLDER_KEY) == str(target.parent)
    viewer.close_action.trigger()
    assert open_viewers(window) == []
    # The next time the dialog starts in the folder used last.
    page.show_pdf()
    [viewer] = open_viewers(window)
    suggested = choose_file(monkeypatch, None)
    assert viewer.save_as() is None
    assert Path(suggested[0]) == target.parent / "Mitgliederverzeichnis-2026-11-25.pdf"


def test_menu_action_with_ctrl_p_shows_the_members_list(window: Any) -> None:
    action = window.member_list_action
    assert action.text() == "Mitgliederliste als PDF…"
    assert action.shortcut().toString() == "Ctrl+P"
    window.show_area("settings")
    action.trigger()
    assert window.current_area() == "members"
    [viewer] = open_viewers(window)
    assert viewer.document.pageCount() == 1
