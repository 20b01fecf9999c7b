"""The price list as a spreadsheet: its columns, the cells of a row, reading rows back checked."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any, Protocol

from zidkor_desktop.domain.errors import ValidationError
from zidkor_desktop.domain.kinds import BillingRhythm, LabelledEnum, PriceUnit, TaxCategory
from zidkor_desktop.domain.pricelist import (
    RHYTHMS,
    TAX_RATES,
    UNIT_CODES,
    UNIT_DEFAULTS,
    ItemDraft,
    ItemFacts,
    list_problems,
)
from zidkor_desktop.domain.spreadsheet import (
    CellProblem,
    CellValue,
    cell_price,
    cell_text,
    cell_whole_number,
)
from zidkor_desktop.l10n import N_, _


@dataclass(frozen=True)
class SheetColumn:
    """One column of the price sheet: key (ItemDraft attribute), header msgid, width in chars."""

    key: str
    header: str
    width: int


COLUMNS: tuple[SheetColumn, ...] = (
    SheetColumn("position", N_("Position"), 9),
    SheetColumn("code", N_("Code"), 11),
    SheetColumn("service", N_("Service"), 13),
    SheetColumn("title", N_("Title"), 50),
    SheetColumn("description", N_("Description"), 36),
    SheetColumn("unit", N_("Unit"), 27),
    SheetColumn("unit_text", N_("Unit text"), 27),
    SheetColumn("unit_code", N_("Unit code"), 14),
    SheetColumn("unit_price", N_("Price"), 15),
    SheetColumn("tax_category", N_("Tax"), 17),
    SheetColumn("tax_note", N_("Tax note"), 42),
    SheetColumn("billing_rhythm", N_("Billing"), 17),
)
CHOICE_KEYS = ("service", "unit", "tax_category", "billing_rhythm", "unit_code")
"""Columns with a list of allowed values (drop-down lists in the XLSX file)."""
_FIELD_COLUMN = {"service_id": "service"}
"""ItemProblem fields whose column has another key."""


class SheetItem(ItemFacts, Protocol):
    """What an exported row needs (queries.price_versions.ItemRow has it)."""

    service: str
    unit_price: Decimal


class SheetRefused(ValidationError):
    """A spreadsheet that cannot be imported; str() is a German summary naming the file."""

    def __init__(self, message: str, problems: Sequence[str]) -> None:
        super().__init__(message, "file")
        self.problems = list(problems)


def headers() -> list[str]:
    """The header row in the current language."""
    return [_(c.header) for c in COLUMNS]


def column_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based index: A, B, ..., Z, AA, ..."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def row_cells(item: SheetItem) -> list[CellValue]:
    """The cells of one item in column order (choices as labels, the price as a Decimal)."""
    return [
        item.position, item.code, item.service, item.title, item.description,
        PriceUnit(item.unit).label, item.unit_text, item.unit_code, item.unit_price,
        TaxCategory(item.tax_category).label, item.tax_note,
        BillingRhythm(item.billing_rhythm).label,
    ]  # fmt: skip


def choice_lists(service_codes: Sequence[str]) -> dict[str, list[str]]:
    """The allowed values of each choice column as shown in the sheet."""
    return {
        "service": list(service_codes),
        "unit": [u.label for u in PriceUnit],
        "tax_category": [t.label for t in TaxCategory],
        "billing_rhythm": [r.label for r in RHYTHMS],
        "unit_code": list(UNIT_CODES),
    }


def _key(text: str) -> str:
    return "".join(text.split()).casefold()


def _choices(kind: type[LabelledEnum], members: Sequence[Enum]) -> dict[str, Enum]:
    found: dict[str, Enum] = {}
    for member in members:
        assert isinstance(member, LabelledEnum)
        found[_key(member.label)] = member
        found[_key(member.value)] = member
    if kind is PriceUnit:
        for unit, (text, _code) in UNIT_DEFAULTS.items():
            found.setdefault(_key(text), unit)
    if kind is TaxCategory:
        for category, rate in TAX_RATES.items():
            if rate:
                whole = f"{rate.normalize():f}"
                found[_key(whole)] = found[_key(whole + "%")] = category
    return found


def find_header(rows: Sequence[tuple[int, Sequence[CellValue]]]) -> int | None:
    """Index in `rows` of the header row: the first with three or more known column names."""
    known = _header_keys()
    for index, (_row_no, cells) in enumerate(rows):
        names = [_key(str(c)) for c in cells if isinstance(c, str)]
        if sum(1 for n in names if n in known) >= 3:
            return index
    return None


def _header_keys() -> dict[str, str]:
    found = {}
    for column in COLUMNS:
        found[_key(column.header)] = column.key
        found[_key(_(column.header))] = column.key
    return found


def header_problems(cells: Sequence[CellValue], row_no: int) -> tuple[dict[int, str], list[str]]:
    """Map of cell index to column key, and every problem of the header row."""
    known = _header_keys()
    where: dict[int, str] = {}
    problems = []
    seen: dict[str, int] = {}
    for index, cell in enumerate(cells):
        text = "" if cell is None else str(cell).strip()
        if not text:
            continue
        key = known.get(_key(text))
        if key is None:
            problems.append(
                _("Row {row}, column {letter}: “{text}” is not a column of the price list.").format(
                    row=row_no, letter=column_letter(index), text=text
                )
            )
        elif key in seen:
            problems.append(
                _("Row {row}: the column “{name}” appears twice ({first} and {second}).").format(
                    row=row_no,
                    name=text,
                    first=column_letter(seen[key]),
                    second=column_letter(index),
                )
            )
        else:
            seen[key] = index
            where[index] = key
    missing = [_(c.header) for c in COLUMNS if c.key not in seen]
    if missing:
        problems.append(
            _("Row {row}: the columns {names} are missing.").format(
                row=row_no, names=", ".join(f"„{n}“" for n in missing)
            )
        )
    return where, problems


@dataclass
class _Row:
    """One data row while it is read: the values so far and the columns that failed."""

    row_no: int
    values: dict[str, Any]
    failed: set[str]


class _Reader:
    """Reads data rows into ItemDrafts, collecting every problem with row and column."""

    def __init__(self, services: Mapping[str, int], typed_text: bool, point: bool) -> None:
        self.point = point
        self.services = {code.casefold(): service_id for code, service_id in services.items()}
        self.service_codes = list(services)
        self.typed_text = typed_text
        self.units = _choices(PriceUnit, list(PriceUnit))
        self.taxes = _choices(TaxCategory, list(TaxCategory))
        self.rhythms = _choices(BillingRhythm, RHYTHMS)
        self.problems: list[tuple[int, int, str]] = []

    def problem(self, row_no: int, key: str, reason: str) -> None:
        order = next(i for i, c in enumerate(COLUMNS) if c.key == key)
        self.problems.append((row_no, order, _message(row_no, key, reason)))

    def read(self, row_no: int, cells: Mapping[str, CellValue]) -> _Row:
        row = _Row(row_no, {}, set())
        readers: dict[str, Callable[[CellValue], object]] = {
            "position": cell_whole_number,
            "unit_price": lambda v: cell_price(v, point=self.point),
            "service": self._service,
            "unit": lambda v: self._choice(v, self.units, _UNIT_TEXTS),
            "tax_category": lambda v: self._choice(v, self.taxes, _TAX_TEXTS),
            "billing_rhythm": lambda v: self._choice(v, self.rhythms, _RHYTHM_TEXTS),
        }
        for column in COLUMNS:
            value = cells.get(column.key)
            read = readers.get(column.key, lambda v: cell_text(v, typed_text=self.typed_text))
            try:
                row.values[column.key] = read(value)
            except CellProblem as exc:
                row.failed.add(column.key)
                self.problem(row_no, column.key, str(exc))
        return row

    def _service(self, value: CellValue) -> int:
        code = cell_text(value, typed_text=self.typed_text)
        if not code:
            raise CellProblem(_("please enter the code of a service."))
        if code.casefold() not in self.services:
            raise CellProblem(
                _("“{code}” is not a known service (known: {codes}).").format(
                    code=code, codes=", ".join(self.service_codes)
                )
            )
        return self.services[code.casefold()]

    def _choice(
        self, value: CellValue, choices: Mapping[str, Enum], texts: tuple[str, str]
    ) -> Enum:
        text = cell_text(value, typed_text=self.typed_text)
        if not text:
            raise CellProblem(_(texts[0]))
        found = choices.get(_key(text))
        if found is None:
            allowed = dict.fromkeys(m.label for m in choices.values())  # type: ignore[attr-defined]
            raise CellProblem(_(texts[1]).format(text=text, allowed=", ".join(allowed)))
        return found


_UNIT_TEXTS = (
    N_("please choose a unit."),
    N_("“{text}” is not a known unit (possible: {allowed})."),
)
_TAX_TEXTS = (
    N_("please choose the tax treatment."),
    N_("“{text}” is not a known tax treatment (possible: {allowed})."),
)
_RHYTHM_TEXTS = (
    N_("please choose the billing rhythm."),
    N_("“{text}” is not a known billing rhythm (possible: {allowed})."),
)


def _message(row_no: int, key: str, reason: str) -> str:
    header = next(c.header for c in COLUMNS if c.key == key)
    return _("Row {row}, column {column}: {reason}").format(
        row=row_no, column=_(header), reason=reason.rstrip(".")
    )


_STAND_INS: dict[str, Any] = {
    "service": None,
    "unit": PriceUnit.CASE,
    "unit_price": Decimal(0),
    "tax_category": TaxCategory.STANDARD,
    "billing_rhythm": BillingRhythm.MONTHLY,
}
"""Values for cells that could not be read (their problem is reported already)."""


def _draft(row: _Row) -> ItemDraft:
    """An ItemDraft of the row; failed cells get harmless stand-ins."""
    values = {**row.values}
    for key in row.failed:
        values[key] = _STAND_INS.get(key, "")
    if "position" in row.failed:
        values["position"] = -row.row_no  # unique, so no "used twice" for it
    if "code" in row.failed:
        values["code"] = f"\0{row.row_no}"
    service = values.pop("service")
    return ItemDraft(service_id=service, **values)


def read_items(
    rows: Sequence[tuple[int, Sequence[CellValue]]],
    columns: Mapping[int, str],
    services: Mapping[str, int],
    *,
    typed_text: bool,
    point: bool = False,
) -> tuple[list[ItemDraft], list[str]]:
    """The items of the data rows (row number, cells) and every problem, in row/column order.

    `columns` maps cell index to column key (from header_problems); `services` maps service
    code to id; `typed_text` tells whether text cells are typed as text (XLSX) or not (CSV);
    `point` whether price texts use the decimal point (see decimal_point_used).
    Empty rows are skipped; a cell right of the known columns must be empty.
    """
    reader = _Reader(services, typed_text, point)
    read: list[_Row] = []
    width = max(columns, default=-1) + 1
    for row_no, cells in rows:
        if all(_empty(c) for c in cells):
            continue
        for index in range(len(cells)):
            if index not in columns and not _empty(cells[index]):
                reader.problems.append(
                    (
                        row_no,
                        len(COLUMNS) + index,
                        _(
                            "Row {row}, column {letter}: “{text}” stands in a column without "
                            "a header."
                        ).format(row=row_no, letter=column_letter(index), text=cells[index]),
                    )
                )
        padded = list(cells) + [None] * (width - len(cells))
        read.append(reader.read(row_no, {key: padded[i] for i, key in columns.items()}))
    drafts = [_draft(row) for row in read]
    for index, problem in list_problems(drafts):
        row = read[index]
        key = _FIELD_COLUMN.get(problem.field, problem.field)
        if key not in row.failed:
            reader.problem(row.row_no, key, problem.message)
    ordered = [message for _r, _c, message in sorted(reader.problems, key=lambda p: p[:2])]
    return drafts, list(dict.fromkeys(ordered))


def price_texts(
    rows: Sequence[tuple[int, Sequence[CellValue]]], columns: Mapping[int, str]
) -> list[str]:
    """The price cells of the data rows that are text (to tell their notation)."""
    index = next((i for i, key in columns.items() if key == "unit_price"), None)
    if index is None:
        return []
    return [
        str(cells[index])
        for _n, cells in rows
        if index < len(cells) and isinstance(cells[index], str)
    ]


def _empty(cell: CellValue) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())
