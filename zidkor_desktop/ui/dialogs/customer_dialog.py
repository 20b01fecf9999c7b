"""Create or edit a customer: name and address (or the member it is), e-invoicing, population."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.customers import AddressScheme
from zidkor_desktop.domain.errors import ConcurrentChange, DomainError, ValidationError
from zidkor_desktop.domain.kinds import OrganisationKind
from zidkor_desktop.domain.leitweg import validate_leitweg_id
from zidkor_desktop.l10n import _
from zidkor_desktop.queries.customers import member_choices, proposed_debtor_number
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.errors import call
from zidkor_desktop.ui.widgets.message_banner import MessageBanner
from zidkor_desktop.ui.widgets.plain_text import refuse_control_characters
from zidkor_desktop.ui.widgets.population_table import PopulationTable
from zidkor_desktop.usecases.customers import (
    CustomerInput,
    CustomerRecord,
    create_customer,
    get_customer,
    update_customer,
)
from zidkor_desktop.usecases.members import get_member

ADDRESS_FIELDS = ("name", "street", "postcode", "city")
TEXT_FIELDS = (
    *ADDRESS_FIELDS,
    "address_extra",
    "contact_name",
    "contact_phone",
    "einvoice_email",
    "debtor_number",
    "tax_number",
    "vat_id",
    "leitweg_id",
)
_OK_STYLE = "color: #0d652d;"
_ERROR_STYLE = "color: #b00020;"


class CustomerDialog(QDialog):
    """Dialog for a new customer (`record` None) or for editing a loaded CustomerRecord."""

    def __init__(
        self, ctx: AppContext, record: CustomerRecord | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record = record
        self.saved_id: int | None = None
        self.fields: dict[str, QWidget] = {}
        self.setWindowTitle(
            _("New customer")
            if record is None
            else _("Edit customer: {name}").format(name=record.data.name)
        )
        self.banner = MessageBanner(self)
        self.reload_button = QPushButton(_("Reload"), self)
        self.reload_button.setToolTip(_("Load the customer as saved now"))
        self.reload_button.clicked.connect(self.reload)
        self.reload_button.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        grid = QGridLayout()
        grid.addWidget(self._address_group(), 0, 0)
        grid.addWidget(self._billing_group(), 0, 1)
        grid.addWidget(self._population_group(), 1, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 1)
        message_row = QHBoxLayout()
        message_row.addWidget(self.banner, 1)
        message_row.addWidget(self.reload_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(message_row)
        layout.addLayout(grid, 1)
        layout.addWidget(self.buttons)
        self.resize(max(self.sizeHint().width(), 1040), max(self.sizeHint().height(), 620))
        self._load(record.data if record else CustomerInput(name=""))
        self._snapshot = self._state()
        self.member.currentIndexChanged.connect(self._member_changed)
        self.leitweg_id.textChanged.connect(self._check_leitweg_id)
        self._first_field().setFocus()

    # --- layout -------------------------------------------------------------------------------

    def _address_group(self) -> QGroupBox:
        box = QGroupBox(_("Customer"), self)
        form = self._form(box)
        self.member = QComboBox(box)
        self.member.addItem(_("No member (own record)"), None)
        if self.record is None:
            for choice in member_choices(self.ctx.db):
                self.member.addItem(choice.name, choice.organisation_id)
        else:
            self.member.setEnabled(False)
            if self.record.data.member_id is not None:
                self.member.addItem(self.record.data.name, self.record.data.member_id)
        self.member.setToolTip(
            _("A member city that is also a customer: name and address come from the member.")
        )
        self._add(form, "member_id", _("Member"), self.member)
        self.member_note = QLabel(
            _("Name, type and address are the member's; change them under Members."), box
        )
        self.member_note.setWordWrap(True)
        form.addRow("", self.member_note)
        self._add(form, "name", _("Name"), QLineEdit(box))
        self.kind = QComboBox(box)
        for kind in OrganisationKind:
            self.kind.addItem(kind.label, kind.value)
        self._add(form, "kind", _("Type"), self.kind)
        self._add(form, "street", _("Street and number"), QLineEdit(box))
        postcode, city = QLineEdit(box), QLineEdit(box)
        postcode.setMaxLength(5)
        postcode.setFixedWidth(postcode.fontMetrics().horizontalAdvance("000000") + 24)
        postcode.setPlaceholderText(_("Postcode"))
        city.setPlaceholderText(_("Town"))
        for field, widget in (("postcode", postcode), ("city", city)):
            widget.setObjectName(field)
            refuse_control_characters(widget)
            self.fields[field] = widget
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(postcode)
        row.addWidget(city, 1)
        form.addRow(_("Postcode and town"), row)
        extra = QLineEdit(box)
        extra.setPlaceholderText(_("e.g. Standesamt"))
        self._add(form, "address_extra", _("Address addition"), extra)
        self._add(form, "contact_name", _("Contact person"), QLineEdit(box))
        self._add(form, "contact_phone", _("Phone"), QLineEdit(box))
        return box

    def _billing_group(self) -> QGroupBox:
        box = QGroupBox(_("Invoicing"), self)
        form = self._form(box)
        number = QLineEdit(box)
        number.setMaxLength(20)
        if self.record is None:
            number.setPlaceholderText(
                _("automatic: {number}").format(number=proposed_debtor_number(self.ctx.db))
            )
            number.setToolTip(_("Leave empty to give the next free number on saving."))
        self._add(form, "debtor_number", _("Debtor number"), number)
        self.leitweg_id = QLineEdit(box)
        self.leitweg_id.setMaxLength(46)
        self.leitweg_id.setPlaceholderText(_("e.g. 07315000-12345-66"))
        self._add(form, "leitweg_id", _("Leitweg-ID"), self.leitweg_id)
        self.leitweg_check = QLabel(box)
        self.leitweg_check.setObjectName("leitwegCheck")
        self.leitweg_check.setWordWrap(True)
        form.addRow("", self.leitweg_check)
        self._add(form, "einvoice_email", _("E-mail for e-invoices"), QLineEdit(box))
        self.scheme = QComboBox(box)
        for scheme in AddressScheme:
            self.scheme.addItem(scheme.label, scheme.value)
        self.scheme.setToolTip(
            _("Where e-invoices go (electronic address, BT-49): the Leitweg-ID or the e-mail.")
        )
        self._add(form, "scheme", _("E-invoices to"), self.scheme)
        self._add(form, "tax_number", _("Tax number"), QLineEdit(box))
        vat = QLineEdit(box)
        vat.setPlaceholderText(_("e.g. DE123456789 (optional)"))
        self._add(form, "vat_id", _("VAT ID"), vat)
        return box

    def _population_group(self) -> QGroupBox:
        box = QGroupBox(_("Population (basis of fees per resident)"), self)
        self.populations = PopulationTable(self.ctx.today(), box)
        self.fields["populations"] = self.populations
        layout = QVBoxLayout(box)
        layout.addWidget(self.populations)
        return box

    def _form(self, box: QGroupBox) -> QFormLayout:
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return form

    def _add(self, form: QFormLayout, field: str, label: str, widget: QWidget) -> None:
        self.fields[field] = widget
        widget.setObjectName(field)
        if isinstance(widget, QLineEdit):
            refuse_control_characters(widget)
        form.addRow(label, widget)

    def _first_field(self) -> QWidget:
        if self.record is None:
            return self.member
        return self.fields["debtor_number" if self.record.data.member_id else "name"]

    # --- data ---------------------------------------------------------------------------------

    def _text(self, field: str) -> QLineEdit:
        widget = self.fields[field]
        assert isinstance(widget, QLineEdit)
        return widget

    def _load(self, data: CustomerInput) -> None:
        for field in TEXT_FIELDS:
            line = self._text(field)
            line.setText(getattr(data, field))
            line.setCursorPosition(0)
        self.kind.setCurrentIndex(max(0, self.kind.findData(data.kind.value)))
        self.scheme.setCurrentIndex(max(0, self.scheme.findData(data.scheme.value)))
        self.member.setCurrentIndex(max(0, self.member.findData(data.member_id)))
        self.populations.set_figures(data.populations)
        self._show_member_fields(data.member_id)
        self._check_leitweg_id()

    def customer_input(self) -> CustomerInput:
        """The input as typed; raises ValidationError for a population line that cannot be read."""
        values: dict[str, object] = {f: self._text(f).text() for f in TEXT_FIELDS}
        values.update(
            kind=OrganisationKind(self.kind.currentData()),
            scheme=AddressScheme(self.scheme.currentData()),
            member_id=self.member.currentData(),
            populations=self.populations.figures(),
        )
        base = self.record.data if self.record is not None else CustomerInput(name="")
        return replace(base, **values)  # type: ignore[arg-type]

    def _state(self) -> tuple[object, ...]:
        return (
            tuple(self._text(f).text() for f in TEXT_FIELDS),
            self.kind.currentIndex(),
            self.scheme.currentIndex(),
            self.member.currentIndex(),
            self.populations.state(),
        )

    def is_dirty(self) -> bool:
        """True when anything differs from the loaded (or empty) input."""
        return self._state() != self._snapshot

    # --- reactions ----------------------------------------------------------------------------

    def _member_changed(self, _index: int) -> None:
        member_id = self.member.currentData()
        if member_id is not None:
            try:
                member = get_member(self.ctx.db, member_id, self.ctx.today()).data
            except DomainError as exc:
                self.show_error(str(exc), "member_id")
                return
            for field in ADDRESS_FIELDS:
                self._text(field).setText(getattr(member, field))
            self.kind.setCurrentIndex(max(0, self.kind.findData(member.kind.value)))
        else:
            for field in ADDRESS_FIELDS:
                self._text(field).clear()
        self._show_member_fields(member_id)

    def _show_member_fields(self, member_id: int | None) -> None:
        """A member's name, type and address are shown read-only (kept once, as the member's)."""
        is_member = member_id is not None
        for field in ADDRESS_FIELDS:
            self._text(field).setEnabled(not is_member)
        self.kind.setEnabled(not is_member)
        self.member_note.setVisible(is_member)

    def _check_leitweg_id(self) -> None:
        """Check the Leitweg-ID while it is typed and say what is wrong."""
        text = self.leitweg_id.text().strip()
        self.leitweg_check.setVisible(bool(text))
        if not text:
            self.leitweg_check.setText("")
            return
        try:
            validate_leitweg_id(text)
        except ValidationError as exc:
            self.leitweg_check.setStyleSheet(_ERROR_STYLE)
            self.leitweg_check.setText(str(exc))
            return
        self.leitweg_check.setStyleSheet(_OK_STYLE)
        self.leitweg_check.setText(_("✓ Leitweg-ID valid (structure and check digits)"))

    # --- save / cancel ------------------------------------------------------------------------

    def save(self) -> None:
        """Save through the use case; on any refusal show why and keep the dialog open."""
        self.banner.clear_message()
        self.reload_button.hide()
        try:
            data = self.customer_input()
            call(self, lambda: self._store(data), where=self.ctx.database_location())
        except ValidationError as exc:
            self.show_error(str(exc), exc.field)
            return
        except ConcurrentChange as exc:
            self.show_error(str(exc), None)
            self.reload_button.show()
            return
        except DomainError as exc:
            self.show_error(str(exc), None)
            return
        self._snapshot = self._state()
        self.accept()

    def _store(self, data: CustomerInput) -> None:
        if self.record is None:
            self.saved_id = create_customer(self.ctx.db, data, self.ctx.today())
        else:
            update_customer(self.ctx.db, self.record, data, self.ctx.today())
            self.saved_id = self.record.customer_id

    def reload(self) -> None:
        """Load the customer as saved now (after someone else changed it)."""
        assert self.record is not None
        try:
            self.record = get_customer(self.ctx.db, self.record.customer_id)
        except DomainError as exc:
            self.show_error(str(exc), None)
            return
        self.reload_button.hide()
        self._load(self.record.data)
        self._snapshot = self._state()
        self.banner.show_message(
            _("The customer was reloaded as saved now; please enter your change again."), "info"
        )

    def show_error(self, message: str, field: str | None) -> None:
        """Show a message above the form and put the cursor into the field it names."""
        widget = self.fields.get(field or "")
        self.banner.show_field_error(message, widget)
        if widget is not None:
            widget.setFocus()
            if isinstance(widget, QLineEdit):
                widget.selectAll()

    def reject(self) -> None:
        """Cancel; with unsaved changes only after the clerk confirms."""
        if self.is_dirty():
            answer = QMessageBox.question(
                self,
                _("Discard changes?"),
                _("The changes to this customer have not been saved. Discard them?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()
