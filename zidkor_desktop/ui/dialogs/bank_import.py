"""Bank statement import: the proposed matches, corrected by the clerk, booked on 'Book'."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.l10n import N_, _, format_date, format_money
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.errors import call
from zidkor_desktop.ui.models.row_table_model import ALIGN_RIGHT, Column, RowTableModel
from zidkor_desktop.ui.pages.payment_tabs import invoice_choices
from zidkor_desktop.ui.pages.services import _table
from zidkor_desktop.ui.widgets.message_banner import MessageBanner
from zidkor_desktop.usecases.bank_import import (
    ImportPreview,
    ImportResult,
    ProposedEntry,
    apply_import,
)

INVOICE_COLUMN = 4
REASONS = {"number": N_("invoice number"), "amount_and_name": N_("amount and name")}


def _reason(row: ProposedEntry) -> str:
    return _(REASONS[row.reason]) if row.number and row.reason in REASONS else "–"


PREVIEW_COLUMNS: list[Column[ProposedEntry]] = [
    Column(N_("Date"), lambda r: format_date(r.entry.booked_on)),
    Column(N_("Amount"), lambda r: format_money(r.entry.amount), alignment=ALIGN_RIGHT),
    Column(N_("Payer"), lambda r: r.entry.debtor_name),
    Column(
        N_("Remittance information"),
        lambda r: r.entry.remittance,
        tooltip=lambda r: r.entry.remittance,
    ),
    Column(N_("Proposed invoice"), lambda _r: ""),  # a combo box sits in this column
    Column(N_("Matched by"), _reason),
    Column(N_("Already imported"), lambda r: _("yes") if r.already_imported else ""),
]


class BankImportDialog(QDialog):
    """One row per credit entry with an invoice chosen (or none); nothing booked before 'Book'."""

    def __init__(
        self, ctx: AppContext, preview: ImportPreview, path: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.preview = preview
        self.path = path
        self.result_: ImportResult | None = None
        self.booked_text = ""
        self.setObjectName("bankImportDialog")
        self.setWindowTitle(_("Import bank statement: {name}").format(name=path.name))
        self.banner = MessageBanner(self)
        self.model = RowTableModel(
            PREVIEW_COLUMNS, key=lambda r: r.entry.bank_reference, parent=self
        )
        self.model.set_rows(preview.entries)
        self.table = _table(self.model, self, 3)
        self.table.setSortingEnabled(False)  # the combo boxes stay with their rows
        choices = [(None, _("— none —")), *invoice_choices(ctx)]
        self.combos: dict[str, QComboBox] = {}
        for position, proposal in enumerate(preview.entries):
            combo = QComboBox(self.table)
            for number, text in choices:
                combo.addItem(text, number)
            if proposal.number is not None and combo.findData(proposal.number) < 0:
                combo.addItem(proposal.number, proposal.number)
            combo.setCurrentIndex(max(0, combo.findData(proposal.number)))
            combo.setEnabled(not proposal.already_imported)
            self.combos[proposal.entry.bank_reference] = combo
            self.table.setIndexWidget(self.model.index(position, INVOICE_COLUMN), combo)
        for column in (0, 1, 2, 5, 6):
            self.table.resizeColumnToContents(column)
        self.table.setColumnWidth(INVOICE_COLUMN, 340)
        known = sum(1 for p in preview.entries if p.already_imported)
        info = _("Statement {statement}: {count} credit entries, {known} of them already imported.")
        heading = QLabel(
            info.format(
                statement=preview.statement.statement_id, count=len(preview.entries), known=known
            ),
            self,
        )
        heading.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.book_button = buttons.addButton(_("Book"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.book_button.setEnabled(known < len(preview.entries))
        buttons.accepted.connect(self.book)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(1100, 420)

    def choices(self) -> dict[str, str | None]:
        """Bank reference -> the invoice number chosen (None: stays unmatched)."""
        return {reference: combo.currentData() for reference, combo in self.combos.items()}

    def choose(self, bank_reference: str, number: str | None) -> None:
        """Choose the invoice of an entry (as the clerk does in the combo box)."""
        combo = self.combos[bank_reference]
        combo.setCurrentIndex(combo.findData(number))

    def book(self) -> None:
        """Book the entries as chosen; say what was booked."""
        choices = self.choices()
        try:
            result = call(
                self,
                lambda: apply_import(self.ctx.db, self.preview, choices, self.ctx.today()),
                where=self.ctx.database_location(),
            )
        except DomainError as exc:
            self.banner.show_error(str(exc))
            return
        self.result_ = result
        lines = [
            _("{day}  {amount}  {payer}  → {number}").format(
                day=format_date(p.entry.booked_on),
                amount=format_money(p.entry.amount),
                payer=p.entry.debtor_name,
                number=choices[p.entry.bank_reference],
            )
            for p in self.preview.entries
            if not p.already_imported and choices[p.entry.bank_reference]
        ]
        summary = _(
            "Booked: {booked}; left unmatched: {unmatched} (see “Unmatched bank entries”); "
            "already imported and skipped: {skipped}."
        ).format(booked=result.booked, unmatched=result.unmatched, skipped=result.skipped)
        self.booked_text = "\n".join([summary, "", *lines]) if lines else summary
        QMessageBox.information(self, _("Import bank statement"), self.booked_text)
        self.accept()
