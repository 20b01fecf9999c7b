"""Payments area (Zahlungen): open items, statement import, unmatched entries, reminders."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.l10n import N_, _, format_date, format_money, ngettext
from zidkor_desktop.queries.accounts import open_items, reminder_levels
from zidkor_desktop.queries.invoices import InvoiceRow, list_invoices
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.dialogs.payment_dialogs import PaymentsDialog, RecordPaymentDialog
from zidkor_desktop.ui.errors import call
from zidkor_desktop.ui.models.row_table_model import ALIGN_RIGHT, Column, RowTableModel
from zidkor_desktop.ui.pages.base import Page
from zidkor_desktop.ui.pages.payment_tabs import RemindersTab, UnmatchedTab, level_text
from zidkor_desktop.ui.pages.services import _table


@dataclass(frozen=True)
class OpenItem:
    """An open invoice as the list shows it: with days overdue and reminder level on a day."""

    invoice: InvoiceRow
    days_overdue: int
    level: int


def _money(value: Decimal) -> str:
    return format_money(value)


OPEN_COLUMNS: list[Column[OpenItem]] = [
    Column(N_("Invoice"), lambda r: r.invoice.number, searchable=True),
    Column(N_("Recipient"), lambda r: r.invoice.buyer, searchable=True),
    Column(
        N_("Date"),
        lambda r: format_date(r.invoice.issue_date),
        sort_key=lambda r: r.invoice.issue_date,
    ),
    Column(
        N_("Due"),
        lambda r: format_date(r.invoice.due_date) or "–",
        sort_key=lambda r: r.invoice.due_date,
    ),
    Column(
        N_("Gross"),
        lambda r: _money(r.invoice.gross),
        sort_key=lambda r: r.invoice.gross,
        alignment=ALIGN_RIGHT,
    ),
    Column(
        N_("Open"),
        lambda r: _money(r.invoice.open),
        sort_key=lambda r: r.invoice.open,
        alignment=ALIGN_RIGHT,
    ),
    Column(
        N_("Days overdue"),
        lambda r: str(r.days_overdue) if r.days_overdue else "–",
        sort_key=lambda r: r.days_overdue,
        alignment=ALIGN_RIGHT,
    ),
    Column(N_("Reminder level"), lambda r: level_text(r.level), sort_key=lambda r: r.level),
]
OPEN_COLUMN = 5


class OpenItemsTab(QWidget):
    """Open invoices: filter, totals of the rows shown, record and show payments."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = RowTableModel(OPEN_COLUMNS, key=lambda r: r.invoice.id, parent=self)
        self._rows: list[OpenItem] = []
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(_("Filter by invoice number or recipient"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.overdue_only = QCheckBox(_("only overdue"), self)
        self.overdue_only.toggled.connect(self._show_rows)
        self.with_settled = QCheckBox(_("also settled invoices"), self)
        self.with_settled.setToolTip(
            _("Shows the paid and cancelled invoices as well, e.g. to reverse a payment.")
        )
        self.with_settled.toggled.connect(lambda _on: self.refresh())
        self.record_button = QPushButton(_("Record payment…"), self)
        self.record_button.clicked.connect(self.record_payment)
        self.entries_button = QPushButton(_("Show payments…"), self)
        self.entries_button.clicked.connect(self.show_payments)
        toolbar = QHBoxLayout()
        toolbar.addWidget(self.filter_edit, 1)
        toolbar.addWidget(self.overdue_only)
        toolbar.addWidget(self.with_settled)
        toolbar.addSpacing(12)
        toolbar.addWidget(self.record_button)
        toolbar.addWidget(self.entries_button)
        self.table = _table(self.model, self, 1)
        self.table.setObjectName("openItems")
        self.table.sortByColumn(6, Qt.SortOrder.DescendingOrder)  # the longest overdue first
        self.table.doubleClicked.connect(lambda _index: self.record_payment())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.totals_label = QLabel(self)
        self.totals_label.setObjectName("openTotals")
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals_label)
        self.dialog: QWidget | None = None

    def refresh(self) -> None:
        """Reload the open items as of today, keeping the selection."""
        selected = self.selected()
        day = self.ctx.today()
        levels = reminder_levels(self.ctx.db)
        if self.with_settled.isChecked():
            invoices = [r for r in list_invoices(self.ctx.db) if r.status != "cancellation"]
        else:
            invoices = open_items(self.ctx.db, day)
        self._rows = [OpenItem(r, r.days_overdue(day), levels.get(r.id, 0)) for r in invoices]
        self._show_rows()
        position = None if selected is None else self.model.position_of(selected.invoice.id)
        if position is None and self.model.rowCount():
            position = 0
        if position is not None:
            self.table.selectRow(position)

    def _show_rows(self, *_args: object) -> None:
        rows = [r for r in self._rows if r.days_overdue > 0 or not self.overdue_only.isChecked()]
        self.model.set_rows(rows)
        for column in (0, 2, 3, 4, 5, 6, 7):
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, self.table.columnWidth(column) + 16)
        self._update_buttons()

    def _apply_filter(self, text: str) -> None:
        self.model.set_filter_text(text)
        self._update_buttons()

    def totals(self) -> tuple[int, Decimal, Decimal]:
        """Count, gross and open amount of the rows shown."""
        rows = self.model.visible_rows()
        gross = sum((r.invoice.gross for r in rows), Decimal("0.00"))
        return len(rows), gross, sum((r.invoice.open for r in rows), Decimal("0.00"))

    def _update_buttons(self, *_args: object) -> None:
        selected = self.selected() is not None
        self.record_button.setEnabled(selected)
        self.entries_button.setEnabled(selected)
        count, gross, open_sum = self.totals()
        if self.with_settled.isChecked():
            text = ngettext(
                "{count} invoice · gross {gross} · open {open}",
                "{count} invoices · gross {gross} · open {open}",
                count,
            )
        else:
            text = ngettext(
                "{count} open item · gross {gross} · open {open}",
                "{count} open items · gross {gross} · open {open}",
                count,
            )
        self.totals_label.setText(
            text.format(count=count, gross=format_money(gross), open=format_money(open_sum))
        )

    def selected(self) -> OpenItem | None:
        """The open item selected."""
        indexes = self.table.selectionModel().selectedRows()
        return self.model.row_for_index(indexes[0]) if indexes else None

    def select_number(self, number: str) -> bool:
        """Select an invoice by number (if shown)."""
        for position, row in enumerate(self.model.visible_rows()):
            if row.invoice.number == number:
                self.table.selectRow(position)
                return True
        return False

    def record_payment(self) -> RecordPaymentDialog | None:
        """The dialog to record a payment for the selected invoice."""
        item = self.selected()
        if item is None:
            return None
        dialog = RecordPaymentDialog(self.ctx, item.invoice, self)
        return self._open(dialog)

    def show_payments(self) -> PaymentsDialog | None:
        """The selected invoice's entries (payments, reversals, transfers)."""
        item = self.selected()
        if item is None:
            return None
        dialog = PaymentsDialog(self.ctx, item.invoice, self)
        dialog.finished.connect(lambda _r: self.refresh())
        return self._open(dialog)

    def _open(self, dialog: QWidget) -> QWidget:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.refresh)  # type: ignore[attr-defined]
        dialog.finished.connect(self._closed)  # type: ignore[attr-defined]
        dialog.open()  # type: ignore[attr-defined]
        return dialog

    def _closed(self, _result: int) -> None:
        self.dialog = None


