"""The generic row table model: Qt model contract, sorting and filtering inside the model."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QPersistentModelIndex, Qt

from zidkor_desktop.l10n import _
from zidkor_desktop.queries.members import list_members
from zidkor_desktop.ui.models.members_model import NAME, VOTES, MembersTableModel
from zidkor_desktop.ui.models.row_table_model import (
    ALIGN_RIGHT,
    ROW_ROLE,
    Column,
    RowTableModel,
    text_sort_key,
)


@dataclass(frozen=True)
class Item:
    """A plain row for the generic model."""

    id: int
    name: str
    amount: Decimal | None


def item_model() -> RowTableModel[Item]:
    """Two-column model over Items."""
    columns: list[Column[Item]] = [
        Column("Name", lambda r: r.name, searchable=True),
        Column(
            "Amount",
            lambda r: "" if r.amount is None else str(r.amount),
            sort_key=lambda r: r.amount,
            alignment=ALIGN_RIGHT,
        ),
    ]
    model = RowTableModel(columns, key=lambda r: r.id)
    model.set_rows(
        [
            Item(1, "Zweibrücken", Decimal("10.00")),
            Item(2, "Ärzteverband", Decimal("2.50")),
            Item(3, "bad Kreuznach", None),
            Item(4, "Alzey", Decimal("100.00")),
        ]
    )
    return model


def names(model: RowTableModel[Any]) -> list[str]:
    """Display texts of the first column, top to bottom."""
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_generic_model_passes_qt_model_tester(qtmodeltester: Any) -> None:
    model = item_model()
    qtmodeltester.check(model)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    model.set_filter_text("a")
    qtmodeltester.check(model)


def test_members_model_passes_qt_model_tester(
    qtmodeltester: Any, demo_db: Any, today: date
) -> None:
    model = MembersTableModel()
    model.set_rows(list_members(demo_db, today))
    qtmodeltester.check(model)


def test_text_sort_ignores_case_and_umlauts() -> None:
    model = item_model()
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert names(model) == ["Alzey", "Ärzteverband", "bad Kreuznach", "Zweibrücken"]
    assert text_sort_key("Äpfel") == "apfel"


def test_sort_by_decimal_key_puts_missing_values_last() -> None:
    model = item_model()
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert names(model) == ["Ärzteverband", "Zweibrücken", "Alzey", "bad Kreuznach"]


def test_filter_matches_every_word_case_insensitively_and_keeps_sort() -> None:
    model = item_model()
    model.sort(0, Qt.SortOrder.DescendingOrder)
    model.set_filter_text("  A ")
    assert names(model) == ["bad Kreuznach", "Ärzteverband", "Alzey"]
    model.set_filter_text("bad kreuz")
    assert names(model) == ["bad Kreuznach"]
    model.set_filter_text("arzte")
    assert names(model) == ["Ärzteverband"]
    model.set_filter_text("nothing")
    assert model.rowCount() == 0 and model.total_count() == 4 and model.is_filtered()
    model.set_filter_text("")
    assert model.rowCount() == 4 and not model.is_filtered()


def test_new_rows_keep_filter_and_sort() -> None:
    model = item_model()
    model.sort(0, Qt.SortOrder.AscendingOrder)
    model.set_filter_text("en")
    assert names(model) == ["Zweibrücken"]
    model.set_rows([*model.all_rows(), Item(5, "Bingen-Zentrum", Decimal("1"))])
    assert names(model) == ["Bingen-Zentrum", "Zweibrücken"]


def test_persistent_index_follows_its_row_when_sorting() -> None:
    model = item_model()
    model.sort(0, Qt.SortOrder.AscendingOrder)
    persistent = QPersistentModelIndex(model.index(3, 0))
    assert persistent.data() == "Zweibrücken"
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert persistent.row() == 0 and persistent.data() == "Zweibrücken"


def test_row_role_and_alignment() -> None:
    model = item_model()
    assert model.index(0, 0).data(ROW_ROLE) == Item(1, "Zweibrücken", Decimal("10.00"))
    alignment = model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole)
    assert alignment == int(ALIGN_RIGHT.value)
    assert model.headerData(1, Qt.Orientation.Horizontal) == _("Amount")
    assert model.headerData(0, Qt.Orientation.Vertical) is None


def test_members_sort_by_votes_then_by_name(demo_db: Any, today: date) -> None:
    model = MembersTableModel()
    model.set_rows(list_members(demo_db, today))
    model.sort(VOTES, Qt.SortOrder.DescendingOrder)
    assert model.row_at(0).name == "KommWis GmbH"
    model.sort(VOTES, Qt.SortOrder.AscendingOrder)
    assert model.row_at(8).name == "KommWis GmbH"
    # ties keep the order by name
    assert [r.name for r in model.visible_rows()[:2]] == ["Stadt Kaiserslautern", "Stadt Koblenz"]
    model.sort(NAME, Qt.SortOrder.DescendingOrder)
    assert model.row_at(0).name == "Stadt Trier"


def test_sorting_and_filtering_100000_rows_keeps_selection_and_counts() -> None:
    """Correctness at the size of the performance target; timings: tests/perf/ benchmark."""
    model = RowTableModel(
        [
            Column("Name", lambda r: r.name, searchable=True),
            Column("Amount", lambda r: str(r.amount), sort_key=lambda r: r.amount),
        ],
        key=lambda r: r.id,
    )
    model.set_rows(
        [Item(i, f"Kunde {i * 7919 % 100000:06d}", Decimal(i % 997)) for i in range(100000)]
    )
    persistent = QPersistentModelIndex(model.index(0, 0))
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert persistent.row() == 99999 and persistent.data() == "Kunde 000000"
    model.sort(1, Qt.SortOrder.AscendingOrder)
    model.set_filter_text("0123")
    assert model.rowCount() == 120


def test_sorting_by_column_minus_one_restores_the_load_order() -> None:
    model = item_model()
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert names(model) == ["Alzey", "Ärzteverband", "bad Kreuznach", "Zweibrücken"]
    model.sort(-1)
    assert names(model) == ["Zweibrücken", "Ärzteverband", "bad Kreuznach", "Alzey"]
    assert model.sort_column() == -1


def test_a_cell_shows_the_icon_its_column_gives() -> None:
    columns: list[Column[Item]] = [
        Column("Name", lambda r: r.name, decoration=lambda r: "!" if r.amount is None else None)
    ]
    model = RowTableModel(columns, key=lambda r: r.id)
    model.set_rows([Item(1, "a", None), Item(2, "b", Decimal(1))])
    role = Qt.ItemDataRole.DecorationRole
    assert [model.index(r, 0).data(role) for r in range(2)] == ["!", None]
