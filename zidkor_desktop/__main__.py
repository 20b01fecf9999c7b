"""Entry point of `zidkor`, `zidkor-gui` and `python -m zidkor_desktop` (also the frozen one)."""

from __future__ import annotations

import gc

# Start-up: no garbage collection while the modules load; what they build lives until the program
# ends, so it is then moved out of the collector's sight (gc.freeze), which also spares the exit.
gc.disable()

import contextlib  # noqa: E402
import importlib  # noqa: E402
import sys  # noqa: E402

from sqlalchemy.engine import make_url  # noqa: E402

from zidkor_desktop import cli  # noqa: E402
from zidkor_desktop.db.session import Database  # noqa: E402
from zidkor_desktop.options import LaunchOptions  # noqa: E402

gc.freeze()
gc.enable()

# What the first screen needs that does not import Qt: loaded before PySide6, whose import hook
# reads the source of every module imported after it.
_BEFORE_QT = (
    "zidkor_desktop.usecases.backup",
    "zidkor_desktop.usecases.members",
    "zidkor_desktop.usecases.settings",
)


def _start_gui(options: LaunchOptions) -> int:
    """Open the program window (Qt is imported only here)."""
    gc.disable()
    for name in _BEFORE_QT:
        importlib.import_module(name)
    with contextlib.suppress(Exception):  # a wrong URL is reported where the database is opened
        make_url(options.choice.resolved_url()).get_dialect()  # the database's SQLAlchemy dialect
    from zidkor_desktop import app

    gc.freeze()  # collection stays off until the window is painted (app.run switches it on)
    return app.run(options)


def _gui_check(db: Database) -> list[str]:
    """Build the main window offscreen on `db`; returns the problems found (empty when fine)."""
    from zidkor_desktop import app

    return app.self_test_gui(db)


def _tolerant_streams() -> None:
    """Never fail on a character the console cannot show (Windows code pages)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def main() -> int:
    """Run the command line; without a command the program window opens."""
    if getattr(sys, "frozen", False):
        import multiprocessing  # only a frozen program on Windows needs this

        multiprocessing.freeze_support()
    _tolerant_streams()
    return cli.main(sys.argv[1:], start_gui=_start_gui, gui_check=_gui_check)


if __name__ == "__main__":
    sys.exit(main())
