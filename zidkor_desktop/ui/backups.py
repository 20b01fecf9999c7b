"""Access to the backup use cases for the GUI, tolerating their absence in early builds."""

from __future__ import annotations

import importlib
import importlib.util
from datetime import date, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

_MODULE = "zidkor_desktop.usecases.backup"


def _module() -> ModuleType | None:
    """The backup use-case module, or None while it does not exist in this build.

    Only a missing module is tolerated; an error inside an existing module propagates.
    """
    if importlib.util.find_spec(_MODULE) is None:
        return None
    return importlib.import_module(_MODULE)


def available() -> bool:
    """True when backups can be made by this build."""
    return _module() is not None


def daily_backup(db: Any, today: date) -> Path | None:
    """The day's first automatic backup; None when already done today or unavailable."""
    module = _module()
    return None if module is None else module.daily_backup(db, today)


def backup_database(db: Any, target: Path) -> Path:
    """Save a backup copy to `target`; raises DomainError with a message on failure."""
    module = _module()
    if module is None:
        raise RuntimeError("backups are not available in this build")
    return module.backup_database(db, target)


def last_backup(db: Any) -> tuple[Path, datetime] | None:
    """File and time of the newest backup, if any."""
    module = _module()
    return None if module is None else module.last_backup(db)


def backup_folder(db: Any) -> Path | None:
    """Folder of the automatic backups, if the database has one."""
    module = _module()
    return None if module is None else module.backup_folder(db)
