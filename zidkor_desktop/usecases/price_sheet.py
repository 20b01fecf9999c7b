"""The price list as a spreadsheet: export a version (XLSX, CSV), import a file into a draft.

An import is read and checked whole first (`prepare_import`, changes nothing, every problem
with row and column) and applied only when confirmed (`apply_import`, one transaction, refused
when the draft was saved by someone else in between).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select

from zidkor_desktop.db.models import PriceList, Service
from zidkor_desktop.db.session import Database
from zidkor_desktop.documents.price_sheet import render_csv, render_xlsx
from zidkor_desktop.domain.errors import NotFound, RuleViolation, ValidationError
from zidkor_desktop.domain.kinds import PriceListStatus
from zidkor_desktop.domain.price_sheet import (
    SheetRefused,
    choice_lists,
    find_header,
    header_problems,
    price_texts,
    read_items,
    row_cells,
)
from zidkor_desktop.domain.pricelist import (
    Comparison,
    ItemDraft,
    compare,
    compare_row,
)
from zidkor_desktop.domain.spreadsheet import decimal_point_used
from zidkor_desktop.l10n import _, format_date
from zidkor_desktop.queries.price_versions import (
    ItemRow,
    chosen_version,
    find_version,
    version_items,
)
from zidkor_desktop.usecases.document_files import save_document
from zidkor_desktop.usecases.price_sheet_files import file_problem, read_rows
from zidkor_desktop.usecases.pricelist import save_items

__all__ = [
    "ImportPreview",
    "SheetRefused",
    "apply_import",
    "export_version",
    "prepare_import",
]

SUFFIXES = (".xlsx", ".csv")


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationError(
            _("Please choose a file name ending in .xlsx or .csv (not “{name}”).").format(
                name=path.name
            ),
            "file",
        )
    return suffix


def export_version(
    db: Database, path: Path, version_no: int | None = None, today: date | None = None
) -> int:
    """Write a version (default: the one in force today, else the newest) as XLSX or CSV.

    The format follows the suffix of `path`; the file is written atomically. Returns the
    number of the version written.
    """
    suffix = _kind(path)
    with db.sessions() as session:
        number = chosen_version(session, version_no, today or date.today())
        price_list = find_version(session, number)
        status = PriceListStatus(price_list.status)
        valid_from, title = price_list.valid_from, price_list.title
        codes = list(session.scalars(select(Service.code).order_by(Service.code)))
    rows = [row_cells(item) for item in version_items(db, number)]
    if suffix == ".csv":
        data = render_csv(rows)
    else:
        state = status.label
        if valid_from is not None:
            state = _("{status}, valid from {day}").format(
                status=status.label, day=format_date(valid_from)
            )
        lines = [title, _("Version {number} · {state}").format(number=number, state=state)]
        sheet_name = _("Version {number}").format(number=number)
        data = render_xlsx(sheet_name, lines, rows, choice_lists(codes))
    save_document(data, path, _("Price list version {number}").format(number=number))
    return number


@dataclass(frozen=True)
class ImportPreview:
    """A checked spreadsheet and what it would change in its draft."""

    version_no: int
    """The draft the file goes into."""
    loaded_version: int
    """The draft's lock counter when it was read (save_items refuses a different one)."""
    items: list[ItemDraft]
    """The file's rows, checked."""
    comparison: Comparison
    """Stored draft → file: added, removed and changed items (changed fields included)."""
    path: Path = Path()
    notes: list[str] = field(default_factory=list)
    """Remarks for the clerk (e.g. the file was read as Windows-1252)."""
    unchanged: int = 0
    """Items that stay exactly as they are."""

    @property
    def has_changes(self) -> bool:
        """Whether applying would change anything."""
        c = self.comparison
        return bool(c.added or c.removed or c.changed)


def _refused(path: Path, problems: Sequence[str]) -> SheetRefused:
    if len(problems) == 1:
        summary = _("The file {name} cannot be imported: {problem}").format(
            name=path.name, problem=problems[0]
        )
    else:
        summary = _(
            "The file {name} cannot be imported: it has {count} problems. Nothing was changed."
        ).format(name=path.name, count=len(problems))
    return SheetRefused(summary, problems)


def _draft_state(db: Database, into: int | None) -> tuple[int, int, list[ItemRow], dict[str, int]]:
    """The target draft's number, lock counter and items, and the service codes."""
    with db.sessions() as session:
        if into is None:
            into = session.scalar(
                select(PriceList.version_no)
                .where(PriceList.status == PriceListStatus.DRAFT.value)
                .order_by(PriceList.version_no.desc())
            )
            if into is None:
                raise NotFound(
                    _(
                        "There is no draft of the price list to import into. Please create one "
                        "first with “New version” (zidkor pricelist new-version)."
                    )
                )
        price_list = find_version(session, into)
        if price_list.status != PriceListStatus.DRAFT.value:
            raise RuleViolation(
                _(
                    "Version {number} of the price list is published and can no longer be "
                    "changed; import into a draft (“New version”)."
                ).format(number=into)
            )
        services = {s.code: s.id for s in session.scalars(select(Service).order_by(Service.code))}
        lock = price_list.version
    return into, lock, version_items(db, into), services


def prepare_import(db: Database, path: Path, into: int | None = None) -> ImportPreview:
    """Read and check the whole file against the draft `into` (default: the newest draft).

    Changes nothing. Raises SheetRefused listing every problem (row, column, reason).
    """
    number, lock, stored, services = _draft_state(db, into)
    rows, typed_text, notes = read_rows(path)
    header_index = find_header(rows)
    assert header_index is not None  # read_rows found it
    header_no, header_cells = rows[header_index]
    columns, problems = header_problems(header_cells, header_no)
    if problems:
        raise _refused(path, problems)
    data_rows = rows[header_index + 1 :]
    point = decimal_point_used(price_texts(data_rows, columns))
    if point:
        notes.append(
            _(
                "The prices in {name} are written with a decimal point (English notation, "
                "e.g. 41.25); they were read that way. Please check them in the changes."
            ).format(name=path.name)
        )
    items, problems = read_items(data_rows, columns, services, typed_text=typed_text, point=point)
    if problems:
        raise _refused(path, problems)
    if not items:
        raise file_problem(path, _("The file {name} has a header but no items."))
    codes = {service_id: code for code, service_id in services.items()}
    comparison = compare(
        [compare_row(row, row.service) for row in stored],
        [compare_row(item, codes.get(item.service_id or 0, "")) for item in items],
    )
    unchanged = len(stored) - len(comparison.removed) - len(comparison.changed)
    return ImportPreview(number, lock, items, comparison, path, notes, unchanged)


def apply_import(db: Database, preview: ImportPreview) -> int:
    """Save the previewed items into their draft (one transaction); returns the new counter.

    Refused (ConcurrentChange) when the draft was saved by someone else since the preview.
    """
    return save_items(db, preview.version_no, preview.items, preview.loaded_version)
