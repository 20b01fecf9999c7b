"""Export issued invoices to a folder: hybrid PDF, XRechnung XML and a CSV list (treasurer)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.spreadsheet import defused
from zidkor_desktop.l10n import _
from zidkor_desktop.queries.invoices import InvoiceRow, invoice_file
from zidkor_desktop.usecases.errors import translated_errors
from zidkor_desktop.usecases.invoice_files import PDF_KIND, XML_KIND

LIST_NAME = "Rechnungsliste.csv"


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote."""

    folder: Path
    files: list[Path]


def _amount(value: object) -> str:
    return f"{value:.2f}".replace(".", ",")


def invoice_list_csv(rows: Sequence[InvoiceRow]) -> bytes:
    """Number, recipient, dates, net, VAT, gross: German CSV (;, decimal comma, UTF-8 BOM)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            _("Number"),
            _("Recipient"),
            _("Invoice date"),
            _("Due date"),
            _("Net"),
            _("VAT"),
            _("Gross"),
            _("Status"),
        ]
    )
    for row in rows:
        writer.writerow(
            [
                defused(row.number),
                defused(row.buyer),
                row.issue_date.strftime("%d.%m.%Y"),
                row.due_date.strftime("%d.%m.%Y") if row.due_date else "",
                _amount(row.net),
                _amount(row.tax),
                _amount(row.gross),
                row.status_label,
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


def export_invoices(db: Database, rows: Sequence[InvoiceRow], folder: Path) -> ExportResult:
    """Write each invoice's archived hybrid PDF and XML and the list into `folder`."""
    written: list[Path] = []
    with translated_errors(path=folder):
        folder.mkdir(parents=True, exist_ok=True)
        for row in rows:
            for kind in (PDF_KIND, XML_KIND):
                stored = invoice_file(db, row.number, kind)
                target = folder / stored.filename
                target.write_bytes(stored.content)
                written.append(target)
        target = folder / LIST_NAME
        target.write_bytes(invoice_list_csv(rows))
        written.append(target)
    return ExportResult(folder, written)
