"""Write a rendered document (PDF bytes) to a file the clerk chose, atomically."""

from __future__ import annotations

import os
from pathlib import Path

from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.l10n import _
from zidkor_desktop.usecases.errors import translate


def write_atomically(data: bytes, target: Path) -> Path:
    """Write `data` to `target` through a staged file and a rename; OSError on failure."""
    target = target.expanduser()
    staged = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with staged.open("wb") as stream:  # normal permissions (umask), unlike mkstemp's 0600
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(staged, target)
    except OSError:
        staged.unlink(missing_ok=True)
        raise
    return target


def save_document(data: bytes, target: Path, title: str) -> Path:
    """Save the document `title` to `target`; a German DomainError naming document and file."""
    try:
        return write_atomically(data, target)
    except OSError as exc:
        raise DomainError(
            _("“{title}” could not be saved to {path}: {error}").format(
                title=title, path=target, error=translate(exc, path=target)
            )
        ) from exc
