"""A coloured message line above a form: errors stay visible while the input stays intact."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

_STYLES = {
    "error": "background: #fdecea; color: #611a15; border: 1px solid #e0a09a;",
    "info": "background: #e8f0fe; color: #0b2e6b; border: 1px solid #a8c0ee;",
    "success": "background: #e6f4ea; color: #0d3d1b; border: 1px solid #9fd0ad;",
}
INVALID_PROPERTY = "invalid"
_INVALID_STYLE = "border: 1px solid #b00020;"


def edit_signal(widget: QWidget) -> SignalInstance | None:
    """The signal a widget emits when the clerk changes its value (None if unknown)."""
    changed = getattr(widget, "changed", None)  # composite inputs such as DateEdit
    if isinstance(changed, SignalInstance):
        return changed
    if isinstance(widget, QLineEdit):
        return widget.textEdited
    if isinstance(widget, QPlainTextEdit):
        return widget.textChanged
    if isinstance(widget, QSpinBox):
        return widget.valueChanged
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged
    if isinstance(widget, QAbstractButton):
        return widget.toggled
    return None


class MessageBanner(QLabel):
    """Hidden until a message is shown; word-wrapped, selectable text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setObjectName("messageBanner")
        self._watched: tuple[QWidget, SignalInstance, str] | None = None
        self.hide()

    def show_message(self, text: str, kind: str = "error") -> None:
        """Show a message of kind 'error', 'info' or 'success'."""
        self._unwatch()
        self.setStyleSheet(
            f"QLabel#messageBanner {{ {_STYLES[kind]} border-radius: 3px; padding: 6px 8px; }}"
        )
        self.setProperty("kind", kind)
        self.setText(text)
        self.show()

    def show_error(self, text: str) -> None:
        """Show an error message."""
        self.show_message(text, "error")

    def show_field_error(self, text: str, widget: QWidget | None) -> None:
        """Show an error about one input, mark it, and clear both once the clerk edits it."""
        self.show_error(text)
        signal = edit_signal(widget) if widget is not None else None
        if widget is None or signal is None:
            return
        signal.connect(self._field_edited)
        marked = widget.line_edit() if hasattr(widget, "line_edit") else widget
        self._watched = (marked, signal, marked.styleSheet())
        marked.setProperty(INVALID_PROPERTY, True)
        if isinstance(marked, QLineEdit | QPlainTextEdit):
            # Plain text inputs only: a style sheet would redraw spin box arrows and combo boxes.
            marked.setStyleSheet(_INVALID_STYLE)

    def clear_message(self) -> None:
        """Hide the banner."""
        self._unwatch()
        self.setText("")
        self.hide()

    def _field_edited(self, *_args: Any) -> None:
        self.clear_message()

    def _unwatch(self) -> None:
        if self._watched is None:
            return
        marked, signal, style = self._watched
        self._watched = None
        signal.disconnect(self._field_edited)
        marked.setProperty(INVALID_PROPERTY, False)
        marked.setStyleSheet(style)
