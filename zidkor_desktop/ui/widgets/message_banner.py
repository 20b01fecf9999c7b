"""A coloured message line above a form: errors stay visible while the input stays intact."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

_STYLES = {
    "error": "background: #fdecea; color: #611a15; border: 1px solid #e0a09a;",
    "info": "background: #e8f0fe; color: #0b2e6b; border: 1px solid #a8c0ee;",
    "success": "background: #e6f4ea; color: #0d3d1b; border: 1px solid #9fd0ad;",
}


class MessageBanner(QLabel):
    """Hidden until a message is shown; word-wrapped, selectable text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setObjectName("messageBanner")
        self.hide()

    def show_message(self, text: str, kind: str = "error") -> None:
        """Show a message of kind 'error', 'info' or 'success'."""
        self.setStyleSheet(
            f"QLabel#messageBanner {{ {_STYLES[kind]} border-radius: 3px; padding: 6px 8px; }}"
        )
        self.setProperty("kind", kind)
        self.setText(text)
        self.show()

    def show_error(self, text: str) -> None:
        """Show an error message."""
        self.show_message(text, "error")

    def clear_message(self) -> None:
        """Hide the banner."""
        self.setText("")
        self.hide()
