"""Where the program finds its resources and keeps the user's data."""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

from zidkor_desktop import APP_ID, ORG_NAME

PACKAGE_DIR = Path(__file__).resolve().parent
DB_FILENAME = "zidkor.sqlite3"


@cache
def data_root() -> Path:
    """Folder holding resources/ and i18n/: frozen bundle, installed wheel or source tree."""
    candidates: list[Path] = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / "zidkor_desktop" / "_data")
    candidates += [PACKAGE_DIR / "_data", PACKAGE_DIR.parent]
    for candidate in candidates:
        if (candidate / "resources").is_dir() and (candidate / "i18n").is_dir():
            return candidate
    raise FileNotFoundError("resources/ and i18n/ not found beside " + str(PACKAGE_DIR))


def resource_path(*parts: str) -> Path:
    """Path of a file below resources/."""
    return data_root().joinpath("resources", *parts)


def i18n_dir() -> Path:
    """Folder with the gettext catalogs."""
    return data_root() / "i18n"


def user_data_dir() -> Path:
    """Per-user data folder (created on demand)."""
    from platformdirs import user_data_path

    return user_data_path(APP_ID, ORG_NAME, ensure_exists=True)


def default_db_path() -> Path:
    """Database file used when neither --db nor ZIDKOR_DB nor --db-url is given."""
    env = os.environ.get("ZIDKOR_DB")
    if env:
        return Path(env).expanduser()
    return user_data_dir() / DB_FILENAME


def backup_dir_for(db_path: Path) -> Path:
    """Folder for automatic backups beside a database file."""
    return db_path.parent / "backups"


def is_network_path(path: Path) -> bool:
    """True for UNC paths (\\\\server\\share) and mapped network drives, where SQLite is unsafe."""
    text = str(path)
    if text.startswith("\\\\") or text.startswith("//"):
        return True
    if sys.platform == "win32":
        import ctypes

        drive = Path(path).resolve().drive
        if drive:
            drive_remote = 4  # GetDriveTypeW: DRIVE_REMOTE
            return bool(ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote)
    return False
