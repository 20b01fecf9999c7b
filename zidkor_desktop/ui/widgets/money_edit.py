"""Amount entry: a right-aligned line edit that parses German (or English) amounts exactly."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from zidkor_desktop.domain.money import parse_amount
from zidkor_desktop.l10n import current_language, format_money

_ALLOWED = set("0123456789.,-€ \u00a0EUR")


def parse_money_text(text: str) -> Decimal:
    """Parse an amount as typed in the current language; raises ValueError if it is none.

    German: '1.234,56', '2000', '12,5 €'. English: '1,234.56', '€12.50'.
    """
    if current_language() == "en":
        text = text.replace(",", "").replace(".", ",")
    return parse_amount(text)


class AmountValidator(QValidator):
    """Accepts complete amounts, tolerates partial input, rejects letters."""

    def validate(self, text: str, pos: int) -> QValidator.State:
        """Acceptable for a parseable amount, Intermediate while typing, Invalid for letters."""
        if not set(text) <= _ALLOWED:
            return QValidator.State.Invalid
        try:
            parse_money_text(text)
        except ValueError:
            return QValidator.State.Intermediate
        return QValidator.State.Acceptable


class MoneyEdit(QLineEdit):
    """Decimal amount in euros; shows '1.234,56 €' and never goes through float."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setValidator(AmountValidator(self))
        self.setPlaceholderText(format_money(Decimal("0.00")))
        self.editingFinished.connect(self._normalise)

    def value(self) -> Decimal:
        """The amount entered; raises ValueError when the text is not an amount."""
        return parse_money_text(self.text())

    def set_value(self, amount: Decimal | None) -> None:
        """Show an amount (empty for None)."""
        self.setText("" if amount is None else format_money(amount))

    def is_valid(self) -> bool:
        """True when the text is a complete amount."""
        try:
            self.value()
        except ValueError:
            return False
        return True

    def _normalise(self) -> None:
        if self.is_valid():
            formatted = format_money(self.value())
            if formatted != self.text():
                self.setText(formatted)
