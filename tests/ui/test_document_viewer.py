"""The document viewer on real members list PDFs: pages, navigation, zoom, save, print."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox, QToolBar

from zidkor_desktop.documents.member_list import (
    MemberListGroup,
    MemberListRow,
    MemberListSnapshot,
    render_member_list,
)
from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.domain.votes import Balance
from zidkor_desktop.ui.preview.printing import print_document
from zidkor_desktop.ui.preview.viewer import DocumentViewer

TODAY = date(2026, 11, 25)

TITLE = "Mitgliederverzeichnis, Stand 25.11.2026"


def long_member_list() -> bytes:
    """The members list renderer with 120 members: several pages."""
    rows = [
        MemberListRow(f"Gemeinde Nr. {n}", "Stadt", "Mitglied", "1", Decimal("2000.00"), Decimal(0))
        for n in range(120)
    ]
    group = MemberListGroup(
        label="120 Mitglieder",
        rows=rows,
        votes=120,
        capital_due=Decimal("240000.00"),
        capital_paid=Decimal(0),
        balance=Balance(120, 120, 120, 120),
    )
    return render_member_list(
        MemberListSnapshot("Zweckverband Test", "ZT", TODAY, [group], printed_on=TODAY)
    )


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return long_member_list()


@pytest.fixture
def pages(pdf: bytes) -> int:
    """The page count as pypdf reads it (more than two, or navigation tests say little)."""
    count = len(PdfReader(BytesIO(pdf)).pages)
    assert count >= 3
    return count


@pytest.fixture
def viewer(qtbot: Any, pdf: bytes, tmp_path: Path) -> DocumentViewer:
    shown = DocumentViewer(pdf, TITLE, tmp_path / "Mitgliederverzeichnis.pdf")
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def answer_save_dialog(monkeypatch: pytest.MonkeyPatch, target: Path | None) -> list[str]:
    """Answer the file dialog with `target` (None: cancel); returns the names suggested."""
    suggested: list[str] = []

    def ask(_parent: Any, _caption: str, directory: str, *_args: Any, **_kw: Any) -> Any:
        suggested.append(directory)
        return ("" if target is None else str(target), "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    return suggested


def test_shows_the_pages_with_german_toolbar(viewer: DocumentViewer, pages: int) -> None:
    assert viewer.windowTitle() == TITLE
    assert viewer.document.pageCount() == pages
    assert viewer.view.document() is viewer.document
    assert viewer.page_box.value() == 1
    assert viewer.page_box.maximum() == pages
    assert viewer.page_count_label.text() == f"von {pages}"
    bar = viewer.findChild(QToolBar)
    actions = (viewer.print_action, viewer.save_action, viewer.close_action)
    texts = [bar.widgetForAction(a).text() for a in actions]  # as on the tool buttons
    assert texts == ["Drucken…", "Speichern unter…", "Schließen"]
    assert viewer.fit_width_action.text() == "Seitenbreite"
    assert viewer.print_action.shortcut().toString() == "Ctrl+P"
    assert viewer.save_action.shortcut().toString() == "Ctrl+S"
    assert viewer.close_action.shortcut().toString() == "Esc"
    assert viewer.view.zoomMode() == QPdfView.ZoomMode.FitToWidth


def test_page_navigation(viewer: DocumentViewer, pages: int) -> None:
    assert not viewer.previous_action.isEnabled()
    viewer.next_action.trigger()
    assert viewer.current_page() == 1
    assert viewer.page_box.value() == 2
    assert viewer.previous_action.isEnabled()
    viewer.page_box.setValue(pages)
    assert viewer.current_page() == pages - 1
    assert not viewer.next_action.isEnabled()
    viewer.next_action.trigger()  # disabled: stays on the last page
    assert viewer.current_page() == pages - 1
    viewer.previous_action.trigger()
    assert viewer.current_page() == pages - 2
    assert viewer.page_box.value() == pages - 1


def test_zoom_steps_limits_and_fit_width(viewer: DocumentViewer) -> None:
    fitted = viewer.zoom_factor()
    assert fitted > 0
    viewer.zoom_in_action.trigger()
    assert viewer.view.zoomMode() == QPdfView.ZoomMode.Custom
    assert viewer.view.zoomFactor() == pytest.approx(fitted * 1.25)
    viewer.zoom_out_action.trigger()
    viewer.zoom_out_action.trigger()
    assert viewer.view.zoomFactor() == pytest.approx(fitted / 1.25)
    for _step in range(20):
        viewer.zoom_out_action.trigger()
    assert viewer.view.zoomFactor() == pytest.approx(0.25)
    for _step in range(30):
        viewer.zoom_in_action.trigger()
    assert viewer.view.zoomFactor() == pytest.approx(4.0)
    viewer.fit_width_action.trigger()
    assert viewer.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert viewer.zoom_factor() == pytest.approx(fitted)


def test_zooming_stays_on_the_page_shown(viewer: DocumentViewer) -> None:
    bar = viewer.view.verticalScrollBar()

    def place() -> float:
        """Where the middle of the window is, as a fraction of the document's height."""
        return (bar.value() + bar.pageStep() / 2) / (bar.maximum() + bar.pageStep())

    viewer.go_to_page(2)
    before = place()
    scrolled = bar.value()
    for zoom in (viewer.zoom_out, viewer.zoom_out, viewer.zoom_in, viewer.fit_width):
        zoom()
        assert place() == pytest.approx(before, abs=0.01)
    assert bar.value() == pytest.approx(scrolled, abs=3)
    assert viewer.current_page() == 2
    assert viewer.page_box.value() == 3


