"""Importing a bank statement (CAMT.053): proposed matches first, booking only on confirmation.

`prepare_import` reads the file and proposes for each credit entry the open invoice it pays (by
the invoice number in the remittance information, else by amount and debtor name); nothing is
stored. `apply_import` books the entries the clerk confirmed, in one transaction: each entry is
kept with the bank's reference (unique: a statement imported twice books nothing twice), matched
ones as payments of their invoice; unmatched ones wait in the list to be assigned by hand
(`assign_entry`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from zidkor_desktop.db.base import utcnow
from zidkor_desktop.db.models import BankEntry
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.camt import CreditEntry, OpenInvoice, Statement, match, parse_statement
from zidkor_desktop.domain.errors import DomainError, NotFound, RuleViolation
from zidkor_desktop.l10n import _, format_date, format_money
from zidkor_desktop.queries.invoices import list_invoices
from zidkor_desktop.usecases.errors import translated_db_errors, translated_errors
from zidkor_desktop.usecases.payments import record_in


@dataclass(frozen=True)
class ProposedEntry:
    """A credit entry with the invoice proposed for it (None: no match) and whether it is known."""

    entry: CreditEntry
    number: str | None
    reason: str
    already_imported: bool


@dataclass(frozen=True)
class ImportPreview:
    """The statement and a proposal per credit entry."""

    statement: Statement
    entries: list[ProposedEntry]


@dataclass(frozen=True)
class ImportResult:
    """What an import booked."""

    booked: int
    unmatched: int
    skipped: int


def open_invoices(db: Database) -> list[OpenInvoice]:
    """Invoices with an amount open (payments can be matched to them)."""
    return [
        OpenInvoice(r.number, r.buyer, r.open)
        for r in list_invoices(db)
        if r.status == "issued" and r.open > 0
    ]


def prepare_import(db: Database, path: Path) -> ImportPreview:
    """Read and match a statement file; nothing is stored."""
    with translated_errors(path=path):
        data = path.read_bytes()
    statement = parse_statement(data)
    candidates = open_invoices(db)
    with db.sessions() as session:
        known = set(
            session.scalars(
                select(BankEntry.bank_reference).where(
                    BankEntry.bank_reference.in_([e.bank_reference for e in statement.entries])
                )
            )
        )
    proposals = []
    for entry in statement.entries:
        invoice, reason = match(entry, candidates)
        proposals.append(
            ProposedEntry(
                entry, invoice.number if invoice else None, reason, entry.bank_reference in known
            )
        )
    return ImportPreview(statement, proposals)


def apply_import(
    db: Database, preview: ImportPreview, choices: Mapping[str, str | None], today: date
) -> ImportResult:
    """Book the statement: `choices` maps a bank reference to the invoice number (None: none)."""
    booked = unmatched = skipped = 0
    with translated_db_errors(), db.write() as session:
        for proposal in preview.entries:
            entry = proposal.entry
            exists = session.scalar(
                select(BankEntry.id).where(BankEntry.bank_reference == entry.bank_reference)
            )
            if exists is not None:
                skipped += 1
                continue
            row = BankEntry(
                bank_reference=entry.bank_reference,
                statement=preview.statement.statement_id,
                booked_on=entry.booked_on,
                amount=entry.amount,
                debtor_name=entry.debtor_name[:200],
                debtor_iban=entry.debtor_iban[:34],
                remittance=entry.remittance,
                imported_at=utcnow(),
            )
            session.add(row)
            number = choices.get(entry.bank_reference, proposal.number)
            if not number:
                unmatched += 1
                continue
            try:
                payment = record_in(
                    session,
                    number,
                    entry.amount,
                    entry.booked_on,
                    today,
                    reference=entry.remittance[:200],
                    note=entry.debtor_name,
                    bank_reference=entry.bank_reference,
                )
            except DomainError as exc:
                message = _("Nothing was booked. Entry of {day} over {amount} ({name}): {error}")
                raise RuleViolation(
                    message.format(
                        day=format_date(entry.booked_on),
                        amount=format_money(entry.amount),
                        name=entry.debtor_name,
                        error=exc,
                    )
                ) from exc
            row.payment_id = payment.id
            booked += 1
    return ImportResult(booked, unmatched, skipped)


def assign_entry(db: Database, entry_id: int, number: str, today: date) -> int:
    """Book an unmatched bank entry on an invoice by hand; the payment's id."""
    with translated_db_errors(), db.write() as session:
        row = session.get(BankEntry, entry_id)
        if row is None:
            raise NotFound(_("Bank entry {id} does not exist.").format(id=entry_id))
        if row.payment_id is not None:
            raise RuleViolation(_("This bank entry is booked already."))
        payment = record_in(
            session,
            number,
            row.amount,
            row.booked_on,
            today,
            reference=row.remittance[:200],
            note=row.debtor_name,
            bank_reference=row.bank_reference,
        )
        row.payment_id = payment.id
        return payment.id
