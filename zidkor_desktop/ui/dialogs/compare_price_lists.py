"""Dialog "Compare versions": added, removed and changed items of two price-list versions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.domain.pricelist import CompareRow, Comparison, compare
from zidkor_desktop.l10n import N_, _, format_change, format_unit_price
from zidkor_desktop.ui.models.row_table_model import ALIGN_RIGHT, Column, RowTableModel
from zidkor_desktop.ui.widgets.list_header import set_up_list_header


@dataclass(frozen=True)
class VersionSource:
    """A version to compare: its label in the choice and how to get its rows."""

    label: str
    rows: Callable[[], list[CompareRow]]


@dataclass(frozen=True)
class ChangeRow:
    """One line of the comparison."""

    kind: str
    """English msgid: "new", "removed" or "changed"."""
    code: str
    title: str
    old_price: Decimal | None
    new_price: Decimal | None
    percent: Decimal | None
    others: str = ""
    """Other fields that differ, as text ("Steuer: 19 % USt → Nicht steuerbar")."""


TITLE, OTHERS = 2, 6


def _price(value: Decimal | None) -> str:
    return "–" if value is None else format_unit_price(value)


CHANGE_COLUMNS: list[Column[ChangeRow]] = [
    Column(N_("Change"), lambda r: _(r.kind), searchable=True),
    Column(N_("Code"), lambda r: r.code, searchable=True),
    Column(N_("Title"), lambda r: r.title, searchable=True),
    Column(
        N_("Old price"),
        lambda r: _price(r.old_price),
        sort_key=lambda r: r.old_price,
        alignment=ALIGN_RIGHT,
    ),
    Column(
        N_("New price"),
        lambda r: _price(r.new_price),
        sort_key=lambda r: r.new_price,
        alignment=ALIGN_RIGHT,
    ),
    Column(
        N_("Change in %"),
        lambda r: format_change(r.percent) if r.kind == N_("changed") else "",
        sort_key=lambda r: r.percent,
        alignment=ALIGN_RIGHT,
    ),
    Column(N_("Other changes"), lambda r: r.others, searchable=True),
]


def change_rows(result: Comparison) -> list[ChangeRow]:
    """The comparison as table rows: changed first, then new, then removed items."""
    rows = [
        ChangeRow(
            N_("changed"), c.code, c.title, c.old_price, c.new_price, c.percent, c.other_changes()
        )
        for c in result.changed
    ]
    rows += [
        ChangeRow(N_("new"), code, title, None, price, None) for code, title, price in result.added
    ]
    rows += [
        ChangeRow(N_("removed"), code, title, price, None, None)
        for code, title, price in result.removed
    ]
    return rows


def summary(result: Comparison) -> str:
    """One line: how many items changed and the average change of the prices."""
    counts = _("{changed} changed, {added} new, {removed} removed.").format(
        changed=len(result.changed), added=len(result.added), removed=len(result.removed)
    )
    if result.average_percent is None:
        return counts + " " + _("No average change (no items with a price in both versions).")
    return (
        counts
        + " "
        + _("Average change of the prices of the items in both versions: {percent}").format(
            percent=format_change(result.average_percent)
        )
    )


def change_table(model: RowTableModel[ChangeRow], parent: QWidget) -> QTableView:
    """The sortable, read-only table of changes (compare dialog and import preview)."""
    table = QTableView(parent)
    table.setModel(model)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = set_up_list_header(table)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
    fit_change_table(table, model)
    return table


def fit_change_table(table: QTableView, model: RowTableModel[ChangeRow]) -> None:
    """Columns as wide as their contents; "Other changes" only when an item has some."""
    for column in (0, 1, 3, 4, 5, OTHERS):
        table.resizeColumnToContents(column)
        table.setColumnWidth(column, min(table.columnWidth(column) + 16, 420))
    table.setColumnHidden(OTHERS, not any(row.others for row in model.all_rows()))


class ComparePriceListsDialog(QDialog):
    """Two version choices ("from", "to") and the table of what changed between them."""

    def __init__(
        self,
        sources: Sequence[VersionSource],
        old_index: int,
        new_index: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.sources = list(sources)
        self.setWindowTitle(_("Compare price list versions"))
        self.old_choice = QComboBox(self)
        self.new_choice = QComboBox(self)
        for source in self.sources:
            self.old_choice.addItem(source.label)
            self.new_choice.addItem(source.label)
        self.old_choice.setCurrentIndex(old_index)
        self.new_choice.setCurrentIndex(new_index)
        self.old_choice.currentIndexChanged.connect(self.update_comparison)
        self.new_choice.currentIndexChanged.connect(self.update_comparison)
        choices = QHBoxLayout()
        choices.addWidget(QLabel(_("From:"), self))
        choices.addWidget(self.old_choice, 1)
        choices.addSpacing(12)
        choices.addWidget(QLabel(_("To:"), self))
        choices.addWidget(self.new_choice, 1)

        self.model = RowTableModel(CHANGE_COLUMNS, key=lambda r: (r.kind, r.code), parent=self)
        self.table = change_table(self.model, self)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("compareSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 80, 480)
        self.result: Comparison | None = None
        self.update_comparison()

    def update_comparison(self, *_args: object) -> None:
        """Compare the two chosen versions and show the result."""
        old, new = (
            self.sources[self.old_choice.currentIndex()],
            self.sources[self.new_choice.currentIndex()],
        )
        try:
            self.result = compare(old.rows(), new.rows())
        except DomainError as exc:
            self.result = None
            self.model.set_rows([])
            self.summary_label.setText(str(exc))
            return
        self.model.set_rows(change_rows(self.result))
        fit_change_table(self.table, self.model)
        text = summary(self.result)
        if not self.model.rowCount():
            text = _("The two versions have the same items and prices.")
        self.summary_label.setText(text)
