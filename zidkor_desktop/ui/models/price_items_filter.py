"""Filter of the price-item table: hides rows not matching the words typed, never sorts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from zidkor_desktop.ui.models.price_items_model import PriceItemsModel
from zidkor_desktop.ui.models.row_table_model import text_sort_key


class PriceItemsFilter(QSortFilterProxyModel):
    """Shows rows containing every word of the filter text in any column.

    Rows added or changed while a filter is in force stay visible until the filter text changes,
    so a row does not vanish under the cursor while it is being edited.
    """

    def __init__(self, source: PriceItemsModel, parent: Any = None) -> None:
        super().__init__(parent)
        self._terms: list[str] = []
        self._text = ""
        self._pinned: set[int] = set()
        self.setSourceModel(source)
        source.touched.connect(self._pin)

    def source(self) -> PriceItemsModel:
        """The item model behind the filter."""
        model = self.sourceModel()
        assert isinstance(model, PriceItemsModel)
        return model

    def set_filter_text(self, text: str) -> None:
        """Show only rows containing every word of `text` (case and accents ignored)."""
        self.beginFilterChange()
        self._text = text
        self._terms = [text_sort_key(word) for word in text.split()]
        self._pinned.clear()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filter_text(self) -> str:
        """The filter text in force."""
        return self._text

    def is_filtered(self) -> bool:
        """Whether a filter text is in force."""
        return bool(self._terms)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        """Rows matching every word, and rows touched since the filter was set."""
        if not self._terms:
            return True
        model = self.source()
        if model.key_at(source_row) in self._pinned:
            return True
        haystack = text_sort_key(model.search_text(source_row))
        return all(term in haystack for term in self._terms)

    def _pin(self, keys: list[int]) -> None:
        if self._terms:
            self._pinned.update(keys)
