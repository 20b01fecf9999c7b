"""Page of an area that later versions will fill; says so plainly and offers no buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from zidkor_desktop.l10n import _
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.pages.base import Page


class PlaceholderPage(Page):
    """An area not built yet: a friendly note on what it will hold."""

    def __init__(
        self, ctx: AppContext, title: str, description: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, title, parent)
        self.note = QLabel(
            _("This area is not available yet in this version of ZIDKOR Desktop."), self
        )
        self.note.setObjectName("notAvailable")
        self.note.setWordWrap(True)
        font = self.note.font()
        font.setBold(True)
        self.note.setFont(font)
        self.description = QLabel(description, self)
        self.description.setWordWrap(True)
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setMaximumWidth(720)
        layout = self.body_layout()
        layout.addSpacing(8)
        layout.addWidget(self.note)
        layout.addWidget(self.description)
        layout.addStretch(1)
