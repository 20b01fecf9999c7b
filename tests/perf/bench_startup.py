"""Benchmark: start-up of the program against a bare PySide6 window (run by hand, not by pytest).

    python tests/perf/bench_startup.py [--runs N] [--python PYTHON]
    PYTHONPATH=OTHER_CHECKOUT python tests/perf/bench_startup.py   # another version of the program

Starts, as whole processes on the offscreen platform and in turn (program, bare, program, bare …):
- the program (``python -m zidkor_desktop --db DEMO``) with ``ZIDKOR_EXIT_WHEN_READY=1``: it prints
  "ready …" right after the first paint of the members list filled with the demo members and quits;
- a bare PySide6 main window with a 9 × 9 table, which does the same without any of our code.
Both get a throwaway home folder (fresh window settings, so the program opens the members list)
and the same demo database file, made once before the runs. The first, uncounted run of each takes
the day's backup and writes the compiled modules, as an installed program has them.

Prints per command the median and range of the time from launch to "ready", of the whole process
(launch to exit) and of its peak memory (RSS, Linux), the ratios of the medians and the ratios
pair by pair. The numbers go into docs/DEVELOPMENT.md, not into assertions.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BARE_FLAG = "--bare-window"
READY_ENV = "ZIDKOR_EXIT_WHEN_READY"


def bare_window() -> int:
    """The baseline: a bare PySide6 window with a filled table; 'ready' after its first paint."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication(sys.argv[:1])
    model = QStandardItemModel(9, 9)
    for row in range(9):
        for column in range(9):
            model.setItem(row, column, QStandardItem(f"Zelle {row}/{column}"))
    window = QMainWindow()
    table = QTableView(window)
    table.setModel(model)
    table.setSortingEnabled(True)
    window.setCentralWidget(table)
    window.resize(1200, 760)

    class FirstPaint(QObject):
        done = False

        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not self.done:
                self.done = True
                QTimer.singleShot(0, ready)
            return False

    def ready() -> None:
        print(f"ready {model.rowCount()} rows", flush=True)
        app.quit()

    probe = FirstPaint(table)
    table.viewport().installEventFilter(probe)
    window.show()
    return app.exec()


@dataclass
class Run:
    """Figures of one process."""

    ready: float
    total: float
    cpu: float | None
    rss_mib: float | None


def run_once(command: list[str], env: dict[str, str], cwd: Path) -> Run:
    """Launch `command`, wait for its 'ready' line and its exit; times from launch."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert process.stdout is not None
    ready = None
    for line in process.stdout:
        if line.startswith("ready") and ready is None:
            ready = time.perf_counter() - start
            if " 0 rows" in line:
                raise SystemExit(f"{command}: the list was empty when painted: {line.strip()}")
    cpu = rss_mib = None
    if hasattr(os, "wait4"):
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        cpu = usage.ru_utime + usage.ru_stime
        rss_mib = usage.ru_maxrss / 1024  # KiB on Linux
    else:
        process.wait()
    total = time.perf_counter() - start
    if ready is None or process.returncode != 0:
        raise SystemExit(f"{command}: no 'ready' line (exit code {process.returncode})")
    return Run(ready, total, cpu, rss_mib)


def describe(values: list[float], unit: str, digits: int = 3) -> str:
    """'median (min–max) unit'."""
    median = statistics.median(values)
    return f"{median:.{digits}f} {unit} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def main() -> int:
    """Alternate program and bare window, print medians, ranges and ratios."""
    if BARE_FLAG in sys.argv:
        return bare_window()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="counted runs of each (default 9)")
    parser.add_argument("--python", default=sys.executable, help="interpreter to start")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="zidkor-bench-") as folder:
        home = Path(folder)
        env = dict(os.environ)
        env.update(
            QT_QPA_PLATFORM="offscreen",
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / "config"),
            XDG_DATA_HOME=str(home / "data"),
            XDG_CACHE_HOME=str(home / "cache"),
            ZIDKOR_LANG="de",
        )
        env.pop("ZIDKOR_DB", None)
        # Like an installed program (pip and the bundle ship compiled modules): the warm-up
        # writes the .pyc files, the counted runs use them.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        database = home / "demo.sqlite3"
        subprocess.run(
            [args.python, "-m", "zidkor_desktop", "--db", str(database), "init", "--demo"],
            env=env,
            cwd=home,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        program = [args.python, "-m", "zidkor_desktop", "--db", str(database)]
        bare = [args.python, str(Path(__file__).resolve()), BARE_FLAG]
        program_env = dict(env, **{READY_ENV: "1"})
        run_once(program, program_env, home)  # warm-up: file caches, the day's backup
        run_once(bare, env, home)
        programs: list[Run] = []
        bares: list[Run] = []
        for _ in range(args.runs):
            programs.append(run_once(program, program_env, home))
            bares.append(run_once(bare, env, home))

    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    print(f"runs: {args.runs} each, alternating, after one warm-up each; cpus: {os.cpu_count()}")
    if load is not None:
        print(f"load average (1, 5, 15 min): {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"{'':<20}{'program':>28}{'bare window':>28}{'ratio':>8}")
    figures = [("to ready", "ready"), ("whole process", "total")]
    if all(r.cpu is not None for r in programs + bares):
        figures.append(("cpu, whole process", "cpu"))
    for label, field in figures:
        a = [getattr(r, field) for r in programs]
        b = [getattr(r, field) for r in bares]
        pairs = [x / y for x, y in zip(a, b, strict=True)]
        ratio = statistics.median(a) / statistics.median(b)
        print(f"{label:<20}{describe(a, 's'):>28}{describe(b, 's'):>28}{ratio:>7.2f}×")
        print(f"{'  pair by pair':<20}{'':>28}{describe(pairs, '×', 2):>28}")
    if all(r.rss_mib is not None for r in programs + bares):
        a = [r.rss_mib for r in programs if r.rss_mib is not None]
        b = [r.rss_mib for r in bares if r.rss_mib is not None]
        ratio = statistics.median(a) / statistics.median(b)
        memory = f"{describe(a, 'MiB', 0):>28}{describe(b, 'MiB', 0):>28}"
        print(f"{'peak memory (RSS)':<20}{memory}{ratio:>7.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
