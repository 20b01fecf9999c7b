"""Invoices as frozen snapshots, their lines, payments, number sequences and archived files."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zidkor_desktop.db.base import Base, Money, Percent, Quantity, UnitPrice, UtcDateTime
from zidkor_desktop.db.models._columns import enum_check, enum_column_type
from zidkor_desktop.domain.kinds import InvoiceKind, InvoiceStatus, TaxCategory


class NumberSequence(Base):
    """Counter for gap-free document numbers, one row per sequence name and year."""

    __tablename__ = "number_sequence"
    __table_args__ = (UniqueConstraint("name", "year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    year: Mapped[int] = mapped_column(Integer)
    last_value: Mapped[int] = mapped_column(Integer, default=0)


class BillingRun(Base):
    """A billing run that issued invoices for a period (read-only once written)."""

    __tablename__ = "billing_run"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period: Mapped[str] = mapped_column(String(10))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    pro_rata_rule: Mapped[str] = mapped_column(String(20))
    issue_date: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Invoice(Base):
    """An issued invoice: written once with its frozen snapshot, never changed (also in the DB)."""

    __tablename__ = "invoice"
    __table_args__ = (
        enum_check("kind", InvoiceKind),
        enum_check("status", InvoiceStatus),
        CheckConstraint("status = 'draft' OR number IS NOT NULL", name="issued_has_number"),
        Index("ix_invoice_issue_date", "issue_date"),
        Index("uq_invoice_one_cancellation", "original_invoice_id", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str | None] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(enum_column_type(InvoiceKind))
    status: Mapped[str] = mapped_column(enum_column_type(InvoiceStatus))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    agreement_id: Mapped[int | None] = mapped_column(ForeignKey("agreement.id"))
    original_invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoice.id"))
    billing_run: Mapped[str] = mapped_column(String(40), default="")
    issue_date: Mapped[date | None] = mapped_column(Date)
    issued_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    due_date: Mapped[date | None] = mapped_column(Date)
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    # snapshot of the seller
    seller_name: Mapped[str] = mapped_column(String(200), default="")
    seller_address: Mapped[str] = mapped_column(Text, default="")
    seller_tax_number: Mapped[str] = mapped_column(String(40), default="")
    seller_vat_id: Mapped[str] = mapped_column(String(20), default="")
    seller_iban: Mapped[str] = mapped_column(String(34), default="")
    seller_bic: Mapped[str] = mapped_column(String(11), default="")
    seller_contact: Mapped[str] = mapped_column(Text, default="")
    # snapshot of the buyer
    buyer_name: Mapped[str] = mapped_column(String(200), default="")
    buyer_street: Mapped[str] = mapped_column(String(120), default="")
    buyer_postcode: Mapped[str] = mapped_column(String(10), default="")
    buyer_city: Mapped[str] = mapped_column(String(80), default="")
    buyer_country_code: Mapped[str] = mapped_column(String(2), default="DE")
    buyer_leitweg_id: Mapped[str] = mapped_column(String(46), default="")
    buyer_email: Mapped[str] = mapped_column(String(200), default="")
    buyer_debtor_number: Mapped[str] = mapped_column(String(20), default="")
    # totals and texts
    total_net: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    total_tax: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    total_gross: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    intro_text: Mapped[str] = mapped_column(Text, default="")
    closing_text: Mapped[str] = mapped_column(Text, default="")
    tax_note: Mapped[str] = mapped_column(Text, default="")
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    type_code: Mapped[str] = mapped_column(String(3), default="380")
    run_id: Mapped[int | None] = mapped_column(Integer, index=True)
    snapshot: Mapped[str] = mapped_column(Text, default="")

    lines: Mapped[list[InvoiceLine]] = relationship(
        back_populates="invoice", order_by="InvoiceLine.position", cascade="all, delete-orphan"
    )
    payments: Mapped[list[Payment]] = relationship(
        back_populates="invoice", order_by="Payment.paid_on"
    )
    documents: Mapped[list[ArchivedDocument]] = relationship(order_by="ArchivedDocument.id")


class InvoiceLine(Base):
    """One line of an invoice (frozen with the invoice)."""

    __tablename__ = "invoice_line"
    __table_args__ = (
        UniqueConstraint("invoice_id", "position"),
        enum_check("tax_category", TaxCategory),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoice.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    agreement_id: Mapped[int | None] = mapped_column(Integer, index=True)
    detail: Mapped[str] = mapped_column(Text, default="")
    price_code: Mapped[str] = mapped_column(String(20), default="")
    service_name: Mapped[str] = mapped_column(String(200), default="")
    operator_name: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text)
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    unit: Mapped[str] = mapped_column(String(40))
    unit_price: Mapped[Decimal] = mapped_column(UnitPrice)
    net_amount: Mapped[Decimal] = mapped_column(Money)
    tax_category: Mapped[str] = mapped_column(enum_column_type(TaxCategory))
    tax_rate: Mapped[Decimal] = mapped_column(Percent)
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)

    invoice: Mapped[Invoice] = relationship(back_populates="lines")


class Payment(Base):
    """An entry of a customer's account against one invoice; never changed or deleted.

    kind: payment (received), reversal (counter-entry of `reverses_id`), transfer (a credit moved
    between invoices: a pair of entries with opposite amounts) or refund (a credit paid back).
    """

    __tablename__ = "payment"
    __table_args__ = (
        Index("uq_payment_bank_reference", "bank_reference", unique=True),
        Index("uq_payment_one_reversal", "reverses_id", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoice.id"), index=True)
    paid_on: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Money)
    reference: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())
    kind: Mapped[str] = mapped_column(String(12), default="payment")
    reverses_id: Mapped[int | None] = mapped_column(Integer)
    bank_reference: Mapped[str | None] = mapped_column(String(120))
    reason: Mapped[str] = mapped_column(Text, default="")

    invoice: Mapped[Invoice] = relationship(back_populates="payments")


class BankEntry(Base):
    """A credit entry of an imported bank statement; payment_id once it is booked."""

    __tablename__ = "bank_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bank_reference: Mapped[str] = mapped_column(String(120), unique=True)
    statement: Mapped[str] = mapped_column(String(120), default="")
    booked_on: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Money)
    debtor_name: Mapped[str] = mapped_column(String(200), default="")
    debtor_iban: Mapped[str] = mapped_column(String(34), default="")
    remittance: Mapped[str] = mapped_column(Text, default="")
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime())
    payment_id: Mapped[int | None] = mapped_column(Integer)


class Reminder(Base):
    """A reminder letter (level 1: Zahlungserinnerung, 2: 1. Mahnung, 3: 2. Mahnung)."""

    __tablename__ = "reminder"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    level: Mapped[int] = mapped_column(Integer)
    issued_on: Mapped[date] = mapped_column(Date)
    due_date: Mapped[date] = mapped_column(Date)
    fee: Mapped[Decimal] = mapped_column(Money)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())

    items: Mapped[list[ReminderItem]] = relationship(order_by="ReminderItem.id")


class ReminderItem(Base):
    """An invoice named in a reminder with its open amount then."""

    __tablename__ = "reminder_item"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reminder_id: Mapped[int] = mapped_column(ForeignKey("reminder.id"))
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoice.id"), index=True)
    open_amount: Mapped[Decimal] = mapped_column(Money)


class ArchivedDocument(Base):
    """A generated file kept in the database (PDF, XML) with its SHA-256 checksum."""

    __tablename__ = "archived_document"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoice.id"), index=True)
    reminder_id: Mapped[int | None] = mapped_column(Integer)
    meeting_id: Mapped[int | None] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(40))
    filename: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(80))
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
