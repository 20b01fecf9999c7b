"""Print a PDF document: its pages rendered at printer resolution onto a QPrinter."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.l10n import _

MAX_RENDER_DPI = 600
"""Pages are rendered at the printer's resolution, but at most this fine (memory per page)."""


def pdf_document(data: bytes, parent: QObject | None = None) -> QPdfDocument:
    """A PDF document loaded from bytes (the buffer lives as long as the document)."""
    document = QPdfDocument(parent)
    buffer = QBuffer(document)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return document


def page_range(document: QPdfDocument, printer: QPrinter) -> range:
    """Indexes of the pages to print: all, or the range chosen in the print dialog."""
    count = document.pageCount()
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        last = printer.toPage() if printer.toPage() > 0 else count
        return range(max(printer.fromPage(), 1) - 1, min(last, count))
    return range(count)


def print_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Render the pages onto `printer`, each fitted to the paper; returns the pages printed."""
    return print_documents([document], printer)


def print_documents(documents: Sequence[QPdfDocument], printer: QPrinter) -> int:
    """Print several documents as one job (each from a new page); returns the pages printed."""
    printer.setFullPage(True)  # the documents bring their own margins
    single = len(documents) == 1  # a page range chosen in the dialog applies to one document
    jobs = [
        (document, index)
        for document in documents
        for index in (page_range(document, printer) if single else range(document.pageCount()))
    ]
    painter = QPainter()
    if not painter.begin(printer):
        name = printer.printerName() or printer.outputFileName()
        raise DomainError(_("Printing could not be started (printer: {name}).").format(name=name))
    try:
        dpi = printer.resolution()
        paper = QRectF(printer.pageLayout().fullRectPixels(dpi))
        for done, (document, index) in enumerate(jobs):
            if done:
                printer.newPage()
            points = document.pagePointSize(index)
            size = QSizeF(points.width() * dpi / 72, points.height() * dpi / 72)
            size.scale(paper.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRectF(paper.topLeft(), size)
            render_scale = min(1.0, MAX_RENDER_DPI / dpi)
            pixels = QSize(round(size.width() * render_scale), round(size.height() * render_scale))
            painter.drawImage(target, document.render(index, pixels))
    finally:
        painter.end()
    return len(jobs)


def print_with_dialog(parent: QWidget, document: QPdfDocument, title: str, doc_name: str) -> int:
    """Ask the system print dialog, then print; 0 when the clerk cancelled.

    `doc_name` names the job in the print queue and the file of "print to PDF" (plus ".pdf").
    """
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(doc_name)
    printer.setFromTo(1, document.pageCount())
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print “{title}”").format(title=title))
    dialog.setMinMax(1, document.pageCount())
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return 0
    return print_document(document, printer)


def print_all_with_dialog(
    parent: QWidget, documents: Sequence[QPdfDocument], title: str, doc_name: str
) -> int:
    """One print dialog for several documents printed as one job; 0 when cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(doc_name)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print “{title}”").format(title=title))
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, False)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return 0
    return print_documents(documents, printer)
