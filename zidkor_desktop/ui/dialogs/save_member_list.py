"""The members list as PDF in the document viewer (print, save under the last folder used)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.l10n import _, format_date
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.errors import call
from zidkor_desktop.usecases.member_list import member_list_pdf

if TYPE_CHECKING:
    from zidkor_desktop.ui.preview.viewer import DocumentViewer

LAST_FOLDER_KEY = "member_list/last_folder"


def suggested_member_list_path(ctx: AppContext) -> Path:
    """Last folder used (or the home folder) with 'Mitgliederverzeichnis-YYYY-MM-DD.pdf'."""
    folder = Path(str(ctx.settings.value(LAST_FOLDER_KEY, str(Path.home()))))
    return folder / f"Mitgliederverzeichnis-{ctx.today().isoformat()}.pdf"


def show_member_list(parent: QWidget, ctx: AppContext) -> DocumentViewer | None:
    """Render the members list as of today and open it in the viewer; None if that failed."""
    from zidkor_desktop.ui.preview.viewer import show_document  # QtPdf: lazily

    title = _("Members list of {date}").format(date=format_date(ctx.today()))
    try:
        data = call(
            parent, lambda: member_list_pdf(ctx.db, ctx.today()), where=ctx.database_location()
        )
    except DomainError as exc:
        QMessageBox.warning(parent, _("Members list as PDF"), str(exc))
        return None

    def remember_folder(written: Path) -> None:
        ctx.settings.setValue(LAST_FOLDER_KEY, str(written.parent))

    return show_document(parent, data, title, suggested_member_list_path(ctx), remember_folder)
