"""Two clerks at once: processes racing `statute new-amendment` and `statute in-force`.

Each process pauses between reading and writing, so without the write lock both would read the
same highest version number (or no later entry into force). The lock serialises them: two drafts
get two numbers, and of two versions put in force from the same day one is refused with the
German message. Rounds: ZIDKOR_RACE_COUNT (default 1).
"""

from __future__ import annotations

import os
import subprocess
from datetime import date

import pytest
from race_support import race as race_together
from race_support import slowed_launcher

from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.kinds import StatuteStatus
from zidkor_desktop.queries.statute import list_versions
from zidkor_desktop.usecases.demo import load_demo
from zidkor_desktop.usecases.statute import Approval, adopt, approve

ROUNDS = int(os.environ.get("ZIDKOR_RACE_COUNT", "1"))

LAUNCHER = slowed_launcher(
    "zidkor_desktop.usecases.statute",
    ["next_version_no", "in_force_starts"],
    "zidkor_desktop.cli.statute",
)


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db, date.today())
    return db


def race(db_url: str, *commands: list[str]) -> list[subprocess.CompletedProcess[str]]:
    """Run the commands at the same moment with this module's launcher."""
    return race_together(LAUNCHER, db_url, *commands)


def test_racing_amendments_and_entries_into_force(demo: Database, db_url: str) -> None:
    today = date.today()
    newest = 1  # the version in force last: every amendment is drafted from it
    for round_no in range(ROUNDS):
        before = {v.version_no for v in list_versions(demo, today)}
        command = ["statute", "new-amendment", "--from", str(newest)]
        results = race(db_url, command, command)
        assert [r.returncode for r in results] == [0, 0], " ".join(r.stderr for r in results)
        new = sorted({v.version_no for v in list_versions(demo, today)} - before)
        assert new == [max(before) + 1, max(before) + 2]
        for number in new:
            adopt(demo, number, date(2026, 9, 10), f"Beschluss {number}", today)
            approve(
                demo, number, Approval(date(2026, 10, 1), "Az", date(2026, 10, 9), "StAnz"), today
            )
        start = date(2030 + round_no, 1, 1)
        results = race(
            db_url,
            ["statute", "in-force", str(new[0]), "--from", start.isoformat()],
            ["statute", "in-force", str(new[1]), "--from", start.isoformat()],
        )
        assert sorted(r.returncode for r in results) == [0, 1], " ".join(r.stderr for r in results)
        refused = next(r for r in results if r.returncode == 1)
        assert f"muss nach dem {start:%d.%m.%Y} liegen" in refused.stderr, refused.stderr
        in_force = [v for v in list_versions(demo, start) if v.in_force_from == start]
        assert len(in_force) == 1 and in_force[0].status is StatuteStatus.IN_FORCE
        newest = in_force[0].version_no
