"""Application context handed to every window and page instead of module-level globals."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from zidkor_desktop.l10n import DEFAULT_LANGUAGE, LANGUAGES

if TYPE_CHECKING:
    from zidkor_desktop.db.session import Database

LANGUAGE_KEY = "language"


@dataclass
class AppContext:
    """The opened database, the clock and the user's UI preferences."""

    db: Database
    today: Callable[[], date]
    settings: QSettings
    damage_warning: str = ""
    """Set when the daily check found the database damaged: shown in the window and overview."""
    damage_detail: str = ""
    """SQLite's own words about the damage (shown as a tooltip, for the support)."""
    backup_to_restore: Path | None = None
    """The newest good backup offered with the damage warning."""

    def database_location(self) -> str:
        """File path of a SQLite database, else the server URL without password."""
        path = getattr(self.db, "path", None)
        return str(path) if path is not None else str(self.db.url)

    def saved_language(self) -> str:
        """Language chosen for the next start ('de' unless the user picked another)."""
        return saved_language(self.settings)

    def save_language(self, language: str) -> None:
        """Remember the language for the next start."""
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}")
        self.settings.setValue(LANGUAGE_KEY, language)
        self.settings.sync()


def saved_language(settings: QSettings) -> str:
    """Language stored in QSettings, falling back to German."""
    value = str(settings.value(LANGUAGE_KEY, DEFAULT_LANGUAGE) or DEFAULT_LANGUAGE)
    return value if value in LANGUAGES else DEFAULT_LANGUAGE
