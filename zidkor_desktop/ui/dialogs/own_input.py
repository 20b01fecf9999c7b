"""After a reload: compare the clerk's own input with the saved state and keep it visible."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from zidkor_desktop.l10n import _
from zidkor_desktop.ui.widgets.date_edit import DateEdit

OWN_INPUT_PROPERTY = "ownInput"
_MARK_STYLE = "background: #fff4ce;"


def field_texts(fields: dict[str, QWidget]) -> dict[str, str]:
    """Every field as the clerk sees it, for comparing own input with the saved state."""
    texts: dict[str, str] = {}
    for field, widget in fields.items():
        if isinstance(widget, QLineEdit | DateEdit):
            texts[field] = widget.text().strip()
        elif isinstance(widget, QPlainTextEdit):
            texts[field] = widget.toPlainText().strip()
        elif isinstance(widget, QComboBox):
            texts[field] = widget.currentText()
        elif isinstance(widget, QCheckBox):
            texts[field] = _("yes") if widget.isChecked() else _("no")
        elif isinstance(widget, QSpinBox):
            texts[field] = str(widget.value())
    return texts


def own_changes(
    mine: dict[str, str], before: dict[str, str], saved: dict[str, str]
) -> tuple[dict[str, str], list[str]]:
    """The clerk's own changes that differ from the saved state, and fields only others changed."""
    own = {f: mine[f] for f in mine if mine[f] != before[f] and mine[f] != saved[f]}
    others = [f for f in saved if saved[f] != before[f] and f not in own]
    return own, others


def reload_message(own: dict[str, str], others: list[str], labels: dict[str, str]) -> str:
    """The note shown after a reload: the clerk's differing input and what others changed."""
    if own:
        lines = [
            _("{field}: your input “{value}”").format(field=labels[f], value=value or _("(empty)"))
            for f, value in own.items()
        ]
        text = _(
            "The member was reloaded as saved now. Your input differs in these fields "
            "(marked; the tooltip shows your input):\n{lines}\n"
            "Enter what should apply and save again."
        ).format(lines="\n".join(lines))
    else:
        text = _("The member was reloaded as saved now; your input was the same.")
    if others:
        text += "\n" + _("Changed meanwhile by someone else: {fields}").format(
            fields=", ".join(labels[f] for f in others)
        )
    return text


class OwnInputMarks:
    """Yellow marker and 'Your input: …' tooltip on fields; remembers the original tooltips."""

    def __init__(self, fields: dict[str, QWidget]) -> None:
        self._fields = fields
        self._tooltips = {field: widget.toolTip() for field, widget in fields.items()}

    def mark(self, own: dict[str, str]) -> None:
        """Mark the fields in `own` with the clerk's input; unmark all others."""
        for field, widget in self._fields.items():
            target = widget.line_edit() if isinstance(widget, DateEdit) else widget
            original = self._tooltips[field]
            if field in own:
                note = _("Your input: {value}").format(value=own[field] or _("(empty)"))
                widget.setToolTip(f"{original}\n{note}" if original else note)
                widget.setProperty(OWN_INPUT_PROPERTY, own[field])
                target.setStyleSheet(_MARK_STYLE)
            elif widget.property(OWN_INPUT_PROPERTY) is not None:
                widget.setToolTip(original)
                widget.setProperty(OWN_INPUT_PROPERTY, None)
                target.setStyleSheet("")
