"""Schedule of services and fees as PDF: ask for the date, then open it in the document viewer."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.l10n import _, format_date
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.errors import call
from zidkor_desktop.ui.widgets.date_edit import DateEdit, date_input_error
from zidkor_desktop.usecases.price_list_pdf import price_list_file_name, price_list_pdf

if TYPE_CHECKING:
    from zidkor_desktop.ui.preview.viewer import DocumentViewer

LAST_FOLDER_KEY = "price_list/last_folder"


class PriceListPdfDialog(QDialog):
    """Asks for the date the schedule is valid on (default today) and opens it in the viewer."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.viewer: DocumentViewer | None = None
        self.setWindowTitle(_("Schedule of services and fees as PDF"))
        self.date_edit = DateEdit(self)
        self.date_edit.set_date(ctx.today())
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        form = QFormLayout()
        form.addRow(_("Valid on:"), self.date_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Show"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 34)

    def _error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        self.adjustSize()  # room for the wrapped message
        self.date_edit.setFocus()

    def accept(self) -> None:
        """Render the schedule for the date entered; stay open with a message if that fails."""
        try:
            day = self.date_edit.date()
        except ValueError:
            day = None
        if day is None:
            self._error(date_input_error(_("Valid on")))
            return
        ctx = self.ctx
        try:
            data = call(self, lambda: price_list_pdf(ctx.db, day), where=ctx.database_location())
        except DomainError as exc:
            self._error(str(exc))
            return
        super().accept()
        self.viewer = show_price_list(self.parentWidget() or self, ctx, data, day)


def show_price_list(parent: QWidget, ctx: AppContext, data: bytes, day: date) -> DocumentViewer:
    """Open rendered schedule bytes in the viewer; saving remembers the folder."""
    from zidkor_desktop.ui.preview.viewer import show_document  # QtPdf: lazily

    folder = Path(str(ctx.settings.value(LAST_FOLDER_KEY, str(Path.home()))))

    def remember_folder(written: Path) -> None:
        ctx.settings.setValue(LAST_FOLDER_KEY, str(written.parent))

    title = _("Schedule of services and fees valid on {date}").format(date=format_date(day))
    return show_document(parent, data, title, folder / price_list_file_name(day), remember_folder)


def open_price_list_dialog(parent: QWidget, ctx: AppContext) -> PriceListPdfDialog:
    """Show the date dialog (window-modal, not blocking); it opens the viewer on 'Show'."""
    dialog = PriceListPdfDialog(ctx, parent)
    dialog.open()
    return dialog
