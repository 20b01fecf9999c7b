"""Tabs of the payments area: unmatched bank entries and the reminders written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from zidkor_desktop.l10n import N_, _, format_date, format_money
from zidkor_desktop.queries.accounts import BankEntryRow, unmatched_bank_entries
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.dialogs.form_dialog import Field, FormDialog
from zidkor_desktop.ui.dialogs.payment_dialogs import call_quietly
from zidkor_desktop.ui.models.row_table_model import ALIGN_RIGHT, Column, RowTableModel
from zidkor_desktop.ui.pages.services import _table
from zidkor_desktop.usecases.bank_import import assign_entry, open_invoices
from zidkor_desktop.usecases.reminders import ReminderRow, list_reminders, reminder_pdf


def level_text(level: int) -> str:
    """„–“, „Zahlungserinnerung“, „1. Mahnung“ or „2. Mahnung“."""
    if level <= 0:
        return "–"
    from zidkor_desktop.documents.reminder import reminder_title

    return reminder_title(level)


def invoice_choices(ctx: AppContext) -> list[tuple[str, str]]:
    """(number, „number – recipient – open amount“) of the invoices a payment can go to."""
    return [
        (
            invoice.number,
            _("{number} – {buyer} – open {open}").format(
                number=invoice.number, buyer=invoice.buyer, open=format_money(invoice.open)
            ),
        )
        for invoice in open_invoices(ctx.db)
    ]


BANK_COLUMNS: list[Column[BankEntryRow]] = [
    Column(N_("Date"), lambda r: format_date(r.booked_on), sort_key=lambda r: r.booked_on),
    Column(
        N_("Amount"),
        lambda r: format_money(r.amount),
        sort_key=lambda r: r.amount,
        alignment=ALIGN_RIGHT,
    ),
    Column(N_("Payer"), lambda r: r.debtor_name, searchable=True),
    Column(N_("Remittance information"), lambda r: r.remittance, searchable=True),
    Column(N_("Statement"), lambda r: r.statement),
]


class UnmatchedTab(QWidget):
    """Imported credit entries no invoice was chosen for; assigned here by hand."""

    booked = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = RowTableModel(BANK_COLUMNS, key=lambda r: r.id, parent=self)
        self.table = _table(self.model, self, 3)
        self.table.setObjectName("unmatchedEntries")
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.assign_button = QPushButton(_("Assign…"), self)
        self.assign_button.clicked.connect(self.assign_selected)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.assign_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.dialog: FormDialog | None = None

    def refresh(self) -> None:
        """Reload the unmatched entries."""
        self.model.set_rows(unmatched_bank_entries(self.ctx.db))
        for column in (0, 1, 2, 4):
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, self.table.columnWidth(column) + 16)
        if self.model.rowCount() and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> BankEntryRow | None:
        """The entry selected."""
        indexes = self.table.selectionModel().selectedRows()
        return self.model.row_for_index(indexes[0]) if indexes else None

    def _update_buttons(self, *_args: object) -> None:
        self.assign_button.setEnabled(self.selected() is not None)

    def assign_selected(self) -> FormDialog | None:
        """Choose the invoice the selected entry pays, then book it."""
        entry = self.selected()
        if entry is None:
            return None

        def assign(values: dict[str, Any]) -> int:
            return assign_entry(self.ctx.db, entry.id, values["number"], self.ctx.today())

        title = _("Assign bank entry: {amount} of {day} from {payer}").format(
            amount=format_money(entry.amount),
            day=format_date(entry.booked_on),
            payer=entry.debtor_name,
        )
        dialog = FormDialog(
            self.ctx,
            title,
            [
                Field(
                    "number", _("Invoice"), "combo", None, invoice_choices(self.ctx), required=True
                )
            ],
            assign,
            self,
            ok_text=_("Book"),
        )
        dialog.setObjectName("assignEntryDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.booked)
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self, _result: int) -> None:
        self.dialog = None


REMINDER_COLUMNS: list[Column[ReminderRow]] = [
    Column(N_("No."), lambda r: str(r.id), sort_key=lambda r: r.id, alignment=ALIGN_RIGHT),
    Column(N_("Date"), lambda r: format_date(r.issued_on), sort_key=lambda r: r.issued_on),
    Column(N_("Recipient"), lambda r: r.buyer, searchable=True),
    Column(N_("Level"), lambda r: level_text(r.level), sort_key=lambda r: r.level),
    Column(N_("Invoices"), lambda r: ", ".join(r.numbers), searchable=True),
    Column(N_("New due date"), lambda r: format_date(r.due_date), sort_key=lambda r: r.due_date),
]


class RemindersTab(QWidget):
    """The reminders written, their PDFs, and the reminder run."""

    issued = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = RowTableModel(REMINDER_COLUMNS, key=lambda r: r.id, parent=self)
        self.table = _table(self.model, self, 4)
        self.table.setObjectName("reminders")
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.doubleClicked.connect(lambda _index: self.show_pdf())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.run_button = QPushButton(_("Reminder run…"), self)
        self.run_button.clicked.connect(lambda _checked=False: self.reminder_run())
        self.pdf_button = QPushButton(_("Show PDF"), self)
        self.pdf_button.clicked.connect(lambda _checked=False: self.show_pdf())
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addStretch(1)
        buttons.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.dialog: QWidget | None = None
        self.viewers: list[QWidget] = []

    def refresh(self) -> None:
        """Reload the reminders written."""
        self.model.set_rows(list_reminders(self.ctx.db))
        for column in (0, 1, 2, 3, 5):
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, self.table.columnWidth(column) + 16)
        if self.model.rowCount() and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        self.pdf_button.setEnabled(self.selected() is not None)

    def selected(self) -> ReminderRow | None:
        """The reminder selected."""
        indexes = self.table.selectionModel().selectedRows()
        return self.model.row_for_index(indexes[0]) if indexes else None

    def show_pdf(self, reminder_id: int | None = None) -> QWidget | None:
        """A reminder's archived PDF in the document viewer."""
        if reminder_id is None:
            row = self.selected()
            if row is None:
                return None
            reminder_id = row.id
        data = call_quietly(
            self, lambda: reminder_pdf(self.ctx.db, reminder_id), _("Show PDF"), None
        )
        if data is None:
            return None
        from zidkor_desktop.ui.preview.viewer import show_document  # QtPdf: lazily

        viewer = show_document(
            self,
            data,
            _("Reminder {id}").format(id=reminder_id),
            Path(f"Mahnung-{reminder_id}.pdf"),
        )
        self.viewers.append(viewer)
        viewer.destroyed.connect(lambda _obj=None, v=viewer: self._forget(v))
        return viewer

    def _forget(self, viewer: QWidget) -> None:
        if viewer in self.viewers:
            self.viewers.remove(viewer)

    def reminder_run(self) -> QWidget:
        """The reminder run: a day, the proposed letters, and issuing them."""
        from zidkor_desktop.ui.dialogs.reminder_run import ReminderRunDialog

        dialog = ReminderRunDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.issued.connect(self._issued)
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _issued(self, ids: list[int]) -> None:
        self.issued.emit()
        for reminder_id in ids:
            self.show_pdf(reminder_id)

    def _closed(self, _result: int) -> None:
        self.dialog = None
