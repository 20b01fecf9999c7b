"""Dialogs of the invoices area: cancellation, capital contribution, export to a folder."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.errors import DomainError, ValidationError
from zidkor_desktop.domain.kinds import MembershipStatus
from zidkor_desktop.l10n import _, format_date, format_money
from zidkor_desktop.queries.invoices import InvoiceRow, list_invoices, list_runs
from zidkor_desktop.queries.members import list_members
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.dialogs.form_dialog import Field, FormDialog
from zidkor_desktop.ui.errors import call
from zidkor_desktop.ui.widgets.date_edit import DateEdit, date_input_error
from zidkor_desktop.ui.widgets.message_banner import MessageBanner
from zidkor_desktop.ui.widgets.plain_text import refuse_control_characters
from zidkor_desktop.usecases.invoice_export import ExportResult, export_invoices
from zidkor_desktop.usecases.invoicing import IssuedInvoice, cancel_invoice, issue_capital

EXPORT_FOLDER_KEY = "invoices/export_folder"


def lay_out(
    dialog: Any,
    banner: QWidget,
    form: QFormLayout,
    note: str,
    ok_text: str,
    width: int,
    *,
    cancel: str | None = None,
) -> None:
    """Banner, form, an explaining note and OK/Cancel buttons (OK runs `dialog.save`)."""
    label = QLabel(note, dialog)
    label.setWordWrap(True)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    if cancel is not None:
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel)
    buttons.accepted.connect(dialog.save)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(banner)
    layout.addLayout(form)
    layout.addWidget(label)
    layout.addWidget(buttons)
    dialog.resize(max(dialog.sizeHint().width(), width), dialog.sizeHint().height())


class CancelInvoiceDialog(QDialog):
    """Shows the invoice, asks reason and date, confirms, issues the Stornorechnung."""

    def __init__(self, ctx: AppContext, row: InvoiceRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.row = row
        self.saved_id: int | None = None
        self.issued: IssuedInvoice | None = None
        self.setWindowTitle(_("Cancel invoice {number}").format(number=row.number))
        self.banner = MessageBanner(self)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setMaxLength(500)
        self.reason_edit.setPlaceholderText(_("e.g. wrong quantity of workstations"))
        refuse_control_characters(self.reason_edit)
        self.date_edit = DateEdit(self)
        self.date_edit.set_date(ctx.today())
        form = QFormLayout()
        form.addRow(_("Invoice") + ":", QLabel(row.number, self))
        form.addRow(_("Recipient") + ":", QLabel(row.buyer, self))
        form.addRow(_("Invoice date") + ":", QLabel(format_date(row.issue_date), self))
        form.addRow(_("Gross") + ":", QLabel(format_money(row.gross), self))
        form.addRow(_("Reason") + ":", self.reason_edit)
        form.addRow(_("Date of the cancellation") + ":", self.date_edit)
        note = _(
            "An issued invoice cannot be changed. The cancellation invoice gets its own "
            "number and refers to this invoice; afterwards you can issue a corrected one."
        )
        lay_out(self, self.banner, form, note, _("Cancel invoice…"), 560, cancel=_("Close"))

    def save(self) -> bool:
        """Check, confirm („… kann nicht rückgängig gemacht werden“), issue the cancellation."""
        reason = self.reason_edit.text().strip()
        try:
            day = self.date_edit.date()
        except ValueError:
            day = None
        if not reason:
            self.banner.show_field_error(
                _("Reason: please say why the invoice is cancelled."), self.reason_edit
            )
            return False
        if day is None:
            self.banner.show_field_error(
                date_input_error(_("Date of the cancellation")), self.date_edit
            )
            return False
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            _(
                "Issue a cancellation invoice for invoice {number} ({buyer}, {gross})? "
                "This cannot be undone."
            ).format(
                number=self.row.number, buyer=self.row.buyer, gross=format_money(self.row.gross)
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            issued = call(
                self,
                lambda: cancel_invoice(self.ctx.db, self.row.number, reason, day),
                where=self.ctx.database_location(),
            )
        except DomainError as exc:
            field = getattr(exc, "field", None)
            widget = {"reason": self.reason_edit, "issue_date": self.date_edit}.get(field or "")
            self.banner.show_field_error(str(exc), widget)
            return False
        self.issued = issued
        self.saved_id = issued.id
        self.accept()
        return True


def capital_dialog(ctx: AppContext, parent: QWidget | None = None) -> FormDialog:
    """Choose a member and the date; issue its capital contribution invoice."""
    members = [
        (row.organisation_id, row.name)
        for row in list_members(ctx.db, ctx.today())
        if row.status is not MembershipStatus.LEFT
    ]
    fields = [
        Field("member", _("Member"), "combo", None, members, required=True),
        Field("issue_date", _("Invoice date"), "date", ctx.today(), required=True),
    ]

    def action(values: dict[str, Any]) -> int:
        return issue_capital(ctx.db, int(values["member"]), values["issue_date"]).id

    dialog = FormDialog(
        ctx,
        _("Invoice the capital contribution"),
        fields,
        action,
        parent,
        ok_text=_("Issue"),
    )
    note = QLabel(
        _(
            "Votes on the first day of membership × capital per vote under the statute; "
            "not a taxable supply. Issuing marks the capital as invoiced."
        ),
        dialog,
    )
    note.setWordWrap(True)
    cast(QVBoxLayout, dialog.layout()).insertWidget(2, note)
    return dialog


class ExportDialog(QDialog):
    """Export the selected invoices or a billing run: hybrid PDF, XML, CSV list to a folder."""

    def __init__(
        self, ctx: AppContext, selected: Sequence[InvoiceRow], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.selected = list(selected)
        self.result_files: ExportResult | None = None
        self.setWindowTitle(_("Export invoices"))
        self.banner = MessageBanner(self)
        self.selected_radio = QRadioButton(
            _("The selected invoices ({count})").format(count=len(self.selected)), self
        )
        self.run_radio = QRadioButton(_("A billing run:"), self)
        self.group = QButtonGroup(self)
        self.group.addButton(self.selected_radio)
        self.group.addButton(self.run_radio)
        self.run_box = QComboBox(self)
        for run in list_runs(ctx.db):
            self.run_box.addItem(
                _("{period} of {date}: {count} invoices, {gross}").format(
                    period=run.period,
                    date=format_date(run.issue_date),
                    count=run.count,
                    gross=format_money(run.gross),
                ),
                run.id,
            )
        self.run_box.currentIndexChanged.connect(lambda _i: self.run_radio.setChecked(True))
        self.selected_radio.setEnabled(bool(self.selected))
        self.run_radio.setEnabled(self.run_box.count() > 0)
        (self.selected_radio if self.selected else self.run_radio).setChecked(True)
        self.folder_edit = QLineEdit(self)
        self.folder_edit.setText(str(ctx.settings.value(EXPORT_FOLDER_KEY, str(Path.home()))))
        browse = QPushButton(_("Choose…"), self)
        browse.clicked.connect(self.choose_folder)
        folder = QHBoxLayout()
        folder.addWidget(self.folder_edit, 1)
        folder.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.selected_radio)
        form.addRow(self.run_radio, self.run_box)
        form.addRow(_("Folder") + ":", folder)
        note = _(
            "Each invoice is written as hybrid PDF (ZUGFeRD / XRechnung) and as XRechnung "
            "XML, plus a list for the treasurer (Rechnungsliste.csv)."
        )
        lay_out(self, self.banner, form, note, _("Export"), 620)

    def choose_folder(self) -> None:
        """Pick the target folder."""
        chosen = QFileDialog.getExistingDirectory(
            self, _("Export to folder"), self.folder_edit.text()
        )
        if chosen:
            self.folder_edit.setText(chosen)

    def rows(self) -> list[InvoiceRow]:
        """The invoices chosen."""
        if self.selected_radio.isChecked():
            return self.selected
        return list_invoices(self.ctx.db, run_id=self.run_box.currentData())

    def save(self) -> bool:
        """Write the files; say how many and where."""
        text = self.folder_edit.text().strip()
        if not text:
            self.banner.show_field_error(_("Folder: please choose a folder."), self.folder_edit)
            return False
        folder = Path(text).expanduser()
        try:
            rows = self.rows()
            if not rows:
                raise ValidationError(_("No invoices found for this choice."))
            result = call(self, lambda: export_invoices(self.ctx.db, rows, folder), where=folder)
        except DomainError as exc:
            self.banner.show_error(str(exc))
            return False
        self.ctx.settings.setValue(EXPORT_FOLDER_KEY, str(folder))
        self.result_files = result
        self.accept()
        return True
