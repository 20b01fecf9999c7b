"""Undo steps of the price-item table: change a cell, add, remove and move rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from zidkor_desktop.domain.pricelist import ItemDraft
from zidkor_desktop.l10n import _, ngettext
from zidkor_desktop.ui.models.price_item_values import COLUMN_OF, field_label

if TYPE_CHECKING:
    from zidkor_desktop.ui.models.price_items_model import PriceItemsModel

FIRST_EDITABLE = COLUMN_OF["code"]


def _numbers(rows: Sequence[int]) -> str:
    """Positions of rows for a command text: "2, 5"."""
    return ", ".join(str(row + 1) for row in sorted(rows))


class SetFields(QUndoCommand):
    """A cell changed (a new unit also brings its default text and code)."""

    def __init__(
        self,
        model: PriceItemsModel,
        key: int,
        field: str,
        before: dict[str, Any],
        after: dict[str, Any],
    ) -> None:
        text = _("Change {field} of position {row}").format(
            field=field_label(field), row=model.row_of(key) + 1
        )
        super().__init__(text)
        self.model, self.key, self.column = model, key, COLUMN_OF[field]
        self.before, self.after = before, after

    def redo(self) -> None:
        """Set the new values."""
        self.model.apply_fields(self.key, self.after)
        self.model.changed_at.emit(self.key, self.column)

    def undo(self) -> None:
        """Set the values as they were."""
        self.model.apply_fields(self.key, self.before)
        self.model.changed_at.emit(self.key, self.column)


class InsertRows(QUndoCommand):
    """A row added (entries: row after insertion, key, item)."""

    def __init__(self, model: PriceItemsModel, entries: list[tuple[int, int, ItemDraft]]) -> None:
        rows = [row for row, _key, _item in entries]
        super().__init__(
            ngettext("Add position {rows}", "Add positions {rows}", len(rows)).format(
                rows=_numbers(rows)
            )
        )
        self.model, self.entries = model, entries

    def redo(self) -> None:
        """Insert the rows."""
        self.model.insert_items(self.entries)
        self.model.changed_at.emit(self.entries[0][1], FIRST_EDITABLE)

    def undo(self) -> None:
        """Take the rows out again."""
        self.model.remove_items([key for _row, key, _item in self.entries])


class RemoveRows(QUndoCommand):
    """Rows removed, contiguous or not."""

    def __init__(self, model: PriceItemsModel, keys: Sequence[int]) -> None:
        rows = [model.row_of(key) for key in keys]
        super().__init__(
            ngettext("Remove position {rows}", "Remove positions {rows}", len(rows)).format(
                rows=_numbers(rows)
            )
        )
        self.model, self.keys = model, list(keys)
        self.entries: list[tuple[int, int, ItemDraft]] = []

    def redo(self) -> None:
        """Remove the rows, remembering where they were."""
        self.entries = self.model.remove_items(self.keys)

    def undo(self) -> None:
        """Put the rows back where they were."""
        self.model.insert_items(self.entries)
        self.model.changed_at.emit(self.entries[0][1], FIRST_EDITABLE)


class Reorder(QUndoCommand):
    """Rows moved up or down by one."""

    def __init__(
        self,
        model: PriceItemsModel,
        before: list[int],
        after: list[int],
        moved: list[int],
        up: bool,
    ) -> None:
        rows = [before.index(key) for key in moved]
        if up:
            text = ngettext("Move position {rows} up", "Move positions {rows} up", len(rows))
        else:
            text = ngettext("Move position {rows} down", "Move positions {rows} down", len(rows))
        super().__init__(text.format(rows=_numbers(rows)))
        self.model, self.before, self.after, self.focus = model, before, after, moved[0]

    def redo(self) -> None:
        """Put the rows in the new order."""
        self.model.reorder(self.after)
        self.model.changed_at.emit(self.focus, -1)

    def undo(self) -> None:
        """Put the rows back in the old order."""
        self.model.reorder(self.before)
        self.model.changed_at.emit(self.focus, -1)


def add_row(model: PriceItemsModel, after: int | None) -> int:
    """Add a row with defaults after row `after` (None: at the end) as an undo step; its row."""
    row = len(model.drafts()) if after is None else after + 1
    entry = (row, model.new_key(), model.new_item_after(after))
    model.undo_stack.push(InsertRows(model, [entry]))
    return row


def remove_rows(model: PriceItemsModel, rows: Sequence[int]) -> bool:
    """Remove these rows (contiguous or not) as one undo step; False if there are none."""
    keys = [model.key_at(row) for row in sorted(set(rows))]
    if not keys:
        return False
    model.undo_stack.push(RemoveRows(model, keys))
    return True


def moved_order(keys: list[int], selected: set[int], up: bool) -> list[int]:
    """The order after moving the selected keys one place up (or down), as a block each."""
    order = list(keys) if up else list(reversed(keys))
    for place in range(1, len(order)):
        if order[place] in selected and order[place - 1] not in selected:
            order[place - 1], order[place] = order[place], order[place - 1]
    return order if up else list(reversed(order))


def move_rows(model: PriceItemsModel, rows: Sequence[int], *, up: bool) -> bool:
    """Move these rows one place up or down as one undo step; False if nothing can move."""
    before = [model.key_at(row) for row in range(model.rowCount())]
    moved = [model.key_at(row) for row in sorted(set(rows))]
    after = moved_order(before, set(moved), up)
    if after == before:
        return False
    really_moved = [key for key in moved if before.index(key) != after.index(key)]
    model.undo_stack.push(Reorder(model, before, after, really_moved, up))
    return True
