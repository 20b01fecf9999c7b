"""Area "Rechnungen": issued invoices with totals, billing runs, invoices by hand, cancellations.

Every invoice opens as its archived hybrid PDF in the document viewer; printing, saving and
exporting use the archived files, never a new rendering.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.domain.kinds import InvoiceKind
from zidkor_desktop.domain.money import ZERO
from zidkor_desktop.l10n import N_, _, format_date, format_money
from zidkor_desktop.queries.invoices import InvoiceRow, invoice_file, list_invoices
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.errors import call
from zidkor_desktop.ui.models.row_table_model import ALIGN_RIGHT, Column, RowTableModel
from zidkor_desktop.ui.pages.base import ListPage
from zidkor_desktop.ui.pages.services import _table
from zidkor_desktop.usecases.invoice_files import PDF_KIND, XML_KIND, file_stem
from zidkor_desktop.usecases.invoicing import IssuedInvoice

NUMBER, RECIPIENT, DATE, KIND, PERIOD, NET, TAX, GROSS, OPEN, DUE, STATUS = range(11)
LIST, EMPTY = range(2)
FOLDER_KEY = "invoices/last_folder"
STATUS_FILTERS = [
    (None, N_("All invoices")),
    ("issued", N_("issued")),
    ("open", N_("open (not fully paid)")),
    ("cancelled", N_("cancelled")),
    ("cancellation", N_("cancellation")),
]
KIND_LABELS = {
    InvoiceKind.INVOICE: N_("Invoice"),
    InvoiceKind.CANCELLATION: N_("Cancellation invoice"),
    InvoiceKind.CAPITAL: N_("Capital contribution"),
}


def period_text(start: date | None, end: date | None) -> str:
    """A service period in short: "Q3/2026", "07/2026", "2026", "15.07.–30.09.2026"."""
    if start is None or end is None:
        return "–"
    whole = start.day == 1 and (end + timedelta(days=1)).day == 1 and start.year == end.year
    if whole:
        months = end.month - start.month + 1
        if months == 12:
            return str(start.year)
        if months == 3 and start.month % 3 == 1:
            return _("Q{quarter}/{year}").format(quarter=start.month // 3 + 1, year=start.year)
        if months == 1:
            return f"{start.month:02d}/{start.year}"
        return f"{start.month:02d}–{end.month:02d}/{start.year}"
    if start.year == end.year:
        return f"{start:%d.%m.}–{format_date(end)}"
    return f"{format_date(start)}–{format_date(end)}"


def _period(row: InvoiceRow) -> str:
    return period_text(row.period_start, row.period_end)


def _period_tooltip(row: InvoiceRow) -> str | None:
    if row.period_start is None or row.period_end is None:
        return None
    return f"{format_date(row.period_start)} – {format_date(row.period_end)}"


def _money(value: Callable[[InvoiceRow], Decimal]) -> Callable[[InvoiceRow], str]:
    return lambda row: format_money(value(row))


INVOICE_COLUMNS: list[Column[InvoiceRow]] = [
    Column(N_("Number"), lambda r: r.number, sort_key=lambda r: r.number, searchable=True),
    Column(N_("Recipient"), lambda r: r.buyer, searchable=True, tooltip=lambda r: r.buyer),
    Column(N_("Date"), lambda r: format_date(r.issue_date), sort_key=lambda r: r.issue_date),
    Column(N_("Type"), lambda r: _(KIND_LABELS[r.kind]), searchable=True),
    Column(
        N_("Period"),
        _period,
        sort_key=lambda r: r.period_start,
        searchable=True,
        tooltip=_period_tooltip,
    ),
    Column(N_("Net"), _money(lambda r: r.net), sort_key=lambda r: r.net, alignment=ALIGN_RIGHT),
    Column(N_("VAT"), _money(lambda r: r.tax), sort_key=lambda r: r.tax, alignment=ALIGN_RIGHT),
    Column(
        N_("Gross"), _money(lambda r: r.gross), sort_key=lambda r: r.gross, alignment=ALIGN_RIGHT
    ),
    Column(N_("Open"), _money(lambda r: r.open), sort_key=lambda r: r.open, alignment=ALIGN_RIGHT),
    Column(N_("Due"), lambda r: format_date(r.due_date) or "–", sort_key=lambda r: r.due_date),
    Column(
        N_("Status"),
        lambda r: r.status_label,
        searchable=True,
        tooltip=lambda r: _status_tooltip(r),
    ),
]


def _status_tooltip(row: InvoiceRow) -> str | None:
    if row.cancelled_by:
        return _("Cancelled by {number}").format(number=row.cancelled_by)
    if row.original_number:
        return _("Cancels invoice {number}").format(number=row.original_number)
    return None


def totals_of(rows: Sequence[InvoiceRow]) -> dict[str, Decimal]:
    """Net, VAT, gross and open amount of the rows."""
    return {
        "net": sum((r.net for r in rows), ZERO),
        "tax": sum((r.tax for r in rows), ZERO),
        "gross": sum((r.gross for r in rows), ZERO),
        "open": sum((r.open for r in rows), ZERO),
    }


class _OpenOnEnter(QObject):
    """Return/Enter on the list opens the invoice (a table has no editor of its own)."""

    def __init__(self, page: InvoicesPage) -> None:
        super().__init__(page)
        self._page = page

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Catch Return and Enter key presses."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._page.open_selected()
            return True
        return super().eventFilter(watched, event)


class InvoicesPage(ListPage):
    """The issued invoices; billing runs, invoices by hand, capital, cancellation, files."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Invoices"), parent)
        self.model = RowTableModel(INVOICE_COLUMNS, key=lambda r: r.id, parent=self)
        self.viewer: Any = None
        self._rows: list[InvoiceRow] = []
        self.after_issue: QMessageBox | None = None
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(
            _("Filter by number, recipient, type, period or status")
        )
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.status_combo = QComboBox(self)
        for key, label in STATUS_FILTERS:
            self.status_combo.addItem(_(label), key)
        self.status_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.status_combo.currentIndexChanged.connect(lambda _i: self._show_rows())
        filters = QHBoxLayout()
        filters.addWidget(self.filter_edit, 1)
        filters.addWidget(self.status_combo)
        self.actions_by_key: dict[str, QAction] = {}
        make = self._make_action
        create_bar = self._toolbar(
            [
                make("run", _("Billing run…"), self.billing_run, "Ctrl+B"),
                make("manual", _("Create invoice…"), self.manual_invoice, "Ctrl+Shift+N"),
                make("capital", _("Invoice capital contribution…"), self.capital_invoice),
            ]
        )
        selected_bar = self._toolbar(
            [
                make("open", _("Open PDF"), self.open_selected),
                make("print", _("Print…"), self.print_selected, "Ctrl+Shift+P"),
                make("pdf", _("Save PDF…"), self.save_pdf, "Ctrl+Shift+S"),
                make("xml", _("Save XML…"), self.save_xml, "Ctrl+Shift+X"),
                make("export", _("Export…"), self.export, "Ctrl+E"),
                None,
                make("cancel", _("Cancel invoice…"), self.cancel_selected),
                make("correct", _("Create corrected invoice…"), self.corrected_invoice),
            ]
        )
        self.actions_by_key["open"].setToolTip(_("Open the invoice's PDF (Enter, double-click)"))
        self.table = _table(self.model, self, RECIPIENT)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.sortByColumn(NUMBER, Qt.SortOrder.DescendingOrder)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.installEventFilter(_OpenOnEnter(self))
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_actions())
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.views = QStackedWidget(self)
        self.views.addWidget(self.table)
        self.views.addWidget(self.empty_label)
        self.totals_label = QLabel(self)
        self.totals_label.setObjectName("totals")
        self.totals_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = self.body_layout()
        layout.addWidget(create_bar)
        layout.addLayout(filters)
        layout.addWidget(selected_bar)
        layout.addWidget(self.views, 1)
        layout.addWidget(self.totals_label)
        self._update_actions()

    def _make_action(
        self, key: str, text: str, slot: Callable[[], object], shortcut: str | None = None
    ) -> QAction:
        action = QAction(text, self)
        action.setIconText(text)
        action.setObjectName(f"invoices_{key}")
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text} ({keys})")
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        self.actions_by_key[key] = action
        return action

    def _toolbar(self, actions: Sequence[QAction | None]) -> QToolBar:
        bar = QToolBar(self)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in actions:
            if action is None:
                bar.addSeparator()
            else:
                bar.addAction(action)
        return bar

    # --- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the invoices, keeping the selection."""
        selected = [r.id for r in self.selected_rows()]
        self._rows = list_invoices(self.ctx.db)
        self._show_rows()
        for column in range(self.model.columnCount()):
            if column != RECIPIENT:  # the recipient takes the room left (full name as tooltip)
                self.table.resizeColumnToContents(column)
                self.table.setColumnWidth(column, self.table.columnWidth(column) + 8)
        for record_id in selected:
            self.select_record(record_id, add=True)

    def _show_rows(self) -> None:
        wanted = self.status_combo.currentData()
        if wanted is None:
            rows = self._rows
        elif wanted == "open":
            rows = [r for r in self._rows if r.open != 0]
        else:
            rows = [r for r in self._rows if r.status == wanted]
        self.model.set_rows(rows)
        self._update_views()

    def _apply_filter(self, text: str) -> None:
        self.model.set_filter_text(text)
        self._update_views()

    def _update_views(self) -> None:
        shown = self.model.visible_rows()
        if not shown:
            if not self._rows:
                keys = self.actions_by_key["run"].shortcut()
                text = _(
                    "No invoices yet.\nStart with “Billing run…” ({keys}) for a period, or "
                    "“Create invoice…” for a single invoice."
                ).format(keys=keys.toString(QKeySequence.SequenceFormat.NativeText))
            else:
                text = _("No invoice matches the filter.\nChange or clear the filter.")
            self.empty_label.setText(text)
            self.views.setCurrentIndex(EMPTY)
        else:
            self.views.setCurrentIndex(LIST)
        sums = totals_of(shown)
        text = _("{count} invoices · net {net} · VAT {tax} · gross {gross} · open {open}").format(
            count=len(shown),
            net=format_money(sums["net"]),
            tax=format_money(sums["tax"]),
            gross=format_money(sums["gross"]),
            open=format_money(sums["open"]),
        )
        if len(shown) != len(self._rows):
            text = _("Showing {shown} of {total}").format(shown=len(shown), total=len(self._rows))
            text += " · " + _("net {net} · VAT {tax} · gross {gross} · open {open}").format(
                net=format_money(sums["net"]),
                tax=format_money(sums["tax"]),
                gross=format_money(sums["gross"]),
                open=format_money(sums["open"]),
            )
        self.totals_label.setText(text if self._rows else "")
        self._update_actions()

    def can_leave(self) -> bool:
        """Not while a billing run is being issued (the window waits for it or its cancel)."""
        issuing = getattr(self.dialog, "is_issuing", None)
        if issuing is not None and issuing():
            QMessageBox.information(
                self,
                _("Billing run"),
                _("Please wait until issuing has finished or cancel it."),
            )
            return False
        return True

    # --- selection ----------------------------------------------------------------------------

    def selected_rows(self) -> list[InvoiceRow]:
        """The invoices selected, in list order."""
        indexes = sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row())
        return [row for i in indexes if (row := self.model.row_for_index(i)) is not None]

    def current_row(self) -> InvoiceRow | None:
        """The one invoice selected (the first of several)."""
        rows = self.selected_rows()
        return rows[0] if rows else None

    def select_record(self, record_id: int, add: bool = False) -> bool:
        """Select an invoice by id (clears filters that hide it)."""
        position = self.model.position_of(record_id)
        if position is None and (self.model.is_filtered() or self.status_combo.currentIndex()):
            self.filter_edit.clear()
            self.status_combo.setCurrentIndex(0)
            position = self.model.position_of(record_id)
        if position is None:
            return False
        if add:
            flags = (
                self.table.selectionModel().SelectionFlag.Select
                | self.table.selectionModel().SelectionFlag.Rows
            )
            self.table.selectionModel().select(self.model.index(position, 0), flags)
        else:
            self.table.selectRow(position)
        return True

    def _update_actions(self) -> None:
        rows = self.selected_rows()
        one = rows[0] if len(rows) == 1 else None
        enabled = {
            "open": one is not None,
            "print": bool(rows),
            "pdf": one is not None,
            "xml": one is not None,
            "export": bool(self._rows),
            "cancel": one is not None and one.status == "issued",
            "correct": one is not None and one.status == "cancelled",
        }
        for key, on in enabled.items():
            self.actions_by_key[key].setEnabled(on)

    # --- documents ----------------------------------------------------------------------------

    def _folder(self) -> Path:
        return Path(str(self.ctx.settings.value(FOLDER_KEY, str(Path.home()))))

    def _remember(self, written: Path) -> None:
        self.ctx.settings.setValue(FOLDER_KEY, str(written.parent))

    def _pdf(self, number: str) -> bytes | None:
        try:
            stored = call(self, lambda: invoice_file(self.ctx.db, number, PDF_KIND))
        except DomainError as exc:
            QMessageBox.warning(self, _("Invoices"), str(exc))
            return None
        return stored.content

    def open_invoice(self, number: str) -> Any:
        """Open an invoice's archived hybrid PDF in the document viewer."""
        from zidkor_desktop.ui.preview.viewer import show_document  # QtPdf: lazily

        data = self._pdf(number)
        if data is None:
            return None
        title = _("Invoice {number}").format(number=number)
        try:
            self.viewer = show_document(
                self, data, title, self._folder() / f"{file_stem(number)}.pdf", self._remember
            )
        except DomainError as exc:
            QMessageBox.warning(self, _("Invoices"), str(exc))
            return None
        return self.viewer

    def open_selected(self) -> Any:
        """Open the selected invoice."""
        row = self.current_row()
        return None if row is None else self.open_invoice(row.number)

    def _save_file(self, kind: str, suffix: str, filter_text: str) -> Path | None:
        row = self.current_row()
        if row is None:
            return None
        suggested = self._folder() / f"{file_stem(row.number)}{suffix}"
        chosen, _selected = QFileDialog.getSaveFileName(
            self, _("Save invoice {number}").format(number=row.number), str(suggested), filter_text
        )
        if not chosen:
            return None
        return self.write_file(row.number, kind, Path(chosen))

    def write_file(self, number: str, kind: str, target: Path) -> Path | None:
        """Write an archived file of an invoice (as stored, byte for byte)."""
        from zidkor_desktop.usecases.document_files import save_document

        try:
            stored = call(self, lambda: invoice_file(self.ctx.db, number, kind))
            written = call(self, lambda: save_document(stored.content, target, number))
        except DomainError as exc:
            QMessageBox.warning(self, _("Invoices"), str(exc))
            return None
        self._remember(written)
        return written

    def save_pdf(self) -> Path | None:
        """Save the selected invoice's hybrid PDF (ZUGFeRD / XRechnung)."""
        return self._save_file(PDF_KIND, ".pdf", _("PDF files (*.pdf);;All files (*)"))

    def save_xml(self) -> Path | None:
        """Save the selected invoice's XRechnung XML."""
        return self._save_file(XML_KIND, ".xml", _("XML files (*.xml);;All files (*)"))

    def print_selected(self) -> int:
        """Print the selected invoices as one job through the print dialog."""
        return self.print_invoices([r.number for r in self.selected_rows()])

    def print_invoices(self, numbers: Sequence[str]) -> int:
        """Print invoices through one print dialog; returns the pages printed (0: cancelled)."""
        from zidkor_desktop.ui.preview.printing import pdf_document, print_all_with_dialog

        documents = []
        for number in numbers:
            data = self._pdf(number)
            if data is None:
                return 0
            documents.append(pdf_document(data, self))
        if not documents:
            return 0
        title = (
            _("Invoice {number}").format(number=numbers[0])
            if len(numbers) == 1
            else _("{count} invoices").format(count=len(numbers))
        )
        try:
            first, last = min(numbers), max(numbers)
            name = file_stem(first) if first == last else f"{file_stem(first)}_{file_stem(last)}"
            return print_all_with_dialog(self, documents, title, name)
        except DomainError as exc:
            QMessageBox.warning(self, _("Invoices"), str(exc))
            return 0
        finally:
            for document in documents:
                document.deleteLater()

    def export(self, rows: Sequence[InvoiceRow] | None = None) -> Any:
        """Export the selected invoices (or a run) with their files to a folder."""
        from zidkor_desktop.ui.dialogs.invoice_actions import ExportDialog

        dialog = ExportDialog(self.ctx, self.selected_rows() if rows is None else rows, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._exported(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _exported(self, dialog: Any) -> None:
        result = dialog.result_files
        if result is not None:
            QMessageBox.information(
                self,
                _("Export invoices"),
                _("{count} files written to {folder}.").format(
                    count=len(result.files), folder=result.folder
                ),
            )

    # --- issuing ------------------------------------------------------------------------------

    def billing_run(self) -> Any:
        """The billing run: period, preview, issue."""
        from zidkor_desktop.ui.dialogs.billing_run import BillingRunDialog

        dialog = BillingRunDialog(self.ctx, self)
        dialog.issued.connect(self._run_issued)
        return self.open_dialog(dialog)

    def _run_issued(self, issued: list[IssuedInvoice]) -> None:
        self.refresh()
        for item in issued:
            self.select_record(item.id, add=True)
        self.data_changed.emit()
        self.offer_after_issue(issued)

    def offer_after_issue(self, issued: list[IssuedInvoice]) -> QMessageBox:
        """Say what was issued and offer to print them all or export them."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(_("Billing run"))
        box.setText(
            _("{count} invoices issued: {first} to {last}.").format(
                count=len(issued), first=issued[0].number, last=issued[-1].number
            )
            if issued
            else _("No invoice was issued.")
        )
        print_button = box.addButton(_("Print all…"), QMessageBox.ButtonRole.ActionRole)
        export_button = box.addButton(_("Export…"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        numbers = [i.number for i in issued]
        ids = {i.id for i in issued}

        def chosen(button: Any) -> None:
            if button is print_button:
                self.print_invoices(numbers)
            elif button is export_button:
                self.export([r for r in self._rows if r.id in ids])

        box.buttonClicked.connect(chosen)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.after_issue = box
        box.open()
        return box

    def _issued_one(self, dialog: Any) -> None:
        """After a single invoice was issued: show it in the list and in the viewer."""
        if dialog.saved_id is None:
            return
        row = next((r for r in self._rows if r.id == dialog.saved_id), None)
        if row is not None:
            self.open_invoice(row.number)

    def manual_invoice(
        self, template: Any = None, recipient: tuple[int | None, int] | None = None
    ) -> Any:
        """An invoice made by hand for a customer or member."""
        from zidkor_desktop.ui.dialogs.manual_invoice import ManualInvoiceDialog

        dialog = self.open_dialog(
            ManualInvoiceDialog(self.ctx, self, template=template, recipient=recipient)
        )
        dialog.accepted.connect(lambda: self._issued_one(dialog))  # after the list's reload
        return dialog

    def capital_invoice(self) -> Any:
        """Choose a member and issue its capital contribution invoice."""
        from zidkor_desktop.ui.dialogs.invoice_actions import capital_dialog

        dialog = self.open_dialog(capital_dialog(self.ctx, self))
        dialog.accepted.connect(lambda: self._issued_one(dialog))  # after the list's reload
        return dialog

    def cancel_selected(self) -> Any:
        """Cancel the selected invoice by a Stornorechnung."""
        from zidkor_desktop.ui.dialogs.invoice_actions import CancelInvoiceDialog

        row = self.current_row()
        if row is None or row.status != "issued":
            return None
        dialog = self.open_dialog(CancelInvoiceDialog(self.ctx, row, self))
        # asked once the dialog has closed (after the list's reload)
        dialog.accepted.connect(lambda: QTimer.singleShot(0, lambda: self._cancelled(row)))
        return dialog

    def _cancelled(self, row: InvoiceRow) -> None:
        self.select_record(row.id)
        answer = QMessageBox.question(
            self,
            _("Cancel invoice {number}").format(number=row.number),
            _(
                "The cancellation invoice was issued; invoice {number} is cancelled.\n\n"
                "Create the corrected invoice now, prefilled with the lines of {number}?"
            ).format(number=row.number),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.corrected_invoice()

    def corrected_invoice(self) -> Any:
        """The invoice-by-hand dialog prefilled from the selected (cancelled) invoice."""
        from zidkor_desktop.usecases.invoicing import snapshot_of

        row = self.current_row()
        if row is None:
            return None
        try:
            snapshot = call(self, lambda: snapshot_of(self.ctx.db, row.number))
        except DomainError as exc:
            QMessageBox.warning(self, _("Invoices"), str(exc))
            return None
        return self.manual_invoice(snapshot, (row.customer_id, row.organisation_id))
