"""Issuing invoices on SQLite and PostgreSQL: numbers, frozen snapshots, files, cancellations."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text

from zidkor_desktop.db.models import (
    ArchivedDocument,
    BillingRun,
    Invoice,
    InvoiceLine,
    NumberSequence,
    Organisation,
)
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.billing import BillingPeriod, ManualLine, Problem
from zidkor_desktop.domain.errors import DomainError, RuleViolation, ValidationError
from zidkor_desktop.domain.invoice import DocumentType
from zidkor_desktop.domain.invoice_json import from_json
from zidkor_desktop.domain.kinds import TaxCategory
from zidkor_desktop.domain.money import to_money
from zidkor_desktop.queries.invoices import invoice_file, list_invoices
from zidkor_desktop.queries.members import list_members
from zidkor_desktop.usecases.demo import load_demo
from zidkor_desktop.usecases.errors import translate
from zidkor_desktop.usecases.invoicing import (
    IssueCancelled,
    cancel_invoice,
    issue_capital,
    issue_invoice,
    issue_run,
    preview_run,
    snapshot_of,
)

Q4 = BillingPeriod.parse("2026-Q4")
ISSUED_ON = date(2027, 1, 5)


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db, date(2026, 11, 25))
    return db


def _count(db: Database, model: type) -> int:
    with db.sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_a_run_issues_numbered_frozen_invoices_with_their_files(demo: Database) -> None:
    preview = preview_run(demo, Q4)
    assert preview.blocking == []
    expected = {d.customer: d.gross for d in preview.drafts}
    issued = issue_run(demo, preview, ISSUED_ON)
    assert [i.number for i in issued] == [f"2027-{n:05d}" for n in range(1, len(expected) + 1)]
    rows = {r.number: r for r in list_invoices(demo)}
    for item in issued:
        row = rows[item.number]
        assert row.gross == expected[row.buyer]
        snapshot = snapshot_of(demo, item.number)
        # independently: the lines add up to the totals
        net = sum((line.net for line in snapshot.lines), Decimal(0))
        assert net == row.net
        assert snapshot.gross == row.gross == row.net + row.tax
        for kind in ("invoice_pdf", "invoice_xml"):
            stored = invoice_file(demo, item.number, kind)
            assert hashlib.sha256(stored.content).hexdigest() == stored.sha256
        assert invoice_file(demo, item.number, "invoice_pdf").content.startswith(b"%PDF")
    assert _count(demo, BillingRun) == 1
    again = preview_run(demo, Q4)
    assert again.drafts == []
    assert len(again.already_invoiced) == len(issued)


def test_the_snapshot_keeps_master_data_of_the_issue_day(demo: Database) -> None:
    issued = issue_run(demo, preview_run(demo, Q4), ISSUED_ON)
    number = issued[0].number
    before = snapshot_of(demo, number)
    pdf = invoice_file(demo, number, "invoice_pdf").content
    with demo.write() as session:
        org = session.scalars(select(Organisation).where(Organisation.name == before.buyer.name))
        org.one().street = "Neue Straße 99"
    after = snapshot_of(demo, number)
    assert after == before
    assert after.buyer.street != "Neue Straße 99"
    assert invoice_file(demo, number, "invoice_pdf").content == pdf


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE invoice SET total_gross = 0",
        "DELETE FROM invoice",
        "UPDATE invoice_line SET net_amount = 1",
        "DELETE FROM invoice_line",
        "UPDATE archived_document SET content = content || content WHERE invoice_id IS NOT NULL",
        "DELETE FROM archived_document WHERE invoice_id IS NOT NULL",
        "UPDATE billing_run SET period = 'x'",
        "DELETE FROM billing_run",
    ],
)
def test_the_database_refuses_to_change_issued_invoices(demo: Database, statement: str) -> None:
    issue_run(demo, preview_run(demo, Q4), ISSUED_ON)
    with pytest.raises(Exception) as raised, demo.write() as session:
        session.execute(text(statement))
    error = translate(raised.value)
    assert isinstance(error, RuleViolation)
    assert str(error).startswith("Diese Rechnung ist ausgestellt"), str(error)


def test_a_cancellation_refers_to_the_original_and_negates_it(demo: Database) -> None:
    issued = issue_run(demo, preview_run(demo, Q4), ISSUED_ON)
    original = snapshot_of(demo, issued[0].number)
    storno = cancel_invoice(demo, original.number, "Falsche Menge", date(2027, 1, 8))
    assert storno.number == f"2027-{len(issued) + 1:05d}"
    snapshot = snapshot_of(demo, storno.number)
    assert snapshot.type_code is DocumentType.CORRECTED
    assert snapshot.original_number == original.number
    assert snapshot.original_date == ISSUED_ON
    assert snapshot.gross == -original.gross
    assert [x.quantity for x in snapshot.lines] == [-x.quantity for x in original.lines]
    rows = {r.number: r for r in list_invoices(demo)}
    assert rows[original.number].status == "cancelled"
    assert rows[original.number].open == 0
    assert rows[storno.number].status == "cancellation"
    with pytest.raises(RuleViolation, match="bereits storniert"):
        cancel_invoice(demo, original.number, "noch einmal", date(2027, 1, 8))
    with pytest.raises(RuleViolation):
        cancel_invoice(demo, storno.number, "Storno vom Storno", date(2027, 1, 8))
    with pytest.raises(ValidationError) as missing:
        cancel_invoice(demo, issued[1].number, "  ", date(2027, 1, 8))
    assert missing.value.field == "reason"
    # the cancelled agreement period can be invoiced again (the corrected invoice)
    again = preview_run(demo, Q4)
    assert [d.customer for d in again.drafts] == [original.buyer.name]


def test_nothing_is_left_behind_by_a_cancelled_or_refused_run(demo: Database) -> None:
    preview = preview_run(demo, Q4)
    calls = []

    def cancel_after_first() -> bool:
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(IssueCancelled):
        issue_run(demo, preview, ISSUED_ON, cancelled=cancel_after_first)
    for model in (Invoice, InvoiceLine, BillingRun, NumberSequence):
        assert _count(demo, model) == 0, model
    with demo.sessions() as session:  # the demo's archived minutes are no invoice files
        assert not session.scalar(
            select(ArchivedDocument.id).where(ArchivedDocument.invoice_id.is_not(None))
        )
    flagged = preview_run(demo, Q4)
    flagged.drafts[0].problems.append(Problem("no_leitweg_id", "Stadt X hat keine Leitweg-ID."))
    with pytest.raises(RuleViolation, match="Es wurde nichts ausgestellt"):
        issue_run(demo, flagged, ISSUED_ON)
    assert _count(demo, Invoice) == 0
    issued = issue_run(demo, preview_run(demo, Q4), ISSUED_ON)
    assert issued[0].number == "2027-00001"


def test_invoice_dates_follow_the_numbers(demo: Database) -> None:
    issue_run(demo, preview_run(demo, Q4), ISSUED_ON)
    number = list_invoices(demo)[0].number
    with pytest.raises(ValidationError) as raised:
        cancel_invoice(demo, number, "zu früh", date(2027, 1, 4))
    assert raised.value.field == "issue_date"


def test_a_manual_invoice_with_a_line_by_hand(demo: Database) -> None:
    preview = preview_run(demo, Q4)
    draft = replace(preview.drafts[0], lines=[], problems=[], manual_lines=[])
    draft.manual_lines.append(
        ManualLine(
            "Schulung Personenstandswesen",
            Decimal("2.5"),
            "Stunde",
            "HUR",
            Decimal("85.00"),
            TaxCategory.NOT_TAXABLE if draft.not_taxable else TaxCategory.STANDARD,
            Decimal("0") if draft.not_taxable else Decimal("19"),
        )
    )
    draft.reference = "Bestellung 4711"
    issued = issue_invoice(demo, draft, ISSUED_ON, customer_id=draft.customer_id)
    snapshot = snapshot_of(demo, issued.number)
    assert snapshot.buyer.reference == "Bestellung 4711"
    assert snapshot.net == to_money(Decimal("2.5") * Decimal("85.00")) == Decimal("212.50")


def test_a_capital_contribution_invoice_once_per_member(demo: Database) -> None:
    with demo.write() as session:  # Trier as if it had just joined: nothing paid yet
        trier = session.scalars(select(Organisation).where(Organisation.name == "Stadt Trier"))
        org = trier.one()
        member = org.id
        assert org.membership is not None
        org.membership.capital_paid = Decimal(0)
    issued = issue_capital(demo, member, ISSUED_ON)
    snapshot = snapshot_of(demo, issued.number)
    assert snapshot.kind == "capital"
    assert snapshot.not_subject
    assert snapshot.tax == 0
    assert snapshot.gross == Decimal("2000.00")
    [row] = [r for r in list_members(demo, ISSUED_ON) if r.organisation_id == member]
    assert row.capital_invoice == issued.number
    with pytest.raises(DomainError, match="bereits in Rechnung gestellt"):
        issue_capital(demo, member, ISSUED_ON)
    cancel_invoice(demo, issued.number, "Stimmenzahl falsch", ISSUED_ON)
    [row] = [r for r in list_members(demo, ISSUED_ON) if r.organisation_id == member]
    assert row.capital_invoice == ""
    again = issue_capital(demo, member, ISSUED_ON)
    assert from_json(_stored_snapshot(demo, again.number)).gross == Decimal("2000.00")


def _stored_snapshot(db: Database, number: str) -> str:
    with db.sessions() as session:
        return session.scalar(select(Invoice.snapshot).where(Invoice.number == number)) or ""
