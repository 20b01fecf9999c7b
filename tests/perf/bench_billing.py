"""Benchmark: issuing invoices (PDF + XML + hybrid, archived) and listing many invoices.

    python tests/perf/bench_billing.py [INVOICES] [LIST_ROWS]

Issues INVOICES (default 1,000) invoices into a fresh SQLite file three times: rendered in this
process (the baseline: a single process), with one spawned worker and with two, and prints the
invoices per second of each with the ratio to the baseline. Then fills a database with LIST_ROWS
(default 100,000) invoice rows and times the invoice list query and sorting it. Figures go into
notes and docs, not into assertions.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert

from zidkor_desktop.db.migrate import upgrade
from zidkor_desktop.db.models import Customer, Invoice, Organisation
from zidkor_desktop.db.session import Database, open_database, sqlite_url
from zidkor_desktop.domain.billing import BillingPeriod, InvoiceDraft, ManualLine, ProRataRule
from zidkor_desktop.domain.kinds import OrganisationKind, TaxCategory
from zidkor_desktop.domain.leitweg import make_leitweg_id
from zidkor_desktop.queries.invoices import list_invoices
from zidkor_desktop.usecases.demo import load_demo
from zidkor_desktop.usecases.invoicing import RunPreview, issue_run

PERIOD = BillingPeriod.parse("2026-Q4")


def _database(folder: Path, name: str) -> Database:
    db = open_database(sqlite_url(folder / f"{name}.sqlite3"), user="bench")
    upgrade(db)
    load_demo(db, date(2026, 11, 25))
    return db


def _customers(db: Database, count: int) -> list[tuple[int, str]]:
    """`count` customer cities with address and Leitweg-ID."""
    made = []
    with db.write() as session:
        for n in range(count):
            org = Organisation(
                name=f"Gemeinde Bench {n:05d}",
                kind=OrganisationKind.MUNICIPALITY.value,
                street=f"Rathausstraße {n % 90 + 1}",
                postcode=f"{55000 + n % 999:05d}",
                city="Benchhausen",
            )
            session.add(org)
            session.flush()
            customer = Customer(
                organisation_id=org.id,
                debtor_number=str(50000 + n),
                leitweg_id=make_leitweg_id(f"07{n:06d}"),
                einvoice_scheme="0204",
            )
            session.add(customer)
            session.flush()
            made.append((customer.id, org.name))
    return made


def _preview(customers: list[tuple[int, str]]) -> RunPreview:
    drafts = []
    for n, (customer_id, name) in enumerate(customers):
        draft = InvoiceDraft(customer_id, name, False, PERIOD)
        for k in range(1 + n % 4):
            draft.manual_lines.append(
                ManualLine(
                    f"Leistung {k + 1}",
                    Decimal(1 + (n + k) % 17),
                    "Stück",
                    "C62",
                    Decimal("12.3456") + k,
                    TaxCategory.STANDARD,
                    Decimal(19 if k % 2 == 0 else 7),
                )
            )
        drafts.append(draft)
    return RunPreview(PERIOD, PERIOD.label, ProRataRule.PER_STARTED_MONTH, drafts)


def _issue(folder: Path, count: int, workers: int) -> float:
    db = _database(folder, f"issue{workers}")
    preview = _preview(_customers(db, count))
    start = time.perf_counter()
    issued = issue_run(db, preview, date(2027, 1, 5), workers=workers)
    seconds = time.perf_counter() - start
    db.dispose()
    assert len(issued) == count
    return count / seconds


def _list(folder: Path, rows: int) -> None:
    db = _database(folder, "list")
    now = datetime.now(UTC)
    with db.write() as session:
        org = session.query(Organisation.id).first()
        assert org is not None
        session.execute(
            insert(Invoice),
            [
                {
                    "number": f"2027-{n:06d}",
                    "kind": "invoice",
                    "status": "issued",
                    "organisation_id": org[0],
                    "issue_date": date(2027, 1, 1 + n % 28),
                    "issued_at": now,
                    "buyer_name": f"Gemeinde {n % 977:04d}",
                    "total_net": Decimal(n % 5000),
                    "total_tax": Decimal(n % 950),
                    "total_gross": Decimal(n % 5000 + n % 950),
                    "snapshot": "{}",
                }
                for n in range(rows)
            ],
        )
    start = time.perf_counter()
    found = list_invoices(db)
    query = time.perf_counter() - start
    start = time.perf_counter()
    found.sort(key=lambda r: (r.buyer.casefold(), r.gross))
    ordering = time.perf_counter() - start
    print(f"invoice list, {len(found):,} rows: query {query:.2f} s, sort {ordering:.2f} s")
    db.dispose()


def main() -> None:
    """Issue with 0 (baseline), 1 and 2 workers; then time the list."""
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        baseline = _issue(folder, count, 0)
        print(f"baseline, in this process: {baseline:6.1f} invoices/s")
        for workers in (1, 2):
            rate = _issue(folder, count, workers)
            print(
                f"{workers} worker process(es):    {rate:6.1f} invoices/s "
                f"({rate / baseline:.2f} × baseline)"
            )
        _list(folder, rows)


if __name__ == "__main__":
    main()
