"""A small form dialog: fields from specs, one use-case call on OK, its refusal in a banner."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.errors import DomainError, ValidationError
from zidkor_desktop.l10n import _
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.errors import call
from zidkor_desktop.ui.widgets.date_edit import DateEdit, date_input_error
from zidkor_desktop.ui.widgets.message_banner import MessageBanner
from zidkor_desktop.ui.widgets.money_edit import MoneyEdit
from zidkor_desktop.ui.widgets.plain_text import refuse_control_characters


@dataclass
class Field:
    """One input: key, label (translated), kind (text, multiline, date, int, combo, money)."""

    key: str
    label: str
    kind: str = "text"
    value: Any = None
    choices: Sequence[tuple[Any, str]] = field(default_factory=list)
    """(value, text) of a combo box."""
    max_length: int = 200
    required: bool = False


class FormDialog(QDialog):
    """Builds the form; OK runs `action(values)` and closes only when it succeeds."""

    def __init__(
        self,
        ctx: AppContext,
        title: str,
        fields: Sequence[Field],
        action: Callable[[dict[str, Any]], int | None],
        parent: QWidget | None = None,
        ok_text: str = "",
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.action = action
        self.saved_id: int | None = None
        self.fields = list(fields)
        self.setWindowTitle(title)
        self.banner = MessageBanner(self)
        self.widgets: dict[str, QWidget] = {}
        form = QFormLayout()
        for spec in self.fields:
            widget = self._widget(spec)
            widget.setObjectName(f"field_{spec.key}")
            self.widgets[spec.key] = widget
            form.addRow(spec.label + ":", widget)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok_text:
            self.ok_button.setText(ok_text)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(max(self.sizeHint().width(), 560), self.sizeHint().height())

    def _widget(self, spec: Field) -> QWidget:
        if spec.kind == "date":
            edit = DateEdit(self)
            edit.set_date(spec.value)
            return edit
        if spec.kind == "money":
            money = MoneyEdit(self)
            money.set_value(spec.value)
            return money
        if spec.kind == "int":
            spin = QSpinBox(self)
            spin.setRange(0, 120)
            spin.setValue(int(spec.value or 0))
            return spin
        if spec.kind == "combo":
            combo = QComboBox(self)
            for value, text in spec.choices:
                combo.addItem(text, value)
            found = next((i for i, (v, _t) in enumerate(spec.choices) if v == spec.value), -1)
            combo.setCurrentIndex(found)
            combo.setPlaceholderText(_("Please choose…"))
            return combo
        if spec.kind == "multiline":
            text = QPlainTextEdit(self)
            text.setPlainText(str(spec.value or ""))
            text.setMaximumHeight(self.fontMetrics().height() * 5)
            return text
        line = QLineEdit(self)
        line.setText(str(spec.value or ""))
        line.setMaxLength(spec.max_length)
        refuse_control_characters(line)
        return line

    def values(self) -> dict[str, Any]:
        """The entered values; ValidationError names a field that cannot be read."""
        result: dict[str, Any] = {}
        for spec in self.fields:
            widget = self.widgets[spec.key]
            if isinstance(widget, DateEdit):
                try:
                    value: Any = widget.date()
                except ValueError:
                    raise ValidationError(date_input_error(spec.label), spec.key) from None
                if value is None and spec.required:
                    raise ValidationError(date_input_error(spec.label), spec.key)
            elif isinstance(widget, MoneyEdit):
                try:
                    value = widget.value()
                except ValueError:
                    message = _("{label}: please enter an amount such as 1.234,56.")
                    raise ValidationError(message.format(label=spec.label), spec.key) from None
            elif isinstance(widget, QSpinBox):
                value = widget.value()
            elif isinstance(widget, QComboBox):
                value = widget.currentData()
                if value is None and spec.required:
                    raise ValidationError(
                        _("Please choose: {label}.").format(label=spec.label), spec.key
                    )
            elif isinstance(widget, QPlainTextEdit):
                value = widget.toPlainText()
            else:
                value = widget.text()  # type: ignore[attr-defined]
            result[spec.key] = value
        return result

    def save(self) -> None:
        """Run the action; on a refusal show it (at the field it names) and stay open."""
        try:
            values = self.values()
            result = call(self, lambda: self.action(values), where=self.ctx.database_location())
        except DomainError as exc:
            key = getattr(exc, "field", None)
            self.banner.show_field_error(str(exc), self.widgets.get(key or ""))
            return
        self.saved_id = result
        self.accept()


def day_or_today(value: date | None, today: date) -> date:
    """A date field's value, or today when it was left empty."""
    return value or today
