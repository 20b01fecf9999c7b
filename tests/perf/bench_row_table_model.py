"""Benchmark: the generic row table model with 100,000 member rows (run by hand, not by pytest).

    QT_QPA_PLATFORM=offscreen python tests/perf/bench_row_table_model.py [ROWS]

Prints the seconds for loading, sorting by every column, filtering and painting the first screen
of a QTableView; the numbers go into the issue notes and docs, not into assertions.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date
from decimal import Decimal

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView

from zidkor_desktop.domain.kinds import MembershipStatus, OrganisationKind
from zidkor_desktop.queries.members import MemberRow
from zidkor_desktop.ui.models.members_model import COLUMNS, MembersTableModel


def make_rows(count: int) -> list[MemberRow]:
    """Synthetic member rows with varied names, kinds, votes and amounts."""
    kinds = list(OrganisationKind)
    statuses = list(MembershipStatus)
    return [
        MemberRow(
            organisation_id=i,
            name=f"Gemeinde {(i * 7919) % count:06d} Süd",
            kind=kinds[i % len(kinds)],
            municipal=i % 5 != 0,
            status=statuses[i % len(statuses)],
            votes=1 + i % 7,
            capital_due=Decimal(2000 * (1 + i % 7)).quantize(Decimal("0.01")),
            capital_paid=Decimal((i * 37) % 14000).quantize(Decimal("0.01")),
            member_from=date(2012, 10, 1),
            is_example=False,
        )
        for i in range(count)
    ]


def timed(label: str, action) -> None:
    """Run an action once and print its duration."""
    start = time.perf_counter()
    action()
    print(f"{label:<40} {time.perf_counter() - start:8.3f} s")


def main() -> None:
    """Measure the model at the given size (default 100,000 rows)."""
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    app = QApplication.instance() or QApplication([])
    rows = make_rows(count)
    model = MembersTableModel()
    view = QTableView()
    view.setModel(model)
    view.resize(1200, 700)
    view.show()
    print(f"rows: {count}")
    timed("set_rows", lambda: model.set_rows(rows))
    for number, column in enumerate(COLUMNS):
        timed(f"sort by {column.header} ascending", lambda n=number: model.sort(n))
        timed(
            f"sort by {column.header} descending",
            lambda n=number: model.sort(n, Qt.SortOrder.DescendingOrder),
        )
    timed("filter 'süd 0001' (first use)", lambda: model.set_filter_text("süd 0001"))
    print(f"{'  visible rows':<40} {model.rowCount():8d}")
    timed("filter 'gesellschaft'", lambda: model.set_filter_text("Company"))
    timed("clear filter", lambda: model.set_filter_text(""))
    timed("paint first screen", lambda: (view.viewport().repaint(), app.processEvents()))


if __name__ == "__main__":
    main()
