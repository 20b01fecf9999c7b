"""The statute and the amendment statute as PDF: snapshot from the database, render, write."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from zidkor_desktop.db.session import Database
from zidkor_desktop.documents.statute import document_title, render_statute
from zidkor_desktop.documents.statute_amendment import document_title as amendment_title
from zidkor_desktop.documents.statute_amendment import render_amendment
from zidkor_desktop.queries.statute_document import amendment_document, statute_document
from zidkor_desktop.usecases.document_files import save_document


def statute_pdf(
    db: Database, version_no: int | None, today: date, as_of: date | None = None
) -> bytes:
    """The statute of a version (default: in force today) as PDF bytes."""
    return render_statute(statute_document(db, version_no, today, as_of))


def save_statute_pdf(
    db: Database, version_no: int | None, today: date, target: Path, as_of: date | None = None
) -> Path:
    """Write the statute of a version to `target` (atomically); returns the path written."""
    return save_document(statute_pdf(db, version_no, today, as_of), target, document_title())


def statute_file_name(version_no: int) -> str:
    """Suggested file name, e.g. 'Verbandsordnung-Fassung-2.pdf'."""
    return f"Verbandsordnung-Fassung-{version_no}.pdf"


def amendment_pdf(db: Database, old_no: int, new_no: int, today: date) -> bytes:
    """The amendment statute turning version `old_no` into `new_no` as PDF bytes."""
    return render_amendment(amendment_document(db, old_no, new_no, today))


def save_amendment_pdf(db: Database, old_no: int, new_no: int, today: date, target: Path) -> Path:
    """Write the amendment statute to `target` (atomically); returns the path written."""
    return save_document(amendment_pdf(db, old_no, new_no, today), target, amendment_title())
