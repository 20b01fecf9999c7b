"""Table of audit log entries (Änderungsprotokoll, member history): sortable, newest first."""

from __future__ import annotations

import ast
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from zidkor_desktop.l10n import N_, format_datetime
from zidkor_desktop.queries.audit import AuditRow
from zidkor_desktop.ui.models.row_table_model import ALIGN_RIGHT, Column, RowTableModel
from zidkor_desktop.ui.widgets.list_header import set_up_list_header

NUMBER, TIME, USER, COMPUTER = 0, 1, 2, 3
_MAX_CELL = 120  # long snapshots of created/deleted records: the full text is in the tooltip


def readable(text: str | None) -> str:
    """A logged value for people: a record snapshot as 'field: value · …', else as stored."""
    value = text or ""
    if value.startswith("{") and value.endswith("}"):
        try:
            snapshot = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return value
        if isinstance(snapshot, dict):
            return " · ".join(f"{key}: {item}" for key, item in snapshot.items())
    return value


def _short(text: str | None) -> str:
    value = readable(text).replace("\n", " ")
    return value if len(value) <= _MAX_CELL else value[: _MAX_CELL - 1] + "…"


COLUMNS: list[Column[AuditRow]] = [
    Column(N_("No."), lambda r: str(r.id), sort_key=lambda r: r.id, alignment=ALIGN_RIGHT),
    Column(
        N_("Time"),
        lambda r: format_datetime(r.at.astimezone()),
        sort_key=lambda r: r.at,
        searchable=True,
    ),
    Column(N_("User"), lambda r: r.user, searchable=True, tooltip=lambda r: f"{r.user}@{r.host}"),
    Column(N_("Computer"), lambda r: r.host, searchable=True),
    Column(
        N_("Record"),
        lambda r: f"{r.entity_label} {r.entity_id}",
        sort_key=lambda r: (r.entity_label, len(r.entity_id), r.entity_id),
        searchable=True,
    ),
    Column(N_("Action"), lambda r: r.action_label, searchable=True),
    Column(N_("Field"), lambda r: r.field, searchable=True),
    Column(
        N_("Old value"),
        lambda r: _short(r.old_value),
        searchable=True,
        tooltip=lambda r: readable(r.old_value),
    ),
    Column(
        N_("New value"),
        lambda r: _short(r.new_value),
        searchable=True,
        tooltip=lambda r: readable(r.new_value),
    ),
]


class AuditTable(QTableView):
    """Read-only, sortable list of audit entries."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_ = RowTableModel(COLUMNS, key=lambda r: r.id, parent=self)
        self.setModel(self.model_)
        self.setSortingEnabled(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = set_up_list_header(self)  # the sort arrow beside the header text
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        self.sortByColumn(NUMBER, Qt.SortOrder.DescendingOrder)

    def set_rows(self, rows: Sequence[AuditRow]) -> None:
        """Show entries, keeping the chosen sort order, and fit the short columns."""
        self.model_.set_rows(rows)
        for column in range(len(COLUMNS) - 2):  # room for the sort arrow beside the header
            self.resizeColumnToContents(column)
            self.setColumnWidth(column, self.columnWidth(column) + 18)
        for column in (len(COLUMNS) - 2, len(COLUMNS) - 1):
            self.setColumnWidth(column, max(self.columnWidth(column), 180))
