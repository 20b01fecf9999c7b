"""The price items of one version as an editable table: filter, row tools, undo, messages."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.pricelist import FIELD_LABELS, ItemDraft
from zidkor_desktop.l10n import _, ngettext
from zidkor_desktop.queries.price_versions import ItemRow
from zidkor_desktop.ui.models.price_item_commands import (
    add_row,
    move_rows,
    moved_order,
    remove_rows,
)
from zidkor_desktop.ui.models.price_item_values import COLUMN_OF, COLUMNS
from zidkor_desktop.ui.models.price_items_filter import PriceItemsFilter
from zidkor_desktop.ui.models.price_items_model import SORT_NOTE, PriceItemsModel
from zidkor_desktop.ui.widgets.list_header import set_up_list_header
from zidkor_desktop.ui.widgets.price_items_view import (
    EDIT_TRIGGERS,
    PriceItemsDelegate,
    PriceItemsView,
)

WIDEST = {"title": 360, "description": 260, "unit_text": 220, "tax_note": 260}
"""Most pixels a column gets when fitted to its contents (wider by dragging)."""


def draft_of(row: ItemRow) -> ItemDraft:
    """A stored item as the editor holds it."""
    return ItemDraft(
        row.position, row.code, row.service_id, row.title, row.unit, row.unit_price,
        row.tax_category, row.billing_rhythm, row.description, row.unit_text, row.unit_code,
        row.tax_note,
    )  # fmt: skip


class PriceItemsEditor(QWidget):
    """Filter field, row tools, the item table and the message of the current cell."""

    modified_changed = Signal(bool)
    problems_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PriceItemsModel(self)
        self.undo_stack: QUndoStack = self.model.undo_stack
        self.proxy = PriceItemsFilter(self.model, self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(_("Filter by code, service, title, unit or price"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setToolTip(_(SORT_NOTE))
        self.filter_edit.textChanged.connect(self.proxy.set_filter_text)
        self.view = PriceItemsView(self)
        self.view.setModel(self.proxy)
        self.delegate = PriceItemsDelegate(self.model, self.view)
        self.view.setItemDelegate(self.delegate)
        header = set_up_list_header(self.view)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setSectionsClickable(False)
        self.message_icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.message_icon.setPixmap(icon.pixmap(size, size))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._make_actions()
        self._lay_out()
        self.model.problems_changed.connect(self._problems_changed)
        self.model.changed_at.connect(self._show_cell)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.undo_stack.indexChanged.connect(self._undo_index_changed)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.proxy.modelReset.connect(self._update_actions)
        self._update_actions()
        self._update_message()

    # --- building ---------------------------------------------------------------------------

    def _action(self, text: str, tip: str, keys: list[QKeySequence], slot: object) -> QAction:
        action = QAction(text, self)
        action.setIconText(text)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        key = QKeySequence
        redo_keys = list(key.keyBindings(key.StandardKey.Redo))
        for extra in (key("Ctrl+Y"), key("Ctrl+Shift+Z")):
            if extra not in redo_keys:
                redo_keys.append(extra)
        self.add_action = self._action(
            _("Add row"),
            _("Add a row after the current one (Insert)"),
            [key(Qt.Key.Key_Insert)],
            self.add_row,
        )
        self.remove_action = self._action(
            _("Remove rows"),
            _("Remove the selected rows at once, without asking: Ctrl+Z brings them back (Del)"),
            [key(key.StandardKey.Delete)],
            self.remove_selected,
        )
        self.up_action = self._action(
            _("Move up"),
            _("Move the selected rows up one place (Alt+Up)"),
            [key("Alt+Up")],
            lambda: self.move_selected(up=True),
        )
        self.down_action = self._action(
            _("Move down"),
            _("Move the selected rows down one place (Alt+Down)"),
            [key("Alt+Down")],
            lambda: self.move_selected(up=False),
        )
        self.undo_action = self._action(
            _("Undo"), _("Undo the last change (Ctrl+Z)"), [key(key.StandardKey.Undo)], self.undo
        )
        self.redo_action = self._action(
            _("Redo"), _("Redo the change undone last (Ctrl+Y)"), redo_keys, self.redo
        )

    def _lay_out(self) -> None:
        tools = QHBoxLayout()
        tools.addWidget(self.filter_edit, 1)
        tools.addSpacing(12)
        self.buttons: list[QToolButton] = []
        for number, action in enumerate(
            (
                self.add_action,
                self.remove_action,
                self.up_action,
                self.down_action,
                self.undo_action,
                self.redo_action,
            )
        ):
            if number == 4:
                tools.addSpacing(12)
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.buttons.append(button)
            tools.addWidget(button)
        message_row = QHBoxLayout()
        message_row.addWidget(self.message_icon, 0, Qt.AlignmentFlag.AlignTop)
        message_row.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)
        layout.addLayout(message_row)

    # --- API of the page --------------------------------------------------------------------

    def set_services(self, services: Sequence[tuple[int, str, str]]) -> None:
        """The services to choose from: (id, code, name)."""
        self.model.set_services(services)

    def load(self, rows: Sequence[ItemRow], *, editable: bool) -> None:
        """Show a version's items; clears the undo history (the table is then unmodified)."""
        self.view.finish_editing(commit=False)
        known = {sid for sid, _code, _name in self.model.service_choices()}
        self.model.set_services(
            [(r.service_id, r.service, r.service) for r in rows if r.service_id not in known]
        )
        self.model.load([draft_of(row) for row in rows], editable=editable)
        self.view.setEditTriggers(
            EDIT_TRIGGERS if editable else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        self.fit_columns()
        if self.proxy.rowCount():
            self._select_source(0, COLUMN_OF["code"])
        self.view.horizontalScrollBar().setValue(0)
        self.view.verticalScrollBar().setValue(0)
        self._update_actions()
        self._update_message()
        self.modified_changed.emit(False)

    def commit_edit(self) -> None:
        """Take the value of a cell editor still open (before saving or asking about changes)."""
        self.view.finish_editing(commit=True)

    def drafts(self) -> list[ItemDraft]:
        """The items as shown, numbered 1..n (an editor still open is taken first)."""
        self.commit_edit()
        return self.model.drafts()

    def problems(self) -> list[str]:
        """Every problem in German with its item named: "Position 3, Preis: …"."""
        return self.model.problem_messages()

    def is_modified(self) -> bool:
        """Whether the items differ from what was loaded or saved last (undo can return)."""
        return not self.undo_stack.isClean()

    def mark_saved(self) -> None:
        """The items as shown are saved now."""
        self.undo_stack.setClean()

    def is_editable(self) -> bool:
        """False for a published version."""
        return self.model.is_editable()

    def message_text(self) -> str:
        """The message line under the table."""
        return self.message.text()

    # --- row operations ---------------------------------------------------------------------

    def selected_rows(self) -> list[int]:
        """Source rows with a selected cell (else the current row), ascending."""
        selection = self.view.selectionModel()
        rows = {self.proxy.mapToSource(i).row() for i in selection.selectedIndexes()}
        current = self.view.currentIndex()
        if not rows and current.isValid():
            rows.add(self.proxy.mapToSource(current).row())
        return sorted(r for r in rows if r >= 0)

    def add_row(self) -> None:
        """Add a row after the current one (at the end without one)."""
        if not self.model.is_editable():
            return
        self.view.finish_editing(commit=True)
        current = self.proxy.mapToSource(self.view.currentIndex())
        add_row(self.model, current.row() if current.isValid() else None)
        self.view.setFocus()

    def remove_selected(self) -> None:
        """Remove the selected rows (one undo step)."""
        if not self.model.is_editable():
            return
        self.view.finish_editing(commit=True)
        rows = self.selected_rows()
        if not rows or not remove_rows(self.model, rows):
            return
        count = self.model.rowCount()
        if count:
            self._select_source(min(rows[0], count - 1), self.view.currentIndex().column())

    def move_selected(self, *, up: bool) -> None:
        """Move the selected rows one place up or down (one undo step)."""
        if not self.model.is_editable():
            return
        self.view.finish_editing(commit=True)
        move_rows(self.model, self.selected_rows(), up=up)

    def undo(self) -> None:
        """Undo the last step (an edit still open is dropped)."""
        self.view.finish_editing(commit=False)
        self.undo_stack.undo()

    def redo(self) -> None:
        """Redo the step undone last."""
        self.view.finish_editing(commit=False)
        self.undo_stack.redo()

    def fit_columns(self) -> None:
        """Columns as wide as their contents (and a problem marker), long texts limited."""
        self.view.resizeColumnsToContents()
        for field, widest in WIDEST.items():
            column = COLUMN_OF[field]
            self.view.setColumnWidth(column, min(self.view.columnWidth(column), widest))
        marker = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + 6
        for column, spec in enumerate(COLUMNS):
            extra = 12 + (marker if spec.field in FIELD_LABELS and spec.kind != "position" else 0)
            self.view.setColumnWidth(column, self.view.columnWidth(column) + extra)

    # --- reactions --------------------------------------------------------------------------

    def _select_source(self, row: int, column: int) -> None:
        index = self.proxy.mapFromSource(self.model.index(row, max(column, 0)))
        if index.isValid():
            # Explicit flags: a modifier still held (Ctrl of Ctrl+Z) must not extend the selection.
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.view.scrollTo(index)

    def _show_cell(self, key: int, column: int) -> None:
        """After an undo step: show the cell (or row) it changed."""
        row = self.model.row_of(key) if key in self._keys() else -1
        if row < 0:
            return
        if column < 0:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if index.isValid():
                self.view.scrollTo(index)
        elif self.view.state() != PriceItemsView.State.EditingState:
            self._select_source(row, column)
        self._update_message()

    def _keys(self) -> set[int]:
        return {self.model.key_at(row) for row in range(self.model.rowCount())}

    def _clean_changed(self, clean: bool) -> None:
        self.modified_changed.emit(not clean)

    def _undo_index_changed(self, _index: int) -> None:
        self._update_actions()

    def _current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_message()
        self._update_actions()

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_actions()

    def _problems_changed(self, count: int) -> None:
        self._update_message()
        self.problems_changed.emit(count)

    def _update_actions(self) -> None:
        editable = self.model.is_editable()
        rows = self.selected_rows()
        keys = [self.model.key_at(row) for row in range(self.model.rowCount())]
        chosen = {self.model.key_at(row) for row in rows}
        self.add_action.setEnabled(editable)
        self.remove_action.setEnabled(editable and bool(rows))
        self.up_action.setEnabled(editable and moved_order(keys, chosen, True) != keys)
        self.down_action.setEnabled(editable and moved_order(keys, chosen, False) != keys)
        for action, can, step, plain in (
            (self.undo_action, self.undo_stack.canUndo(), self.undo_stack.undoText(), _("Undo")),
            (self.redo_action, self.undo_stack.canRedo(), self.undo_stack.redoText(), _("Redo")),
        ):
            action.setEnabled(editable and can)
            action.setText(_("{action}: {step}").format(action=plain, step=step) if can else plain)
            action.setIconText(plain)

    def _update_message(self) -> None:
        current = self.proxy.mapToSource(self.view.currentIndex())
        here = (
            self.model.cell_problems(current.row(), current.column()) if current.isValid() else []
        )
        problems = self.model.problems()
        if here:
            text = "\n".join(here)
        elif problems:
            count, rows = len(problems), len({row for row, _problem in problems})
            text = _("{problems} in {positions} – first: {first}").format(
                problems=ngettext("{count} problem", "{count} problems", count).format(count=count),
                positions=ngettext("{count} position", "{count} positions", rows).format(
                    count=rows
                ),
                first=self.model.problem_messages()[0],
            )
        elif self.model.rowCount():
            text = _("All positions are complete.")
        else:
            text = _("The list has no positions yet.")
        self.message.setText(text)
        self.message_icon.setVisible(bool(problems))
