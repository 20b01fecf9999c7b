"""Common frame of the pages that keep a document in versions (price list, statute)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableView,
    QWidget,
)

from zidkor_desktop.l10n import _
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.models.row_table_model import Column, RowTableModel
from zidkor_desktop.ui.pages.base import Page
from zidkor_desktop.ui.status import show_status_message
from zidkor_desktop.ui.widgets.list_header import set_up_list_header


class VersionsPage(Page):
    """A sortable list of versions on top; choosing another one asks before edits are lost.

    Subclasses load the chosen version in `_load_selected()` and guard edits in `can_leave()`.
    `loaded` is the row shown below the list; `dialog` the dialog open on the page, if any.
    """

    data_changed = Signal()

    def __init__(
        self,
        ctx: AppContext,
        title: str,
        columns: Sequence[Column[Any]],
        key: Callable[[Any], int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, title, parent)
        self.loaded: Any = None
        self.dialog: QDialog | None = None
        self.versions_model: RowTableModel[Any] = RowTableModel(columns, key=key, parent=self)
        self.versions_table = self._versions_table(len(columns))
        self.save_action = QAction(_("Save"), self)
        self.save_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.triggered.connect(self.save)
        self.addAction(self.save_action)

    def _versions_table(self, count: int) -> QTableView:
        table = QTableView(self)
        table.setObjectName("versionsTable")
        table.setModel(self.versions_model)
        table.setSortingEnabled(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        header = set_up_list_header(table)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(count - 1, QHeaderView.ResizeMode.Stretch)
        table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        table.selectionModel().selectionChanged.connect(self._version_chosen)
        return table

    def button(self, text: str, slot: Callable[[], object], tip: str = "") -> QPushButton:
        """A push button of the page's tool row."""
        button = QPushButton(text, self)
        button.clicked.connect(lambda _checked=False: slot())
        button.setToolTip(tip)
        return button

    def set_versions(self, rows: Sequence[Any]) -> None:
        """Show the versions (selection kept by `select`), columns fitted."""
        self.versions_table.blockSignals(True)
        self.versions_model.set_rows(rows)
        for column in range(self.versions_model.columnCount() - 1):
            self.versions_table.resizeColumnToContents(column)
            self.versions_table.setColumnWidth(column, self.versions_table.columnWidth(column) + 16)
        self.versions_table.blockSignals(False)

    def select(self, version_no: int) -> bool:
        """Select a version in the list without loading it; False when it is not listed."""
        position = self.versions_model.position_of(version_no)
        if position is None:
            return False
        self.versions_table.selectionModel().blockSignals(True)
        self.versions_table.selectRow(position)
        self.versions_table.selectionModel().blockSignals(False)
        self.versions_table.scrollTo(self.versions_model.index(position, 0))
        return True

    def selected_version(self) -> Any:
        """The version chosen in the list."""
        indexes = self.versions_table.selectionModel().selectedRows()
        return self.versions_model.row_for_index(indexes[0]) if indexes else None

    def _version_chosen(self, *_args: object) -> None:
        chosen = self.selected_version()
        if chosen is None or (self.loaded and chosen.version_no == self.loaded.version_no):
            return
        if not self.can_leave():
            if self.loaded is not None:
                self.select(self.loaded.version_no)
            return
        self.select(chosen.version_no)  # saving on leaving may have reloaded the list
        self._load_selected()

    def _load_selected(self) -> None:
        """Show the version selected in the list (subclasses)."""
        raise NotImplementedError

    def save(self) -> bool:
        """Save the edits of the version shown (subclasses)."""
        raise NotImplementedError

    def has_unsaved_edits(self) -> bool:
        """Whether the version shown has edits not yet saved (subclasses)."""
        raise NotImplementedError

    def discard_edits(self) -> None:
        """Give up the unsaved edits (subclasses)."""
        raise NotImplementedError

    def unsaved_question(self) -> str:
        """The question asked before unsaved edits would be lost (subclasses)."""
        raise NotImplementedError

    def can_leave(self) -> bool:
        """Ask before unsaved edits are lost (another version, closing the program)."""
        if not self.has_unsaved_edits():
            return True
        answer = QMessageBox.question(
            self,
            _("Unsaved changes"),
            self.unsaved_question(),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.discard_edits()
            return True
        return False

    def track(self, dialog: QDialog) -> QDialog:
        """Remember the open dialog (for tests and the leave guard) until it closes."""
        self.dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        return dialog

    def status(self, text: str) -> None:
        """A message in the window's status bar."""
        bar = getattr(self.window(), "statusBar", None)
        if callable(bar):
            show_status_message(bar(), text)
