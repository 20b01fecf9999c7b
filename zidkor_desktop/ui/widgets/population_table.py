"""Editable table of a customer's population figures: year, residents, source, as of."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from zidkor_desktop.domain.customers import PopulationFigure
from zidkor_desktop.domain.errors import ValidationError
from zidkor_desktop.l10n import _, format_number
from zidkor_desktop.ui.widgets.date_edit import date_text, parse_date_text

YEAR, RESIDENTS, SOURCE, AS_OF = range(4)
DEFAULT_SOURCE = "Statistisches Landesamt Rheinland-Pfalz"


class PopulationTable(QWidget):
    """The figures in a table the clerk types into; `figures()` reads and checks the cells."""

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("populations")
        self.table.setHorizontalHeaderLabels(
            [_("Year"), _("Residents"), _("Source"), _("As of (DD.MM.YYYY)")]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SOURCE, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        self.add_button = QPushButton(_("Add year"), self)
        self.add_button.setToolTip(_("A new line for the next year, with the usual source"))
        self.remove_button = QPushButton(_("Remove"), self)
        self.add_button.clicked.connect(self.add_year)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def set_figures(self, figures: list[PopulationFigure]) -> None:
        """Show the stored figures, oldest year first."""
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for figure in figures:
            self._append(
                [
                    str(figure.year),
                    format_number(figure.residents),
                    figure.source,
                    date_text(figure.as_of),
                ]
            )
        self.table.blockSignals(False)

    def _append(self, texts: list[str]) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            if column in (YEAR, RESIDENTS):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, item)
        return row

    def add_year(self) -> None:
        """A new line for the year after the newest one (or this year), ready to type."""
        years = [int(t) for t in self.texts_of(YEAR) if t.isdigit()]
        year = max(years) + 1 if years else self.today.year
        row = self._append([str(year), "", DEFAULT_SOURCE, ""])
        self.table.setCurrentCell(row, RESIDENTS)
        self.table.editItem(self.table.item(row, RESIDENTS))
        self.changed.emit()

    def remove_selected(self) -> None:
        """Remove the selected line."""
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.changed.emit()

    def texts_of(self, column: int) -> list[str]:
        """The texts of one column, top to bottom."""
        return [self._text(row, column) for row in range(self.table.rowCount())]

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return "" if item is None else item.text().strip()

    def state(self) -> tuple[tuple[str, ...], ...]:
        """All cells as typed (for the unsaved-changes guard)."""
        return tuple(
            tuple(self._text(row, column) for column in range(4))
            for row in range(self.table.rowCount())
        )

    def figures(self) -> list[PopulationFigure]:
        """The figures as typed; ValidationError naming the line for a cell that cannot be read."""
        result = []
        for row in range(self.table.rowCount()):
            year, residents, source, as_of = (self._text(row, c) for c in range(4))
            where = _("Population, line {line}").format(line=row + 1)
            if not year.isdigit():
                raise ValidationError(
                    _("{where}: please enter the year as a number, e.g. 2026.").format(where=where),
                    "populations",
                )
            count = re.sub(r"[.,\s]", "", residents)  # grouping as typed or as shown
            if not count.isdigit():
                raise ValidationError(
                    _("{where}: please enter the residents as a whole number, e.g. 18.200.").format(
                        where=where
                    ),
                    "populations",
                )
            try:
                day = parse_date_text(as_of)
            except ValueError as exc:
                raise ValidationError(
                    _("{where}: please enter the date of the figure as DD.MM.YYYY.").format(
                        where=where
                    ),
                    "populations",
                ) from exc
            result.append(PopulationFigure(int(year), int(count), source, day))
        return result
