"""The customer's account (Konto) in the customers area: lines, balance, statement, credits."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from zidkor_desktop.domain.payments import AccountLine
from zidkor_desktop.l10n import N_, _, format_date, format_money
from zidkor_desktop.queries.accounts import account_lines
from zidkor_desktop.queries.invoices import InvoiceRow, list_invoices
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.dialogs.form_dialog import Field, FormDialog, day_or_today
from zidkor_desktop.ui.dialogs.payment_dialogs import call_quietly
from zidkor_desktop.ui.models.row_table_model import ALIGN_RIGHT, Column, RowTableModel
from zidkor_desktop.ui.pages.services import _table
from zidkor_desktop.usecases.payments import refund_credit, transfer_credit
from zidkor_desktop.usecases.reminders import account_pdf


def _amount(value: Decimal) -> str:
    return format_money(value) if value else ""


ACCOUNT_COLUMNS: list[Column[AccountLine]] = [
    Column(N_("Date"), lambda r: format_date(r.day)),
    Column(N_("Entry"), lambda r: r.text),
    Column(N_("Document"), lambda r: r.document),
    Column(N_("Debit"), lambda r: _amount(r.debit), alignment=ALIGN_RIGHT),
    Column(N_("Credit"), lambda r: _amount(r.credit), alignment=ALIGN_RIGHT),
    Column(N_("Balance"), lambda r: format_money(r.balance), alignment=ALIGN_RIGHT),
]


def balance_text(balance: Decimal) -> str:
    """„Saldo: 120,00 € offen“, „Guthaben: 25,50 €“ or „ausgeglichen“."""
    if balance > 0:
        return _("Balance: {amount} open").format(amount=format_money(balance))
    if balance < 0:
        return _("Balance: credit of {amount}").format(amount=format_money(-balance))
    return _("Balance: settled")


class CustomerAccount(QWidget):
    """Account lines in date order with the running balance; credits moved or refunded here."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.organisation_id: int | None = None
        self.name = ""
        self.invoices: list[InvoiceRow] = []
        self.model = RowTableModel(ACCOUNT_COLUMNS, key=id, parent=self)
        self.table = _table(self.model, self, 1)
        self.table.setObjectName("customerAccount")
        self.table.setSortingEnabled(False)  # the running balance reads in date order
        self.balance_label = QLabel(self)
        self.balance_label.setObjectName("accountBalance")
        self.pdf_button = QPushButton(_("Account statement (PDF)…"), self)
        self.pdf_button.clicked.connect(lambda _checked=False: self.show_pdf())
        self.transfer_button = QPushButton(_("Transfer credit…"), self)
        self.transfer_button.clicked.connect(lambda _checked=False: self.transfer())
        self.refund_button = QPushButton(_("Refund credit…"), self)
        self.refund_button.clicked.connect(lambda _checked=False: self.refund())
        row = QHBoxLayout()
        row.addWidget(self.balance_label, 1)
        for button in (self.transfer_button, self.refund_button, self.pdf_button):
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.dialog: FormDialog | None = None
        self.viewer: QWidget | None = None
        self.show_account(None, "")

    def show_account(self, organisation_id: int | None, name: str) -> None:
        """Show an organisation's account (None: nothing)."""
        self.organisation_id, self.name = organisation_id, name
        if organisation_id is None:
            self.invoices = []
            self.model.set_rows([])
        else:
            self.invoices = list_invoices(self.ctx.db, organisation_id=organisation_id)
            self.model.set_rows(account_lines(self.ctx.db, organisation_id))
            for column in (0, 2, 3, 4, 5):
                self.table.resizeColumnToContents(column)
                self.table.setColumnWidth(column, self.table.columnWidth(column) + 16)
        self.balance_label.setText(balance_text(self.balance()) if organisation_id else "")
        has_credit = bool(self.credits())
        self.pdf_button.setEnabled(organisation_id is not None)
        self.transfer_button.setVisible(has_credit)
        self.refund_button.setVisible(has_credit)
        self.transfer_button.setEnabled(has_credit and bool(self._payable()))

    def balance(self) -> Decimal:
        """The balance of the account (negative: a credit)."""
        rows = self.model.all_rows()
        return rows[-1].balance if rows else Decimal("0.00")

    def credits(self) -> list[InvoiceRow]:
        """The customer's documents with a credit (overpaid or settled by a cancellation)."""
        return [r for r in self.invoices if r.open < 0]

    def _payable(self) -> list[InvoiceRow]:
        return [r for r in self.invoices if r.status == "issued" and r.open > 0]

    def show_pdf(self) -> QWidget | None:
        """The account statement (Kontoauszug) as of today in the document viewer."""
        org = self.organisation_id
        if org is None:
            return None
        day = self.ctx.today()
        data = call_quietly(
            self, lambda: account_pdf(self.ctx.db, org, day), _("Account statement"), None
        )
        if data is None:
            return None
        from zidkor_desktop.ui.preview.viewer import show_document  # QtPdf: lazily

        self.viewer = show_document(
            self,
            data,
            _("Account statement: {name}").format(name=self.name),
            Path(f"Kontoauszug-{day.isoformat()}.pdf"),
        )
        return self.viewer

    def _credit_choices(self) -> list[tuple[str, str]]:
        return [
            (
                r.number,
                _("{number} – credit {amount}").format(
                    number=r.number, amount=format_money(-r.open)
                ),
            )
            for r in self.credits()
        ]

    def transfer(self) -> FormDialog | None:
        """Move a credit onto an open invoice of the same customer."""
        credits = self.credits()
        if not credits:
            return None
        targets = [
            (
                r.number,
                _("{number} – open {amount}").format(number=r.number, amount=format_money(r.open)),
            )
            for r in self._payable()
        ]
        today = self.ctx.today()

        def action(values: dict[str, Any]) -> None:
            day = day_or_today(values["day"], today)
            transfer_credit(self.ctx.db, values["source"], values["target"], values["amount"], day)

        fields = [
            Field(
                "source",
                _("Credit from"),
                "combo",
                credits[0].number,
                self._credit_choices(),
                required=True,
            ),
            Field(
                "target",
                _("To invoice"),
                "combo",
                targets[0][0] if targets else None,
                targets,
                required=True,
            ),
            Field("amount", _("Amount"), "money", min(-credits[0].open, self._first_open())),
            Field("day", _("Date"), "date", today, required=True),
        ]
        return self._open(FormDialog(self.ctx, _("Transfer credit"), fields, action, self))

    def _first_open(self) -> Decimal:
        payable = self._payable()
        return payable[0].open if payable else Decimal("0.00")

    def refund(self) -> FormDialog | None:
        """Record that a credit was paid back, with a note."""
        credits = self.credits()
        if not credits:
            return None
        today = self.ctx.today()

        def action(values: dict[str, Any]) -> None:
            day = day_or_today(values["day"], today)
            refund_credit(self.ctx.db, values["source"], values["amount"], day, values["note"])

        fields = [
            Field(
                "source",
                _("Credit from"),
                "combo",
                credits[0].number,
                self._credit_choices(),
                required=True,
            ),
            Field("amount", _("Amount"), "money", -credits[0].open),
            Field("day", _("Date"), "date", today, required=True),
            Field("note", _("Note"), required=True),
        ]
        return self._open(FormDialog(self.ctx, _("Refund credit"), fields, action, self))

    def _open(self, dialog: FormDialog) -> FormDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._booked)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _booked(self) -> None:
        self.dialog = None
        self.show_account(self.organisation_id, self.name)
        self.changed.emit()
