"""The reminder run: the letters a day would bring, issued after a question."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.l10n import N_, _, format_date, format_money
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.dialogs.payment_dialogs import call_quietly
from zidkor_desktop.ui.models.row_table_model import ALIGN_RIGHT, Column, RowTableModel
from zidkor_desktop.ui.pages.payment_tabs import level_text
from zidkor_desktop.ui.pages.services import _table
from zidkor_desktop.ui.widgets.date_edit import DateEdit
from zidkor_desktop.ui.widgets.message_banner import MessageBanner
from zidkor_desktop.usecases.reminders import ReminderProposal, issue_reminders, reminder_run

PROPOSAL_COLUMNS: list[Column[ReminderProposal]] = [
    Column(N_("Recipient"), lambda r: r.buyer),
    Column(N_("Level"), lambda r: level_text(r.plan.level), sort_key=lambda r: r.plan.level),
    Column(N_("Invoices"), lambda r: ", ".join(i.number for i in r.invoices)),
    Column(
        N_("New due date"),
        lambda r: format_date(r.plan.deadline),
        sort_key=lambda r: r.plan.deadline,
    ),
    Column(
        N_("Fee"),
        lambda r: format_money(r.plan.fee),
        sort_key=lambda r: r.plan.fee,
        alignment=ALIGN_RIGHT,
    ),
    Column(
        N_("Total"),
        lambda r: format_money(r.total),
        sort_key=lambda r: r.total,
        alignment=ALIGN_RIGHT,
    ),
]


class ReminderRunDialog(QDialog):
    """Choose the day, look at the proposed letters, issue them."""

    issued = Signal(list)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("reminderRunDialog")
        self.setWindowTitle(_("Reminder run"))
        self.banner = MessageBanner(self)
        self.day_edit = DateEdit(self)
        self.day_edit.set_date(ctx.today())
        self.day_edit.changed.connect(self._day_changed)
        self.propose_button = QPushButton(_("Propose"), self)
        self.propose_button.clicked.connect(self.propose)
        self.model = RowTableModel(
            PROPOSAL_COLUMNS, key=lambda r: r.plan.organisation_id, parent=self
        )
        self.table = _table(self.model, self, 2)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.summary = QLabel(self)
        self.summary.setObjectName("reminderSummary")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.issue_button = buttons.addButton(
            _("Issue reminders"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.issue_button.clicked.connect(self.issue)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(_("Reminder date") + ":", self.day_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.propose_button)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.resize(900, 440)
        self.propose()

    def _day(self) -> date:
        try:
            day = self.day_edit.date()
        except ValueError:
            day = None
        if day is None:
            raise DomainError(_("Reminder date: please enter a date as DD.MM.YYYY."))
        return day

    def _day_changed(self) -> None:
        try:
            complete = self.day_edit.date() is not None
        except ValueError:
            complete = False
        if complete:
            self.propose()

    def propose(self) -> None:
        """Show the letters a run on the chosen day would write."""
        try:
            proposals = reminder_run(self.ctx.db, self._day())
        except DomainError as exc:
            self.banner.show_error(str(exc))
            return
        self.banner.clear_message()
        self.model.set_rows(proposals)
        for column in (0, 1, 3, 4, 5):
            self.table.resizeColumnToContents(column)
        total = sum((p.total for p in proposals), Decimal("0.00"))
        self.summary.setText(
            _("{count} letters, total {total}").format(
                count=len(proposals), total=format_money(total)
            )
            if proposals
            else _("No invoice is due for a reminder on this day.")
        )
        self.issue_button.setEnabled(bool(proposals))

    def issue(self) -> list[int]:
        """Ask, then write the letters; the viewer shows each."""
        try:
            day = self._day()
        except DomainError as exc:
            self.banner.show_error(str(exc))
            return []
        count = self.model.rowCount()
        answer = QMessageBox.question(
            self,
            _("Issue reminders"),
            _("Write {count} reminder letters dated {day}? They are recorded and archived.").format(
                count=count, day=format_date(day)
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return []
        ids = call_quietly(
            self, lambda: issue_reminders(self.ctx.db, day), _("Issue reminders"), None
        )
        if not ids:
            self.propose()
            return []
        self.accept()
        self.issued.emit(ids)
        return ids
