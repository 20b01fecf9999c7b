"""A line added by hand to an invoice: free text or a price item of the price list in force."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.billing import InvoiceDraft, ManualLine
from zidkor_desktop.domain.errors import ValidationError
from zidkor_desktop.domain.invoicing import check_manual_line
from zidkor_desktop.domain.kinds import TaxCategory
from zidkor_desktop.domain.pricelist import TAX_RATES, parse_price
from zidkor_desktop.l10n import _, format_money, format_number, format_unit_price
from zidkor_desktop.queries.price_versions import ItemRow
from zidkor_desktop.ui.widgets.date_edit import DateEdit, date_input_error
from zidkor_desktop.ui.widgets.message_banner import MessageBanner
from zidkor_desktop.ui.widgets.plain_text import refuse_control_characters

QUANTITY_PLACES = 4
DEFAULT_UNIT_CODE = "C62"


def parse_quantity(text: str) -> Decimal:
    """A quantity as typed the German way ("2,5", "1.200", "-1"); ValueError if it is none."""
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif cleaned.count(".") == 1 and len(cleaned.split(".")[1]) == 3:
        cleaned = cleaned.replace(".", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite() or -value.as_tuple().exponent > QUANTITY_PLACES:  # type: ignore[operator]
        raise ValueError(text)
    return value


def quantity_text(value: Decimal) -> str:
    """A quantity without trailing zeros, the German way."""
    return format_number(value.normalize() + 0)


def tax_text(category: TaxCategory) -> str:
    """19 % USt, 7 % USt or nicht steuerbar."""
    return category.label


class ManualLineDialog(QDialog):
    """Asks for one line; OK only when `check_manual_line` accepts it for the draft."""

    def __init__(
        self,
        draft: InvoiceDraft,
        items: Sequence[ItemRow],
        parent: QWidget | None = None,
        line: ManualLine | None = None,
    ) -> None:
        super().__init__(parent)
        self.draft = draft
        self.items = list(items)
        self.line: ManualLine | None = None
        self.setWindowTitle(_("Invoice line"))
        self.banner = MessageBanner(self)
        self.item_box = QComboBox(self)
        self.item_box.addItem(_("— free text —"), None)
        for item in self.items:
            self.item_box.addItem(
                f"{item.code} {item.title} ({format_unit_price(item.unit_price)} {item.unit_text})",
                item.code,
            )
        self.item_box.currentIndexChanged.connect(self._item_chosen)
        self.title_edit = self._line_edit(200)
        self.detail_edit = self._line_edit(200)
        self.quantity_edit = self._line_edit(20)
        self.unit_edit = self._line_edit(60)
        self.unit_code_edit = self._line_edit(3)
        self.unit_code_edit.setText(DEFAULT_UNIT_CODE)
        self.price_edit = self._line_edit(20)
        self.tax_box = QComboBox(self)
        for category in TaxCategory:
            self.tax_box.addItem(tax_text(category), category)
        default = TaxCategory.NOT_TAXABLE if draft.not_taxable else TaxCategory.STANDARD
        self.tax_box.setCurrentIndex(self.tax_box.findData(default))
        self.start_edit = DateEdit(self)
        self.end_edit = DateEdit(self)
        period = QHBoxLayout()
        period.addWidget(self.start_edit)
        period.addWidget(QLabel(_("to"), self))
        period.addWidget(self.end_edit)
        period.addStretch(1)
        form = QFormLayout()
        for label, widget in (
            (_("Price item"), self.item_box),
            (_("Description"), self.title_edit),
            (_("Additional text"), self.detail_edit),
            (_("Quantity"), self.quantity_edit),
            (_("Unit"), self.unit_edit),
            (_("Unit code"), self.unit_code_edit),
            (_("Unit price (net)"), self.price_edit),
            (_("Tax"), self.tax_box),
        ):
            form.addRow(label + ":", widget)
        form.addRow(_("Service period (optional)") + ":", period)
        self.total_label = QLabel(self)
        for edit in (self.quantity_edit, self.price_edit):
            edit.textChanged.connect(self._show_total)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.total_label)
        layout.addWidget(buttons)
        if line is not None:
            self._show(line)
        self.resize(max(self.sizeHint().width(), 560), self.sizeHint().height())

    def _line_edit(self, length: int) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setMaxLength(length)
        refuse_control_characters(edit)
        return edit

    def _show(self, line: ManualLine) -> None:
        self.item_box.blockSignals(True)  # keep the line's own values, not today's price
        self.item_box.setCurrentIndex(max(0, self.item_box.findData(line.price_code or None)))
        self.item_box.blockSignals(False)
        self.title_edit.setText(line.title)
        self.detail_edit.setText(line.detail)
        self.quantity_edit.setText(quantity_text(line.quantity))
        self.unit_edit.setText(line.unit_label)
        self.unit_code_edit.setText(line.unit_code)
        self.price_edit.setText(format_unit_price(line.unit_price).replace("€", "").strip())
        self.tax_box.setCurrentIndex(self.tax_box.findData(line.tax_category))
        self.start_edit.set_date(line.start)
        self.end_edit.set_date(line.end)

    def _item_chosen(self, _index: int) -> None:
        code = self.item_box.currentData()
        item = next((i for i in self.items if i.code == code), None)
        if item is None:
            return
        self.title_edit.setText(item.title)
        self.unit_edit.setText(item.unit_text)
        self.unit_code_edit.setText(item.unit_code)
        self.price_edit.setText(format_unit_price(item.unit_price).replace("€", "").strip())
        self.tax_box.setCurrentIndex(self.tax_box.findData(item.tax_category))
        if not self.quantity_edit.text().strip():
            self.quantity_edit.setText("1")

    def _show_total(self) -> None:
        try:
            line = self._read()
        except ValidationError:
            self.total_label.setText("")
            return
        self.total_label.setText(_("Amount: {amount}").format(amount=format_money(line.net)))

    def _read(self) -> ManualLine:
        try:
            quantity = parse_quantity(self.quantity_edit.text())
        except ValueError:
            raise ValidationError(
                _("Quantity: please enter a number, e.g. 2 or 2,5 (negative for a credit)."),
                "quantity",
            ) from None
        try:
            price = parse_price(self.price_edit.text().replace("€", ""))
        except ValueError:
            raise ValidationError(
                _("Unit price: please enter an amount of at least 0 with up to 4 decimals."),
                "unit_price",
            ) from None
        dates = []
        for edit, label, key in (
            (self.start_edit, _("Service from"), "start"),
            (self.end_edit, _("Service to"), "end"),
        ):
            try:
                dates.append(edit.date())
            except ValueError:
                raise ValidationError(date_input_error(label), key) from None
        start, end = dates
        if (start is None) != (end is None):
            raise ValidationError(
                _("Service period: please enter both days or neither."),
                "start" if start is None else "end",
            )
        category = TaxCategory(self.tax_box.currentData())
        code = self.item_box.currentData() or ""
        item = next((i for i in self.items if i.code == code), None)
        return ManualLine(
            title=self.title_edit.text().strip(),
            quantity=quantity,
            unit_label=self.unit_edit.text().strip(),
            unit_code=self.unit_code_edit.text().strip().upper() or DEFAULT_UNIT_CODE,
            unit_price=price,
            tax_category=category,
            tax_rate=TAX_RATES[category],
            detail=self.detail_edit.text().strip(),
            price_code=code,
            start=start,
            end=end,
            tax_note=item.tax_note if item is not None else "",
        )

    def field_widget(self, key: str) -> QWidget | None:
        """The input a field name of a ValidationError refers to."""
        return {
            "title": self.title_edit,
            "quantity": self.quantity_edit,
            "unit_price": self.price_edit,
            "tax_category": self.tax_box,
            "start": self.start_edit,
            "end": self.end_edit,
        }.get(key)

    def save(self) -> None:
        """Check the line against the draft; show the refusal at its field or accept."""
        try:
            line = self._read()
            check_manual_line(self.draft, line)
        except ValidationError as exc:
            self.banner.show_field_error(str(exc), self.field_widget(exc.field or ""))
            return
        self.line = line
        self.accept()
