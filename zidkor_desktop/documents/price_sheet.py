"""The price list as a spreadsheet file: XLSX (openpyxl) and German CSV, written and read."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from xml.etree.ElementTree import ParseError

from zidkor_desktop.domain.price_sheet import CHOICE_KEYS, COLUMNS, column_letter, headers
from zidkor_desktop.domain.spreadsheet import (
    FORMULA_STARTS,
    CellValue,
    Formula,
    defused,
    defused_string,
)
from zidkor_desktop.l10n import N_, _

PRICE_FORMAT = '#,##0.00##" €"'
"""Euro with two places, up to four only where the price has them (0,045 €)."""
WRAPPED = {"title", "description", "tax_note"}
LIST_SHEET = N_("Choices")
"""The hidden sheet with the values of the drop-down lists."""
VALIDATED_ROWS = 500
"""Rows below the header that get the drop-down lists (room for added items)."""

Rows = list[tuple[int, list[CellValue]]]


class Unreadable(Exception):
    """The bytes are no spreadsheet of the expected kind; args[0] names the reason (English)."""


def render_xlsx(
    sheet_name: str,
    title_lines: Sequence[str],
    rows: Sequence[Sequence[CellValue]],
    choices: Mapping[str, Sequence[str]],
) -> bytes:
    """An XLSX workbook: title lines, a header, one row per item, drop-down lists."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_name[:31]
    for number, line in enumerate(title_lines, start=1):
        cell = sheet.cell(number, 1)
        _set_text(cell, line)
        cell.font = Font(bold=number == 1, size=14 if number == 1 else 11)
    header_row = len(title_lines) + 2
    for index, text in enumerate(headers(), start=1):
        cell = sheet.cell(header_row, index, text)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E4E8EE")
        cell.border = Border(bottom=Side(style="thin"))
        right = COLUMNS[index - 1].key == "unit_price"
        cell.alignment = Alignment(
            horizontal="right" if right else None, vertical="center", wrap_text=True
        )
    for offset, values in enumerate(rows, start=1):
        for index, (column, value) in enumerate(zip(COLUMNS, values, strict=True), start=1):
            _write_cell(sheet.cell(header_row + offset, index), column.key, value)
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[column_letter(index - 1)].width = column.width
    last = header_row + max(len(rows), 1)
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.auto_filter.ref = f"A{header_row}:{column_letter(len(COLUMNS) - 1)}{last}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    _add_choice_lists(book, sheet, header_row, choices)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _set_text(cell: Any, text: str) -> None:
    """A text cell that never runs as a formula, even if it starts with "=" (defused)."""
    cell.value = defused_string(text)
    cell.data_type = "s"  # openpyxl would take a str starting with "=" for a formula
    if cell.value.startswith(FORMULA_STARTS):
        cell.quotePrefix = True  # Excel and Calc keep it text when it is edited


def _write_cell(cell: Any, key: str, value: CellValue) -> None:
    from openpyxl.styles import Alignment

    if isinstance(value, str):
        _set_text(cell, value)
    else:
        cell.value = value
    if key == "unit_price":
        cell.number_format = PRICE_FORMAT
    elif key == "position":
        cell.number_format = "0"
    cell.alignment = Alignment(
        horizontal="center" if key == "position" else None,
        vertical="top",
        wrap_text=key in WRAPPED,
    )


def _add_choice_lists(
    book: Any, sheet: Any, header_row: int, choices: Mapping[str, Sequence[str]]
) -> None:
    """A hidden sheet with the allowed values and a drop-down list on each choice column."""
    from openpyxl.worksheet.datavalidation import DataValidation

    name = _(LIST_SHEET)
    lists = book.create_sheet(name)
    lists.sheet_state = "hidden"
    for list_index, key in enumerate(CHOICE_KEYS):
        values = list(choices.get(key, []))
        if not values:
            continue
        letter = column_letter(list_index)
        for row, value in enumerate(values, start=1):
            _set_text(lists.cell(row, list_index + 1), value)
        column = next(i for i, c in enumerate(COLUMNS) if c.key == key)
        target = column_letter(column)
        check = DataValidation(
            type="list",
            formula1=f"'{name}'!${letter}$1:${letter}${len(values)}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=_("Value not in the list"),
            error=_("Please choose one of the values of the list."),
        )
        check.add(f"{target}{header_row + 1}:{target}{header_row + VALIDATED_ROWS}")
        sheet.add_data_validation(check)


def render_csv(rows: Sequence[Sequence[CellValue]]) -> bytes:
    """German CSV: header and rows, semicolons, decimal comma, CRLF, UTF-8 with BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers())
    writer.writerows([[_csv_text(value) for value in values] for values in rows])
    return buffer.getvalue().encode("utf-8-sig")


def _csv_text(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        # two places, or four: never three, which English-locale programs take for thousands
        places = 2 if value == value.quantize(Decimal("0.01")) else 4
        return f"{value:.{places}f}".replace(".", ",")
    if isinstance(value, int):
        return str(value)
    return defused(str(value))


def read_xlsx(data: bytes) -> list[Rows]:
    """The rows (row number, values) of each visible worksheet; formulas as Formula."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, ParseError, OSError) as exc:
        raise Unreadable(str(exc)) from exc
    except Exception as exc:  # openpyxl's own InvalidFileException and friends
        if type(exc).__module__.startswith("openpyxl"):
            raise Unreadable(str(exc)) from exc
        raise
    sheets = []
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        rows = [
            (cells[0].row, [_xlsx_value(c) for c in cells]) for cells in sheet.iter_rows() if cells
        ]
        sheets.append(rows)
    return sheets


def _xlsx_value(cell: Any) -> CellValue:
    value = cell.value
    if cell.data_type == "f":
        return Formula(str(getattr(value, "text", value)))
    if isinstance(value, str | int | float | Decimal | bool | date | datetime | time):
        return value
    return None if value is None else str(value)


@dataclass(frozen=True)
class CsvText:
    """A CSV file decoded: its text and the encoding that fit."""

    text: str
    encoding: str


def decode_csv(data: bytes) -> CsvText:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 (Excel's "CSV")."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return CsvText(data.decode("utf-16"), "UTF-16")
    if b"\x00" in data:
        raise Unreadable("binary")
    try:
        return CsvText(data.decode("utf-8-sig"), "UTF-8")
    except UnicodeDecodeError:
        if data.startswith(b"\xef\xbb\xbf"):
            raise Unreadable("encoding") from None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise Unreadable("encoding") from None
    if any(ord(c) < 32 and c not in "\t\r\n\f" for c in text):
        raise Unreadable("binary")
    return CsvText(text, "Windows-1252")


def split_csv(text: str, delimiter: str) -> Rows:
    """Records of a CSV text split by `delimiter`, numbered from 1."""
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise Unreadable(str(exc)) from exc
    return [(number, list(cells)) for number, cells in enumerate(records, start=1)]
