"""Customers area (Kunden): list, details with population, agreements (read-only), account."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.customers import AddressScheme, PopulationFigure
from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.l10n import N_, _, format_date, format_number
from zidkor_desktop.queries.customers import (
    CustomerAgreementRow,
    CustomerRow,
    customer_agreements,
    list_customers,
)
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.models.row_table_model import (
    ALIGN_RIGHT,
    Column,
    RowTableModel,
    text_sort_key,
)
from zidkor_desktop.ui.pages.base import ListPage
from zidkor_desktop.ui.pages.services import _table
from zidkor_desktop.ui.widgets.customer_account import CustomerAccount
from zidkor_desktop.usecases.customers import CustomerRecord, get_customer

DEBTOR, NAME, KIND, MEMBER, ADDRESS, RESIDENTS = range(6)


def _member_text(row: CustomerRow) -> str:
    return row.member_status.label if row.member_status is not None else _("no")


def _address_text(row: CustomerRow) -> str:
    return row.electronic_address or "–"


def _residents_text(row: CustomerRow) -> str:
    if row.residents is None:
        return "–"
    return _("{residents} ({year})").format(
        residents=format_number(row.residents), year=row.residents_year
    )


CUSTOMER_COLUMNS: list[Column[CustomerRow]] = [
    Column(N_("Debtor no."), lambda r: r.debtor_number, searchable=True),
    Column(N_("Name"), lambda r: r.name, searchable=True),
    Column(N_("Type"), lambda r: r.kind.label, searchable=True),
    Column(N_("Member"), _member_text, searchable=True),
    Column(
        N_("E-invoices to"),
        _address_text,
        sort_key=lambda r: text_sort_key(r.electronic_address),
        searchable=True,
    ),
    Column(
        N_("Residents"),
        _residents_text,
        sort_key=lambda r: r.residents,
        alignment=ALIGN_RIGHT,
    ),
]
POPULATION_COLUMNS: list[Column[PopulationFigure]] = [
    Column(N_("Year"), lambda r: str(r.year), sort_key=lambda r: r.year, alignment=ALIGN_RIGHT),
    Column(
        N_("Residents"),
        lambda r: format_number(r.residents),
        sort_key=lambda r: r.residents,
        alignment=ALIGN_RIGHT,
    ),
    Column(N_("Source"), lambda r: r.source),
    Column(N_("As of"), lambda r: format_date(r.as_of) or "–", sort_key=lambda r: r.as_of),
]
AGREEMENT_COLUMNS: list[Column[CustomerAgreementRow]] = [
    Column(N_("Number"), lambda r: r.number),
    Column(N_("Service"), lambda r: r.service),
    Column(N_("Status"), lambda r: r.status_label),
    Column(N_("From"), lambda r: format_date(r.valid_from) or "–", sort_key=lambda r: r.valid_from),
    Column(
        N_("Until"),
        lambda r: format_date(r.valid_until) or _("open-ended"),
        sort_key=lambda r: r.valid_until,
    ),
]


class CustomersPage(ListPage):
    """Customers with their e-invoice address; create and edit by dialog."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Customers"), parent)
        self.model = RowTableModel(CUSTOMER_COLUMNS, key=lambda r: r.customer_id, parent=self)
        self.population_model = RowTableModel(POPULATION_COLUMNS, key=lambda r: r.year, parent=self)
        self.agreement_model = RowTableModel(
            AGREEMENT_COLUMNS, key=lambda r: r.agreement_id, parent=self
        )
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(
            _("Filter by debtor number, name, type, member or e-invoice address")
        )
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.new_button = QPushButton(_("New customer"), self)
        self.edit_button = QPushButton(_("Edit"), self)
        self.new_button.clicked.connect(self.new_customer)
        self.edit_button.clicked.connect(self.edit_selected)
        toolbar = QHBoxLayout()
        toolbar.addWidget(self.filter_edit, 1)
        toolbar.addSpacing(12)
        toolbar.addWidget(self.new_button)
        toolbar.addWidget(self.edit_button)

        self.table = _table(self.model, self, NAME)
        self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.count_label = QLabel(self)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self._detail_box())
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 420])
        layout = self.body_layout()
        layout.addLayout(toolbar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.count_label)
        self._show_detail(None)

    def _detail_box(self) -> QGroupBox:
        self.detail = QGroupBox(_("Details"), self)
        self.detail_labels: dict[str, QLabel] = {}
        left, right = QFormLayout(), QFormLayout()
        entries = (
            (left, "kind", _("Type")),
            (left, "member", _("Member")),
            (left, "address", _("Address")),
            (left, "contact", _("Contact person")),
            (right, "debtor_number", _("Debtor number")),
            (right, "leitweg_id", _("Leitweg-ID")),
            (right, "einvoice_email", _("E-mail for e-invoices")),
            (right, "einvoice_to", _("E-invoices to")),
            (right, "tax", _("Tax number / VAT ID")),
        )
        for form, key, label in entries:
            value = QLabel(self.detail)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.detail_labels[key] = value
            form.addRow(label + ":", value)
        forms = QHBoxLayout()
        forms.addLayout(left, 1)
        forms.addSpacing(24)
        forms.addLayout(right, 1)
        self.population_table = _table(self.population_model, self.detail, 2)
        self.population_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.agreement_table = _table(self.agreement_model, self.detail, 1)
        self.agreement_table.setObjectName("customerAgreements")
        self.agreement_table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        self.account = CustomerAccount(self.ctx, self.detail)
        self.detail_tabs = QTabWidget(self.detail)
        self.detail_tabs.setObjectName("customerDetailTabs")
        layout = QVBoxLayout(self.detail)
        layout.addLayout(forms)
        for heading, table in (
            (_("Population (basis of fees per resident)"), self.population_table),
            (_("Agreements (read-only; edited under Service agreements)"), self.agreement_table),
            (_("Account"), self.account),
        ):
            table.setMinimumHeight(self.population_table.verticalHeader().defaultSectionSize() * 4)
            self.detail_tabs.addTab(table, heading)
        layout.addWidget(self.detail_tabs, 1)
        return self.detail

    # --- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the customers, keeping the selection."""
        selected = self.selected_id()
        self.model.set_rows(list_customers(self.ctx.db, self.ctx.today()))
        for column in (DEBTOR, KIND, MEMBER, ADDRESS, RESIDENTS):
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, self.table.columnWidth(column) + 16)
        found = selected is not None and self.select_record(selected)
        if not found and self.model.rowCount():
            self.table.selectRow(0)
        self._selection_changed()

    def _apply_filter(self, text: str) -> None:
        self.model.set_filter_text(text)
        self._selection_changed()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total_count()
        text = _("{count} customers").format(count=total)
        if shown != total:
            text = _("{shown} of {count} customers shown").format(shown=shown, count=total)
        self.count_label.setText(text)

    def selected_row(self) -> CustomerRow | None:
        """The customer selected in the list."""
        indexes = self.table.selectionModel().selectedRows()
        return self.model.row_for_index(indexes[0]) if indexes else None

    def selected_id(self) -> int | None:
        """Id of the selected customer."""
        row = self.selected_row()
        return None if row is None else row.customer_id

    def select_record(self, record_id: int) -> bool:
        """Select a customer in the list (clears a filter that hides it)."""
        position = self.model.position_of(record_id)
        if position is None and self.model.is_filtered():
            self.filter_edit.clear()
            position = self.model.position_of(record_id)
        if position is None:
            return False
        self.table.selectRow(position)
        self.table.scrollTo(self.model.index(position, NAME))
        return True

    def _selection_changed(self, *_args: object) -> None:
        row = self.selected_row()
        self.edit_button.setEnabled(row is not None)
        self._update_count()
        self._show_detail(row)

    def _show_detail(self, row: CustomerRow | None) -> None:
        if row is None:
            self.detail.setTitle(_("Details"))
            for label in self.detail_labels.values():
                label.setText("")
            self.population_model.set_rows([])
            self.agreement_model.set_rows([])
            self.account.show_account(None, "")
            return
        try:
            record = get_customer(self.ctx.db, row.customer_id)
        except DomainError:
            self.refresh()
            return
        self.detail.setTitle(_("Details: {name}").format(name=row.name))
        for key, text in self._detail_texts(row, record).items():
            self.detail_labels[key].setText(text)
        self.population_model.set_rows(record.data.populations)
        self.agreement_model.set_rows(customer_agreements(self.ctx.db, row.customer_id))
        self.account.show_account(row.organisation_id, row.name)
        for table, columns in (
            (self.population_table, (0, 1, 3)),
            (self.agreement_table, (0, 2, 3, 4)),
        ):
            for column in columns:
                table.resizeColumnToContents(column)
                table.setColumnWidth(column, table.columnWidth(column) + 16)

    def _detail_texts(self, row: CustomerRow, record: CustomerRecord) -> dict[str, str]:
        data = record.data
        lines = [data.name, data.address_extra, data.street, f"{data.postcode} {data.city}".strip()]
        contact = ", ".join(t for t in (data.contact_name, data.contact_phone) if t)
        tax = " / ".join(t for t in (data.tax_number, data.vat_id) if t)
        if row.member_status is None:
            member = _("no (own record)")
        else:
            member = _("{status}; name and address from the members area").format(
                status=row.member_status.label
            )
        scheme = AddressScheme(data.scheme)
        return {
            "kind": data.kind.label,
            "member": member,
            "address": "\n".join(line for line in lines if line) or "–",
            "contact": contact or "–",
            "debtor_number": data.debtor_number,
            "leitweg_id": data.leitweg_id or "–",
            "einvoice_email": data.einvoice_email or "–",
            "einvoice_to": f"{row.electronic_address or '–'} – {scheme.label}",
            "tax": tax or "–",
        }

    # --- dialogs ------------------------------------------------------------------------------

    def new_customer(self) -> QWidget:
        """Open the dialog for a new customer."""
        from zidkor_desktop.ui.dialogs.customer_dialog import CustomerDialog

        return self.open_dialog(CustomerDialog(self.ctx, None, self))

    def edit_selected(self) -> QWidget | None:
        """Open the dialog for the selected customer."""
        customer_id = self.selected_id()
        if customer_id is None:
            return None
        try:
            record = get_customer(self.ctx.db, customer_id)
        except DomainError as exc:
            QMessageBox.warning(self, _("Edit customer"), str(exc))
            self.refresh()
            return None
        from zidkor_desktop.ui.dialogs.customer_dialog import CustomerDialog

        return self.open_dialog(CustomerDialog(self.ctx, record, self))
