"""Schedule of services and fees as PDF: snapshot from the database, render, write atomically."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from zidkor_desktop.db.session import Database
from zidkor_desktop.documents.price_list import document_title, render_price_list
from zidkor_desktop.queries.pricelist_document import price_list_document
from zidkor_desktop.usecases.document_files import save_document


def price_list_pdf(db: Database, day: date, printed_on: date | None = None) -> bytes:
    """The schedule valid on `day` as PDF bytes; NotFound if no version is in force then."""
    return render_price_list(price_list_document(db, day, printed_on))


def save_price_list_pdf(db: Database, day: date, target: Path) -> Path:
    """Write the schedule valid on `day` to `target` (atomically); returns the path written."""
    return save_document(price_list_pdf(db, day), target, document_title())


def price_list_file_name(day: date) -> str:
    """Suggested file name, e.g. 'Entgeltverzeichnis-2026-11-25.pdf'."""
    return f"Entgeltverzeichnis-{day.isoformat()}.pdf"
