"""The document viewer: a PDF preview with page navigation, zoom, printing and saving."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QMessageBox,
    QSpinBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.l10n import _
from zidkor_desktop.ui.errors import call
from zidkor_desktop.ui.preview.printing import print_with_dialog
from zidkor_desktop.usecases.document_files import save_document

ZOOM_STEP = 1.25
MIN_ZOOM = 0.25
MAX_ZOOM = 4.0


class DocumentViewer(QDialog):
    """Shows one rendered document (PDF bytes); prints it and saves it under a chosen name."""

    def __init__(
        self,
        data: bytes,
        title: str,
        suggested: Path,
        parent: QWidget | None = None,
        on_saved: Callable[[Path], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.data = data
        self.title = title
        self.suggested = suggested
        self.on_saved = on_saved
        self.setWindowTitle(title)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.document = self._load(data)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.pageNavigator().currentPageChanged.connect(self._show_page_number)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._build_toolbar())
        layout.addWidget(self.view, 1)
        self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        screen = (self.parentWidget() or self).screen().availableGeometry()
        self.resize(min(860, screen.width() * 9 // 10), min(1000, screen.height() * 9 // 10))

    def _load(self, data: bytes) -> QPdfDocument:
        document = QPdfDocument(self)
        self._buffer = QBuffer(self)  # the document reads from it as long as it is shown
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document.load(self._buffer)
        if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
            raise DomainError(
                _("“{title}” cannot be shown: it is no readable PDF document.").format(
                    title=self.title
                )
            )
        return document

    def _action(self, text: str, slot: Callable[[], object], shortcut: object = None) -> QAction:
        action = QAction(text, self)
        action.setIconText(text)  # keep the "…" of "Drucken…" on the tool button
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text} ({keys})")
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts work with the focus anywhere in the viewer
        return action

    def _build_toolbar(self) -> QToolBar:
        bar = QToolBar(self)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.previous_action = self._action("◀", self.previous_page)
        self.previous_action.setToolTip(_("Previous page"))
        self.next_action = self._action("▶", self.next_page)
        self.next_action.setToolTip(_("Next page"))
        self.page_box = QSpinBox(self)
        self.page_box.setRange(1, self.document.pageCount())
        self.page_box.setAccessibleName(_("Page"))
        self.page_box.setKeyboardTracking(False)
        self.page_box.valueChanged.connect(lambda number: self.go_to_page(number - 1))
        self.page_count_label = QLabel(
            _("of {count}").format(count=self.document.pageCount()), self
        )
        self.zoom_out_action = self._action("−", self.zoom_out, QKeySequence.StandardKey.ZoomOut)
        self.zoom_out_action.setToolTip(_("Zoom out (Ctrl+-)"))
        self.zoom_in_action = self._action("+", self.zoom_in, QKeySequence.StandardKey.ZoomIn)
        self.zoom_in_action.setToolTip(_("Zoom in (Ctrl++)"))
        self.fit_width_action = self._action(_("Page width"), self.fit_width, "Ctrl+0")
        self.print_action = self._action(_("Print…"), self.print_document, "Ctrl+P")
        self.save_action = self._action(_("Save as…"), self.save_as, "Ctrl+S")
        self.close_action = self._action(_("Close"), self.close, "Esc")
        bar.addAction(self.previous_action)
        bar.addWidget(QLabel(_("Page") + " ", self))
        bar.addWidget(self.page_box)
        bar.addWidget(QLabel(" ", self))
        bar.addWidget(self.page_count_label)
        bar.addAction(self.next_action)
        bar.addSeparator()
        bar.addAction(self.zoom_out_action)
        bar.addAction(self.fit_width_action)
        bar.addAction(self.zoom_in_action)
        bar.addSeparator()
        bar.addAction(self.print_action)
        bar.addAction(self.save_action)
        bar.addSeparator()
        bar.addAction(self.close_action)
        self._show_page_number(0)
        return bar

    # --- navigation and zoom -----------------------------------------------------------------
    def current_page(self) -> int:
        """Index of the page shown (0-based)."""
        return self.view.pageNavigator().currentPage()

    def go_to_page(self, index: int) -> None:
        """Show page `index` (0-based, clamped to the document)."""
        index = max(0, min(index, self.document.pageCount() - 1))
        if index != self.current_page():
            self.view.pageNavigator().jump(index, QPointF(), self.view.zoomFactor())
        self._show_page_number(index)

    def previous_page(self) -> None:
        """One page back."""
        self.go_to_page(self.current_page() - 1)

    def next_page(self) -> None:
        """One page on."""
        self.go_to_page(self.current_page() + 1)

    def _show_page_number(self, index: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(index + 1)
        self.page_box.blockSignals(False)
        self.previous_action.setEnabled(index > 0)
        self.next_action.setEnabled(index < self.document.pageCount() - 1)

    def zoom_factor(self) -> float:
        """The scale shown: 1.0 is the page at its printed size on this screen."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom:
            return self.view.zoomFactor()
        page_points = self.document.pagePointSize(self.current_page()).width()
        page_pixels = page_points * self.view.logicalDpiX() / 72
        room = self.view.viewport().width() - 2 * self.view.documentMargins().left()
        return room / page_pixels if page_pixels else 1.0

    def set_zoom(self, factor: float) -> None:
        """Show the pages at `factor` (limited to 25 % … 400 %), staying on the current page."""
        with self._keeping_the_centre():
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(max(MIN_ZOOM, min(MAX_ZOOM, factor)))

    def zoom_in(self) -> None:
        """One step larger."""
        self.set_zoom(self.zoom_factor() * ZOOM_STEP)

    def zoom_out(self) -> None:
        """One step smaller."""
        self.set_zoom(self.zoom_factor() / ZOOM_STEP)

    def fit_width(self) -> None:
        """Pages as wide as the window, staying on the current page."""
        with self._keeping_the_centre():
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    @contextmanager
    def _keeping_the_centre(self) -> Iterator[None]:
        """The spot in the middle of the window stays there (the view keeps pixel offsets)."""
        bars = (self.view.verticalScrollBar(), self.view.horizontalScrollBar())
        centres = [
            (bar.value() + bar.pageStep() / 2) / (bar.maximum() + bar.pageStep()) for bar in bars
        ]
        yield
        for bar, centre in zip(bars, centres, strict=True):
            bar.setValue(round(centre * (bar.maximum() + bar.pageStep()) - bar.pageStep() / 2))

    # --- print and save ----------------------------------------------------------------------
    def print_document(self) -> int:
        """The system print dialog, then printing; returns the pages printed (0: cancelled)."""
        try:
            return print_with_dialog(self, self.document, self.title, self.suggested.stem)
        except DomainError as exc:
            QMessageBox.warning(self, self.title, str(exc))
            return 0

    def save_as(self) -> Path | None:
        """Ask for a file name (confirming a replacement), write the PDF; None if not saved."""
        caption = _("Save “{title}” as").format(title=self.title)
        chosen, _selected = QFileDialog.getSaveFileName(
            self,
            caption,
            str(self.suggested),
            _("PDF files (*.pdf);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if not chosen:
            return None
        target = Path(chosen)
        if not target.suffix:
            target = target.with_suffix(".pdf")
        if target.exists() and not self._may_replace(target):
            return None
        try:
            written = call(self, lambda: save_document(self.data, target, self.title))
        except DomainError as exc:
            QMessageBox.warning(self, self.title, str(exc))
            return None
        self.suggested = written
        if self.on_saved is not None:
            self.on_saved(written)
        return written

    def _may_replace(self, target: Path) -> bool:
        answer = QMessageBox.question(
            self,
            self.title,
            _("The file {path} exists already.\n\nReplace it?").format(path=target),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes


def show_document(
    parent: QWidget,
    data: bytes,
    title: str,
    suggested: Path,
    on_saved: Callable[[Path], None] | None = None,
) -> DocumentViewer:
    """Open the viewer for `data` (non-modal, deleted when closed) and return it."""
    viewer = DocumentViewer(data, title, suggested, parent, on_saved)
    viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    viewer.show()
    return viewer
