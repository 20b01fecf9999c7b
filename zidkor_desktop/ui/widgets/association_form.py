"""Form for the association's master data, shared by the first-start setup and the settings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from zidkor_desktop.domain.errors import DomainError, ValidationError
from zidkor_desktop.domain.numbering import format_number
from zidkor_desktop.l10n import N_, _
from zidkor_desktop.ui.errors import call
from zidkor_desktop.ui.widgets.message_banner import MessageBanner
from zidkor_desktop.ui.widgets.money_edit import MoneyEdit
from zidkor_desktop.ui.widgets.plain_text import refuse_control_characters
from zidkor_desktop.usecases.settings import SettingsData, save_settings

if TYPE_CHECKING:
    from zidkor_desktop.db.session import Database

ASSOCIATION, TAX, BANK, CONTACT, INVOICING = "association", "tax", "bank", "contact", "invoicing"
SETUP_GROUPS = (ASSOCIATION, TAX, BANK, CONTACT)
ALL_GROUPS = (ASSOCIATION, TAX, BANK, CONTACT, INVOICING)

# group -> (title msgid, rows of (label msgid, field names shown side by side))
_GROUPS: dict[str, tuple[str, list[tuple[str, tuple[str, ...]]]]] = {
    ASSOCIATION: (
        N_("Association"),
        [
            (N_("Official name"), ("name",)),
            (N_("Short name"), ("short_name",)),
            (N_("Street and number"), ("street",)),
            (N_("Postcode and town"), ("postcode", "city")),
            (N_("Chair"), ("chair_name",)),
        ],
    ),
    TAX: (
        N_("Tax"),
        [
            (N_("Tax number"), ("tax_number",)),
            (N_("VAT ID"), ("vat_id",)),
            (N_("Registration ID"), ("registration_id",)),
        ],
    ),
    BANK: (
        N_("Bank account"),
        [(N_("IBAN"), ("iban",)), (N_("BIC"), ("bic",)), (N_("Bank"), ("bank_name",))],
    ),
    CONTACT: (
        N_("Contact for e-invoices"),
        [
            (N_("Contact person"), ("contact_name",)),
            (N_("Phone"), ("contact_phone",)),
            (N_("E-mail"), ("contact_email",)),
            (N_("Electronic address"), ("electronic_address", "electronic_scheme")),
        ],
    ),
    INVOICING: (
        N_("Invoices and capital"),
        [
            (N_("Invoice number format"), ("invoice_number_format",)),
            (N_("Payment term (days)"), ("payment_terms_days",)),
            (N_("Capital per vote"), ("capital_per_vote",)),
            (N_("Note on non-taxable invoices"), ("not_taxable_note",)),
            (N_("Months begun or ended"), ("pro_rata_rule",)),
            (N_("Invoice intro text"), ("invoice_intro",)),
            (N_("Invoice closing text"), ("invoice_closing",)),
        ],
    ),
}

_PLACEHOLDERS = {
    "short_name": N_("e.g. ZIDKOR"),
    "postcode": N_("Postcode"),
    "city": N_("Town"),
    "tax_number": N_("Tax number or VAT ID is required on invoices"),
    "iban": N_("DE.. (checked when saved)"),
    "electronic_address": N_("E-mail address that receives e-invoices"),
    "registration_id": N_("Required in e-invoices besides the tax number (BT-30)"),
}
_CHOICES: dict[str, list[tuple[str, str]]] = {
    "electronic_scheme": [
        ("EM", N_("E-mail (EM)")),
        ("0204", N_("Leitweg-ID (0204)")),
        ("9930", N_("VAT ID (9930)")),
    ],
    "pro_rata_rule": [
        ("per_started_month", N_("count each month begun in full")),
        ("by_day", N_("by the day (share of the month's days)")),
    ],
}
_MULTILINE = ("not_taxable_note", "invoice_intro", "invoice_closing")
_TOOLTIPS = {
    "invoice_number_format": N_(
        "Pattern of the invoice numbers. [JAHR] becomes the year, [NR] the running number of "
        "the year, [NR:5] the number with five digits (leading zeros). Letters, digits and "
        "- / _ . are copied. Example: RE-[JAHR]-[NR:5] gives RE-2026-00001."
    ),
    "electronic_address": N_("Seller's electronic address in XRechnung (BT-34)."),
    "registration_id": N_(
        "The association's legal registration identifier (EN 16931 BT-30), e.g. the number "
        "under which the supervisory authority keeps it. E-invoices need it besides a tax number."
    ),
    "pro_rata_rule": N_(
        "How a billing run charges the month in which an agreement starts or ends: in full, "
        "or only the days from the start or up to the end."
    ),
    "invoice_intro": N_("Printed above the lines of every invoice."),
    "invoice_closing": N_("Printed below the totals of every invoice."),
}


class AssociationForm(QWidget):
    """Editable SettingsData, grouped; `data()` returns the edited copy."""

    changed = Signal()

    def __init__(self, groups: Sequence[str] = ALL_GROUPS, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._base = SettingsData(name="", short_name="")
        self._widgets: dict[str, QWidget] = {}
        self.number_preview = QLabel(self)
        self.number_preview.setObjectName("numberPreview")
        self.number_preview.setWordWrap(True)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        position = 0
        for group in groups:
            box = self._group_box(group)
            if group == ASSOCIATION:
                grid.addWidget(box, 0, 0, 1, 2)
                position = 2
            else:
                grid.addWidget(box, position // 2, position % 2)
                position += 1
        grid.setRowStretch(position // 2 + 1, 1)
        self.set_data(self._base)

    # --- public -------------------------------------------------------------------------------

    def widget_for(self, field: str | None) -> QWidget | None:
        """The input widget of a SettingsData field, if shown."""
        return self._widgets.get(field or "")

    def set_data(self, data: SettingsData) -> None:
        """Fill the form."""
        self._base = data
        for name, widget in self._widgets.items():
            value = getattr(data, name)
            if isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(value)))
            elif isinstance(widget, QSpinBox):
                widget.setValue(int(value))
            elif isinstance(widget, MoneyEdit):
                widget.set_value(value)
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(str(value))
            elif isinstance(widget, QLineEdit):
                widget.setText(str(value))
                widget.setCursorPosition(0)
        self._snapshot = self._state()

    def data(self) -> SettingsData:
        """The edited settings; raises ValidationError for an amount that cannot be read."""
        values: dict[str, object] = {}
        for name, widget in self._widgets.items():
            if isinstance(widget, QComboBox):
                values[name] = widget.currentData()
            elif isinstance(widget, QSpinBox):
                values[name] = widget.value()
            elif isinstance(widget, MoneyEdit):
                values[name] = self._amount(widget)
            elif isinstance(widget, QPlainTextEdit):
                values[name] = widget.toPlainText()
            elif isinstance(widget, QLineEdit):
                values[name] = widget.text()
        return replace(self._base, **values)

    def is_dirty(self) -> bool:
        """True when the form differs from the data last set."""
        return self._state() != self._snapshot

    def mark_clean(self) -> None:
        """Take the current input as the saved state."""
        self._snapshot = self._state()

    # --- internals ----------------------------------------------------------------------------

    def _group_box(self, group: str) -> QGroupBox:
        title, rows = _GROUPS[group]
        box = QGroupBox(_(title), self)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, names in rows:
            widgets = [self._make_widget(name) for name in names]
            if len(widgets) == 1:
                form.addRow(_(label), widgets[0])
                continue
            row = QHBoxLayout()
            row.setContentsMargins(0, 0, 0, 0)
            for widget in widgets:
                row.addWidget(widget, 0 if widget is widgets[0] else 1)
            form.addRow(_(label), row)
        if group == INVOICING:
            form.insertRow(1, "", self.number_preview)
        return box

    def _make_widget(self, name: str) -> QWidget:
        widget: QWidget
        if name == "payment_terms_days":
            spin = QSpinBox(self)
            spin.setRange(0, 365)
            spin.valueChanged.connect(self.changed)
            widget = spin
        elif name == "capital_per_vote":
            money = MoneyEdit(self)
            money.textChanged.connect(self.changed)
            widget = money
        elif name in _CHOICES:
            combo = QComboBox(self)
            for value, label in _CHOICES[name]:
                combo.addItem(_(label), value)
            combo.currentIndexChanged.connect(self.changed)
            widget = combo
        elif name in _MULTILINE:
            text = QPlainTextEdit(self)
            text.setTabChangesFocus(True)
            text.setFixedHeight(text.fontMetrics().lineSpacing() * 3 + 12)
            text.textChanged.connect(self.changed)
            widget = text
        else:
            line = QLineEdit(self)
            if name == "postcode":
                line.setMaxLength(10)
                line.setFixedWidth(line.fontMetrics().horizontalAdvance("000000") + 24)
            line.textChanged.connect(self.changed)
            refuse_control_characters(line)
            if name == "invoice_number_format":
                line.textChanged.connect(self._update_number_preview)
            widget = line
        if name in _PLACEHOLDERS and isinstance(widget, QLineEdit):
            widget.setPlaceholderText(_(_PLACEHOLDERS[name]))
        if name in _TOOLTIPS:
            widget.setToolTip(_(_TOOLTIPS[name]))
        widget.setObjectName(name)
        self._widgets[name] = widget
        return widget

    def _update_number_preview(self, pattern: str) -> None:
        """Show the next invoice number the pattern gives, or why it is not valid."""
        try:
            number = format_number(pattern, date.today().year, 1)
        except ValidationError as exc:
            self.number_preview.setText(str(exc))
            self.number_preview.setStyleSheet("color: #a4262c;")
            return
        self.number_preview.setText(_("Next number: {number}").format(number=number))
        self.number_preview.setStyleSheet("")

    def _amount(self, widget: MoneyEdit) -> Decimal:
        try:
            return widget.value()
        except ValueError as exc:
            raise ValidationError(
                _("The capital per vote is not a valid amount."), "capital_per_vote"
            ) from exc

    def _state(self) -> tuple[str, ...]:
        texts = []
        for widget in self._widgets.values():
            if isinstance(widget, QComboBox):
                texts.append(str(widget.currentData()))
            elif isinstance(widget, QSpinBox):
                texts.append(str(widget.value()))
            elif isinstance(widget, QPlainTextEdit):
                texts.append(widget.toPlainText())
            elif isinstance(widget, QLineEdit):
                texts.append(widget.text())
        return tuple(texts)


def save_association_form(db: Database, form: AssociationForm, banner: MessageBanner) -> bool:
    """Store the form's settings; on a mistake show it in the banner and focus its field."""
    try:
        data = form.data()
        call(form, lambda: save_settings(db, data), where=db.path or db.url)
    except ValidationError as exc:
        widget = form.widget_for(exc.field)
        banner.show_field_error(str(exc), widget)  # cleared as soon as the field is edited
        if widget is not None:
            widget.setFocus()
        return False
    except DomainError as exc:
        banner.show_error(str(exc))
        return False
    return True
