"""Common frame of a main-window page: a heading and a body layout."""

from __future__ import annotations

from typing import Any, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from zidkor_desktop.ui.context import AppContext

DialogT = TypeVar("DialogT", bound=Any)


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


class ListPage(Page):
    """A page with one list whose records are edited in dialogs that report a `saved_id`."""

    data_changed = Signal()
    table: QTableView

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, title, parent)
        self.dialog: Any = None

    def select_record(self, record_id: int) -> bool:
        """Select a record of the list by id; False when it is not shown."""
        raise NotImplementedError

    def open_dialog(self, dialog: DialogT) -> DialogT:
        """Show an edit dialog; on saving reload the list, select the record and announce it."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._saved(dialog.saved_id))
        dialog.finished.connect(self._dialog_closed)
        dialog.open()
        return dialog

    def _dialog_closed(self, _result: int) -> None:
        self.dialog = None

    def _saved(self, record_id: int | None) -> None:
        self.refresh()
        if record_id is not None:
            self.select_record(record_id)
        self.table.setFocus()
        self.data_changed.emit()
