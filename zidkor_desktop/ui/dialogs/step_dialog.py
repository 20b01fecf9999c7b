"""A small dialog for one step of a procedure: a few dates and texts, then the use case."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.l10n import _
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.errors import call
from zidkor_desktop.ui.widgets.date_edit import DateEdit, date_input_error
from zidkor_desktop.ui.widgets.message_banner import MessageBanner
from zidkor_desktop.ui.widgets.plain_text import refuse_control_characters


@dataclass(frozen=True)
class StepField:
    """One input of a step: a date or a line of text."""

    key: str
    label: str
    """Translated label."""
    kind: str = "text"
    """"date" or "text"."""
    required: bool = True
    initial: date | str | None = None
    placeholder: str = ""


class StepDialog(QDialog):
    """Asks the step's fields, runs `action(values)`; a refusal stays open at its field."""

    def __init__(
        self,
        ctx: AppContext,
        title: str,
        intro: str,
        fields: Sequence[StepField],
        action: Callable[[dict[str, date | str | None]], None],
        ok_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.action = action
        self.fields = list(fields)
        self.saved_id: int | None = None
        self.setWindowTitle(title)
        self.banner = MessageBanner(self)
        self.inputs: dict[str, DateEdit | QLineEdit] = {}
        form = QFormLayout()
        for field in self.fields:
            if field.kind == "date":
                edit: DateEdit | QLineEdit = DateEdit(self)
                if isinstance(field.initial, date):
                    edit.set_date(field.initial)
            else:
                edit = QLineEdit(self)
                edit.setMaxLength(200)
                edit.setText(str(field.initial or ""))
                edit.setPlaceholderText(field.placeholder)
                refuse_control_characters(edit)
            self.inputs[field.key] = edit
            form.addRow(field.label + ":", edit)
        note = QLabel(intro, self)
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(max(self.sizeHint().width(), 560), self.sizeHint().height())

    def values(self) -> dict[str, date | str | None] | None:
        """The inputs; None (and the message at the field) when one is missing or no date."""
        values: dict[str, date | str | None] = {}
        for field in self.fields:
            edit = self.inputs[field.key]
            if isinstance(edit, DateEdit):
                try:
                    value: date | str | None = edit.date()
                except ValueError:
                    value = None
                if value is None and (field.required or edit.text().strip()):
                    self.banner.show_field_error(date_input_error(field.label), edit)
                    return None
            else:
                value = edit.text().strip()
                if field.required and not value:
                    self.banner.show_field_error(
                        _("Please fill in “{field}”.").format(field=field.label), edit
                    )
                    return None
            values[field.key] = value
        return values

    def save(self) -> bool:
        """Run the step; on a refusal show it and keep the dialog open."""
        self.banner.clear_message()
        values = self.values()
        if values is None:
            return False
        try:
            call(self, lambda: self.action(values), where=self.ctx.database_location())
        except DomainError as exc:
            field = getattr(exc, "field", None)
            self.banner.show_field_error(str(exc), self.inputs.get(field or ""))
            return False
        self.accept()
        return True
