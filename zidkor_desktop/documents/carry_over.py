"""A table of amount rows that carries its running total over page breaks ('Übertrag')."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from reportlab.platypus import Flowable, Table, TableStyle

from zidkor_desktop.domain.money import ZERO


@dataclass(frozen=True)
class AmountRow:
    """One table row and the amount it adds to the running total."""

    cells: list[Any]
    amount: Decimal


class CarryOverTable(Flowable):
    """Header on every page; where the rows break, the running total closes the page part and
    opens the next one, so each page adds up on its own."""

    def __init__(
        self,
        header: list[Any],
        rows: Sequence[AmountRow],
        col_widths: Sequence[float],
        style: Sequence[tuple[Any, ...]],
        carry_row: Callable[[Decimal], list[Any]],
        carry_style: Sequence[tuple[Any, ...]] = (),
        carried: Decimal | None = None,
    ) -> None:
        super().__init__()
        self.header = header
        self.rows = list(rows)
        self.col_widths = list(col_widths)
        self.style = list(style)
        self.carry_row = carry_row
        self.carry_style = list(carry_style)
        self.carried = carried
        self._table: Table | None = None

    def _part(self, rows: Sequence[AmountRow], carried_out: Decimal | None) -> Table:
        """The table of one page: header, carried total, rows, total to carry on."""
        data: list[list[Any]] = [self.header]
        carry_at: list[int] = []
        if self.carried is not None:
            carry_at.append(len(data))
            data.append(self.carry_row(self.carried))
        data += [row.cells for row in rows]
        if carried_out is not None:
            carry_at.append(len(data))
            data.append(self.carry_row(carried_out))
        commands = list(self.style)
        for index in carry_at:
            commands += [_at_row(command, index) for command in self.carry_style]
        table = Table(data, colWidths=self.col_widths)
        table.setStyle(TableStyle(commands))
        return table

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._table = self._part(self.rows, None)
        self.width, self.height = self._table.wrap(availWidth, availHeight)
        return self.width, self.height

    def draw(self) -> None:
        assert self._table is not None
        self._table.drawOn(self.canv, 0, 0)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """The rows that fit with a closing carry row, then the rest as a new carry-over table."""
        full = self._part(self.rows, None)
        full.wrap(availWidth, availHeight)
        heights = list(full._rowHeights)
        opening = 2 if self.carried is not None else 1
        closing = self._part([], ZERO)
        closing.wrap(availWidth, availHeight)
        room = availHeight - sum(heights[:opening]) - closing._rowHeights[-1]
        fitting = 0
        for height in heights[opening:]:
            if height > room:
                break
            room -= height
            fitting += 1
        if fitting == 0:
            return []
        if fitting >= len(self.rows):
            return [self._part(self.rows, None)]
        start = self.carried if self.carried is not None else ZERO
        carried_out = start + sum((row.amount for row in self.rows[:fitting]), ZERO)
        rest = CarryOverTable(
            self.header,
            self.rows[fitting:],
            self.col_widths,
            self.style,
            self.carry_row,
            self.carry_style,
            carried_out,
        )
        return [self._part(self.rows[:fitting], carried_out), rest]


def _at_row(command: tuple[Any, ...], row: int) -> tuple[Any, ...]:
    """A style command written for row 0, moved to `row`."""
    name, (col0, _r0), (col1, _r1), *rest = command
    return (name, (col0, row), (col1, row), *rest)