class PaymentsPage(Page):
    """Open items with payments, the bank statement import, unmatched entries and reminders."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Payments"), parent)
        self.setObjectName("page_payments")
        self.open_tab = OpenItemsTab(ctx, self)
        self.unmatched_tab = UnmatchedTab(ctx, self)
        self.reminders_tab = RemindersTab(ctx, self)
        self.unmatched_tab.booked.connect(self.refresh)
        self.reminders_tab.issued.connect(self.refresh)
        self.import_button = QPushButton(_("Import bank statement…"), self)
        self.import_button.clicked.connect(lambda _checked=False: self.import_statement())
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.open_tab, _("Open items"))
        self.tabs.addTab(self.unmatched_tab, _("Unmatched bank entries"))
        self.tabs.addTab(self.reminders_tab, _("Reminders"))
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.import_button)
        layout = self.body_layout()
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.import_dialog: QWidget | None = None

    def refresh(self) -> None:
        """Reload every tab."""
        self.open_tab.refresh()
        self.unmatched_tab.refresh()
        self.reminders_tab.refresh()
        self.tabs.setTabText(
            1,
            _("Unmatched bank entries ({count})").format(count=self.unmatched_tab.model.rowCount()),
        )

    def import_statement(self, path: Path | None = None) -> QWidget | None:
        """Choose a CAMT.053 file, show the proposed matches; booking waits for 'Book'."""
        if path is None:
            name, _filter = QFileDialog.getOpenFileName(
                self, _("Import bank statement"), "", _("CAMT.053 statement (*.xml);;All files (*)")
            )
            if not name:
                return None
            path = Path(name)
        from zidkor_desktop.ui.dialogs.bank_import import BankImportDialog
        from zidkor_desktop.usecases.bank_import import prepare_import

        try:
            preview = call(self, lambda: prepare_import(self.ctx.db, path), where=path)
        except DomainError as exc:
            text = str(exc) if path.name in str(exc) else f"{path.name}: {exc}"
            QMessageBox.warning(self, _("Import bank statement"), text)
            return None
        dialog = BankImportDialog(self.ctx, preview, path, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.refresh)
        dialog.finished.connect(self._import_closed)
        self.import_dialog = dialog
        dialog.open()
        return dialog

    def _import_closed(self, _result: int) -> None:
        self.import_dialog = None
