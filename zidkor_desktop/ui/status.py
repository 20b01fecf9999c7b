"""Status bar messages that name a file: the file name in the bar, the full path in the tooltip."""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath

from PySide6.QtWidgets import QStatusBar

from zidkor_desktop.l10n import _


def short_path_message(text: str) -> tuple[str, str | None]:
    """'…: /long/folder/file.sqlite3' as ('…: file.sqlite3', full path); else (text, None)."""
    head, separator, tail = text.rpartition(": ")
    candidate = tail.strip()
    if not separator or not candidate:
        return text, None
    for flavour in (PurePosixPath, PureWindowsPath):
        path = flavour(candidate)
        if path.is_absolute() and path.name and len(path.parts) > 2:
            return f"{head}{separator}{path.name}", str(Path(candidate))
    return text, None


def show_status_message(bar: QStatusBar, text: str, timeout: int = 20000) -> None:
    """Show a message; a path at its end shrinks to the file name, the full path as tooltip."""
    shown, full_path = short_path_message(text)
    bar.showMessage(shown, timeout)
    if full_path is None:
        return
    bar.setToolTip(_("Full path: {path}").format(path=full_path))

    def cleared(message: str) -> None:
        if not message:
            bar.setToolTip("")
            bar.messageChanged.disconnect(cleared)

    bar.messageChanged.connect(cleared)
