"""Two clerks at once: processes racing `pricelist new-version` and `pricelist publish`.

Each process pauses between reading and writing, so without the write lock both would read the
same highest version number (or the same last published start). The lock serialises them: two
drafts get two numbers, and of two drafts published from the same day one is refused with the
German message (not a constraint error). Rounds: ZIDKOR_RACE_COUNT (default 1).
"""

from __future__ import annotations

import os
import subprocess
from datetime import date
from itertools import pairwise

import pytest
from race_support import race as race_together
from race_support import slowed_launcher

from zidkor_desktop.db.session import Database
from zidkor_desktop.queries.price_versions import list_versions
from zidkor_desktop.usecases.demo import load_demo

ROUNDS = int(os.environ.get("ZIDKOR_RACE_COUNT", "1"))

LAUNCHER = slowed_launcher(
    "zidkor_desktop.usecases.pricelist",
    ["find_version", "check_publication"],
    "zidkor_desktop.cli.pricelist",
)


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db, date.today())
    return db


def race(db_url: str, *commands: list[str]) -> list[subprocess.CompletedProcess[str]]:
    """Run the commands at the same moment with this module's launcher."""
    return race_together(LAUNCHER, db_url, *commands)


def test_racing_drafts_and_publications(demo: Database, db_url: str) -> None:
    for round_no in range(ROUNDS):
        before = {v.version_no for v in list_versions(demo)}
        results = race(db_url, ["pricelist", "new-version"], ["pricelist", "new-version"])
        assert [r.returncode for r in results] == [0, 0], " ".join(r.stderr for r in results)
        new = sorted({v.version_no for v in list_versions(demo)} - before)
        assert new == [max(before) + 1, max(before) + 2]
        start = date(2027 + round_no, 1, 1).isoformat()
        results = race(
            db_url,
            ["pricelist", "publish", str(new[0]), "--valid-from", start],
            ["pricelist", "publish", str(new[1]), "--valid-from", start],
        )
        assert sorted(r.returncode for r in results) == [0, 1], " ".join(r.stderr for r in results)
        refused = next(r for r in results if r.returncode == 1)
        assert "Der Gültigkeitsbeginn muss nach dem 01.01." in refused.stderr, refused.stderr
        published = [v for v in list_versions(demo) if v.status.value == "published"]
        numbers = [v.version_no for v in list_versions(demo)]
        assert len(numbers) == len(set(numbers))
        # Independently: periods follow each other without overlap.
        for earlier, later in pairwise(sorted(published, key=lambda v: v.valid_from)):
            assert earlier.valid_from < later.valid_from
            assert earlier.valid_until == date.fromordinal(later.valid_from.toordinal() - 1)
