"""CAMT.053 import on SQLite and PostgreSQL: matching, confirming, twice, refused files."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from camt_support import Credit, statement
from sqlalchemy import func, select

from zidkor_desktop.db.models import BankEntry, Payment
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.billing import BillingPeriod
from zidkor_desktop.domain.errors import ValidationError
from zidkor_desktop.queries.accounts import unmatched_bank_entries
from zidkor_desktop.queries.invoices import list_invoices
from zidkor_desktop.usecases.bank_import import apply_import, assign_entry, prepare_import
from zidkor_desktop.usecases.demo import load_demo
from zidkor_desktop.usecases.invoicing import issue_run, preview_run

TODAY = date(2027, 3, 1)


@pytest.fixture
def issued(db: Database) -> Database:
    load_demo(db, date(2026, 11, 25))
    issue_run(db, preview_run(db, BillingPeriod.parse("2026-Q4")), date(2027, 1, 5))
    return db


def _counts(db: Database) -> tuple[int, int]:
    with db.sessions() as session:
        return (
            session.scalar(select(func.count()).select_from(Payment)) or 0,
            session.scalar(select(func.count()).select_from(BankEntry)) or 0,
        )


def test_match_confirm_and_import_twice(issued: Database, tmp_path: Path) -> None:
    rows = sorted(list_invoices(issued), key=lambda r: r.number)
    by_number, by_amount = rows[0], rows[1]
    file = tmp_path / "auszug.xml"
    file.write_bytes(
        statement(
            [
                Credit(by_number.gross, "Irgendwer", f"RE {by_number.number} Danke", "REF-1"),
                Credit(by_amount.gross, by_amount.buyer.upper(), "Quartal 4", "REF-2"),
                Credit(Decimal("77.77"), "Unbekannt GmbH", "Spende", "REF-3"),
                Credit(Decimal("50.00"), "Bank", "Gebühren", "REF-4", debit=True),
            ]
        )
    )
    preview = prepare_import(issued, file)
    assert [(p.number, p.reason) for p in preview.entries] == [
        (by_number.number, "number"),
        (by_amount.number, "amount_and_name"),
        (None, ""),
    ]
    assert _counts(issued) == (0, 0)  # nothing before confirming
    result = apply_import(issued, preview, {}, TODAY)
    assert (result.booked, result.unmatched, result.skipped) == (2, 1, 0)
    open_now = {r.number: r.open for r in list_invoices(issued)}
    assert open_now[by_number.number] == 0 and open_now[by_amount.number] == 0
    [waiting] = unmatched_bank_entries(issued)
    assert waiting.amount == Decimal("77.77")
    again = prepare_import(issued, file)
    assert all(p.already_imported for p in again.entries)
    result = apply_import(issued, again, {}, TODAY)
    assert (result.booked, result.skipped) == (0, 3)
    assert _counts(issued) == (2, 3)
    assign_entry(issued, waiting.id, rows[2].number, TODAY)
    assert unmatched_bank_entries(issued) == []
    assert {r.number: r.open for r in list_invoices(issued)}[rows[2].number] == (
        rows[2].gross - Decimal("77.77")
    )


def test_the_clerk_corrects_a_proposal(issued: Database, tmp_path: Path) -> None:
    rows = sorted(list_invoices(issued), key=lambda r: r.number)
    file = tmp_path / "auszug.xml"
    file.write_bytes(statement([Credit(Decimal("10.00"), "X", rows[0].number, "R-9")]))
    preview = prepare_import(issued, file)
    apply_import(issued, preview, {"R-9": rows[1].number}, TODAY)
    opens = {r.number: r.open for r in list_invoices(issued)}
    assert opens[rows[0].number] == rows[0].gross
    assert opens[rows[1].number] == rows[1].gross - Decimal("10.00")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (statement([Credit(Decimal("1"), "X", "Y", "R")], kind="054"), "CAMT.054"),
        (b"<?xml version='1.0'?><Invoice xmlns='urn:x'/>", "keine Kontoauszugsdatei"),
        (statement([Credit(Decimal("1"), "X", "Y", "R")])[:300], "kein lesbares XML"),
    ],
)
def test_other_files_are_refused_with_nothing_booked(
    issued: Database, tmp_path: Path, content: bytes, expected: str
) -> None:
    file = tmp_path / "datei.xml"
    file.write_bytes(content)
    with pytest.raises(ValidationError) as raised:
        prepare_import(issued, file)
    assert expected in str(raised.value)
    assert _counts(issued) == (0, 0)
