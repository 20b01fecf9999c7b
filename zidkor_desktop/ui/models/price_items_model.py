"""Editable table of a price list's items: row order is the position, every change is undoable.

The view never changes the rows directly: `setData()` and the row operations push commands onto
`undo_stack` (see price_item_commands), and the commands call the `apply_*` primitives here.
After every change the whole list is checked with domain.pricelist.list_problems; cells with a
problem are tinted and carry the message as tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QUndoStack
from PySide6.QtWidgets import QApplication, QStyle

from zidkor_desktop.domain.errors import ValidationError
from zidkor_desktop.domain.kinds import PriceUnit
from zidkor_desktop.domain.pricelist import (
    UNIT_CODES,
    ItemDraft,
    ItemProblem,
    list_problems,
    row_message,
)
from zidkor_desktop.l10n import N_, _
from zidkor_desktop.ui.models.price_item_commands import SetFields
from zidkor_desktop.ui.models.price_item_values import (
    COLUMN_OF,
    COLUMNS,
    ItemColumn,
    converted,
    new_item,
    price_text,
    unit_follow_ups,
)

AnyIndex = QModelIndex | QPersistentModelIndex
PROBLEM_BACKGROUND = QColor(255, 218, 218)
SORT_NOTE = N_(
    "The order of the rows is the position number, so the table cannot be sorted by a column; "
    "move rows with Alt+Up and Alt+Down."
)


class PriceItemsModel(QAbstractTableModel):
    """The items of one price-list version as edited; position = row number + 1."""

    problems_changed = Signal(int)
    """The number of problems after a change (emitted when it changes and on every load)."""
    touched = Signal(list)
    """Keys of rows about to be inserted or changed (a filter keeps them visible)."""
    changed_at = Signal(int, int)
    """An undo step changed (row key, column): the view shows that cell."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self._keys: list[int] = []
        self._items: list[ItemDraft] = []
        self._services: dict[int, tuple[str, str]] = {}
        self._editable = True
        self._last_key = 0
        self._problems: list[tuple[int, ItemProblem]] = []
        self._cells: dict[tuple[int, str], list[str]] = {}
        self._icon: QIcon | None = None

    # --- loading and reading --------------------------------------------------------------------

    def set_services(self, services: Sequence[tuple[int, str, str]]) -> None:
        """The services to choose from: (id, code, name)."""
        self._services.update({sid: (code, name) for sid, code, name in services})
        self._emit_all()

    def service_choices(self) -> list[tuple[int, str, str]]:
        """(id, code, name) of every known service, by code."""
        return sorted(
            ((sid, code, name) for sid, (code, name) in self._services.items()),
            key=lambda s: s[1].casefold(),
        )

    def load(self, items: Sequence[ItemDraft], *, editable: bool) -> None:
        """Show these items (in this order); clears the undo history, which is then clean."""
        self.beginResetModel()
        self._items = [replace(item, position=0) for item in items]
        self._keys = [self.new_key() for _item in items]
        self._editable = editable
        self.endResetModel()
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self._recheck(force_signal=True)

    def is_editable(self) -> bool:
        """False for a published version."""
        return self._editable

    def drafts(self) -> list[ItemDraft]:
        """The rows as drafts, numbered 1..n in table order."""
        return [replace(item, position=n) for n, item in enumerate(self._items, start=1)]

    def item(self, row: int) -> ItemDraft:
        """The draft at a row (its position is row + 1)."""
        return replace(self._items[row], position=row + 1)

    def key_at(self, row: int) -> int:
        """The row's key, stable while rows are added, removed and moved."""
        return self._keys[row]

    def row_of(self, key: int) -> int:
        """The row of a key (ValueError if it is not in the table)."""
        return self._keys.index(key)

    def new_key(self) -> int:
        """A key no row has had yet."""
        self._last_key += 1
        return self._last_key

    def problems(self) -> list[tuple[int, ItemProblem]]:
        """(row, problem) of every problem, by row."""
        return list(self._problems)

    def problem_messages(self) -> list[str]:
        """Every problem with its item named: "Position 3, Preis: …"."""
        return [row_message(row + 1, problem) for row, problem in self._problems]

    def cell_problems(self, row: int, column: int) -> list[str]:
        """Messages of one cell (empty if it is fine)."""
        if not 0 <= row < len(self._keys):
            return []
        return list(self._cells.get((self._keys[row], COLUMNS[column].field), []))

    # --- Qt model interface -------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Number of items."""
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Number of columns."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Translated headers; the tooltip explains why the table does not sort."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section].header)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(COLUMNS[section].alignment.value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _(SORT_NOTE)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Cells are selectable; editable (except the position) unless the version is published."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        flags |= Qt.ItemFlag.ItemNeverHasChildren
        if self._editable and COLUMNS[index.column()].kind != "position":
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Display text, the value to edit, alignment, problem tint, marker and message."""
        if not index.isValid() or index.row() >= len(self._items):
            return None
        row, column = index.row(), COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display_text(row, index.column())
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.alignment.value)
        problems = self._cells.get((self._keys[row], column.field))
        if role == Qt.ItemDataRole.ToolTipRole:
            if problems:
                return "\n".join(problems)
            return self._plain_tooltip(row, column)
        if role == Qt.ItemDataRole.BackgroundRole and problems:
            return QBrush(PROBLEM_BACKGROUND)
        if role == Qt.ItemDataRole.DecorationRole and problems:
            return self._problem_icon()
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Change one cell as an undo step; False (and nothing changes) for a refused value."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not self._editable:
            return False
        column = COLUMNS[index.column()]
        if column.kind == "position":
            return False
        try:
            new_value = converted(column, value)
        except (ValueError, ValidationError):
            return False
        row = index.row()
        old = self._items[row]
        if getattr(old, column.field) == new_value and type(getattr(old, column.field)) is type(
            new_value
        ):
            return True
        changes = {column.field: new_value}
        if column.field == "unit":
            changes.update(unit_follow_ups(old, PriceUnit(new_value)))
        before = {field: getattr(old, field) for field in changes}
        self.undo_stack.push(SetFields(self, self._keys[row], column.field, before, changes))
        return True

    # --- display ------------------------------------------------------------------------------

    def display_text(self, row: int, column: int) -> str:
        """The text a cell shows."""
        item, kind = self._items[row], COLUMNS[column].kind
        value = getattr(item, COLUMNS[column].field, None)
        if kind == "position":
            return str(row + 1)
        if kind == "price":
            return price_text(item.unit_price)
        if kind == "service":
            return self._services.get(item.service_id or 0, ("", ""))[0]
        if kind in ("unit", "tax", "rhythm"):
            return value.label
        return str(value)

    def search_text(self, row: int) -> str:
        """Every text of a row the filter looks at (with the service's name)."""
        texts = [self.display_text(row, column) for column in range(len(COLUMNS))]
        texts.append(self._services.get(self._items[row].service_id or 0, ("", ""))[1])
        return " ".join(texts)

    def _edit_value(self, row: int, column: ItemColumn) -> Any:
        item = self._items[row]
        if column.kind == "position":
            return row + 1
        if column.kind == "price":
            return price_text(item.unit_price)
        value = getattr(item, column.field)
        if column.kind in ("unit", "tax", "rhythm"):
            return value.value
        return value

    def _plain_tooltip(self, row: int, column: ItemColumn) -> str | None:
        item = self._items[row]
        if column.kind == "service" and item.service_id in self._services:
            code, name = self._services[item.service_id]
            return f"{code} – {name}"
        if column.kind == "unit_code" and item.unit_code.upper() in UNIT_CODES:
            return _(UNIT_CODES[item.unit_code.upper()])
        return None

    def _problem_icon(self) -> QIcon:
        if self._icon is None:
            style = QApplication.style()
            self._icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return self._icon

    def new_item_after(self, row: int | None) -> ItemDraft:
        """Defaults for a row added after `row` (see price_item_values.new_item)."""
        choices = self.service_choices()
        return new_item(self._items, row, choices[0][0] if choices else None)

    # --- primitives for the undo commands -----------------------------------------------------

    def apply_fields(self, key: int, values: dict[str, Any]) -> None:
        """Set fields of the row with `key` (no undo step: commands call this)."""
        self.touched.emit([key])
        row = self.row_of(key)
        self._items[row] = replace(self._items[row], **values)
        columns = [COLUMN_OF[field] for field in values]
        self.dataChanged.emit(self.index(row, min(columns)), self.index(row, max(columns)))
        self._recheck()

    def insert_items(self, entries: Sequence[tuple[int, int, ItemDraft]]) -> None:
        """Insert (row, key, item) entries, ascending by row (rows as after the insertion)."""
        self.touched.emit([key for _row, key, _item in entries])
        for row, key, item in sorted(entries, key=lambda e: e[0]):
            self.beginInsertRows(QModelIndex(), row, row)
            self._keys.insert(row, key)
            self._items.insert(row, replace(item, position=0))
            self.endInsertRows()
        self._renumbered()

    def remove_items(self, keys: Sequence[int]) -> list[tuple[int, int, ItemDraft]]:
        """Remove the rows with these keys; returns (row, key, item) as they were, by row."""
        rows = sorted(self.row_of(key) for key in keys)
        entries = [(row, self._keys[row], self._items[row]) for row in rows]
        for row in reversed(rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._keys[row]
            del self._items[row]
            self.endRemoveRows()
        self._renumbered()
        return entries

    def reorder(self, keys: Sequence[int]) -> None:
        """Put the rows in the order of `keys` (a permutation); selections follow their rows."""
        if list(keys) == self._keys:
            return
        self.layoutAboutToBeChanged.emit()
        old_keys = list(self._keys)
        by_key = dict(zip(self._keys, self._items, strict=True))
        self._keys = list(keys)
        self._items = [by_key[key] for key in self._keys]
        new_rows = {key: row for row, key in enumerate(self._keys)}
        old_persistent = self.persistentIndexList()
        new_persistent = []
        for index in old_persistent:
            key = old_keys[index.row()] if 0 <= index.row() < len(old_keys) else None
            new_persistent.append(
                self.index(new_rows[key], index.column()) if key is not None else QModelIndex()
            )
        self.changePersistentIndexList(old_persistent, new_persistent)
        self.layoutChanged.emit()
        self._renumbered()

    def _renumbered(self) -> None:
        """Positions follow the row order: repaint the position column, check again."""
        if self._items:
            column = COLUMN_OF["position"]
            self.dataChanged.emit(self.index(0, column), self.index(len(self._items) - 1, column))
        self._recheck()

    # --- problems -----------------------------------------------------------------------------

    def _recheck(self, *, force_signal: bool = False) -> None:
        before = len(self._problems)
        self._problems = list_problems(self.drafts())
        cells: dict[tuple[int, str], list[str]] = {}
        for row, problem in self._problems:
            message = row_message(row + 1, problem)
            cells.setdefault((self._keys[row], problem.field), []).append(message)
        changed = cells != self._cells
        self._cells = cells
        if changed:
            self._emit_all()
        if force_signal or len(self._problems) != before:
            self.problems_changed.emit(len(self._problems))

    def _emit_all(self) -> None:
        if self._items:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._items) - 1, len(COLUMNS) - 1)
            )
