"""File → schedule of services and fees as PDF: a date dialog, then the document viewer."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from zidkor_desktop.ui.dialogs.price_list_pdf import LAST_FOLDER_KEY, PriceListPdfDialog
from zidkor_desktop.ui.preview.viewer import DocumentViewer

TODAY = date(2026, 11, 25)


def open_viewers(window: Any) -> list[DocumentViewer]:
    return [w for w in window.findChildren(DocumentViewer) if w.isVisible()]


def open_dialog(window: Any) -> PriceListPdfDialog:
    assert window.price_list_action.text() == "Entgeltverzeichnis als PDF…"
    window.price_list_action.trigger()
    [dialog] = [d for d in window.findChildren(PriceListPdfDialog) if d.isVisible()]
    return dialog


def show(qtbot: Any, dialog: PriceListPdfDialog) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert button.text() == "Anzeigen"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def text_of(data: bytes) -> str:
    reader = PdfReader(BytesIO(data))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def test_menu_action_asks_for_the_date_and_opens_the_viewer(
    window: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "services" not in window.pages and "pricelist" not in window.pages
    dialog = open_dialog(window)
    assert dialog.date_edit.text() == "25.11.2026"  # today by default
    dialog.date_edit.set_text("01.03.2026")
    show(qtbot, dialog)
    assert not dialog.isVisible()
    [viewer] = open_viewers(window)
    assert viewer.windowTitle() == "Leistungs- und Entgeltverzeichnis, gültig am 01.03.2026"
    assert viewer.document.pageCount() == len(PdfReader(BytesIO(viewer.data)).pages)
    text = text_of(viewer.data)
    assert "Preise und Betreiber am 01.03.2026" in text and "0,0450 €" in text
    target = tmp_path / "entgelte.pdf"

    def ask(_parent: Any, _title: str, directory: str, *_args: Any, **_kw: Any) -> Any:
        assert Path(directory).name == "Entgeltverzeichnis-2026-03-01.pdf"
        return (str(target), "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    assert viewer.save_as() == target
    assert window.ctx.settings.value(LAST_FOLDER_KEY) == str(tmp_path)
    viewer.close_action.trigger()


def test_a_date_without_a_published_version_keeps_the_dialog_open(window: Any, qtbot: Any) -> None:
    dialog = open_dialog(window)
    dialog.date_edit.set_text("31.12.2025")
    show(qtbot, dialog)
    assert dialog.isVisible() and open_viewers(window) == []
    assert dialog.error_label.text() == (
        "Am 31.12.2025 ist kein veröffentlichtes Leistungs- und Entgeltverzeichnis in Kraft."
    )
    dialog.date_edit.set_text("")
    show(qtbot, dialog)
    assert dialog.isVisible() and "TT.MM.JJJJ" in dialog.error_label.text()
    dialog.reject()
    assert open_viewers(window) == []
