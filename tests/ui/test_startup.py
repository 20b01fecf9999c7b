"""Start-up in a fresh process: the ready signal for the bench; the first screen without the ORM."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture
def demo_copy(tmp_path: Path, demo_template: Path) -> Path:
    """A copy of the demo database in its own folder."""
    target = tmp_path / "demo.sqlite3"
    target.write_bytes(demo_template.read_bytes())
    return target


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ZIDKOR_EXIT_WHEN_READY="1")
    env.update(HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.update(XDG_DATA_HOME=str(tmp_path / "data"))
    return env


def test_exit_when_ready_reports_the_painted_members_list(tmp_path: Path, demo_copy: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "zidkor_desktop", "--db", str(demo_copy)],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    found = re.fullmatch(r"ready (\d+\.\d{3}) s, 9 rows\n", done.stdout)
    assert found is not None, done.stdout
    assert 0 < float(found.group(1)) < 60


_FIRST_SCREEN = """
import gc
import sys
from zidkor_desktop.__main__ import main
assert gc.isenabled()  # off only while the modules load
from zidkor_desktop.db.models import Organisation
sys.argv = ["zidkor", "--db", sys.argv[1]]
assert main() == 0
assert gc.isenabled()  # on again once the window was painted
VIEWER = ("PySide6.QtPdf", "zidkor_desktop.ui.preview")
print("viewer loaded:", any(name in sys.modules for name in VIEWER))
print("mappers configured:", Organisation.__mapper__.configured)
"""


def test_first_screen_without_orm_set_up_and_collector_on_after_it(
    tmp_path: Path, demo_copy: Path
) -> None:
    # The day's first start writes a backup record through the ORM; the check is the next start.
    program = [sys.executable, "-m", "zidkor_desktop", "--db", str(demo_copy)]
    subprocess.run(program, env=_env(tmp_path), check=True, capture_output=True, timeout=120)
    done = subprocess.run(
        [sys.executable, "-c", _FIRST_SCREEN, str(demo_copy)],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-2:] == [
        "viewer loaded: False",  # QtPdf and the document viewer load when a document is shown
        "mappers configured: False",
    ], done.stdout
