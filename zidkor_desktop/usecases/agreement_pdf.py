"""The agreement as PDF: snapshot from the database, render, write atomically."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from zidkor_desktop.db.session import Database
from zidkor_desktop.documents.agreement import document_title, render_agreement
from zidkor_desktop.queries.agreement_document import agreement_document
from zidkor_desktop.usecases.document_files import save_document


def agreement_pdf(
    db: Database, agreement_id: int, day: date, printed_on: date | None = None
) -> bytes:
    """The agreement as printed on `day` (operator and prices of that day) as PDF bytes."""
    return render_agreement(agreement_document(db, agreement_id, day, printed_on))


def save_agreement_pdf(db: Database, agreement_id: int, day: date, target: Path) -> Path:
    """Write the agreement to `target` (atomically); returns the path written."""
    doc = agreement_document(db, agreement_id, day)
    return save_document(render_agreement(doc), target, document_title(doc))


def agreement_file_name(number: str) -> str:
    """Suggested file name, e.g. 'Vereinbarung-ZV-2012-001.pdf'."""
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in number)
    return f"Vereinbarung-{safe}.pdf"
