"""Reading a price sheet file: XLSX or CSV told by its content, the sheet with the header,
and a German message naming the file for everything that is no readable price sheet."""

from __future__ import annotations

from pathlib import Path

from zidkor_desktop.documents.price_sheet import (
    Rows,
    Unreadable,
    decode_csv,
    read_xlsx,
    split_csv,
)
from zidkor_desktop.domain.price_sheet import SheetRefused, find_header
from zidkor_desktop.l10n import _
from zidkor_desktop.usecases.errors import translated_errors


def file_problem(path: Path, message: str) -> SheetRefused:
    """A problem of the file as a whole (empty, no spreadsheet, wrong encoding)."""
    text = message.format(name=path.name, path=path)
    return SheetRefused(text, [text])


def read_rows(path: Path) -> tuple[Rows, bool, list[str]]:
    """The rows of the sheet with the header, whether text cells are typed, and notes."""
    with translated_errors(path=path):
        data = path.expanduser().read_bytes()
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise file_problem(path, _("The file {name} is empty."))
    if data.startswith(b"%PDF"):
        raise file_problem(path, _("The file {name} is a PDF document, not a spreadsheet."))
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise file_problem(
            path,
            _(
                "The file {name} is in the old Excel format (.xls). Please save it as “Excel "
                "workbook (.xlsx)” or as CSV and import that file."
            ),
        )
    if data.startswith(b"PK\x03\x04"):
        return _workbook_rows(path, data), True, []
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raise file_problem(path, _("The file {name} is not an Excel workbook (.xlsx)."))
    return _csv_rows(path, data)


def _workbook_rows(path: Path, data: bytes) -> Rows:
    if b"opendocument.spreadsheet" in data[:200]:
        raise file_problem(
            path,
            _(
                "The file {name} is an OpenDocument spreadsheet (.ods). Please save it as "
                "“Excel 2007-365 (.xlsx)” or as CSV and import that file."
            ),
        )
    try:
        sheets = read_xlsx(data)
    except Unreadable:
        raise file_problem(
            path, _("The file {name} is no readable Excel workbook (.xlsx); it may be damaged.")
        ) from None
    for rows in sheets:
        if find_header(rows) is not None:
            return rows
    raise no_header(path)


def no_header(path: Path) -> SheetRefused:
    return file_problem(
        path,
        _(
            "The file {name} has no header row with the columns of the price list (Position, "
            "Code, Service, …). Please export a version first and use that file as the template."
        ),
    )


def _csv_rows(path: Path, data: bytes) -> tuple[Rows, bool, list[str]]:
    try:
        decoded = decode_csv(data)
    except Unreadable as exc:
        if exc.args[0] == "encoding":
            raise file_problem(
                path,
                _(
                    "The file {name} is neither in UTF-8 nor in Windows-1252 encoding, so its "
                    "umlauts cannot be read. Please save it as “CSV UTF-8” and import it again."
                ),
            ) from None
        raise file_problem(
            path, _("The file {name} is no spreadsheet (neither XLSX nor CSV text).")
        ) from None
    notes = []
    if decoded.encoding == "Windows-1252":
        notes.append(
            _(
                "The file {name} is not in UTF-8; it was read as Windows-1252 (the encoding of "
                "“CSV” in Excel on Windows). Please check the umlauts in the changes."
            ).format(name=path.name)
        )
    for delimiter in (";", "\t", ","):
        try:
            rows = split_csv(decoded.text, delimiter)
        except Unreadable:
            raise file_problem(
                path,
                _("The file {name} is no readable CSV file: its quotation marks do not match."),
            ) from None
        if find_header(rows) is not None:
            return rows, False, notes
    raise no_header(path)
