"""The wrapper around use-case calls of pages and dialogs: German errors, retry when busy."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

from zidkor_desktop import APP_NAME
from zidkor_desktop.domain.errors import TemporaryFailure
from zidkor_desktop.l10n import _
from zidkor_desktop.usecases.errors import PathLike, translate

T = TypeVar("T")
RETRY_BOX = "retryBox"
"""Object name of the question shown when the database is busy or unreachable."""


def ask_retry(parent: QWidget | None, error: TemporaryFailure) -> bool:
    """Show why the action failed and offer 'Retry'; True when the clerk chose it."""
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, str(error), parent=parent)
    box.setObjectName(RETRY_BOX)
    retry = box.addButton(_("Retry"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(retry)
    box.exec()
    return box.clickedButton() is retry


def call(parent: QWidget | None, action: Callable[[], T], *, where: PathLike | None = None) -> T:
    """Run a use-case call; library and OS errors come out as German DomainErrors.

    A busy database or a lost server connection asks the clerk and runs the action again on
    'Retry'; on 'Cancel' the TemporaryFailure is raised for the caller to show as usual.
    """
    while True:
        try:
            return action()
        except Exception as exc:
            known = translate(exc, path=where)
            if known is None:
                raise
            if isinstance(known, TemporaryFailure) and ask_retry(parent, known):
                continue
            if known is exc:
                raise
            raise known from exc
