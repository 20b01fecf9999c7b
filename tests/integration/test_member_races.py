"""Two clerks at once: processes racing `zidkor members add` on SQLite and PostgreSQL.

Each round starts two real command-line processes that wait for the same instant (their imports
are done before, so the rule checks overlap). The write lock (Database.write) must let exactly
one of them pass a rule that reads before it writes. Rounds: ZIDKOR_RACE_COUNT (default 3).
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import replace
from datetime import date, timedelta

import pytest
from race_support import race as race_together
from sqlalchemy import text

from zidkor_desktop.db.session import Database
from zidkor_desktop.queries.members import list_members, totals
from zidkor_desktop.usecases.demo import load_demo
from zidkor_desktop.usecases.members import get_member, update_member

ROUNDS = int(os.environ.get("ZIDKOR_RACE_COUNT", "3"))
PREFIX = "Wettlauf"

# Imports first, then wait for the common start time, then run the real command line.
LAUNCHER = """
import sys, time
from zidkor_desktop import cli
import zidkor_desktop.cli.members_edit, zidkor_desktop.usecases.members, zidkor_desktop.db.models
time.sleep(max(0.0, float(sys.argv[1]) - time.time()))
sys.exit(cli.main(sys.argv[2:]))
"""


@pytest.fixture
def demo(db: Database) -> Database:
    """Demo data with Koblenz raised to 2 votes: one more company fits, two break the majority."""
    today = date.today()
    load_demo(db, today)
    koblenz = next(r for r in list_members(db, today) if r.name == "Stadt Koblenz")
    record = get_member(db, koblenz.organisation_id, today)
    update_member(db, record, replace(record.data, votes=2), today)
    return db


def race(db_url: str, *commands: list[str]) -> list[subprocess.CompletedProcess[str]]:
    """Run the commands at the same moment with this module's launcher."""
    return race_together(LAUNCHER, db_url, *commands)


def remove_race_members(db: Database) -> None:
    """Undo a round (test cleanup only: the program has no delete of members)."""
    ids = f"SELECT id FROM organisation WHERE name LIKE '{PREFIX}%' OR name LIKE 'WETTLAUF%'"
    with db.write() as session:
        session.execute(
            text(
                "DELETE FROM membership_votes WHERE membership_id IN "
                f"(SELECT id FROM membership WHERE organisation_id IN ({ids}))"
            )
        )
        session.execute(text(f"DELETE FROM membership WHERE organisation_id IN ({ids})"))
        session.execute(text(f"DELETE FROM organisation WHERE id IN ({ids})"))


def company(name: str) -> list[str]:
    """`members add` of a company that is a voting member from today, with 1 vote."""
    today = date.today()
    return [
        "members",
        "add",
        "--name",
        name,
        "--kind",
        "company",
        "--votes",
        "1",
        "--applied-on",
        (today - timedelta(days=40)).isoformat(),
        "--council-resolution-on",
        (today - timedelta(days=30)).strftime("%d.%m.%Y"),
        "--assembly-resolution-on",
        (today - timedelta(days=20)).isoformat(),
        "--authority-approved-on",
        (today - timedelta(days=10)).isoformat(),
        "--member-from",
        today.isoformat(),
    ]


def municipal_balance(db: Database) -> tuple[int, int, int, int]:
    result = totals(list_members(db, date.today())).balance
    return result.municipal_members, result.members, result.municipal_votes, result.votes


def test_two_companies_racing_cannot_break_the_municipal_majority(
    demo: Database, db_url: str
) -> None:
    assert municipal_balance(demo) == (8, 9, 9, 16)
    for round_no in range(ROUNDS):
        results = race(
            db_url, company(f"{PREFIX} A{round_no} GmbH"), company(f"{PREFIX} B{round_no} GmbH")
        )
        codes = sorted(r.returncode for r in results)
        messages = " ".join(r.stderr for r in results)
        assert codes == [0, 1], messages
        assert "Mehrheit der Mitglieder und der Stimmen" in messages
        assert "8 von 11 Mitgliedern und 9 von 18 Stimmen" in messages
        # Independently: municipal bodies still hold more than half of members and votes.
        municipal_members, members, municipal_votes, votes = municipal_balance(demo)
        assert (municipal_members, members, municipal_votes, votes) == (8, 10, 9, 17)
        assert 2 * municipal_members > members and 2 * municipal_votes > votes
        remove_race_members(demo)


def test_two_names_differing_only_in_case_cannot_both_be_saved(demo: Database, db_url: str) -> None:
    for round_no in range(ROUNDS):
        name = f"{PREFIX} Stadt Ölbach {round_no}"
        results = race(
            db_url,
            ["members", "add", "--name", name],
            ["members", "add", "--name", name.upper()],
        )
        codes = sorted(r.returncode for r in results)
        assert codes == [0, 1], " ".join(r.stderr for r in results)
        refused = next(r for r in results if r.returncode == 1)
        assert refused.stderr.startswith("Fehler: --name: ")
        with demo.sessions() as session:
            names = session.execute(text("SELECT name FROM organisation")).scalars().all()
        assert [n for n in names if n.casefold() == name.casefold()] in ([name], [name.upper()])
        remove_race_members(demo)
