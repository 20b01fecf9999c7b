"""Two clerks at the same moment: CLI processes released together by a launcher script."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Sequence


def race(
    launcher: str, db_url: str, *commands: list[str]
) -> list[subprocess.CompletedProcess[str]]:
    """Run the commands at the same moment, each in its own process; returns their results.

    `launcher` is Python source that sleeps until the time in argv[1] and then runs the CLI
    with argv[2:] (a test may patch a step there to widen the window between read and write).
    """
    start = time.time() + 1.2
    env = {**os.environ, "ZIDKOR_LANG": "de"}
    env.pop("ZIDKOR_DB", None)
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", launcher, str(start), "--db-url", db_url, *command],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for command in commands
    ]
    results = []
    for process, command in zip(processes, commands, strict=True):
        out, err = process.communicate(timeout=60)
        results.append(subprocess.CompletedProcess(command, process.returncode, out, err))
    return results


def slowed_launcher(module: str, names: Sequence[str], cli_module: str) -> str:
    """A launcher whose `module`'s `names` sleep after they ran: both writers read alike.

    `cli_module` is the command module to import (e.g. "zidkor_desktop.cli.statute").
    """
    patches = "\n".join(f"target.{name} = slow(target.{name})" for name in names)
    return f"""
import sys, time
from zidkor_desktop import cli
import {cli_module}, zidkor_desktop.db.models
import {module} as target


def slow(function):
    def wrapper(*args, **kwargs):
        result = function(*args, **kwargs)
        time.sleep(0.4)  # between reading and writing: both would read the same state
        return result
    return wrapper


{patches}
time.sleep(max(0.0, float(sys.argv[1]) - time.time()))
sys.exit(cli.main(sys.argv[2:]))
"""
