"""Save a backup copy of the database to a file the clerk chooses (e.g. on a USB stick)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.l10n import _
from zidkor_desktop.ui.context import AppContext
from zidkor_desktop.ui.errors import call
from zidkor_desktop.usecases import backup as backups

LAST_FOLDER_KEY = "backup/last_folder"


def suggested_backup_path(ctx: AppContext) -> Path:
    """Last folder used (or the home folder) with a file name carrying today's date."""
    folder = Path(str(ctx.settings.value(LAST_FOLDER_KEY, str(Path.home()))))
    return folder / f"zidkor-{ctx.today().isoformat()}.sqlite3"


def write_backup(parent: QWidget, ctx: AppContext, target: Path) -> Path | None:
    """Write the backup and report the outcome in a message box."""
    title = _("Save backup")
    try:
        written = call(
            parent, lambda: backups.backup_database(ctx.db, target), where=ctx.database_location()
        )
    except DomainError as exc:
        QMessageBox.warning(
            parent, title, _("The backup could not be saved: {error}").format(error=exc)
        )
        return None
    ctx.settings.setValue(LAST_FOLDER_KEY, str(target.parent))
    QMessageBox.information(
        parent, title, _("The backup was saved to:\n{path}").format(path=written)
    )
    return written


def save_backup(parent: QWidget, ctx: AppContext) -> Path | None:
    """Ask for a target file and write the backup there; None when cancelled or failed."""
    chosen, _selected = QFileDialog.getSaveFileName(
        parent,
        _("Save backup"),
        str(suggested_backup_path(ctx)),
        _("ZIDKOR database (*.sqlite3);;All files (*)"),
    )
    if not chosen:
        return None
    return write_backup(parent, ctx, Path(chosen))
