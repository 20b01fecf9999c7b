"""Two clerks add a customer at the same moment: each gets its own debtor number.

The next free number is read inside the serialised write, so the second process sees the
first one's number. Each process pauses between reading the numbers and writing; without the
write lock both would take the same number and one would fail on the unique constraint.
Rounds: ZIDKOR_RACE_COUNT (default 2).
"""

from __future__ import annotations

import os
from datetime import date

from race_support import race

from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.leitweg import make_leitweg_id
from zidkor_desktop.queries.customers import list_customers
from zidkor_desktop.usecases.demo import load_demo

ROUNDS = int(os.environ.get("ZIDKOR_RACE_COUNT", "2"))

LAUNCHER = """
import sys, time
from zidkor_desktop import cli
import zidkor_desktop.cli.customers, zidkor_desktop.db.models
import zidkor_desktop.usecases.customers as customers

numbers = customers.debtor_numbers


def slow_numbers(*args, **kwargs):
    result = numbers(*args, **kwargs)
    time.sleep(0.4)  # between reading the numbers and writing: both would read the same
    return result


customers.debtor_numbers = slow_numbers
time.sleep(max(0.0, float(sys.argv[1]) - time.time()))
sys.exit(cli.main(sys.argv[2:]))
"""


def test_two_new_customers_at_once_get_different_debtor_numbers(db: Database, db_url: str) -> None:
    load_demo(db, date.today())
    for round_no in range(ROUNDS):
        commands = [
            [
                "customers", "add", "--name", f"Ortsgemeinde Beispiel {round_no}-{side}",
                "--kind", "municipality",
                "--leitweg-id", make_leitweg_id("07140", f"R{round_no}S{side}"),
            ]
            for side in (1, 2)
        ]  # fmt: skip
        results = race(LAUNCHER, db_url, *commands)
        assert [r.returncode for r in results] == [0, 0], " ".join(r.stderr for r in results)
    numbers = [r.debtor_number for r in list_customers(db, date.today())]
    assert len(numbers) == len(set(numbers)) == 5 + 2 * ROUNDS
    assert sorted(numbers)[-2 * ROUNDS :] == [str(10103 + i) for i in range(2 * ROUNDS)]
