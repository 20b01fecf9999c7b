"""Two clerks issuing at once, and a run killed at random moments: numbers stay gap-free.

Racing: two processes cancel two invoices at the same moment; each pauses inside its transaction
after reading, so without the write lock both would take the same next number. Killing: `billing
run --issue` is killed with SIGKILL after a random delay; afterwards the run is there completely
or not at all, and the numbers have no gap. Rounds: ZIDKOR_RACE_COUNT, kills: ZIDKOR_KILL_COUNT.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from datetime import date

import pytest
from race_support import race, slowed_launcher
from sqlalchemy import func, select

from zidkor_desktop.db.models import ArchivedDocument, Invoice, NumberSequence
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.billing import BillingPeriod
from zidkor_desktop.queries.invoices import list_invoices
from zidkor_desktop.usecases.demo import load_demo
from zidkor_desktop.usecases.invoicing import issue_run, preview_run

ROUNDS = int(os.environ.get("ZIDKOR_RACE_COUNT", "1"))
KILLS = int(os.environ.get("ZIDKOR_KILL_COUNT", "3"))
LAUNCHER = slowed_launcher(
    "zidkor_desktop.usecases.invoicing", ["_check_issue_date"], "zidkor_desktop.cli.invoices"
)


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db, date(2026, 11, 25))
    return db


def _numbers(db: Database) -> list[int]:
    return sorted(int(r.number.split("-")[1]) for r in list_invoices(db))


def test_two_processes_issuing_at_once_get_distinct_gap_free_numbers(
    demo: Database, db_url: str
) -> None:
    issued = issue_run(demo, preview_run(demo, BillingPeriod.parse("2026-Q4")), date(2027, 1, 5))
    originals = [i.number for i in issued]
    for round_no in range(min(ROUNDS, len(originals) // 2)):
        first, second = originals[2 * round_no : 2 * round_no + 2]
        results = race(
            LAUNCHER,
            db_url,
            ["invoices", "cancel", first, "--reason", "Test", "--date", "2027-01-06"],
            ["invoices", "cancel", second, "--reason", "Test", "--date", "2027-01-06"],
        )
        assert [r.returncode for r in results] == [0, 0], " ".join(r.stderr for r in results)
        numbers = _numbers(demo)
        assert numbers == list(range(1, len(numbers) + 1))
        assert len(numbers) == len(originals) + 2 * (round_no + 1)


def _run_killed(db_url: str, after: float) -> int | None:
    env = {**os.environ, "ZIDKOR_LANG": "de"}
    env.pop("ZIDKOR_DB", None)
    command = [
        sys.executable, "-m", "zidkor_desktop", "--db-url", db_url,
        "billing", "run", "--period", "2026-Q4", "--issue", "--date", "2027-01-05",
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        process.wait(timeout=after)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
    process.communicate(timeout=120)
    return process.returncode


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_run_killed_at_random_moments_leaves_all_or_nothing(demo: Database, db_url: str) -> None:
    expected = len(preview_run(demo, BillingPeriod.parse("2026-Q4")).drafts)
    rng = random.Random(8)
    for _ in range(KILLS):
        _run_killed(db_url, rng.uniform(0.3, 3.0))
        with demo.sessions() as session:
            count = session.scalar(select(func.count()).select_from(Invoice)) or 0
            files = (
                session.scalar(
                    select(func.count())
                    .select_from(ArchivedDocument)
                    .where(ArchivedDocument.invoice_id.is_not(None))
                )
                or 0
            )
            last = session.scalar(select(func.max(NumberSequence.last_value))) or 0
        assert count in (0, expected)
        assert files == 2 * count
        assert last == count
        assert _numbers(demo) == list(range(1, count + 1))
    _run_killed(db_url, 60)  # to its end: issues the run, or finds it issued already
    assert _numbers(demo) == list(range(1, expected + 1))
