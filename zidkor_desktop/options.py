"""How the program was launched: the chosen database and language (shared by CLI and GUI)."""

from __future__ import annotations

from dataclasses import dataclass

from zidkor_desktop.usecases.database import DatabaseChoice


@dataclass(frozen=True)
class LaunchOptions:
    """Options from the command line; `language` None means the saved preference (default de)."""

    choice: DatabaseChoice
    language: str | None = None
