"""Reminders and account statements on SQLite and PostgreSQL."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from pypdf import PdfReader

from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.billing import BillingPeriod
from zidkor_desktop.domain.errors import RuleViolation
from zidkor_desktop.l10n import format_money
from zidkor_desktop.queries.accounts import account_lines
from zidkor_desktop.queries.invoices import list_invoices
from zidkor_desktop.usecases.demo import load_demo
from zidkor_desktop.usecases.invoicing import issue_run, preview_run
from zidkor_desktop.usecases.payments import record_payment
from zidkor_desktop.usecases.reminders import (
    account_pdf,
    issue_reminders,
    list_reminders,
    reminder_pdf,
    reminder_run,
)

ISSUED = date(2027, 1, 5)


@pytest.fixture
def issued(db: Database) -> Database:
    load_demo(db, date(2026, 11, 25))
    issue_run(db, preview_run(db, BillingPeriod.parse("2026-Q4")), ISSUED)
    return db


def _text(pdf: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).replace("\xa0", " ")


def test_a_reminder_names_exactly_the_overdue_invoices(issued: Database) -> None:
    rows = sorted(list_invoices(issued), key=lambda r: r.number)
    due = rows[0].due_date
    assert due is not None
    day = due + timedelta(days=1)
    record_payment(issued, rows[0].number, rows[0].gross, day, day)  # paid: not reminded
    record_payment(issued, rows[1].number, Decimal("100.00"), day, day)  # partly paid
    assert reminder_run(issued, due) == []  # nothing overdue on the due date itself
    proposals = reminder_run(issued, day)
    named = {r.number: r.open for p in proposals for r in p.invoices}
    expected = {r.number: r.open for r in list_invoices(issued) if r.open > 0}
    assert named == expected
    assert rows[0].number not in named
    assert named[rows[1].number] == rows[1].gross - Decimal("100.00")
    ids = issue_reminders(issued, day)
    assert [r.level for r in list_reminders(issued)] == [1] * len(ids)
    text = _text(reminder_pdf(issued, ids[0]))
    assert "Zahlungserinnerung" in text
    reminded = next(
        p for p in proposals if p.plan.organisation_id == list_reminders(issued)[-1].organisation_id
    )
    for row in reminded.invoices:
        assert row.number in text and format_money(row.open).replace("\xa0", " ") in text
    # before the reminder's deadline nothing more; after it the next level
    with pytest.raises(RuleViolation):
        issue_reminders(issued, day + timedelta(days=5))
    later = day + timedelta(days=15)
    assert {p.plan.level for p in reminder_run(issued, later)} == {2}


def test_the_account_statement_prints_the_balance(issued: Database) -> None:
    row = list_invoices(issued)[0]
    record_payment(
        issued, row.number, row.gross + Decimal("5.00"), date(2027, 1, 20), date(2027, 2, 1)
    )
    lines = account_lines(issued, row.organisation_id)
    assert lines[-1].balance == Decimal("-5.00")
    text = _text(account_pdf(issued, row.organisation_id, date(2027, 2, 1)))
    assert "Kontoauszug" in text and row.number in text
    assert "Guthaben von 5,00 €" in text
