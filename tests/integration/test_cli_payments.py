"""The payment commands as a script uses them: add, import (preview, --yes), reminders, account."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from camt_support import Credit, statement
from cli_support import run

from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.billing import BillingPeriod
from zidkor_desktop.queries.invoices import list_invoices
from zidkor_desktop.usecases.demo import load_demo
from zidkor_desktop.usecases.invoicing import issue_run, preview_run

ISSUED = date(2026, 7, 6)  # the demo's prices start 2026; its due date has passed today


@pytest.fixture
def issued(db: Database) -> Database:
    load_demo(db, date(2026, 7, 1))
    issue_run(db, preview_run(db, BillingPeriod.parse("2026-Q2")), ISSUED)
    return db


def test_add_import_reminders_and_account(
    issued: Database, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = sorted(list_invoices(issued), key=lambda r: r.number)
    base = ["--db-url", db_url, "--lang", "de"]
    code, out, err = run(capsys, *base, "payments", "add", rows[0].number, "100,00")
    assert code == 0, err
    assert f"offen {rows[0].gross - Decimal('100.00'):.2f}".replace(".", ",") in out
    file = tmp_path / "auszug.xml"
    credit = Credit(rows[1].gross, "X", f"RE {rows[1].number}", "B-1", booked_on=date(2026, 8, 3))
    file.write_bytes(statement([credit]))
    code, out, err = run(capsys, *base, "payments", "import", str(file))
    assert code == 0 and f"→ {rows[1].number} (nach Rechnungsnummer)" in out, out + err
    assert "Nichts gebucht" in err
    assert {r.number: r.open for r in list_invoices(issued)}[rows[1].number] == rows[1].gross
    code, out, err = run(capsys, *base, "payments", "import", str(file), "--yes")
    assert "1 gebucht, 0 noch zuzuordnen, 0 bereits importiert." in out, out + err
    code, out, err = run(capsys, *base, "invoices", "list", "--open", "--format", "json")
    listed = {r["number"]: r for r in json.loads(out)}
    assert rows[1].number not in listed
    assert listed[rows[0].number]["overdue"] == (date.today() - rows[0].due_date).days
    code, out, err = run(capsys, *base, "reminders", "run", "--issue")
    assert code == 0 and "Zahlungserinnerung" in out and "geschrieben" in err, out + err
    target = tmp_path / "mahnung.pdf"
    code, out, err = run(capsys, *base, "reminders", "pdf", "1", str(target))
    assert code == 0 and target.read_bytes().startswith(b"%PDF")
    customer = rows[0].customer_id
    code, out, err = run(capsys, *base, "customers", "account", str(customer), "--format", "json")
    lines = json.loads(out)
    assert Decimal(lines[-1]["balance"]) == sum(
        (r.open for r in list_invoices(issued, customer_id=customer)), Decimal(0)
    )
