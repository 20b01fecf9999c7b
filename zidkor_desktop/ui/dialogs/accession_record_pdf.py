"""A member's accession record (Beitrittsübersicht) as PDF in the document viewer."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.l10n import _
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.errors import call
from zidkor_desktop.usecases.accession_record import accession_file_name, accession_record_pdf

if TYPE_CHECKING:
    from zidkor_desktop.ui.preview.viewer import DocumentViewer

LAST_FOLDER_KEY = "accession_record/last_folder"


def show_accession_record(
    parent: QWidget, ctx: AppContext, organisation_id: int, name: str
) -> DocumentViewer | None:
    """Render the member's accession record as of today and open it; None if that failed."""
    from zidkor_desktop.ui.preview.viewer import show_document  # QtPdf: lazily

    today = ctx.today()
    try:
        data = call(
            parent,
            lambda: accession_record_pdf(ctx.db, organisation_id, today),
            where=ctx.database_location(),
        )
    except DomainError as exc:
        QMessageBox.warning(parent, _("Accession record"), str(exc))
        return None
    folder = Path(str(ctx.settings.value(LAST_FOLDER_KEY, str(Path.home()))))

    def remember_folder(written: Path) -> None:
        ctx.settings.setValue(LAST_FOLDER_KEY, str(written.parent))

    title = _("Accession record: {name}").format(name=name)
    return show_document(
        parent, data, title, folder / accession_file_name(name, today), remember_folder
    )
