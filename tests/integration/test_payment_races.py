"""Two clerks importing the same bank statement at once: every entry is booked once.

Both processes read the statement as not imported yet (the preview reads without the lock) and
then book; each pauses after booking an entry, so without the write lock both would book it. The
lock serialises them: the second finds the entries known and books nothing. Rounds:
ZIDKOR_RACE_COUNT (default 1).
"""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from camt_support import Credit, statement
from race_support import race, slowed_launcher
from sqlalchemy import func, select

from zidkor_desktop.db.models import BankEntry, Payment
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.billing import BillingPeriod
from zidkor_desktop.queries.invoices import list_invoices
from zidkor_desktop.usecases.demo import load_demo
from zidkor_desktop.usecases.invoicing import issue_run, preview_run

ROUNDS = int(os.environ.get("ZIDKOR_RACE_COUNT", "1"))
LAUNCHER = slowed_launcher(
    "zidkor_desktop.usecases.bank_import", ["record_in"], "zidkor_desktop.cli.payments"
)


@pytest.fixture
def issued(db: Database) -> Database:
    load_demo(db, date(2026, 7, 1))
    issue_run(db, preview_run(db, BillingPeriod.parse("2026-Q2")), date(2026, 7, 6))
    return db


def test_the_same_statement_imported_twice_at_once(
    issued: Database, db_url: str, tmp_path: Path
) -> None:
    rows = sorted(list_invoices(issued), key=lambda r: r.number)
    for round_no in range(ROUNDS):
        file = tmp_path / f"auszug{round_no}.xml"
        credits = [
            Credit(Decimal("10.00"), "X", f"RE {r.number}", f"R{round_no}-{n}", date(2026, 8, 3))
            for n, r in enumerate(rows)
        ]
        file.write_bytes(statement(credits))
        command = ["payments", "import", str(file), "--yes"]
        results = race(LAUNCHER, db_url, command, command)
        assert [r.returncode for r in results] == [0, 0], " ".join(r.stderr for r in results)
        with issued.sessions() as session:
            payments = session.scalar(select(func.count()).select_from(Payment))
            entries = session.scalar(select(func.count()).select_from(BankEntry))
        assert payments == entries == len(rows) * (round_no + 1)
        outputs = sorted(r.stdout.strip().splitlines()[-1] for r in results)
        assert outputs[0].startswith(f"0 gebucht, 0 noch zuzuordnen, {len(rows)} bereits")
        assert outputs[1].startswith(f"{len(rows)} gebucht")
    for row in list_invoices(issued):
        assert row.open == row.gross - Decimal("10.00") * ROUNDS
