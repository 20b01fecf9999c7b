"""Start-up probe for benchmarks: report once the first screen is painted, then quit.

With ``ZIDKOR_EXIT_WHEN_READY=1`` the program prints ``ready <seconds> s, <rows> rows`` on stdout
after the first paint of the area shown at start (for the members area: its list, filled), the
seconds counted from the start of the process, and then quits the normal way.
tests/perf/bench_startup.py uses it; the clerk never sees it.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView, QWidget

READY_ENV = "ZIDKOR_EXIT_WHEN_READY"
_IMPORTED = time.monotonic()


def wanted() -> bool:
    """True when the environment asks for the probe."""
    return os.environ.get(READY_ENV, "") not in ("", "0")


def seconds_since_process_start() -> float:
    """Seconds since the process started (Linux: the kernel's start time, 10 ms resolution)."""
    try:
        stat = Path("/proc/self/stat").read_text()
        ticks = int(stat.rsplit(")", 1)[1].split()[19])
        started = ticks / os.sysconf("SC_CLK_TCK")
        return time.clock_gettime(time.CLOCK_BOOTTIME) - started
    except (OSError, ValueError, IndexError, AttributeError):
        # Elsewhere: since this module was imported, which misses the interpreter's own start.
        return time.monotonic() - _IMPORTED


def _painted_widget(window: QMainWindow) -> tuple[QWidget, int]:
    """The widget whose first paint means 'ready', and the rows it shows."""
    stack = getattr(window, "stack", None)
    page = stack.currentWidget() if stack is not None else window.centralWidget()
    views = getattr(page, "views", None)
    shown = views.currentWidget() if views is not None else page
    if isinstance(shown, QTableView):
        model = shown.model()
        return shown.viewport(), model.rowCount() if model is not None else 0
    return shown, 0


class _FirstPaint(QObject):
    """Waits for the first paint of the watched widget, then reports and quits."""

    def __init__(self, watched: QWidget, rows: int) -> None:
        super().__init__(watched)
        self._rows = rows
        self._done = False
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Let the paint happen, then report right after it."""
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        print(f"ready {seconds_since_process_start():.3f} s, {self._rows} rows", flush=True)
        sys.stdout.flush()
        QApplication.quit()


def exit_when_ready(window: QMainWindow) -> None:
    """Quit the program right after the first screen of `window` has been painted."""
    widget, rows = _painted_widget(window)
    _FirstPaint(widget, rows)
