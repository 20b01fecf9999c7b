"""Two clerks at the same moment: CLI processes released together by a launcher script."""

from __future__ import annotations

import os
import subprocess
import sys
import time


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
