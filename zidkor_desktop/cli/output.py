"""List output of the command line: every `... list` command gets the same --format option."""

from __future__ import annotations

import argparse
import csv
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any, Generic, TypeVar

from zidkor_desktop import l10n
from zidkor_desktop.domain.kinds import LabelledEnum
from zidkor_desktop.domain.money import to_money
from zidkor_desktop.domain.spreadsheet import csv_safe
from zidkor_desktop.l10n import _, format_date, format_money, format_number

RowT = TypeVar("RowT")
Cell = str | int | Decimal | date | bool | Enum | None


class ListFormat(StrEnum):
    """Output formats of list commands."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"


@dataclass(frozen=True)
class Column(Generic[RowT]):
    """One column of a list: JSON key, header msgid and the raw value (Decimal means money)."""

    key: str
    header: str
    value: Callable[[RowT], Cell]
    blank: str = ""
    """Text shown in table and CSV for an empty value (None); JSON gives null."""


def add_list_options(parser: argparse.ArgumentParser) -> None:
    """Add --format and --output to a list command."""
    parser.add_argument(
        "--format",
        choices=[f.value for f in ListFormat],
        default=ListFormat.TABLE.value,
        help=_("output format: table (default), csv (semicolons, for Excel) or json"),
    )
    parser.add_argument(
        "--output", "-o", type=Path, metavar=_("FILE"), help=_("write to FILE instead of stdout")
    )
    parser.add_argument(
        "--force", action="store_true", help=_("overwrite the file given with --output")
    )


def _json_cell(value: Cell) -> Any:
    """A cell as a language-neutral JSON value (amounts as exact strings)."""
    if isinstance(value, Decimal):
        return f"{to_money(value):f}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def _text_cell(value: Cell, *, for_csv: bool) -> str:
    """A cell as text in the current language (defused and spreadsheet-readable for CSV)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, Decimal):
        if for_csv:  # a plain number the spreadsheet of that language reads as a number
            from babel.numbers import format_decimal

            return format_decimal(to_money(value), format="0.00", locale=l10n.locale())
        return format_money(value)
    if isinstance(value, int):
        return str(value) if for_csv else format_number(value)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, LabelledEnum):
        text = value.label
    elif isinstance(value, Enum):
        text = str(value.value)
    else:
        text = str(value)
    return csv_safe(text) if for_csv else text


def render_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    footer: Sequence[Cell] | Sequence[Sequence[Cell]] | None = None,
    blanks: Sequence[str] | None = None,
) -> str:
    """Aligned text table; numbers and amounts right-aligned, optional totals lines.

    `footer` is one totals line or a list of them; `blanks` is the text of an empty cell per column.
    """
    footers = _footer_lines(footer)
    empty = list(blanks) if blanks is not None else [""] * len(headers)
    texts = [
        [_text_cell(c, for_csv=False) if c is not None else empty[i] for i, c in enumerate(r)]
        for r in rows
    ]
    totals = [[_text_cell(c, for_csv=False) for c in r] for r in footers]
    body = [*rows, *footers]
    right = [
        any(isinstance(r[i], int | Decimal) and not isinstance(r[i], bool) for r in body)
        for i in range(len(headers))
    ]
    widths = [max([len(h), *(len(t[i]) for t in texts + totals)]) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        parts = [
            c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells, widths, right, strict=True)
        ]
        return "  ".join(parts).rstrip()

    out = [line(headers), line(["-" * w for w in widths])]
    out += [line(t) for t in texts]
    for totals_line in totals:
        out.append(line(["=" * w if totals_line[i] else "" for i, w in enumerate(widths)]))
        out.append(line(totals_line))
    return "\n".join(out) + "\n"


def _footer_lines(footer: Sequence[Cell] | Sequence[Sequence[Cell]] | None) -> list[list[Cell]]:
    """One totals line or several as a list of lines."""
    if not footer:
        return []
    if all(isinstance(item, list | tuple) for item in footer):
        return [list(item) for item in footer]  # type: ignore[arg-type]
    return [list(footer)]  # type: ignore[arg-type]


def render_list(
    fmt: ListFormat,
    columns: Sequence[Column[RowT]],
    rows: Sequence[RowT],
    footer: Sequence[Cell] | Sequence[Sequence[Cell]] | None = None,
) -> bytes:
    """A list as bytes: table (UTF-8), CSV (UTF-8 with BOM, semicolons) or JSON (UTF-8)."""
    cells = [[c.value(row) for c in columns] for row in rows]
    if fmt is ListFormat.JSON:
        objects = [{c.key: _json_cell(v) for c, v in zip(columns, r, strict=True)} for r in cells]
        return (json.dumps(objects, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    headers = [_(c.header) for c in columns]
    if fmt is ListFormat.CSV:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow([csv_safe(h) for h in headers])
        writer.writerows(
            [
                [
                    _text_cell(v, for_csv=True) if v is not None else c.blank
                    for c, v in zip(columns, r, strict=True)
                ]
                for r in cells
            ]
        )
        return buffer.getvalue().encode("utf-8-sig")
    blanks = [c.blank for c in columns]
    return render_table(headers, cells, footer, blanks).encode("utf-8")
