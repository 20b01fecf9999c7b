"""A red warning under the menu: the database is damaged, restore the newest good backup."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from zidkor_desktop.l10n import _

_STYLE = (
    "QFrame#damageBanner { background: #fdecea; border: 2px solid #b00020; border-radius: 4px; }"
    "QLabel { color: #611a15; }"
)


class DamageBanner(QFrame):
    """Hidden until a warning is shown; its button asks to restore the newest good backup."""

    restore_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("damageBanner")
        self.setStyleSheet(_STYLE)
        self.title = QLabel(_("The database is damaged"), self)
        self.title.setStyleSheet("font-weight: bold; color: #b00020;")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton(_("Restore backup…"), self)
        self.button.clicked.connect(self.restore_requested)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(self.title)
        texts.addWidget(self.label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addLayout(texts, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def show_warning(self, text: str, detail: str = "") -> None:
        """Show the warning text; `detail` (SQLite's report) appears as a tooltip."""
        self.label.setText(text)
        self.setToolTip(detail)
        self.show()

    def clear(self) -> None:
        """Hide the warning."""
        self.label.setText("")
        self.hide()
