"""The billing run: choose the period, preview the drafts with every problem, edit, then issue.

Nothing is stored until "Ausstellen": the preview lives in memory, so closing the dialog leaves
nothing behind. Issuing runs `issue_run` (all or nothing) in a background thread with a progress
dialog that can cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.billing import BillingLine, BillingPeriod, InvoiceDraft, ManualLine
from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.domain.invoicing import MAX_NOTE, months_text
from zidkor_desktop.domain.kinds import TaxCategory
from zidkor_desktop.l10n import N_, _, format_date, format_money, format_unit_price, locale
from zidkor_desktop.queries.price_versions import items_in_force
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.dialogs.invoice_line import ManualLineDialog, quantity_text
from zidkor_desktop.ui.dialogs.issue_worker import BackgroundIssue
from zidkor_desktop.ui.errors import call
from zidkor_desktop.ui.models.row_table_model import ALIGN_RIGHT, Column, RowTableModel
from zidkor_desktop.ui.pages.services import _table
from zidkor_desktop.ui.widgets.date_edit import DateEdit, date_input_error
from zidkor_desktop.ui.widgets.message_banner import MessageBanner
from zidkor_desktop.usecases.invoicing import IssuedInvoice, RunPreview, issue_run, preview_run

QUARTER, MONTH, YEAR = range(3)
ISSUE_WORKERS = 2
"""Worker processes that render the invoices of a run (spawned, as on Windows)."""
LINES_PROBLEMS = 6


def last_complete_quarter(today: date) -> BillingPeriod:
    """The quarter before the one `today` lies in."""
    quarter = (today.month - 1) // 3 + 1
    if quarter == 1:
        return BillingPeriod.of(today.year - 1, "Q4")
    return BillingPeriod.of(today.year, f"Q{quarter - 1}")


def _warning_icon(widget: QWidget) -> Any:
    return widget.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


def draft_kind(draft: InvoiceDraft) -> str:
    """Mit USt / nicht steuerbar."""
    return _("not subject to VAT") if draft.not_taxable else _("with VAT")


def problems_text(draft: InvoiceDraft) -> str:
    """The draft's problems in one line, or a dash."""
    return " · ".join(p.message for p in draft.problems) or "–"


def totals_text(draft: InvoiceDraft) -> str:
    """Net, tax and gross per rate, then the total."""
    parts = []
    for total in draft.totals:
        what = (
            _("not subject to VAT")
            if total.category is TaxCategory.NOT_TAXABLE
            else _("{rate} % VAT").format(rate=quantity_text(total.rate))
        )
        parts.append(
            _("{what}: net {net}, VAT {tax}").format(
                what=what, net=format_money(total.net), tax=format_money(total.tax)
            )
        )
    parts.append(_("Total: {gross}").format(gross=format_money(draft.gross)))
    return "\n".join(parts)


def _line_agreement(line: BillingLine | ManualLine) -> str:
    return line.agreement_number if isinstance(line, BillingLine) else _("by hand")


def _line_period(line: BillingLine | ManualLine) -> str:
    if line.start is None or line.end is None:
        return "–"
    return f"{format_date(line.start)} – {format_date(line.end)}"


def _line_factor(line: BillingLine | ManualLine) -> str:
    return months_text(line.months) if isinstance(line, BillingLine) else "–"


def draft_columns(icon: Callable[[InvoiceDraft], Any]) -> list[Column[InvoiceDraft]]:
    """The columns of the drafts list; `icon` marks a draft with problems."""
    return [
        Column(N_("Recipient"), lambda d: d.customer, searchable=True),
        Column(N_("VAT treatment"), draft_kind),
        Column(
            N_("Lines"),
            lambda d: str(len(d.all_lines)),
            sort_key=lambda d: len(d.all_lines),
            alignment=ALIGN_RIGHT,
        ),
        Column(
            N_("Net"),
            lambda d: format_money(d.net),
            sort_key=lambda d: d.net,
            alignment=ALIGN_RIGHT,
        ),
        Column(
            N_("VAT"),
            lambda d: format_money(d.tax),
            sort_key=lambda d: d.tax,
            alignment=ALIGN_RIGHT,
        ),
        Column(
            N_("Gross"),
            lambda d: format_money(d.gross),
            sort_key=lambda d: d.gross,
            alignment=ALIGN_RIGHT,
        ),
        Column(
            N_("Problems"),
            problems_text,
            tooltip=lambda d: problems_text(d) if d.problems else None,
            decoration=icon,
        ),
    ]


