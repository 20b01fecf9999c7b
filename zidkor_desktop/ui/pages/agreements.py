"""Area "Servicevereinbarungen": the list (ending within 90 days marked), details, the steps."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.domain.kinds import AgreementStatus
from zidkor_desktop.l10n import N_, _, format_date, format_number
from zidkor_desktop.queries.agreements import (
    AgreementDetail,
    AgreementRow,
    QuantityRow,
    agreement_detail,
    list_agreements,
)
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.errors import call
from zidkor_desktop.ui.models.row_table_model import ALIGN_RIGHT, Column, RowTableModel
from zidkor_desktop.ui.pages.base import ListPage, heading_label
from zidkor_desktop.ui.pages.services import _table
from zidkor_desktop.ui.widgets.message_banner import MessageBanner
from zidkor_desktop.usecases.agreements import activate

NUMBER, CUSTOMER, SERVICE, STATUS, START, END, OPERATOR = range(7)
LAST_FOLDER_KEY = "agreements/last_folder"


def end_text(row: AgreementRow) -> str:
    """The end date, open-ended, and the mark of an agreement ending within 90 days."""
    if row.valid_until is None:
        return _("open-ended")
    text = format_date(row.valid_until)
    return _("{date} – ends soon").format(date=text) if row.ends_soon else text


AGREEMENT_COLUMNS: list[Column[AgreementRow]] = [
    Column(N_("Number"), lambda r: r.number, searchable=True),
    Column(N_("Customer"), lambda r: r.customer, searchable=True),
    Column(N_("Service"), lambda r: r.service_code, searchable=True),
    Column(N_("Status"), lambda r: r.status.label, searchable=True),
    Column(N_("Start"), lambda r: format_date(r.valid_from), sort_key=lambda r: r.valid_from),
    Column(
        N_("End"),
        end_text,
        sort_key=lambda r: r.valid_until,
        tooltip=lambda r: _("Ends within 90 days") if r.ends_soon else None,
    ),
    Column(N_("Operated by"), lambda r: r.operator or "–", searchable=True),
]


def _until(row: QuantityRow) -> str:
    return format_date(row.valid_until) if row.valid_until else _("open-ended")


HISTORY_COLUMNS: list[Column[QuantityRow]] = [
    Column(
        N_("Price item"), lambda r: r.price_code, sort_key=lambda r: (r.price_code, r.valid_from)
    ),
    Column(
        N_("Quantity"),
        lambda r: format_number(r.quantity.normalize()),
        sort_key=lambda r: r.quantity,
        alignment=ALIGN_RIGHT,
    ),
    Column(N_("From"), lambda r: format_date(r.valid_from), sort_key=lambda r: r.valid_from),
    Column(N_("Until"), _until, sort_key=lambda r: r.valid_until or r.valid_from.max),
    Column(N_("Note"), lambda r: r.note),
]


class AgreementsPage(ListPage):
    """Agreements by customer, service and status; details with quantity history; the steps."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Service agreements"), parent)
        self.model = RowTableModel(AGREEMENT_COLUMNS, key=lambda r: r.agreement_id, parent=self)
        self.history_model = RowTableModel(HISTORY_COLUMNS, key=lambda r: r.item_id, parent=self)
        self.current: AgreementDetail | None = None
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(_("Filter by number, customer, service or status"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.status_combo = QComboBox(self)
        self.status_combo.addItem(_("All statuses"), None)
        for status in AgreementStatus:
            self.status_combo.addItem(status.label, status)
        self.status_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        toolbar = QHBoxLayout()
        toolbar.addWidget(self.filter_edit, 1)
        toolbar.addWidget(self.status_combo)
        actions = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("new", _("New agreement"), self.new_agreement),
            ("edit", _("Edit"), self.edit_selected),
            ("approval", _("Approval…"), self.record_approval),
            ("activate", _("Put into force"), self.activate_selected),
            ("quantity", _("Change quantity…"), self.change_quantity),
            ("notice", _("Notice…"), self.give_notice),
            ("end", _("End…"), self.end_selected),
            ("pdf", _("PDF…"), self.show_pdf),
            ("text", _("Agreement text…"), self.edit_text),
        ):
            button = QPushButton(text, self)
            button.setObjectName(f"agreement_{key}")
            button.clicked.connect(slot)
            self.buttons[key] = button
            actions.addWidget(button)
        actions.addStretch(1)
        self.table = _table(self.model, self, CUSTOMER)
        self.table.sortByColumn(CUSTOMER, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self._detail_box())
        self.banner = MessageBanner(self)
        layout = self.body_layout()
        layout.addWidget(self.banner)
        layout.addLayout(toolbar)
        layout.addLayout(actions)
        layout.addWidget(splitter, 1)
        self._show_detail(None)

    def _detail_box(self) -> QGroupBox:
        self.detail = QGroupBox(_("Details"), self)
        self.labels: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in (
            ("title", _("Title")),
            ("parties", _("Customer")),
            ("operator", _("Operated by today")),
            ("term", _("Term")),
            ("billing", _("Billing")),
            ("approval", _("Approval")),
            ("items", _("Quantities today")),
        ):
            value = QLabel(self.detail)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.labels[key] = value
            form.addRow(label + ":", value)
        self.history_table = _table(self.history_model, self.detail, 4)
        self.history_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        layout = QVBoxLayout(self.detail)
        layout.addLayout(form)
        layout.addWidget(heading_label(_("Quantity history"), self.detail, scale=1.0))
        layout.addWidget(self.history_table, 1)
        return self.detail

    # --- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the agreements (status filter applied), keeping the selection."""
        selected = self.selected_id()
        status = self.status_combo.currentData()
        self.model.set_rows(list_agreements(self.ctx.db, self.ctx.today(), status=status))
        for column in (NUMBER, SERVICE, STATUS, START, END, OPERATOR):
            self.table.resizeColumnToContents(column)
        if not (selected is not None and self.select_record(selected)) and self.model.rowCount():
            self.table.selectRow(0)
        self._selection_changed()

    def _apply_filter(self, text: str) -> None:
        self.model.set_filter_text(text)
        self._selection_changed()

    def selected_id(self) -> int | None:
        """Id of the selected agreement."""
        indexes = self.table.selectionModel().selectedRows()
        row = self.model.row_for_index(indexes[0]) if indexes else None
        return None if row is None else row.agreement_id

    def select_record(self, record_id: int) -> bool:
        """Select an agreement in the list (clears a filter that hides it)."""
        position = self.model.position_of(record_id)
        if position is None and self.model.is_filtered():
            self.filter_edit.clear()
            position = self.model.position_of(record_id)
        if position is None:
            return False
        self.table.selectRow(position)
        return True

    def _selection_changed(self, *_args: object) -> None:
        self.banner.clear_message()
        agreement_id = self.selected_id()
        detail = None
        if agreement_id is not None:
            detail = agreement_detail(self.ctx.db, agreement_id, self.ctx.today())
        self._show_detail(detail)

    def _show_detail(self, detail: AgreementDetail | None) -> None:
        self.current = detail
        status = detail.row.status if detail else None
        enabled = {
            "edit": status
            in (
                AgreementStatus.DRAFT,
                AgreementStatus.ACTIVE,
                AgreementStatus.NOTICE_GIVEN,
            ),
            "approval": detail is not None and status is not AgreementStatus.ENDED,
            "activate": status is AgreementStatus.DRAFT,
            "quantity": detail is not None and status is not AgreementStatus.ENDED,
            "notice": status is AgreementStatus.ACTIVE,
            "end": status in (AgreementStatus.ACTIVE, AgreementStatus.NOTICE_GIVEN),
            "pdf": detail is not None,
            "text": True,
        }
        for key, on in enabled.items():
            self.buttons[key].setEnabled(bool(on))
        if detail is None:
            self.detail.setTitle(_("Details"))
            for label in self.labels.values():
                label.setText("")
            self.history_model.set_rows([])
            return
        row = detail.row
        self.detail.setTitle(_("Details: {number}").format(number=row.number))
        for key, text in self._texts(detail).items():
            self.labels[key].setText(text)
        self.history_model.set_rows(detail.history)
        for column in (0, 1, 2, 3):
            self.history_table.resizeColumnToContents(column)

    def _texts(self, detail: AgreementDetail) -> dict[str, str]:
        row = detail.row
        member = _("member") if row.is_member else _("not a member: Zweckvereinbarung")
        term = _("{start} to {end}; notice period {months} months").format(
            start=format_date(row.valid_from) or "–", end=end_text(row), months=row.notice_months
        )
        if detail.notice_given_on:
            term += "; " + _("notice given on {date}").format(
                date=format_date(detail.notice_given_on)
            )
        if row.authority_approved_on:
            approval = _("approved on {date}, file number {file}").format(
                date=format_date(row.authority_approved_on), file=detail.authority_file_number
            )
            if detail.announced_on:
                approval += "; " + _("announced on {date}: {where}").format(
                    date=format_date(detail.announced_on), where=detail.announced_in
                )
        else:
            approval = _("not needed") if row.is_member else _("pending")
        items = "; ".join(
            f"{q.price_code} {q.title}: {format_number(q.quantity.normalize())}" for q in row.items
        )
        return {
            "title": row.title,
            "parties": f"{row.customer} ({member}) · {row.service_code} – {row.service}",
            "operator": row.operator or _("none"),
            "term": term,
            "billing": row.billing_rhythm.label,
            "approval": approval,
            "items": items or "–",
        }

    # --- actions ------------------------------------------------------------------------------

    def _open(self, build: Callable[..., Any], *, needs_current: bool = True) -> Any:
        if needs_current and self.current is None:
            return None
        args = (self.ctx, self.current, self) if needs_current else (self.ctx, None, self)
        return self.open_dialog(build(*args))

    def new_agreement(self) -> Any:
        """Dialog for a new draft agreement."""
        from zidkor_desktop.ui.dialogs.agreement_dialogs import agreement_dialog

        return self._open(agreement_dialog, needs_current=False)

    def edit_selected(self) -> Any:
        """Dialog to edit the selected agreement."""
        from zidkor_desktop.ui.dialogs.agreement_dialogs import agreement_dialog

        return self._open(agreement_dialog)

    def record_approval(self) -> Any:
        """Dialog for the authority's approval and its announcement."""
        from zidkor_desktop.ui.dialogs.agreement_dialogs import approval_dialog

        return self._open(approval_dialog)

    def change_quantity(self) -> Any:
        """Dialog for a new quantity from a date."""
        from zidkor_desktop.ui.dialogs.agreement_dialogs import quantity_dialog

        return self._open(quantity_dialog)

    def give_notice(self) -> Any:
        """Dialog to record notice."""
        from zidkor_desktop.ui.dialogs.agreement_dialogs import notice_dialog

        return self._open(notice_dialog)

    def end_selected(self) -> Any:
        """Dialog to end the agreement."""
        from zidkor_desktop.ui.dialogs.agreement_dialogs import end_dialog

        return self._open(end_dialog)

    def edit_text(self) -> Any:
        """The editor of the agreement text's sections (the template every PDF is made from)."""
        from zidkor_desktop.ui.dialogs.agreement_text import AgreementTextDialog

        return self.open_dialog(AgreementTextDialog(self.ctx, self))

    def activate_selected(self) -> bool:
        """Put the selected draft into force after a question; a refusal is shown."""
        detail = self.current
        if detail is None:
            return False
        answer = QMessageBox.question(
            self,
            _("Put into force"),
            _("Put agreement {number} into force now?").format(number=detail.row.number),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return self.run_activation()

    def run_activation(self) -> bool:
        """Activate without asking (the question's Yes); False with the refusal shown."""
        detail = self.current
        if detail is None:
            return False
        try:
            call(self, lambda: activate(self.ctx.db, detail.row.agreement_id, self.ctx.today()))
        except DomainError as exc:
            self.banner.show_error(str(exc))
            return False
        self._saved(detail.row.agreement_id)
        return True

    def show_pdf(self) -> Any:
        """Open the agreement as of today in the document viewer."""
        detail = self.current
        if detail is None:
            return None
        from zidkor_desktop.ui.preview.viewer import show_document  # QtPdf: lazily
        from zidkor_desktop.usecases.agreement_pdf import agreement_file_name, agreement_pdf

        day = self.ctx.today()
        try:
            data = call(self, lambda: agreement_pdf(self.ctx.db, detail.row.agreement_id, day))
        except DomainError as exc:
            self.banner.show_error(str(exc))
            return None
        folder = Path(str(self.ctx.settings.value(LAST_FOLDER_KEY, str(Path.home()))))

        def remember(written: Path) -> None:
            self.ctx.settings.setValue(LAST_FOLDER_KEY, str(written.parent))

        title = _("Agreement {number}").format(number=detail.row.number)
        self.viewer = show_document(
            self, data, title, folder / agreement_file_name(detail.row.number), remember
        )
        return self.viewer
