"""`zidkor self-test`: every check passes here; failures are reported, never raised."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import zidkor_desktop
from zidkor_desktop import cli
from zidkor_desktop.db.session import Database
from zidkor_desktop.queries.members import list_members
from zidkor_desktop.usecases.selftest import CheckResult, run_self_test

PROJECT_ROOT = Path(zidkor_desktop.__file__).resolve().parent.parent


def test_all_checks_pass() -> None:
    seen: list[CheckResult] = []
    results = run_self_test(on_result=seen.append)
    assert results == seen
    assert [r for r in results if not r.ok] == []
    assert len(results) == 7
    details = " | ".join(r.detail for r in results)
    assert "1.234,56 €" in details and "25.11.2026" in details
    assert "DejaVuSans.ttf" in details


def test_gui_check_gets_the_demo_database(capsys: pytest.CaptureFixture[str]) -> None:
    seen: list[int] = []

    def gui_check(db: Database) -> list[str]:
        seen.append(len(list_members(db, date.today())))
        return []

    assert cli.main(["self-test"], gui_check=gui_check) == 0
    out = capsys.readouterr().out
    assert seen == [9]
    assert len(out.strip().split("\n")) == 8 + 1  # eight checks and the summary


def test_a_failing_gui_check_fails_the_self_test(capsys: pytest.CaptureFixture[str]) -> None:
    def gui_check(db: Database) -> list[str]:
        return ["Hauptfenster ohne Mitgliederliste"]

    assert cli.main(["self-test"], gui_check=gui_check) == cli.EXIT_ERROR
    out = capsys.readouterr().out
    assert "Hauptfenster ohne Mitgliederliste" in out


def _missing(name: str) -> ModuleNotFoundError:
    return ModuleNotFoundError(f"No module named {name!r}", name=name)


def test_missing_gui_module_is_skipped_but_a_broken_gui_fails() -> None:
    def without_app(db: Database) -> list[str]:
        raise _missing("zidkor_desktop.app")

    def without_qt(db: Database) -> list[str]:
        raise _missing("PySide6")

    skipped = run_self_test(gui_check=without_app)[-1]
    assert skipped.ok and "GUI" in skipped.detail
    broken = run_self_test(gui_check=without_qt)[-1]
    assert not broken.ok and "PySide6" in broken.detail


def test_real_entry_point_runs_the_self_test_offscreen(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZIDKOR_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")]))
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["HOME"] = str(tmp_path)  # nothing of the user's settings leaks in
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    done = subprocess.run(
        [sys.executable, "-m", "zidkor_desktop", "self-test"],
        capture_output=True,
        cwd=tmp_path,
        env=env,
        timeout=300,
    )
    out = done.stdout.decode("utf-8", "replace")
    assert done.returncode == 0, out + done.stderr.decode("utf-8", "replace")
    assert len(out.strip().split("\n")) == 8 + 1
    assert b"Traceback" not in done.stderr