PROBLEMS_COLUMN = 6
LINE_COLUMNS: list[Column[BillingLine | ManualLine]] = [
    Column(N_("Agreement"), _line_agreement),
    Column(N_("Item"), lambda x: f"{x.price_code} {x.title}".strip()),
    Column(N_("Period"), _line_period, sort_key=lambda x: x.start),
    Column(
        N_("Quantity"),
        lambda x: quantity_text(x.quantity),
        sort_key=lambda x: x.quantity,
        alignment=ALIGN_RIGHT,
    ),
    Column(
        N_("Unit price"),
        lambda x: format_unit_price(x.unit_price),
        sort_key=lambda x: x.unit_price,
        alignment=ALIGN_RIGHT,
    ),
    Column(N_("Factor / months"), _line_factor, alignment=ALIGN_RIGHT),
    Column(
        N_("Amount"), lambda x: format_money(x.net), sort_key=lambda x: x.net, alignment=ALIGN_RIGHT
    ),
    Column(N_("Tax"), lambda x: x.tax_category.label),
]


class IssueConfirmDialog(QDialog):
    """Asks for the invoice date and confirms how many invoices over which total are issued."""

    def __init__(self, count: int, gross: Any, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Issue invoices"))
        self.chosen: date | None = None
        self.banner = MessageBanner(self)
        self.text = QLabel(
            _(
                "Issue {count} invoices over a total of {gross}?\n"
                "They get their numbers now and can afterwards only be cancelled, not changed."
            ).format(count=count, gross=format_money(gross)),
            self,
        )
        self.text.setWordWrap(True)
        self.date_edit = DateEdit(self)
        self.date_edit.set_date(today)
        form = QFormLayout()
        form.addRow(_("Invoice date") + ":", self.date_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Issue"))
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.text)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def confirm(self) -> None:
        """Accept with a valid date; otherwise say so at the field."""
        try:
            chosen = self.date_edit.date()
        except ValueError:
            chosen = None
        if chosen is None:
            self.banner.show_field_error(date_input_error(_("Invoice date")), self.date_edit)
            return
        self.chosen = chosen
        self.accept()


class BillingRunDialog(QDialog):
    """Period, preview with problems, drafts and lines, manual lines, note, drop, issue."""

    issued = Signal(object)
    """The list of IssuedInvoice after a successful run."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.preview: RunPreview | None = None
        self.modified = False
        self.saved_id: int | None = None
        self.result_invoices: list[IssuedInvoice] = []
        self.background: BackgroundIssue | None = None
        self.issuing = False
        self.confirm_dialog: IssueConfirmDialog | None = None
        self.workers = ISSUE_WORKERS
        self.setWindowTitle(_("Billing run"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.banner = MessageBanner(self)
        warning = _warning_icon(self)
        columns = draft_columns(lambda d: warning if d.problems else None)
        self.draft_model = RowTableModel(columns, key=id, parent=self)
        self.line_model = RowTableModel(LINE_COLUMNS, key=id, parent=self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(self._period_row())
        self.problem_list = QListWidget(self)
        self.problem_list.setObjectName("runProblems")
        self.problem_list.setMaximumHeight(self.fontMetrics().height() * LINES_PROBLEMS)
        layout.addWidget(self.problem_list)
        self.summary_label = QLabel(self)
        layout.addWidget(self.summary_label)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.draft_table = _table(self.draft_model, self, PROBLEMS_COLUMN)
        self.draft_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.draft_table.selectionModel().selectionChanged.connect(lambda *_a: self._show_draft())
        splitter.addWidget(self.draft_table)
        splitter.addWidget(self._draft_box())
        splitter.setSizes([220, 380])
        layout.addWidget(splitter, 1)
        buttons = QDialogButtonBox(self)
        self.issue_button = buttons.addButton(_("Issue…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.issue_button.setObjectName("issueRun")
        self.issue_button.clicked.connect(self.issue)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        buttons.setCenterButtons(False)
        layout.addWidget(buttons)
        self._show_preview()
        self.resize(1100, 760)

    # --- construction -------------------------------------------------------------------------

    def _period_row(self) -> QHBoxLayout:
        default = last_complete_quarter(self.ctx.today())
        self.year_box = QSpinBox(self)
        self.year_box.setRange(2000, 2100)
        self.year_box.setValue(default.start.year)
        self.kind_box = QComboBox(self)
        self.kind_box.addItems([_("Quarter"), _("Month"), _("Whole year")])
        self.part_box = QComboBox(self)
        self.kind_box.currentIndexChanged.connect(self._fill_parts)
        self._fill_parts()
        self.part_box.setCurrentIndex((default.start.month - 1) // 3)
        self.preview_button = QPushButton(_("Preview"), self)
        self.preview_button.setObjectName("runPreview")
        self.preview_button.setDefault(True)
        self.preview_button.clicked.connect(self.load_preview)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Period") + ":", self))
        row.addWidget(self.year_box)
        row.addWidget(self.kind_box)
        row.addWidget(self.part_box)
        row.addWidget(self.preview_button)
        row.addStretch(1)
        return row

    def _fill_parts(self) -> None:
        self.part_box.clear()
        kind = self.kind_box.currentIndex()
        if kind == QUARTER:
            for number in range(1, 5):
                self.part_box.addItem(_("Q{number}").format(number=number), f"Q{number}")
        elif kind == MONTH:
            for month in range(1, 13):
                self.part_box.addItem(locale().months["format"]["wide"][month], month)
        self.part_box.setVisible(kind != YEAR)

    def _draft_box(self) -> QGroupBox:
        self.draft_box = QGroupBox(_("Invoice"), self)
        self.line_table = _table(self.line_model, self.draft_box, 1)
        self.line_table.setSortingEnabled(False)  # the order of the printed positions
        self.line_table.horizontalHeader().setSortIndicatorShown(False)
        self.line_model.sort(-1)
        self.draft_problems = QLabel(self.draft_box)
        self.draft_problems.setObjectName("draftProblems")
        self.draft_problems.setWordWrap(True)
        self.draft_problems.setStyleSheet("QLabel { color: #a4262c; }")
        self.totals_label = QLabel(self.draft_box)
        self.totals_label.setObjectName("draftTotals")
        self.totals_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note_edit = QLineEdit(self.draft_box)
        self.note_edit.setMaxLength(MAX_NOTE)
        self.note_edit.setPlaceholderText(_("Printed on this invoice, e.g. an order reference"))
        self.note_edit.textEdited.connect(self._note_edited)
        self.add_button = QPushButton(_("Add line…"), self.draft_box)
        self.add_button.clicked.connect(self.add_line)
        self.remove_button = QPushButton(_("Remove line"), self.draft_box)
        self.remove_button.setToolTip(_("Only lines added by hand can be removed."))
        self.remove_button.clicked.connect(self.remove_line)
        self.drop_button = QPushButton(_("Leave out this invoice…"), self.draft_box)
        self.drop_button.clicked.connect(self.drop_draft)
        self.line_table.selectionModel().selectionChanged.connect(
            lambda *_a: self._update_buttons()
        )
        actions = QHBoxLayout()
        actions.addWidget(self.add_button)
        actions.addWidget(self.remove_button)
        actions.addStretch(1)
        actions.addWidget(self.drop_button)
        note = QFormLayout()
        note.addRow(_("Note") + ":", self.note_edit)
        bottom = QHBoxLayout()
        bottom.addWidget(self.draft_problems, 1)
        bottom.addWidget(self.totals_label)
        layout = QVBoxLayout(self.draft_box)
        layout.addWidget(self.line_table, 1)
        layout.addLayout(bottom)
        layout.addLayout(note)
        layout.addLayout(actions)
        return self.draft_box

    # --- preview --------------------------------------------------------------------------------

    def period(self) -> BillingPeriod:
        """The period chosen."""
        kind = self.kind_box.currentIndex()
        part = None if kind == YEAR else self.part_box.currentData()
        return BillingPeriod.of(self.year_box.value(), part)

    def load_preview(self) -> bool:
        """Compute the drafts of the chosen period (edits of an earlier preview are dropped)."""
        if self.modified and not self._may_discard():
            return False
        try:
            preview = call(
                self,
                lambda: preview_run(self.ctx.db, self.period()),
                where=self.ctx.database_location(),
            )
        except DomainError as exc:
            self.banner.show_error(str(exc))
            return False
        self.banner.clear_message()
        self.preview = preview
        self.modified = False
        self._show_preview()
        if self.draft_model.rowCount():
            self.draft_table.selectRow(0)
        return True

    def _show_preview(self) -> None:
        preview = self.preview
        self.draft_model.set_rows(preview.drafts if preview else [])
        for column in range(PROBLEMS_COLUMN):
            self.draft_table.resizeColumnToContents(column)
            self.draft_table.setColumnWidth(column, self.draft_table.columnWidth(column) + 12)
        self.problem_list.clear()
        if preview is None:
            self.problem_list.hide()
            self.summary_label.setText(
                _("Choose the period and press “Preview”. Nothing is stored before “Issue…”.")
            )
            self._show_draft()
            return
        self.problem_list.show()
        warning = _warning_icon(self)
        info = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        for message in preview.blocking:
            QListWidgetItem(warning, message, self.problem_list)
        for note in preview.already_invoiced:
            QListWidgetItem(info, note, self.problem_list)
        if not preview.blocking:
            done = self.style().standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)
            QListWidgetItem(
                done, _("No problems found: the invoices can be issued."), self.problem_list
            )
        self._show_summary()
        self._show_draft()

    def _show_summary(self) -> None:
        preview = self.preview
        if preview is None:
            return
        drafts = preview.drafts
        if not drafts:
            self.summary_label.setText(
                _("No invoices are due for {period}.").format(period=preview.label)
            )
            return
        problems = len(preview.blocking)
        text = _("{period}: {count} invoices, net {net}, VAT {tax}, total {gross}").format(
            period=preview.label,
            count=len(drafts),
            net=format_money(sum((d.net for d in drafts), 0)),
            tax=format_money(sum((d.tax for d in drafts), 0)),
            gross=format_money(sum((d.gross for d in drafts), 0)),
        )
        if problems:
            text += " · " + _("{count} problems to fix before issuing").format(count=problems)
        self.summary_label.setText(text)

    def current_draft(self) -> InvoiceDraft | None:
        """The draft chosen in the list."""
        indexes = self.draft_table.selectionModel().selectedRows()
        return self.draft_model.row_for_index(indexes[0]) if indexes else None

    def select_draft(self, draft: InvoiceDraft) -> None:
        """Choose a draft in the list."""
        position = self.draft_model.position_of(id(draft))
        if position is not None:
            self.draft_table.selectRow(position)

    def _show_draft(self) -> None:
        draft = self.current_draft()
        self.line_model.set_rows(draft.all_lines if draft else [])
        for column in range(len(LINE_COLUMNS)):
            if column != 1:
                self.line_table.resizeColumnToContents(column)
        self.draft_box.setEnabled(draft is not None)
        if draft is None:
            self.draft_box.setTitle(_("Invoice"))
            self.totals_label.setText("")
            self.draft_problems.setText("")
            self.note_edit.setText("")
        else:
            self.draft_box.setTitle(
                _("Invoice to {customer} ({kind})").format(
                    customer=draft.customer, kind=draft_kind(draft)
                )
            )
            self.totals_label.setText(totals_text(draft))
            self.draft_problems.setText("\n".join("⚠ " + p.message for p in draft.problems))
            self.note_edit.setText(draft.note)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(isinstance(self._current_line(), ManualLine))
        preview = self.preview
        self.issue_button.setEnabled(bool(preview and preview.drafts))

    def _current_line(self) -> BillingLine | ManualLine | None:
        indexes = self.line_table.selectionModel().selectedRows()
        return self.line_model.row_for_index(indexes[0]) if indexes else None

    def _changed(self, draft: InvoiceDraft | None) -> None:
        self.modified = True
        self.draft_model.set_rows(self.preview.drafts if self.preview else [])
        if draft is not None:
            self.select_draft(draft)
        self._show_summary()
        self._show_draft()

    # --- editing --------------------------------------------------------------------------------

    def add_line(self) -> ManualLineDialog | None:
        """Ask for a line by hand (free text or a price item) and add it to the chosen draft."""
        draft = self.current_draft()
        if draft is None:
            return None
        items = items_in_force(self.ctx.db, self.period().end)
        dialog = ManualLineDialog(draft, items, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._line_added(draft, dialog.line))
        dialog.open()
        self.line_dialog = dialog
        return dialog

    def _line_added(self, draft: InvoiceDraft, line: ManualLine | None) -> None:
        if line is not None:
            draft.manual_lines.append(line)
            self._changed(draft)

    def remove_line(self) -> bool:
        """Remove the chosen line if it was added by hand."""
        draft, line = self.current_draft(), self._current_line()
        if draft is None or not isinstance(line, ManualLine):
            return False
        draft.manual_lines = [x for x in draft.manual_lines if x is not line]
        self._changed(draft)
        return True

    def _note_edited(self, text: str) -> None:
        draft = self.current_draft()
        if draft is not None:
            draft.note = text
            self.modified = True

    def drop_draft(self) -> bool:
        """Leave the chosen invoice out of this run (after a question)."""
        draft, preview = self.current_draft(), self.preview
        if draft is None or preview is None:
            return False
        answer = QMessageBox.question(
            self,
            _("Leave out invoice"),
            _(
                "Leave the invoice to {customer} ({gross}) out of this run?\n"
                "Its agreements stay due and appear again in the next preview of this period."
            ).format(customer=draft.customer, gross=format_money(draft.gross)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        preview.drafts = [d for d in preview.drafts if d is not draft]
        self._changed(None)
        if self.draft_model.rowCount():
            self.draft_table.selectRow(0)
        self._show_preview_problems()
        return True

    def _show_preview_problems(self) -> None:
        """The problem list follows the drafts left (a dropped draft takes its problems along)."""
        selected = self.current_draft()
        self._show_preview()
        if selected is not None:
            self.select_draft(selected)

    # --- issuing --------------------------------------------------------------------------------

    def issue(self) -> IssueConfirmDialog | None:
        """Refuse while problems remain; otherwise ask the date and confirm count and total."""
        preview = self.preview
        if preview is None or not preview.drafts:
            self.banner.show_error(_("There is nothing to issue; please show a preview first."))
            return None
        if preview.blocking:
            QMessageBox.warning(
                self,
                _("Issue invoices"),
                _("Nothing can be issued while problems remain. Please fix first:")
                + "\n• "
                + "\n• ".join(preview.blocking),
            )
            return None
        gross = sum((d.gross for d in preview.drafts), 0)
        dialog = IssueConfirmDialog(len(preview.drafts), gross, self.ctx.today(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.start_issue(dialog.chosen))
        self.confirm_dialog = dialog
        dialog.open()
        return dialog

    def start_issue(self, issue_date: date | None) -> BackgroundIssue | None:
        """Issue the run in the background with a progress dialog that can cancel."""
        preview = self.preview
        if preview is None or issue_date is None:
            return None
        db, workers = self.ctx.db, self.workers

        def job(progress: Any, cancelled: Any) -> list[IssuedInvoice]:
            return issue_run(
                db, preview, issue_date, workers=workers, progress=progress, cancelled=cancelled
            )

        label = _("Issuing {count} invoices…").format(count=len(preview.drafts))
        self.background = BackgroundIssue(self, job, len(preview.drafts), label)
        self.background.succeeded.connect(self._issued)
        self.background.failed.connect(self._issue_failed)
        self.background.cancelled.connect(self._issue_failed)
        self._set_busy(True)
        self.issuing = True
        self.banner.show_message(label, "info")
        self.background.start()
        return self.background

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.issue_button, self.preview_button, self.draft_box, self.draft_table):
            widget.setEnabled(not busy)

    def is_issuing(self) -> bool:
        """Whether a run is being issued right now."""
        return self.issuing

    def _issued(self, issued: list[IssuedInvoice]) -> None:
        self.issuing = False
        self._set_busy(False)
        self.result_invoices = issued  # the page selects them all (saved_id stays None)
        self.modified = False
        self.issued.emit(issued)
        self.accept()

    def _issue_failed(self, message: str) -> None:
        self.issuing = False
        self._set_busy(False)
        self._update_buttons()
        self.banner.show_error(message)

    # --- closing --------------------------------------------------------------------------------

    def _may_discard(self) -> bool:
        answer = QMessageBox.question(
            self,
            _("Billing run"),
            _("Discard your changes to this preview (lines, notes, invoices left out)?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def reject(self) -> None:
        """Close without issuing (nothing was stored); not while issuing."""
        if self.is_issuing():
            self.banner.show_message(_("Please wait until issuing has finished or cancel it."))
            return
        if self.modified and not self._may_discard():
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        """The window's close button works like “Close”."""
        if self.is_issuing():
            event.ignore()
            return
        super().closeEvent(event)
