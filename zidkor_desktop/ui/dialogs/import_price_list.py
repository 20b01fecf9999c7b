"""Importing a spreadsheet into a draft: every problem listed, else a preview to confirm."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.l10n import _, ngettext
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.dialogs.compare_price_lists import (
    CHANGE_COLUMNS,
    change_rows,
    change_table,
    summary,
)
from zidkor_desktop.ui.errors import call
from zidkor_desktop.ui.models.row_table_model import RowTableModel

if TYPE_CHECKING:
    from zidkor_desktop.usecases.price_sheet import ImportPreview


class ImportProblemsDialog(QDialog):
    """Why a file was not imported: every problem, one per line, copyable."""

    def __init__(self, path: Path, problems: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Import not possible"))
        intro = QLabel(
            ngettext(
                "The file {file} was not imported; nothing was changed. Please correct this "
                "problem in the file and import it again:",
                "The file {file} was not imported; nothing was changed. Please correct these "
                "{count} problems in the file and import it again:",
                len(problems),
            ).format(file=path.name, count=len(problems)),
            self,
        )
        intro.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("importProblems")
        self.text.setReadOnly(True)
        self.text.setPlainText("\n".join(problems))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = buttons.addButton(_("Copy"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.text.toPlainText()))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 56, 360)


class ImportPreviewDialog(QDialog):
    """What the import would change in the draft; "Apply" takes it over."""

    def __init__(self, path: Path, preview: ImportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(_("Import into version {number}").format(number=preview.version_no))
        rows = change_rows(preview.comparison)
        intro = QLabel(
            _(
                "The file {file} is valid ({items} items). Nothing has been changed yet. "
                "These are the changes to the draft:"
            ).format(file=path.name, items=len(preview.items))
            if rows
            else _(
                "The file {file} is valid ({items} items) and has the same items and prices "
                "as the draft."
            ).format(file=path.name, items=len(preview.items)),
            self,
        )
        intro.setWordWrap(True)
        self.model = RowTableModel(CHANGE_COLUMNS, key=lambda r: (r.kind, r.code), parent=self)
        self.model.set_rows(rows)
        table = change_table(self.model, self)
        table.setObjectName("importChanges")
        self.summary_label = QLabel(summary(preview.comparison), self)
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Apply"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        if preview.notes:  # how the file was read (encoding, decimal point): worth a look
            notes = QLabel("\n".join(f"• {note}" for note in preview.notes), self)
            notes.setObjectName("importNotes")
            notes.setWordWrap(True)
            notes.setStyleSheet("QLabel { background: #fff4ce; color: #5c4400; padding: 4px; }")
            layout.addWidget(notes)
        layout.addWidget(table, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.buttons)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 80, 480)


def start_import(
    parent: QWidget, ctx: AppContext, path: Path, version_no: int, applied: Callable[[], None]
) -> QDialog | None:
    """Check the file and open the problems or the preview (window-modal, not blocking).

    Confirming the preview applies the import in one transaction and then calls `applied`.
    Returns the dialog shown, or None when a message box said why nothing was read.
    """
    from zidkor_desktop.usecases.price_sheet import SheetRefused, apply_import, prepare_import

    title = _("Import price list")
    try:
        preview = call(parent, lambda: prepare_import(ctx.db, path, version_no), where=path)
    except SheetRefused as exc:
        problems = ImportProblemsDialog(path, exc.problems, parent)
        problems.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        problems.open()
        return problems
    except DomainError as exc:
        QMessageBox.warning(parent, title, str(exc))
        return None
    dialog = ImportPreviewDialog(path, preview, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def apply() -> None:
        try:
            call(parent, lambda: apply_import(ctx.db, preview), where=ctx.database_location())
        except DomainError as exc:
            QMessageBox.warning(parent, title, str(exc))
            return
        applied()

    dialog.accepted.connect(apply)
    dialog.open()
    return dialog
