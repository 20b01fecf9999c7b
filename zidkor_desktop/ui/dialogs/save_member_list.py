"""Save the members list as a PDF file the clerk chooses, and offer to open it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.l10n import _
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.errors import call
from zidkor_desktop.ui.open_path import open_path
from zidkor_desktop.usecases.member_list import save_member_list_pdf

LAST_FOLDER_KEY = "member_list/last_folder"


def suggested_member_list_path(ctx: AppContext) -> Path:
    """Last folder used (or the home folder) with 'Mitgliederverzeichnis-YYYY-MM-DD.pdf'."""
    folder = Path(str(ctx.settings.value(LAST_FOLDER_KEY, str(Path.home()))))
    return folder / f"Mitgliederverzeichnis-{ctx.today().isoformat()}.pdf"


def save_member_list(parent: QWidget, ctx: AppContext) -> Path | None:
    """Ask for a file, write the members list there, offer to open it; None if cancelled/failed."""
    title = _("Members list as PDF")
    chosen, _selected = QFileDialog.getSaveFileName(
        parent, title, str(suggested_member_list_path(ctx)), _("PDF files (*.pdf);;All files (*)")
    )
    if not chosen:
        return None
    target = Path(chosen)
    if not target.suffix:
        target = target.with_suffix(".pdf")
    try:
        written = call(
            parent,
            lambda: save_member_list_pdf(ctx.db, ctx.today(), target),
            where=ctx.database_location(),
        )
    except DomainError as exc:
        QMessageBox.warning(parent, title, str(exc))
        return None
    ctx.settings.setValue(LAST_FOLDER_KEY, str(written.parent))
    answer = QMessageBox.question(
        parent,
        title,
        _("The members list was saved to:\n{path}\n\nOpen it now?").format(path=written),
        QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
        QMessageBox.StandardButton.Open,
    )
    if answer == QMessageBox.StandardButton.Open:
        open_path(parent, written)
    return written
