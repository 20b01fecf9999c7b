"""Open a file or folder with the system's program; say so, with the path, when that fails."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from zidkor_desktop.l10n import _


def open_path(parent: QWidget, path: Path) -> QMessageBox | None:
    """Open `path`; when no program takes it, show a note with the copyable path (returned)."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return None
    what = _("the folder") if path.is_dir() else _("the file")
    box = QMessageBox(
        QMessageBox.Icon.Information,
        _("Could not open"),
        _(
            "No program on this computer opened {what}. You find it here:\n\n{path}\n\n"
            "You can select and copy the path."
        ).format(what=what, path=path),
        QMessageBox.StandardButton.Close,
        parent,
    )
    box.setObjectName("openPathFailed")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    copy = box.addButton(_("Copy path"), QMessageBox.ButtonRole.ActionRole)
    copy.clicked.connect(lambda: QApplication.clipboard().setText(str(path)))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
