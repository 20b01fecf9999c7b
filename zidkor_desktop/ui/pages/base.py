"""Common frame of a main-window page: a heading and a body layout."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from zidkor_desktop.ui.context import AppContext


def heading_label(text: str, parent: QWidget | None = None, scale: float = 1.4) -> QLabel:
    """A bold, larger label for page and section titles."""
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label


class Page(QWidget):
    """Base of the pages; `refresh()` reloads data whenever the page is shown."""

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.title_label = heading_label(title, self)
        self.title_label.setObjectName("pageTitle")
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.title_label)

    def body_layout(self) -> QVBoxLayout:
        """Layout below the heading."""
        return self._layout

    def refresh(self) -> None:
        """Reload data from the database (default: nothing to load)."""

    def can_leave(self) -> bool:
        """Whether the page may be left or the window closed (default: yes)."""
        return True
