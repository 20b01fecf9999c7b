"""Read-only: the issued invoices as a list, their archived files and the billing runs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from zidkor_desktop.db.models import ArchivedDocument, BillingRun, Invoice, Payment
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import NotFound
from zidkor_desktop.domain.kinds import InvoiceKind
from zidkor_desktop.domain.money import ZERO
from zidkor_desktop.domain.payments import open_amount
from zidkor_desktop.l10n import N_, _

STATUS_LABELS = {
    "issued": N_("issued"),
    "cancelled": N_("cancelled"),
    "cancellation": N_("cancellation"),
}


@dataclass(frozen=True)
class InvoiceRow:
    """One issued invoice as listed."""

    id: int
    number: str
    kind: InvoiceKind
    buyer: str
    customer_id: int | None
    organisation_id: int
    issue_date: date
    due_date: date | None
    period_start: date | None
    period_end: date | None
    net: Decimal
    tax: Decimal
    gross: Decimal
    paid: Decimal
    run: str
    run_id: int | None
    original_number: str
    cancelled_by: str

    @property
    def status(self) -> str:
        """issued, cancelled (by a cancellation) or cancellation."""
        if self.kind is InvoiceKind.CANCELLATION:
            return "cancellation"
        return "cancelled" if self.cancelled_by else "issued"

    @property
    def status_label(self) -> str:
        """The status in words."""
        return _(STATUS_LABELS[self.status])

    @property
    def open(self) -> Decimal:
        """Amount still to pay (negative: credit); a cancelled invoice is settled by its
        cancellation (domain.payments.open_amount)."""
        return open_amount(self.status, self.gross, [self.paid])

    def days_overdue(self, day: date) -> int:
        """Days after the due date while something is open (0 when not overdue)."""
        if self.open <= 0 or self.due_date is None or day <= self.due_date:
            return 0
        return (day - self.due_date).days


def list_invoices(
    db: Database,
    *,
    customer_id: int | None = None,
    organisation_id: int | None = None,
    run_id: int | None = None,
    start: date | None = None,
    end: date | None = None,
) -> list[InvoiceRow]:
    """Issued invoices, newest first (columns only; the snapshots stay in the database)."""
    original = aliased(Invoice)
    cancellation = aliased(Invoice)
    paid = (
        select(Payment.invoice_id, func.sum(Payment.amount).label("paid"))
        .group_by(Payment.invoice_id)
        .subquery()
    )
    stmt = (
        select(
            Invoice.id,
            Invoice.number,
            Invoice.kind,
            Invoice.buyer_name,
            Invoice.customer_id,
            Invoice.organisation_id,
            Invoice.issue_date,
            Invoice.due_date,
            Invoice.period_start,
            Invoice.period_end,
            Invoice.total_net,
            Invoice.total_tax,
            Invoice.total_gross,
            paid.c.paid,
            Invoice.billing_run,
            Invoice.run_id,
            original.number,
            cancellation.number,
        )
        .outerjoin(original, original.id == Invoice.original_invoice_id)
        .outerjoin(cancellation, cancellation.original_invoice_id == Invoice.id)
        .outerjoin(paid, paid.c.invoice_id == Invoice.id)
        .order_by(Invoice.issue_date.desc(), Invoice.id.desc())
    )
    if customer_id is not None:
        stmt = stmt.where(Invoice.customer_id == customer_id)
    if organisation_id is not None:
        stmt = stmt.where(Invoice.organisation_id == organisation_id)
    if run_id is not None:
        stmt = stmt.where(Invoice.run_id == run_id)
    if start is not None:
        stmt = stmt.where(Invoice.issue_date >= start)
    if end is not None:
        stmt = stmt.where(Invoice.issue_date <= end)
    with db.sessions() as session:
        return [_row(r) for r in session.execute(stmt)]


def _row(r: Any) -> InvoiceRow:
    paid = Decimal(r[13] or 0).quantize(ZERO)
    return InvoiceRow(
        *r[:2], InvoiceKind(r[2]), *r[3:13], paid, *r[14:16], r[16] or "", r[17] or ""
    )


def capital_invoices(session: Session, organisation_id: int | None = None) -> dict[int, list[str]]:
    """Numbers of the uncancelled capital contribution invoices, by organisation.

    A plain table query (no ORM entities): the members list on the first screen uses it.
    """
    table = Invoice.__table__
    cancelled = select(table.c.original_invoice_id).where(table.c.original_invoice_id.is_not(None))
    stmt = select(table.c.organisation_id, table.c.number).where(
        table.c.kind == InvoiceKind.CAPITAL.value, table.c.id.not_in(cancelled)
    )
    if organisation_id is not None:
        stmt = stmt.where(table.c.organisation_id == organisation_id)
    found: dict[int, list[str]] = {}
    for org, number in session.execute(stmt.order_by(table.c.id)):
        found.setdefault(org, []).append(number)
    return found


@dataclass(frozen=True)
class ArchivedFile:
    """A file archived with an invoice."""

    filename: str
    media_type: str
    sha256: str
    content: bytes


def invoice_file(db: Database, number: str, kind: str) -> ArchivedFile:
    """The archived hybrid PDF ("invoice_pdf") or XML ("invoice_xml") of an invoice."""
    with db.sessions() as session:
        row = session.execute(
            select(
                ArchivedDocument.filename,
                ArchivedDocument.media_type,
                ArchivedDocument.sha256,
                ArchivedDocument.content,
            )
            .join(Invoice, Invoice.id == ArchivedDocument.invoice_id)
            .where(Invoice.number == number, ArchivedDocument.kind == kind)
        ).first()
    if row is None:
        raise NotFound(_("Invoice {number} does not exist.").format(number=number))
    return ArchivedFile(*row)


@dataclass(frozen=True)
class RunRow:
    """A billing run with its invoices' count and total."""

    id: int
    period: str
    issue_date: date
    count: int
    gross: Decimal


def list_runs(db: Database) -> list[RunRow]:
    """The billing runs, newest first."""
    stmt = (
        select(
            BillingRun.id,
            BillingRun.period,
            BillingRun.issue_date,
            func.count(Invoice.id),
            func.coalesce(func.sum(Invoice.total_gross), 0),
        )
        .outerjoin(Invoice, Invoice.run_id == BillingRun.id)
        .group_by(BillingRun.id, BillingRun.period, BillingRun.issue_date)
        .order_by(BillingRun.id.desc())
    )
    with db.sessions() as session:
        return [
            RunRow(i, p, d, n, Decimal(g).quantize(ZERO)) for i, p, d, n, g in session.execute(stmt)
        ]
