"""Dialogs of the payments: record a payment, show an invoice's entries and reverse one."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.errors import DomainError, ValidationError
from zidkor_desktop.l10n import N_, _, format_date, format_money
from zidkor_desktop.queries.accounts import PaymentRow, payments
from zidkor_desktop.queries.invoices import InvoiceRow, list_invoices
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.dialogs.form_dialog import Field, FormDialog, day_or_today
from zidkor_desktop.ui.errors import call
from zidkor_desktop.ui.models.row_table_model import ALIGN_RIGHT, Column, RowTableModel
from zidkor_desktop.ui.pages.services import _table
from zidkor_desktop.ui.widgets.money_edit import MoneyEdit
from zidkor_desktop.usecases.payments import record_payment, reverse_payment


def invoice_summary(row: InvoiceRow) -> str:
    """„RE-2027-00001 – Gemeinde X – offen 1.234,56 €“."""
    return _("{number} – {buyer} – open {open}").format(
        number=row.number, buyer=row.buyer, open=format_money(row.open)
    )


class RecordPaymentDialog(FormDialog):
    """A payment received against one invoice; a surplus is said to become a credit."""

    def __init__(self, ctx: AppContext, invoice: InvoiceRow, parent: QWidget | None = None):
        self.invoice = invoice
        fields = [
            Field("paid_on", _("Date of payment"), "date", ctx.today(), required=True),
            Field("amount", _("Amount"), "money", invoice.open),
            Field("reference", _("Payment reference")),
            Field("note", _("Note"), "multiline", max_length=1000),
        ]
        super().__init__(ctx, _("Record payment"), fields, self._record, parent, ok_text=_("Book"))
        self.setObjectName("recordPaymentDialog")
        heading = QLabel(_("Invoice: {summary}").format(summary=invoice_summary(invoice)), self)
        heading.setObjectName("paymentInvoice")
        self.surplus_note = QLabel(self)
        self.surplus_note.setObjectName("surplusNote")
        self.surplus_note.setWordWrap(True)
        self.surplus_note.setStyleSheet("color: #5c4400;")
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, heading)
        layout.insertWidget(3, self.surplus_note)
        amount = self.widgets["amount"]
        assert isinstance(amount, MoneyEdit)
        amount.textChanged.connect(self._show_surplus)
        self._show_surplus()

    def _show_surplus(self, *_args: object) -> None:
        amount = self.widgets["amount"]
        assert isinstance(amount, MoneyEdit)
        try:
            surplus = amount.value() - self.invoice.open
        except ValueError:
            surplus = Decimal(0)
        self.surplus_note.setVisible(surplus > 0)
        self.surplus_note.setText(
            _(
                "The amount exceeds the open amount by {surplus}: the surplus stays as a credit "
                "on the customer's account (usable for the next invoice or refundable)."
            ).format(surplus=format_money(surplus))
            if surplus > 0
            else ""
        )

    def _record(self, values: dict[str, Any]) -> int:
        today = self.ctx.today()
        return record_payment(
            self.ctx.db,
            self.invoice.number,
            values["amount"],
            day_or_today(values["paid_on"], today),
            today,
            reference=values["reference"],
            note=values["note"],
        )


def _entry_text(row: PaymentRow) -> str:
    return row.reason or row.note


ENTRY_COLUMNS: list[Column[PaymentRow]] = [
    Column(N_("Date"), lambda r: format_date(r.paid_on), sort_key=lambda r: r.paid_on),
    Column(N_("Entry"), lambda r: r.kind_label),
    Column(
        N_("Amount"),
        lambda r: format_money(r.amount),
        sort_key=lambda r: r.amount,
        alignment=ALIGN_RIGHT,
    ),
    Column(N_("Payment reference"), lambda r: r.reference),
    Column(N_("Note or reason"), _entry_text),
    Column(N_("Reversed"), lambda r: _("yes") if r.reversed else ""),
]


class PaymentsDialog(QDialog):
    """The entries booked against one invoice; a payment can be reversed from here."""

    def __init__(self, ctx: AppContext, invoice: InvoiceRow, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.invoice = invoice
        self.changed = False
        self.setObjectName("paymentsDialog")
        self.setWindowTitle(_("Payments of invoice {number}").format(number=invoice.number))
        self.model = RowTableModel(ENTRY_COLUMNS, key=lambda r: r.id, parent=self)
        self.table = _table(self.model, self, 4)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # in the order of booking
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.heading = QLabel(invoice_summary(invoice), self)
        self.reverse_button = QPushButton(_("Reverse…"), self)
        self.reverse_button.clicked.connect(self.reverse_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.reverse_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.resize(760, 360)
        self.refresh()

    def refresh(self) -> None:
        """Reload the invoice's entries and its open amount."""
        own = list_invoices(self.ctx.db, organisation_id=self.invoice.organisation_id)
        self.invoice = next((r for r in own if r.number == self.invoice.number), self.invoice)
        self.heading.setText(invoice_summary(self.invoice))
        self.model.set_rows(payments(self.ctx.db, number=self.invoice.number))
        for column in (0, 1, 2, 3):
            self.table.resizeColumnToContents(column)
        self._update_buttons()

    def selected(self) -> PaymentRow | None:
        """The entry selected."""
        indexes = self.table.selectionModel().selectedRows()
        return self.model.row_for_index(indexes[0]) if indexes else None

    def _update_buttons(self, *_args: object) -> None:
        row = self.selected()
        self.reverse_button.setEnabled(
            row is not None and row.kind.value == "payment" and not row.reversed
        )

    def reverse_selected(self) -> FormDialog | None:
        """Ask for the reason and date; reverse the selected payment after confirming."""
        row = self.selected()
        if row is None:
            return None
        today = self.ctx.today()

        def reverse(values: dict[str, Any]) -> int | None:
            if not values["reason"].strip():
                message = _("Reason: please say why the payment is reversed.")
                raise ValidationError(message, "reason")
            question = _("Reverse the payment of {amount} of {day}? This cannot be undone.")
            answer = QMessageBox.question(
                dialog,
                _("Reverse payment"),
                question.format(amount=format_money(row.amount), day=format_date(row.paid_on)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                raise DomainError(_("The payment was not reversed."))
            day = day_or_today(values["day"], today)
            return reverse_payment(self.ctx.db, row.id, values["reason"], day, today)

        dialog = FormDialog(
            self.ctx,
            _("Reverse payment"),
            [
                Field("reason", _("Reason"), required=True),
                Field("day", _("Date of reversal"), "date", today, required=True),
            ],
            reverse,
            self,
            ok_text=_("Reverse"),
        )
        dialog.setObjectName("reversePaymentDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._reversed)
        dialog.open()
        return dialog

    def _reversed(self) -> None:
        self.changed = True
        self.refresh()


def call_quietly(parent: QWidget, action: Any, title: str, where: Any) -> Any:
    """Run a use case; a refusal is shown in a message box and None returned."""
    try:
        return call(parent, action, where=where)
    except DomainError as exc:
        QMessageBox.warning(parent, title, str(exc))
        return None
