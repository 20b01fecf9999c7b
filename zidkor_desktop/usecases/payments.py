"""Payments: record, reverse, transfer and refund credits; a paid capital invoice marks capital.

Each step is one serialised write transaction that reads the invoice's entries and writes the new
ones, so two clerks booking at once cannot overbook a credit. Entries are never changed or deleted
(also refused by the database, migration 0010); every entry is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from zidkor_desktop.db.base import utcnow
from zidkor_desktop.db.models import Invoice, Membership, Payment
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import NotFound, RuleViolation, ValidationError
from zidkor_desktop.domain.kinds import InvoiceKind
from zidkor_desktop.domain.money import ZERO
from zidkor_desktop.domain.payments import (
    EntryKind,
    check_amount,
    check_payable,
    check_payment_date,
    check_transfer,
    open_amount,
)
from zidkor_desktop.l10n import _
from zidkor_desktop.usecases.errors import translated_db_errors


@dataclass(frozen=True)
class InvoiceState:
    """An invoice as the payment rules see it, read inside the write transaction."""

    invoice: Invoice
    status: str
    booked: Decimal

    @property
    def open(self) -> Decimal:
        """What is still open (negative: credit)."""
        return open_amount(self.status, self.invoice.total_gross, [self.booked])


def invoice_state(session: Session, number: str) -> InvoiceState:
    """The invoice with its status and the sum of its entries."""
    invoice = session.scalars(select(Invoice).where(Invoice.number == number)).first()
    if invoice is None:
        raise NotFound(_("Invoice {number} does not exist.").format(number=number))
    if invoice.kind == InvoiceKind.CANCELLATION.value:
        status = "cancellation"
    else:
        cancelled = session.scalar(
            select(Invoice.id).where(Invoice.original_invoice_id == invoice.id)
        )
        status = "cancelled" if cancelled is not None else "issued"
    booked = session.scalar(
        select(func.coalesce(func.sum(Payment.amount), 0)).where(Payment.invoice_id == invoice.id)
    )
    return InvoiceState(invoice, status, Decimal(booked or 0).quantize(ZERO))


def _entry(
    session: Session,
    state: InvoiceState,
    kind: EntryKind,
    amount: Decimal,
    day: date,
    *,
    reference: str = "",
    note: str = "",
    reason: str = "",
    reverses: int | None = None,
    bank_reference: str | None = None,
) -> Payment:
    payment = Payment(
        invoice_id=state.invoice.id,
        paid_on=day,
        amount=amount,
        reference=reference.strip(),
        note=note.strip(),
        reason=reason.strip(),
        kind=kind.value,
        reverses_id=reverses,
        bank_reference=bank_reference,
        recorded_at=utcnow(),
    )
    session.add(payment)
    session.flush()
    _update_capital(session, state.invoice, day, payment)
    return payment


def _update_capital(session: Session, invoice: Invoice, day: date, payment: Payment) -> None:
    """A capital contribution invoice paid in full marks the member's capital paid (and back)."""
    if invoice.kind != InvoiceKind.CAPITAL.value:
        return
    membership = session.scalars(
        select(Membership).where(Membership.organisation_id == invoice.organisation_id)
    ).first()
    if membership is None:
        return
    state = invoice_state(session, invoice.number or "")
    if state.status == "issued" and state.open <= 0:
        if membership.capital_payment_id is None:
            membership.capital_paid = invoice.total_gross
            membership.capital_paid_on = day
            membership.capital_payment_id = payment.id
    elif membership.capital_payment_id is not None:
        membership.capital_paid = ZERO
        membership.capital_paid_on = None
        membership.capital_payment_id = None


def record_in(
    session: Session,
    number: str,
    amount: Decimal,
    paid_on: date,
    today: date,
    *,
    reference: str = "",
    note: str = "",
    bank_reference: str | None = None,
) -> Payment:
    """Book a payment received inside the caller's transaction (also used by bank imports)."""
    amount = check_amount(amount)
    state = invoice_state(session, number)
    check_payable(state.status, number)
    check_payment_date(paid_on, state.invoice.issue_date or paid_on, today)
    return _entry(
        session,
        state,
        EntryKind.PAYMENT,
        amount,
        paid_on,
        reference=reference or number,
        note=note,
        bank_reference=bank_reference,
    )


def record_payment(
    db: Database,
    number: str,
    amount: Decimal,
    paid_on: date,
    today: date,
    *,
    reference: str = "",
    note: str = "",
) -> int:
    """Book a payment received against an invoice (full, partial or too much); its id."""
    with translated_db_errors(), db.write() as session:
        return record_in(session, number, amount, paid_on, today, reference=reference, note=note).id


def reverse_payment(db: Database, payment_id: int, reason: str, day: date, today: date) -> int:
    """Reverse a payment by a counter-entry with a reason; the id of the counter-entry."""
    if not reason.strip():
        raise ValidationError(_("Reason: please say why the payment is reversed."), "reason")
    if day > today:
        raise ValidationError(_("Date: a reversal cannot be dated in the future."), "day")
    with translated_db_errors(), db.write() as session:
        payment = session.get(Payment, payment_id)
        if payment is None:
            raise NotFound(_("Payment {id} does not exist.").format(id=payment_id))
        if payment.kind != EntryKind.PAYMENT.value:
            raise RuleViolation(_("Only a payment received can be reversed."))
        done = session.scalar(select(Payment.id).where(Payment.reverses_id == payment_id))
        if done is not None:
            raise RuleViolation(_("This payment is reversed already."))
        if day < payment.paid_on:
            raise ValidationError(_("Date: the reversal lies before the payment."), "day")
        state = invoice_state(session, payment.invoice.number or "")
        return _entry(
            session,
            state,
            EntryKind.REVERSAL,
            -payment.amount,
            day,
            reference=payment.reference,
            reason=reason,
            reverses=payment.id,
        ).id


def transfer_credit(
    db: Database, source: str, target: str, amount: Decimal, day: date
) -> tuple[int, int]:
    """Move a credit (an overpaid or cancelled invoice's) onto another open invoice."""
    amount = check_amount(amount)
    with translated_db_errors(), db.write() as session:
        src, dst = invoice_state(session, source), invoice_state(session, target)
        if src.invoice.organisation_id != dst.invoice.organisation_id:
            raise RuleViolation(_("A credit can only be used for invoices of the same customer."))
        check_payable(dst.status, target)
        check_transfer(src.open, dst.open, amount)
        out = _entry(
            session, src, EntryKind.TRANSFER, -amount, day, note=_("to {n}").format(n=target)
        )
        into = _entry(
            session, dst, EntryKind.TRANSFER, amount, day, note=_("from {n}").format(n=source)
        )
        return out.id, into.id


def refund_credit(db: Database, number: str, amount: Decimal, day: date, note: str) -> int:
    """Record that a credit was paid back to the customer (with a note, e.g. the transfer)."""
    amount = check_amount(amount)
    if not note.strip():
        raise ValidationError(_("Note: please say how the credit was refunded."), "note")
    with translated_db_errors(), db.write() as session:
        state = invoice_state(session, number)
        if -state.open < amount:
            raise RuleViolation(
                _("Invoice {number} has no credit of this amount to refund.").format(number=number)
            )
        return _entry(session, state, EntryKind.REFUND, -amount, day, note=note).id