def test_save_writes_the_same_bytes(
    viewer: DocumentViewer,
    pdf: bytes,
    pages: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: list[tuple[str, str]],
) -> None:
    saved: list[Path] = []
    viewer.on_saved = saved.append
    target = tmp_path / "ablage" / "liste"
    target.parent.mkdir()
    suggested = answer_save_dialog(monkeypatch, target)
    assert viewer.save_as() == target.with_suffix(".pdf")
    assert suggested == [str(tmp_path / "Mitgliederverzeichnis.pdf")]
    assert target.with_suffix(".pdf").read_bytes() == pdf
    assert len(PdfReader(target.with_suffix(".pdf")).pages) == pages
    assert saved == [target.with_suffix(".pdf")]
    assert message_boxes == []
    assert [p.name for p in target.parent.iterdir()] == ["liste.pdf"]  # no staged file left


def test_replacing_a_file_needs_confirmation(
    viewer: DocumentViewer, pdf: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "vorhanden.pdf"
    target.write_bytes(b"alt")
    answer_save_dialog(monkeypatch, target)
    asked: list[str] = []
    answer = QMessageBox.StandardButton.No

    def question(_parent: Any, _title: str, text: str, *_args: Any) -> Any:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    assert viewer.save_as() is None
    assert target.read_bytes() == b"alt"
    assert asked == [f"Die Datei {target} gibt es bereits.\n\nMöchten Sie sie ersetzen?"]
    answer = QMessageBox.StandardButton.Yes
    assert viewer.save_as() == target
    assert target.read_bytes() == pdf


def test_cancelled_save_writes_nothing(
    viewer: DocumentViewer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer_save_dialog(monkeypatch, None)
    assert viewer.save_as() is None
    assert list(tmp_path.glob("*.pdf")) == []


def test_save_error_is_german_and_names_the_file(
    viewer: DocumentViewer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: list[tuple[str, str]],
) -> None:
    target = tmp_path / "fehlt" / "liste.pdf"
    answer_save_dialog(monkeypatch, target)
    assert viewer.save_as() is None
    [(kind, text)] = message_boxes
    assert kind == "warning"
    assert text.startswith(f"„{TITLE}“ konnte nicht unter {target} gespeichert werden:")


def test_printing_to_a_pdf_file_gives_the_same_pages(
    viewer: DocumentViewer, pages: int, tmp_path: Path
) -> None:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "gedruckt.pdf"))
    assert print_document(viewer.document, printer) == pages
    printed = PdfReader(tmp_path / "gedruckt.pdf")
    assert len(printed.pages) == pages
    assert float(printed.pages[0].mediabox.width) == pytest.approx(595.3, abs=1)  # A4
    assert printed.pages[0].images  # the rendered page went onto the paper


def test_printing_a_page_range(viewer: DocumentViewer, tmp_path: Path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "seiten.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert print_document(viewer.document, printer) == 2
    assert len(PdfReader(tmp_path / "seiten.pdf").pages) == 2


def test_escape_closes(viewer: DocumentViewer, qtbot: Any) -> None:
    qtbot.keyClick(viewer, Qt.Key.Key_Escape)
    assert not viewer.isVisible()


def test_bytes_that_are_no_pdf_are_refused_in_german(qtbot: Any, tmp_path: Path) -> None:
    with pytest.raises(DomainError, match="kein lesbares PDF"):
        DocumentViewer(b"kein PDF", TITLE, tmp_path / "x.pdf")
