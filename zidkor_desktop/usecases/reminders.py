"""Reminder runs and account statements: letters made from the books of one moment.

`reminder_run` shows the letters a run on a day would write (nothing stored); `issue_reminders`
records them in one serialised transaction — the reminder with its invoices, level, open amount,
deadline and fee, and its PDF archived with SHA-256 — so each invoice's reminder level and date
are known. `account_pdf` prints a customer's account statement.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from zidkor_desktop.db.base import utcnow
from zidkor_desktop.db.models import (
    ArchivedDocument,
    Invoice,
    Organisation,
    Reminder,
    ReminderItem,
)
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import NotFound, RuleViolation
from zidkor_desktop.domain.reminders import Dunned, ReminderPlan, plan
from zidkor_desktop.l10n import _
from zidkor_desktop.queries.accounts import account_lines
from zidkor_desktop.queries.invoice_parties import buyer_of_organisation, seller, settings_row
from zidkor_desktop.queries.invoices import InvoiceRow, list_invoices
from zidkor_desktop.usecases.errors import translated_db_errors

REMINDER_KIND = "reminder_pdf"


@dataclass(frozen=True)
class ReminderProposal:
    """A letter a reminder run would write."""

    plan: ReminderPlan
    buyer: str
    invoices: list[InvoiceRow]

    @property
    def total(self) -> Decimal:
        """Open amounts plus the fee."""
        return sum((r.open for r in self.invoices), Decimal("0.00")) + self.plan.fee


def _levels(session: Session) -> dict[int, tuple[int, date]]:
    """Per invoice: the highest reminder level so far and that reminder's deadline."""
    stmt = (
        select(ReminderItem.invoice_id, func.max(Reminder.level), func.max(Reminder.due_date))
        .join(Reminder, Reminder.id == ReminderItem.reminder_id)
        .group_by(ReminderItem.invoice_id)
    )
    return {invoice: (level, deadline) for invoice, level, deadline in session.execute(stmt)}


def _proposals(session: Session, db: Database, day: date) -> list[ReminderProposal]:
    rows = {r.id: r for r in list_invoices(db) if r.status == "issued" and r.open > 0}
    levels = _levels(session)
    items = [
        Dunned(r.id, r.organisation_id, r.open, r.due_date, *levels.get(r.id, (0, None)))
        for r in rows.values()
    ]
    fee = settings_row(session).reminder_fee
    return [
        ReminderProposal(p, rows[p.invoice_ids[0]].buyer, [rows[i] for i in p.invoice_ids])
        for p in plan(items, day, fee)
    ]


def reminder_run(db: Database, day: date) -> list[ReminderProposal]:
    """The letters a reminder run on `day` would write; nothing is stored."""
    with db.sessions() as session:
        return _proposals(session, db, day)


def _document(session: Session, proposal: ReminderProposal, day: date):  # type: ignore[no-untyped-def]
    from zidkor_desktop.documents.reminder import ReminderDocument, ReminderItemDoc

    return ReminderDocument(
        seller=seller(session),
        buyer=buyer_of_organisation(session, proposal.plan.organisation_id),
        level=proposal.plan.level,
        issued_on=day,
        due_date=proposal.plan.deadline,
        fee=proposal.plan.fee,
        items=[
            ReminderItemDoc(r.number, r.issue_date, r.due_date, r.gross, r.open)
            for r in proposal.invoices
        ],
    )


def issue_reminders(db: Database, day: date) -> list[int]:
    """Write the reminder letters of `day` (one transaction); their ids."""
    from zidkor_desktop.documents.reminder import render_reminder

    made = []
    with translated_db_errors(), db.write() as session:
        proposals = _proposals(session, db, day)
        if not proposals:
            raise RuleViolation(_("No invoice is due for a reminder on this day."))
        logo = settings_row(session).logo_png
        for proposal in proposals:
            reminder = Reminder(
                organisation_id=proposal.plan.organisation_id,
                level=proposal.plan.level,
                issued_on=day,
                due_date=proposal.plan.deadline,
                fee=proposal.plan.fee,
                created_at=utcnow(),
            )
            reminder.items = [
                ReminderItem(invoice_id=r.id, open_amount=r.open) for r in proposal.invoices
            ]
            session.add(reminder)
            session.flush()
            pdf = render_reminder(_document(session, proposal, day), logo)
            session.add(
                ArchivedDocument(
                    reminder_id=reminder.id,
                    kind=REMINDER_KIND,
                    filename=f"Mahnung-{reminder.id}.pdf",
                    media_type="application/pdf",
                    sha256=hashlib.sha256(pdf).hexdigest(),
                    content=pdf,
                    created_at=utcnow(),
                )
            )
            made.append(reminder.id)
    return made


def reminder_pdf(db: Database, reminder_id: int) -> bytes:
    """The archived PDF of a reminder."""
    with db.sessions() as session:
        content = session.scalar(
            select(ArchivedDocument.content).where(
                ArchivedDocument.reminder_id == reminder_id, ArchivedDocument.kind == REMINDER_KIND
            )
        )
    if content is None:
        raise NotFound(_("Reminder {id} does not exist.").format(id=reminder_id))
    return content


@dataclass(frozen=True)
class ReminderRow:
    """A reminder written."""

    id: int
    organisation_id: int
    buyer: str
    level: int
    issued_on: date
    due_date: date
    numbers: list[str]


def list_reminders(db: Database) -> list[ReminderRow]:
    """The reminders written, newest first (two queries, however many reminders there are)."""
    with db.sessions() as session:
        numbers: dict[int, list[str]] = {}
        items = (
            select(ReminderItem.reminder_id, Invoice.number)
            .join(Invoice, Invoice.id == ReminderItem.invoice_id)
            .order_by(ReminderItem.id)
        )
        for reminder_id, number in session.execute(items):
            numbers.setdefault(reminder_id, []).append(number or "")
        rows = session.execute(
            select(
                Reminder.id,
                Reminder.organisation_id,
                Organisation.name,
                Reminder.level,
                Reminder.issued_on,
                Reminder.due_date,
            )
            .join(Organisation, Organisation.id == Reminder.organisation_id)
            .order_by(Reminder.id.desc())
        )
        return [ReminderRow(*row, numbers.get(row[0], [])) for row in rows]


def account_pdf(db: Database, organisation_id: int, day: date) -> bytes:
    """The customer's account statement (Kontoauszug) as PDF."""
    from zidkor_desktop.documents.reminder import AccountDocument, render_account

    lines = [x for x in account_lines(db, organisation_id) if x.day <= day]
    with db.sessions() as session:
        doc = AccountDocument(
            seller(session), buyer_of_organisation(session, organisation_id), day, lines
        )
        logo = settings_row(session).logo_png
    return render_account(doc, logo)
