"""Two clerks at once: processes racing `zidkor services assign` on SQLite and PostgreSQL.

Both processes assign a different city to the same service from the same day at the same instant;
each pauses between reading the history and writing, so without the write lock both would read
the old history. The lock lets the second see the first one's assignment, so it is refused with
the overlap message (not a constraint error) and the history stays without overlap or gap.
Rounds: ZIDKOR_RACE_COUNT (default 2).
"""

from __future__ import annotations

import os
import subprocess
from datetime import date, timedelta
from itertools import pairwise

import pytest
from race_support import race as race_together

from zidkor_desktop.db.session import Database
from zidkor_desktop.queries.services import operator_history
from zidkor_desktop.usecases.demo import load_demo
from zidkor_desktop.usecases.services import service_id_by_code

ROUNDS = int(os.environ.get("ZIDKOR_RACE_COUNT", "2"))
# Pairs of cities per round; the winner of one round is never in the next pair.
CITIES = [
    "Stadt Trier",
    "Stadt Neuwied",
    "Stadt Speyer",
    "Stadt Kaiserslautern",
    "Stadt Neustadt an der Weinstraße",
    "Stadt Ludwigshafen am Rhein",
]

LAUNCHER = """
import sys, time
from zidkor_desktop import cli
import zidkor_desktop.cli.services, zidkor_desktop.db.models
import zidkor_desktop.usecases.services as services

checked = services._plan


def slow_plan(*args, **kwargs):
    result = checked(*args, **kwargs)
    time.sleep(0.4)  # between reading the history and writing: both would read the old one
    return result


services._plan = slow_plan
time.sleep(max(0.0, float(sys.argv[1]) - time.time()))
sys.exit(cli.main(sys.argv[2:]))
"""


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db, date.today())
    return db


def race(db_url: str, *commands: list[str]) -> list[subprocess.CompletedProcess[str]]:
    """Run the commands at the same moment with this module's launcher."""
    return race_together(LAUNCHER, db_url, *commands)


def test_two_assignments_at_once_leave_one_operator_per_day(demo: Database, db_url: str) -> None:
    epr = service_id_by_code(demo, "EPR-EMV")
    for round_no in range(ROUNDS):
        day = date(2027, 7, 1) + timedelta(days=round_no)
        start = day.isoformat()
        first, second = CITIES[(2 * round_no) % 6], CITIES[(2 * round_no + 1) % 6]
        results = race(
            db_url,
            ["services", "assign", "EPR-EMV", first, "--from", start],
            ["services", "assign", "EPR-EMV", second, "--from", start],
        )
        codes = sorted(r.returncode for r in results)
        assert codes == [0, 1], " ".join(r.stderr for r in results)
        refused = next(r for r in results if r.returncode == 1)
        assert "ist bereits ab dem" in refused.stderr and "überschneiden" in refused.stderr
        history = operator_history(demo, epr)
        # Independently: consecutive periods, each ending the day before the next begins.
        for earlier, later in pairwise(history):
            assert earlier.valid_until == later.valid_from - timedelta(days=1)
        assert history[-1].valid_from == day and history[-1].valid_until is None
