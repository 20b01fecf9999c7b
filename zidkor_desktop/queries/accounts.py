"""Read-only: the entries of invoices, a customer's account with its balance, the open items."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from zidkor_desktop.db.models import (
    BankEntry,
    Customer,
    Invoice,
    Payment,
    Reminder,
    ReminderItem,
)
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.kinds import InvoiceKind
from zidkor_desktop.domain.payments import AccountLine, EntryKind, running_balance
from zidkor_desktop.l10n import N_, _
from zidkor_desktop.queries.invoices import InvoiceRow, list_invoices

ENTRY_LABELS = {
    EntryKind.PAYMENT: N_("Payment"),
    EntryKind.REVERSAL: N_("Reversal of a payment"),
    EntryKind.TRANSFER: N_("Credit transferred"),
    EntryKind.REFUND: N_("Credit refunded"),
}
DOCUMENT_LABELS = {
    InvoiceKind.INVOICE: N_("Invoice"),
    InvoiceKind.CANCELLATION: N_("Cancellation invoice"),
    InvoiceKind.CAPITAL: N_("Capital contribution invoice"),
}


@dataclass(frozen=True)
class PaymentRow:
    """One entry against an invoice."""

    id: int
    number: str
    kind: EntryKind
    paid_on: date
    amount: Decimal
    reference: str
    note: str
    reason: str
    reverses_id: int | None
    reversed: bool

    @property
    def kind_label(self) -> str:
        """The kind in words."""
        return _(ENTRY_LABELS[self.kind])


def payments(
    db: Database, *, number: str | None = None, organisation_id: int | None = None
) -> list[PaymentRow]:
    """Entries of one invoice or of one organisation's invoices, in date order."""
    stmt = select(
        Payment.id,
        Invoice.number,
        Payment.kind,
        Payment.paid_on,
        Payment.amount,
        Payment.reference,
        Payment.note,
        Payment.reason,
        Payment.reverses_id,
    ).join(Invoice, Invoice.id == Payment.invoice_id)
    if number is not None:
        stmt = stmt.where(Invoice.number == number)
    if organisation_id is not None:
        stmt = stmt.where(Invoice.organisation_id == organisation_id)
    with db.sessions() as session:
        rows = session.execute(stmt.order_by(Payment.paid_on, Payment.id)).all()
    reversed_ids = {r[8] for r in rows if r[8] is not None}
    return [
        PaymentRow(r[0], r[1], EntryKind(r[2]), *r[3:9], r[0] in reversed_ids)  # type: ignore[misc]
        for r in rows
    ]


def account_lines(db: Database, organisation_id: int) -> list[AccountLine]:
    """The customer's account: invoices and cancellations (+/−), entries (−/+), the balance."""
    events = []
    for row in list_invoices(db, organisation_id=organisation_id):
        text = _(DOCUMENT_LABELS[row.kind])
        if row.original_number:
            text = _("{text} to {number}").format(text=text, number=row.original_number)
        events.append((row.issue_date, (0, row.id), text, row.number, row.gross))
    for entry in payments(db, organisation_id=organisation_id):
        text = entry.kind_label
        detail = entry.reason or entry.note or entry.reference
        if detail:
            text = f"{text} ({detail})"
        events.append((entry.paid_on, (1, entry.id), text, entry.number, -entry.amount))
    return running_balance(events)


def open_items(db: Database, day: date, customer_id: int | None = None) -> list[InvoiceRow]:
    """Invoices with an amount open on `day`, the longest overdue first."""
    rows = [r for r in list_invoices(db, customer_id=customer_id) if r.open > 0]
    return sorted(rows, key=lambda r: (-r.days_overdue(day), r.due_date or day, r.number))


@dataclass(frozen=True)
class BankEntryRow:
    """A bank statement entry not booked on an invoice yet."""

    id: int
    booked_on: date
    amount: Decimal
    debtor_name: str
    remittance: str
    statement: str


def unmatched_bank_entries(db: Database) -> list[BankEntryRow]:
    """Imported credit entries that still wait to be assigned to an invoice."""
    stmt = (
        select(
            BankEntry.id,
            BankEntry.booked_on,
            BankEntry.amount,
            BankEntry.debtor_name,
            BankEntry.remittance,
            BankEntry.statement,
        )
        .where(BankEntry.payment_id.is_(None))
        .order_by(BankEntry.booked_on, BankEntry.id)
    )
    with db.sessions() as session:
        return [BankEntryRow(*row) for row in session.execute(stmt)]


def reminder_levels(db: Database) -> dict[int, int]:
    """Per invoice id: the highest reminder level written so far (invoices never reminded: none)."""
    stmt = (
        select(ReminderItem.invoice_id, func.max(Reminder.level))
        .join(Reminder, Reminder.id == ReminderItem.reminder_id)
        .group_by(ReminderItem.invoice_id)
    )
    with db.sessions() as session:
        return {invoice: int(level) for invoice, level in session.execute(stmt)}


def organisation_of_customer(db: Database, customer_id: int) -> int | None:
    """The organisation whose account a customer number stands for."""
    with db.sessions() as session:
        return session.scalar(select(Customer.organisation_id).where(Customer.id == customer_id))


def customer_of_organisation(db: Database, organisation_id: int) -> int | None:
    """The customer record of an organisation (a member may have none)."""
    with db.sessions() as session:
        stmt = select(Customer.id).where(Customer.organisation_id == organisation_id)
        return session.scalar(stmt)
