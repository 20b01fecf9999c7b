"""Helpers shared by the meeting tabs: use-case calls with German refusals, PDFs in the viewer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.domain.meeting_record import MeetingRecord
from zidkor_desktop.l10n import _
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.errors import call

if TYPE_CHECKING:
    from zidkor_desktop.ui.preview.viewer import DocumentViewer

T = TypeVar("T")
LAST_FOLDER_KEY = "meetings/last_folder"
NOT_QUORATE_STYLE = "color: #b00020; font-weight: bold;"
QUORATE_STYLE = "color: #0d5c23; font-weight: bold;"


def run(parent: QWidget, ctx: AppContext, title: str, action: Callable[[], T]) -> T | None:
    """Run a use case; show its refusal in German and return None."""
    try:
        return call(parent, action, where=ctx.database_location())
    except DomainError as exc:
        QMessageBox.warning(parent, title, str(exc))
        return None


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask before a destructive or final step; True on „Ja“."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def show_pdf(
    parent: QWidget, ctx: AppContext, title: str, file_name: str, render: Callable[[], bytes]
) -> DocumentViewer | None:
    """Render a document and open it in the document viewer (preview, print, save)."""
    from zidkor_desktop.ui.preview.viewer import show_document  # QtPdf: lazily

    data = run(parent, ctx, title, render)
    if data is None:
        return None
    folder = Path(str(ctx.settings.value(LAST_FOLDER_KEY, str(Path.home()))))

    def remember_folder(written: Path) -> None:
        ctx.settings.setValue(LAST_FOLDER_KEY, str(written.parent))

    return show_document(parent, data, title, folder / file_name, remember_folder)


def file_stem(record: MeetingRecord) -> str:
    """„Sitzung-2-2026“ for file names."""
    return _("Meeting") + "-" + record.number.replace("/", "-")


class MeetingTab(QWidget):
    """A tab showing one meeting; `changed` asks the page to reload the meeting everywhere."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record: MeetingRecord | None = None
        self.dialog: QWidget | None = None

    def show_record(self, record: MeetingRecord | None) -> None:
        """Show a meeting (None: nothing selected)."""
        self.record = record

    @property
    def editable(self) -> bool:
        """A meeting is selected and its minutes are not signed."""
        return self.record is not None and not self.record.signed
