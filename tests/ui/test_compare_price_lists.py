"""Compare dialog: the changes between two price-list versions, with % per item and on average."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from zidkor_desktop.queries.price_versions import version_items
from zidkor_desktop.ui.dialogs.compare_price_lists import ComparePriceListsDialog, VersionSource


def stored(db: Any, number: int) -> VersionSource:
    return VersionSource(
        f"Fassung {number}",
        lambda: [(i.code, i.title, i.unit_price) for i in version_items(db, number)],
    )


def cells(dialog: ComparePriceListsDialog) -> list[list[str]]:
    model = dialog.model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_demo_versions_compared(qtbot: Any, demo_db: Any) -> None:
    dialog = ComparePriceListsDialog([stored(demo_db, 1), stored(demo_db, 2)], 0, 1)
    qtbot.addWidget(dialog)
    rows = {row[1]: row for row in cells(dialog)}
    # 2027 demo draft: AUT-01 38,50 -> 41,25; AUT-02 1.200 -> 1.250; EPR-01 0,045 -> 0,048;
    # EPR-03 removed, EPR-04 new; EPR-02 unchanged (not listed).
    assert rows["AUT-01"][0] == "geändert"
    assert rows["AUT-01"][3:6] == ["38,50\xa0€", "41,25\xa0€", "+7,14 %"]
    assert rows["AUT-02"][3:6] == ["1.200,00\xa0€", "1.250,00\xa0€", "+4,17 %"]
    assert rows["EPR-01"][3:6] == ["0,0450\xa0€", "0,0480\xa0€", "+6,67 %"]
    assert rows["EPR-03"][0] == "entfallen" and rows["EPR-03"][4] == "–"
    assert rows["EPR-04"][0] == "neu" and rows["EPR-04"][4] == "85,00\xa0€"
    assert "EPR-02" not in rows
    exact = [
        (Decimal("41.25") - Decimal("38.50")) / Decimal("38.50"),
        (Decimal("1250") - Decimal("1200")) / Decimal("1200"),
        (Decimal("0.048") - Decimal("0.045")) / Decimal("0.045"),
        Decimal(0),  # EPR-02 is in both versions, unchanged
    ]
    average = (sum(exact) * 100 / 4).quantize(Decimal("0.01"))
    assert f"+{str(average).replace('.', ',')} %" in dialog.summary_label.text()
    assert dialog.summary_label.text().startswith("3 geändert, 1 neu, 1 entfallen.")


def test_choosing_the_same_version_shows_no_change(qtbot: Any, demo_db: Any) -> None:
    dialog = ComparePriceListsDialog([stored(demo_db, 1), stored(demo_db, 2)], 0, 1)
    qtbot.addWidget(dialog)
    dialog.new_choice.setCurrentIndex(0)
    assert cells(dialog) == []
    assert (
        dialog.summary_label.text() == "Die beiden Fassungen haben dieselben Positionen und Preise."
    )
