"""An invoice made by hand for any customer or member: lines, note, service period, date.

Also the corrected invoice after a cancellation: prefilled from the cancelled invoice's snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.billing import InvoiceDraft, ManualLine
from zidkor_desktop.domain.errors import DomainError, ValidationError
from zidkor_desktop.domain.invoice import InvoiceSnapshot, SnapshotLine, TaxCode
from zidkor_desktop.domain.invoicing import MAX_NOTE, check_manual_line
from zidkor_desktop.domain.kinds import TaxCategory
from zidkor_desktop.domain.pricelist import TAX_RATES
from zidkor_desktop.l10n import N_, _, format_date, format_money, format_unit_price
from zidkor_desktop.queries.customers import list_customers, member_choices
from zidkor_desktop.queries.price_versions import ItemRow, items_in_force
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.dialogs.billing_run import totals_text
from zidkor_desktop.ui.dialogs.invoice_line import ManualLineDialog, quantity_text
from zidkor_desktop.ui.errors import call
from zidkor_desktop.ui.models.row_table_model import ALIGN_RIGHT, Column, RowTableModel
from zidkor_desktop.ui.pages.services import _table
from zidkor_desktop.ui.widgets.date_edit import DateEdit, date_input_error
from zidkor_desktop.ui.widgets.message_banner import MessageBanner
from zidkor_desktop.usecases.invoicing import IssuedInvoice, issue_invoice

WITH_VAT, NOT_TAXABLE = range(2)


@dataclass(frozen=True)
class Recipient:
    """A customer (customer_id set) or a member without customer record (organisation only)."""

    name: str
    customer_id: int | None
    organisation_id: int

    @property
    def key(self) -> str:
        """Identity in the combo box."""
        return (
            f"c{self.customer_id}" if self.customer_id is not None else f"o{self.organisation_id}"
        )


def recipients(ctx: AppContext) -> list[Recipient]:
    """Customers and members (those without customer record, too), by name."""
    found = [
        Recipient(row.name, row.customer_id, row.organisation_id)
        for row in list_customers(ctx.db, ctx.today())
    ]
    found += [Recipient(m.name, None, m.organisation_id) for m in member_choices(ctx.db)]
    return sorted(found, key=lambda r: r.name.casefold())


def _category(line: SnapshotLine) -> TaxCategory:
    if line.tax_code is TaxCode.NOT_SUBJECT:
        return TaxCategory.NOT_TAXABLE
    return next(
        (
            c
            for c, rate in TAX_RATES.items()
            if rate == line.tax_rate and c is not TaxCategory.NOT_TAXABLE
        ),
        TaxCategory.STANDARD,
    )


def line_from_snapshot(line: SnapshotLine) -> ManualLine:
    """A printed line as a line by hand: the factor (months) goes into the quantity."""
    quantity = line.quantity
    detail = line.detail
    if line.factor != 1:
        quantity = (line.quantity * line.factor).normalize() + 0
        counted = _("{quantity} × {months}").format(
            quantity=quantity_text(line.quantity), months=line.factor_text or line.factor
        )
        detail = f"{detail} · {counted}" if detail else counted
    category = _category(line)
    return ManualLine(
        title=line.description,
        quantity=quantity,
        unit_label=line.unit_label,
        unit_code=line.unit_code,
        unit_price=line.unit_price,
        tax_category=category,
        tax_rate=TAX_RATES[category],
        detail=detail,
        price_code=line.price_code,
        start=line.period_start,
        end=line.period_end,
    )


LINE_COLUMNS: list[Column[ManualLine]] = [
    Column(N_("Description"), lambda x: f"{x.price_code} {x.title}".strip()),
    Column(
        N_("Period"),
        lambda x: f"{format_date(x.start)} – {format_date(x.end)}" if x.start else "–",
        sort_key=lambda x: x.start,
    ),
    Column(
        N_("Quantity"),
        lambda x: quantity_text(x.quantity),
        sort_key=lambda x: x.quantity,
        alignment=ALIGN_RIGHT,
    ),
    Column(N_("Unit"), lambda x: x.unit_label),
    Column(
        N_("Unit price"),
        lambda x: format_unit_price(x.unit_price),
        sort_key=lambda x: x.unit_price,
        alignment=ALIGN_RIGHT,
    ),
    Column(
        N_("Amount"), lambda x: format_money(x.net), sort_key=lambda x: x.net, alignment=ALIGN_RIGHT
    ),
    Column(N_("Tax"), lambda x: x.tax_category.label),
]


class ManualInvoiceDialog(QDialog):
    """Recipient, VAT treatment, lines, note, service period and date; issues on confirmation."""

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        template: InvoiceSnapshot | None = None,
        recipient: tuple[int | None, int] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saved_id: int | None = None
        self.issued: IssuedInvoice | None = None
        self.line_dialog: ManualLineDialog | None = None
        self.lines: list[ManualLine] = []
        self.setWindowTitle(_("Create invoice"))
        self.banner = MessageBanner(self)
        self.recipient_box = QComboBox(self)
        self.recipient_box.setEditable(True)
        self.recipient_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.recipient_box.lineEdit().setPlaceholderText(_("Type to search…"))
        self.recipients = recipients(ctx)
        for r in self.recipients:
            kind = _("customer") if r.customer_id is not None else _("member")
            self.recipient_box.addItem(f"{r.name} ({kind})", r.key)
        completer = self.recipient_box.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.recipient_box.setCurrentIndex(-1)
        self.vat_box = QComboBox(self)
        self.vat_box.addItems([_("with VAT"), _("not subject to VAT")])
        self.vat_box.setToolTip(
            _("EN 16931 does not allow lines with VAT and lines not subject to VAT on one invoice.")
        )
        self.model = RowTableModel(LINE_COLUMNS, key=id, parent=self)
        self.table = _table(self.model, self, 0)
        self.table.setSortingEnabled(False)  # the order of the printed positions
        self.table.horizontalHeader().setSortIndicatorShown(False)
        self.model.sort(-1)
        self.table.doubleClicked.connect(lambda _i: self.edit_line())
        self.table.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 6)
        self.add_button = QPushButton(_("Add line…"), self)
        self.add_button.clicked.connect(self.add_line)
        self.edit_button = QPushButton(_("Edit line…"), self)
        self.edit_button.clicked.connect(self.edit_line)
        self.remove_button = QPushButton(_("Remove line"), self)
        self.remove_button.clicked.connect(self.remove_line)
        line_buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            line_buttons.addWidget(button)
        line_buttons.addStretch(1)
        self.totals_label = QLabel(self)
        line_buttons.addWidget(self.totals_label)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setMaximumHeight(self.fontMetrics().height() * 4)
        self.start_edit = DateEdit(self)
        self.end_edit = DateEdit(self)
        period = QHBoxLayout()
        period.addWidget(self.start_edit)
        period.addWidget(QLabel(_("to"), self))
        period.addWidget(self.end_edit)
        period.addStretch(1)
        self.date_edit = DateEdit(self)
        self.date_edit.set_date(ctx.today())
        top = QFormLayout()
        top.addRow(_("Recipient") + ":", self.recipient_box)
        top.addRow(_("VAT") + ":", self.vat_box)
        bottom = QFormLayout()
        bottom.addRow(_("Note") + ":", self.note_edit)
        bottom.addRow(_("Service period (optional)") + ":", period)
        bottom.addRow(_("Invoice date") + ":", self.date_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Issue…"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(line_buttons)
        layout.addLayout(bottom)
        layout.addWidget(buttons)
        if recipient is not None:
            self.choose_recipient(*recipient)
        if template is not None:
            self._prefill(template)
        self._show_lines()
        self.resize(860, 600)

    # --- recipient, prefill ---------------------------------------------------------------------

    def choose_recipient(self, customer_id: int | None, organisation_id: int) -> bool:
        """Select the customer (or, without customer record, the member)."""
        for position, r in enumerate(self.recipients):
            if (customer_id is not None and r.customer_id == customer_id) or (
                customer_id is None and r.organisation_id == organisation_id
            ):
                self.recipient_box.setCurrentIndex(position)
                return True
        return False

    def recipient(self) -> Recipient | None:
        """The recipient chosen (the typed text must name one)."""
        index = self.recipient_box.currentIndex()
        if index < 0 or self.recipient_box.currentText() != self.recipient_box.itemText(index):
            index = self.recipient_box.findText(self.recipient_box.currentText())
        return self.recipients[index] if index >= 0 else None

    def _prefill(self, snapshot: InvoiceSnapshot) -> None:
        self.setWindowTitle(_("Corrected invoice for {number}").format(number=snapshot.number))
        self.vat_box.setCurrentIndex(NOT_TAXABLE if snapshot.not_subject else WITH_VAT)
        self.lines = [line_from_snapshot(x) for x in snapshot.lines]
        self.note_edit.setPlainText(snapshot.note)
        changed = [
            x.description for x, made in zip(snapshot.lines, self.lines, strict=True)
            if made.net != x.net
        ]  # fmt: skip
        if changed:
            self.banner.show_message(
                _(
                    "Please check the amounts of: {lines} (months were turned into quantities)."
                ).format(lines=", ".join(changed)),
                "info",
            )

    # --- lines ----------------------------------------------------------------------------------

    def draft(self) -> InvoiceDraft:
        """The invoice as entered (lines with the service period applied where they have none)."""
        r = self.recipient()
        not_taxable = self.vat_box.currentIndex() == NOT_TAXABLE
        draft = InvoiceDraft(
            r.customer_id if r and r.customer_id is not None else (r.organisation_id if r else 0),
            r.name if r else "",
            not_taxable,
            None,
        )
        draft.manual_lines = list(self.lines)
        draft.note = self.note_edit.toPlainText().strip()
        return draft

    def _current(self) -> ManualLine | None:
        indexes = self.table.selectionModel().selectedRows()
        return self.model.row_for_index(indexes[0]) if indexes else None

    def _items(self) -> list[ItemRow]:
        try:
            return items_in_force(self.ctx.db, self.ctx.today())
        except DomainError:
            return []

    def add_line(self) -> ManualLineDialog:
        """Ask for a new line."""
        return self._open_line(None)

    def edit_line(self) -> ManualLineDialog | None:
        """Change the chosen line."""
        line = self._current()
        return None if line is None else self._open_line(line)

    def _open_line(self, line: ManualLine | None) -> ManualLineDialog:
        dialog = ManualLineDialog(self.draft(), self._items(), self, line)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._line_done(line, dialog.line))
        self.line_dialog = dialog
        dialog.open()
        return dialog

    def _line_done(self, old: ManualLine | None, new: ManualLine | None) -> None:
        if new is None:
            return
        if old is None:
            self.lines.append(new)
        else:
            self.lines = [new if x is old else x for x in self.lines]
        self._show_lines()

    def remove_line(self) -> bool:
        """Remove the chosen line."""
        line = self._current()
        if line is None:
            return False
        self.lines = [x for x in self.lines if x is not line]
        self._show_lines()
        return True

    def _show_lines(self) -> None:
        self.model.set_rows(self.lines)
        for column in range(1, len(LINE_COLUMNS)):
            self.table.resizeColumnToContents(column)
        self.totals_label.setText(
            totals_text(self.draft()).replace("\n", " · ") if self.lines else ""
        )
        has = self.model.rowCount() > 0
        self.edit_button.setEnabled(has)
        self.remove_button.setEnabled(has)

    # --- issue ------------------------------------------------------------------------------------

    def checked_draft(self) -> tuple[InvoiceDraft, Recipient, date]:
        """The draft ready to issue; ValidationError names the field otherwise."""
        r = self.recipient()
        if r is None:
            raise ValidationError(_("Recipient: please choose a customer or member."), "recipient")
        if not self.lines:
            raise ValidationError(_("Lines: please add at least one line."), "lines")
        days = []
        for edit, label, key in (
            (self.start_edit, _("Service from"), "start"),
            (self.end_edit, _("Service to"), "end"),
            (self.date_edit, _("Invoice date"), "issue_date"),
        ):
            try:
                days.append(edit.date())
            except ValueError:
                raise ValidationError(date_input_error(label), key) from None
        start, end, issue_date = days
        if issue_date is None:
            raise ValidationError(date_input_error(_("Invoice date")), "issue_date")
        if (start is None) != (end is None):
            raise ValidationError(_("Service period: please enter both days or neither."), "start")
        if start and end and end < start:
            raise ValidationError(_("Service period: the end lies before the start."), "end")
        if len(self.note_edit.toPlainText()) > MAX_NOTE:
            raise ValidationError(
                _("Note: at most {count} characters.").format(count=MAX_NOTE), "note"
            )
        draft = self.draft()
        if start and end:
            draft.manual_lines = [
                x if x.start else _with_period(x, start, end) for x in draft.manual_lines
            ]
        for line in draft.manual_lines:
            check_manual_line(draft, line)
        return draft, r, issue_date

    def _field(self, key: str) -> QWidget | None:
        return {
            "recipient": self.recipient_box,
            "lines": self.table,
            "tax_category": self.vat_box,
            "start": self.start_edit,
            "end": self.end_edit,
            "issue_date": self.date_edit,
            "note": self.note_edit,
        }.get(key)

    def save(self) -> bool:
        """Check, confirm, issue; on success the dialog closes with `issued` set."""
        try:
            draft, r, issue_date = self.checked_draft()
        except ValidationError as exc:
            self.banner.show_field_error(str(exc), self._field(exc.field or ""))
            return False
        answer = QMessageBox.question(
            self,
            _("Create invoice"),
            _("Issue the invoice to {name} over {gross}, dated {date}?").format(
                name=r.name, gross=format_money(draft.gross), date=format_date(issue_date)
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            issued = call(
                self,
                lambda: issue_invoice(
                    self.ctx.db,
                    draft,
                    issue_date,
                    customer_id=r.customer_id,
                    organisation_id=None if r.customer_id is not None else r.organisation_id,
                ),
                where=self.ctx.database_location(),
            )
        except DomainError as exc:
            self.banner.show_field_error(str(exc), self._field(getattr(exc, "field", "") or ""))
            return False
        self.issued = issued
        self.saved_id = issued.id
        self.accept()
        return True


def _with_period(line: ManualLine, start: date, end: date) -> ManualLine:
    return replace(line, start=start, end=end)
