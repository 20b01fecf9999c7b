"""Services area (Verfahren): list with today's operator, details with the operator history."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.l10n import N_, _, format_date, format_unit_price
from zidkor_desktop.queries.price_versions import ItemRow, service_items
from zidkor_desktop.queries.services import HistoryRow, ServiceRow, list_services, operator_history
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.models.row_table_model import (
    ALIGN_RIGHT,
    Column,
    RowTableModel,
    text_sort_key,
)
from zidkor_desktop.ui.pages.base import ListPage, heading_label
from zidkor_desktop.ui.widgets.list_header import set_up_list_header
from zidkor_desktop.usecases.services import get_service

CODE, NAME, STATUS, OPERATOR = range(4)

SERVICE_COLUMNS: list[Column[ServiceRow]] = [
    Column(N_("Code"), lambda r: r.code, searchable=True),
    Column(N_("Name"), lambda r: r.name, searchable=True),
    Column(N_("Status"), lambda r: r.status.label, searchable=True),
    Column(
        N_("Operated by"),
        lambda r: r.operator or "–",
        sort_key=lambda r: text_sort_key(r.operator) if r.operator else None,
        searchable=True,
    ),
]


def _until(row: HistoryRow) -> str:
    return format_date(row.valid_until) if row.valid_until else _("open-ended")


HISTORY_COLUMNS: list[Column[HistoryRow]] = [
    Column(N_("Operating city"), lambda r: r.city),
    Column(N_("From"), lambda r: format_date(r.valid_from), sort_key=lambda r: r.valid_from),
    Column(N_("Until"), _until, sort_key=lambda r: r.valid_until or r.valid_from.max),
    Column(N_("Resolution"), lambda r: r.resolution_ref),
]

PRICE_COLUMNS: list[Column[ItemRow]] = [
    Column(
        N_("Pos."), lambda r: str(r.position), sort_key=lambda r: r.position, alignment=ALIGN_RIGHT
    ),
    Column(N_("Service item"), lambda r: r.title),
    Column(
        N_("Net price"),
        lambda r: format_unit_price(r.unit_price),
        sort_key=lambda r: r.unit_price,
        alignment=ALIGN_RIGHT,
    ),
    Column(N_("Unit"), lambda r: r.unit_text or r.unit.label),
    Column(N_("Billing"), lambda r: r.billing_rhythm.label),
]


def _table(model: RowTableModel[Any], parent: QWidget, stretch: int) -> QTableView:
    """A read-only, sortable list view with the common header."""
    table = QTableView(parent)
    table.setModel(model)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    rows = table.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = set_up_list_header(table)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setHighlightSections(False)
    return table


class ServicesPage(ListPage):
    """Services with their operating city; create, edit and change the operator by dialogs."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Services"), parent)
        self.model = RowTableModel(SERVICE_COLUMNS, key=lambda r: r.service_id, parent=self)
        self.history_model = RowTableModel(HISTORY_COLUMNS, key=lambda r: r.valid_from, parent=self)
        self.price_model = RowTableModel(PRICE_COLUMNS, key=lambda r: r.position, parent=self)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(_("Filter by code, name, status or operating city"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.new_button = QPushButton(_("New service"), self)
        self.edit_button = QPushButton(_("Edit"), self)
        self.operator_button = QPushButton(_("Change operator…"), self)
        self.operator_button.setToolTip(
            _("Let another member city operate the selected service from a date")
        )
        self.new_button.clicked.connect(self.new_service)
        self.edit_button.clicked.connect(self.edit_selected)
        self.operator_button.clicked.connect(self.change_operator)
        toolbar = QHBoxLayout()
        toolbar.addWidget(self.filter_edit, 1)
        toolbar.addSpacing(12)
        for button in (self.new_button, self.edit_button, self.operator_button):
            toolbar.addWidget(button)

        self.table = _table(self.model, self, NAME)
        self.table.sortByColumn(CODE, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self._detail_box())
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = self.body_layout()
        layout.addLayout(toolbar)
        layout.addWidget(splitter, 1)
        self._show_detail(None)

    def _detail_box(self) -> QGroupBox:
        self.detail = QGroupBox(_("Details"), self)
        self.detail_labels: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in (
            ("name", _("Name")),
            ("status", _("Status")),
            ("started_on", _("Start date")),
            ("operator", _("Operated by today")),
            ("description", _("Description")),
            ("legal_basis", _("Legal basis / notes")),
        ):
            value = QLabel(self.detail)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.detail_labels[key] = value
            form.addRow(label + ":", value)
        self.history_table = _table(self.history_model, self.detail, 3)
        self.history_table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        layout = QVBoxLayout(self.detail)
        layout.addLayout(form)
        layout.addWidget(heading_label(_("Operator history"), self.detail, scale=1.0))
        layout.addWidget(self.history_table, 1)
        self.price_table = _table(self.price_model, self.detail, 1)
        self.price_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.price_heading = heading_label(_("Fees"), self.detail, scale=1.0)
        layout.addWidget(self.price_heading)
        layout.addWidget(self.price_table, 1)
        return self.detail

    # --- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the services, keeping the selection."""
        selected = self.selected_id()
        self.model.set_rows(list_services(self.ctx.db, self.ctx.today()))
        for column in (CODE, STATUS, OPERATOR):
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, self.table.columnWidth(column) + 16)
        found = selected is not None and self.select_service(selected)
        if not found and self.model.rowCount():
            self.table.selectRow(0)
        self._selection_changed()

    def _apply_filter(self, text: str) -> None:
        self.model.set_filter_text(text)
        self._selection_changed()

    def selected_row(self) -> ServiceRow | None:
        """The service selected in the list."""
        indexes = self.table.selectionModel().selectedRows()
        return self.model.row_for_index(indexes[0]) if indexes else None

    def selected_id(self) -> int | None:
        """Id of the selected service."""
        row = self.selected_row()
        return None if row is None else row.service_id

    def select_service(self, service_id: int) -> bool:
        """Select a service in the list (clears a filter that hides it)."""
        position = self.model.position_of(service_id)
        if position is None and self.model.is_filtered():
            self.filter_edit.clear()
            position = self.model.position_of(service_id)
        if position is None:
            return False
        self.table.selectRow(position)
        self.table.scrollTo(self.model.index(position, CODE))
        return True

    def _selection_changed(self, *_args: object) -> None:
        row = self.selected_row()
        self.edit_button.setEnabled(row is not None)
        self.operator_button.setEnabled(row is not None)
        self._show_detail(row)

    def _show_detail(self, row: ServiceRow | None) -> None:
        if row is None:
            self.detail.setTitle(_("Details"))
            for label in self.detail_labels.values():
                label.setText("")
            self.history_model.set_rows([])
            self.price_model.set_rows([])
            return
        record = get_service(self.ctx.db, row.service_id)
        data = record.data
        self.detail.setTitle(_("Details: {code}").format(code=data.code))
        texts = {
            "name": data.name,
            "status": data.status.label,
            "started_on": format_date(data.started_on) if data.started_on else "–",
            "operator": row.operator or _("none"),
            "description": data.description or "–",
            "legal_basis": data.legal_basis or "–",
        }
        for key, text in texts.items():
            self.detail_labels[key].setText(text)
        self.history_model.set_rows(operator_history(self.ctx.db, row.service_id))
        for column in (0, 1, 2):
            self.history_table.resizeColumnToContents(column)
            self.history_table.setColumnWidth(column, self.history_table.columnWidth(column) + 16)
        self._show_prices(row.service_id)

    def _show_prices(self, service_id: int) -> None:
        """The service's items in the price list in force today."""
        today = self.ctx.today()
        version_no, items = service_items(self.ctx.db, service_id, today)
        if version_no is None:
            heading = _("Fees: no published price list is in force today")
        elif not items:
            heading = _("Fees (version {number}): none for this service").format(number=version_no)
        else:
            heading = _("Fees (version {number}, in force today)").format(number=version_no)
        self.price_heading.setText(heading)
        self.price_model.set_rows(items)
        for column in (0, 2, 3, 4):
            self.price_table.resizeColumnToContents(column)
            self.price_table.setColumnWidth(column, self.price_table.columnWidth(column) + 16)

    # --- dialogs ------------------------------------------------------------------------------

    def new_service(self) -> QWidget:
        """Open the dialog for a new service."""
        from zidkor_desktop.ui.dialogs.service_dialog import ServiceDialog

        return self.open_dialog(ServiceDialog(self.ctx, None, self))

    def edit_selected(self) -> QWidget | None:
        """Open the dialog for the selected service."""
        service_id = self.selected_id()
        if service_id is None:
            return None
        try:
            record = get_service(self.ctx.db, service_id)
        except DomainError as exc:
            QMessageBox.warning(self, _("Edit service"), str(exc))
            self.refresh()
            return None
        from zidkor_desktop.ui.dialogs.service_dialog import ServiceDialog

        return self.open_dialog(ServiceDialog(self.ctx, record, self))

    def change_operator(self) -> QWidget | None:
        """Open the dialog that lets another city operate the selected service."""
        row = self.selected_row()
        if row is None:
            return None
        from zidkor_desktop.ui.dialogs.operator_dialog import OperatorDialog

        return self.open_dialog(OperatorDialog(self.ctx, row, self))

    def select_record(self, record_id: int) -> bool:
        """Select a record of the list by id (see ListPage)."""
        return self.select_service(record_id)
