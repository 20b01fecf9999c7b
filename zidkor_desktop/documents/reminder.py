"""Reminder letters (Zahlungserinnerung, 1. and 2. Mahnung) and the account statement (Kontoauszug).

Both are DIN 5008 form B letters to a customer, made from frozen values: the reminder names each
overdue invoice with its date, due date, amount and what is still open, the fee if any, the total
and a new due date; the statement lists the account's entries with the running balance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table, TableStyle

from zidkor_desktop.documents.base import GRID, HEADER_FILL, para
from zidkor_desktop.documents.fonts import BOLD, REGULAR
from zidkor_desktop.documents.letter import BODY_WIDTH, LetterParts, LetterRenderer, party_parts
from zidkor_desktop.domain.girocode import iban_groups
from zidkor_desktop.domain.invoice import Buyer, Seller
from zidkor_desktop.domain.money import ZERO
from zidkor_desktop.domain.payments import AccountLine
from zidkor_desktop.l10n import N_, _, format_date, format_money

LEVEL_TITLES = {
    1: N_("Payment reminder"),
    2: N_("First dunning letter"),
    3: N_("Second dunning letter"),
}


@dataclass(frozen=True)
class ReminderItemDoc:
    """An overdue invoice as the reminder prints it."""

    number: str
    issue_date: date
    due_date: date | None
    gross: Decimal
    open: Decimal


@dataclass(frozen=True)
class ReminderDocument:
    """Every printed value of one reminder."""

    seller: Seller
    buyer: Buyer
    level: int
    issued_on: date
    due_date: date
    fee: Decimal
    items: Sequence[ReminderItemDoc]

    @property
    def total(self) -> Decimal:
        """What is to be paid: the open amounts and the fee."""
        return sum((i.open for i in self.items), ZERO) + self.fee


def _styles() -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("title", fontName=BOLD, fontSize=13, leading=17, spaceAfter=3 * mm),
        "text": ParagraphStyle(
            "text", fontName=REGULAR, fontSize=10, leading=13.5, spaceAfter=2 * mm
        ),
        "cell": ParagraphStyle("cell", fontName=REGULAR, fontSize=9, leading=11),
        "head": ParagraphStyle("head", fontName=BOLD, fontSize=9, leading=11),
        "num": ParagraphStyle("num", fontName=REGULAR, fontSize=9, leading=11, alignment=TA_RIGHT),
        "num_bold": ParagraphStyle("nb", fontName=BOLD, fontSize=9, leading=11, alignment=TA_RIGHT),
    }


def _table(data: list[list[Any]], widths: list[float], total_row: bool) -> Table:
    table = Table(data, colWidths=widths, repeatRows=1)
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 1.2 * mm),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1.2 * mm),
    ]
    if total_row:
        style.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, GRID))
    table.setStyle(TableStyle(style))
    return table


def reminder_title(level: int) -> str:
    """„Zahlungserinnerung“, „1. Mahnung“ or „2. Mahnung“."""
    return _(LEVEL_TITLES[min(max(level, 1), 3)])


class ReminderRenderer(LetterRenderer):
    """One reminder letter."""

    def __init__(self, doc: ReminderDocument, logo: bytes | None = None) -> None:
        self.doc, self.logo, self.st = doc, logo, _styles()
        self.title = reminder_title(doc.level)
        self.author = doc.seller.name
        self.subject = f"{self.title} · {doc.buyer.name}"

    def parts(self) -> LetterParts:
        d = self.doc
        info = [
            (_("Date"), format_date(d.issued_on)),
            (_("Customer number"), d.buyer.debtor_number),
            (_("Leitweg-ID"), d.buyer.leitweg_id),
            (_("Your contact"), d.seller.contact_name),
            (_("Phone"), d.seller.contact_phone),
            (_("E-mail"), d.seller.contact_email),
        ]
        return party_parts(d.seller, d.buyer, [(k, v) for k, v in info if v], self.logo)

    def header_text(self, number: int) -> str:
        return f"{self.title} · {self.doc.buyer.name}"

    def story(self) -> list[Any]:
        d, st = self.doc, self.st
        intro = {
            1: _(
                "in our records the following invoices are still open. Perhaps this has escaped "
                "your notice; if you have paid meanwhile, please disregard this letter."
            ),
            2: _("despite our reminder the following invoices are still open:"),
            3: _(
                "despite our reminder and our first dunning letter the following invoices are "
                "still open. Please pay now to avoid further steps:"
            ),
        }[min(max(d.level, 1), 3)]
        head = [_("Invoice"), _("Date"), _("Due"), _("Amount"), _("Open")]
        rows: list[list[Any]] = [
            [para(h, st["head"] if n < 3 else st["num_bold"]) for n, h in enumerate(head)]
        ]
        for item in d.items:
            rows.append(
                [
                    para(item.number, st["cell"]),
                    para(format_date(item.issue_date), st["cell"]),
                    para(format_date(item.due_date), st["cell"]),
                    para(format_money(item.gross), st["num"]),
                    para(format_money(item.open), st["num"]),
                ]
            )
        if d.fee > 0:
            rows.append(
                [
                    para(_("Reminder fee"), st["cell"]),
                    "",
                    "",
                    "",
                    para(format_money(d.fee), st["num"]),
                ]
            )
        rows.append(
            [
                para(_("Total to pay"), st["head"]),
                "",
                "",
                "",
                para(format_money(d.total), st["num_bold"]),
            ]
        )
        widths = [45 * mm, 27 * mm, 27 * mm, 33 * mm, BODY_WIDTH - 132 * mm]
        ask = _(
            "Please transfer {amount} by {date} to the account {iban} (BIC {bic}), stating the "
            "invoice numbers."
        ).format(
            amount=format_money(d.total),
            date=format_date(d.due_date),
            iban=iban_groups(d.seller.iban),
            bic=d.seller.bic,
        )
        return [
            para(self.title, st["title"]),
            para(_("Dear Sir or Madam,"), st["text"]),
            para(intro, st["text"]),
            _table(rows, widths, True),
            Spacer(1, 4 * mm),
            para(ask, st["text"]),
            para(_("Kind regards"), st["text"]),
            para(d.seller.name, st["text"]),
        ]


def render_reminder(doc: ReminderDocument, logo: bytes | None = None) -> bytes:
    """The reminder as PDF bytes."""
    return ReminderRenderer(doc, logo).render()


@dataclass(frozen=True)
class AccountDocument:
    """The account statement of one customer on one day."""

    seller: Seller
    buyer: Buyer
    day: date
    lines: Sequence[AccountLine]

    @property
    def balance(self) -> Decimal:
        """The balance at the end (positive: owed, negative: credit)."""
        return self.lines[-1].balance if self.lines else ZERO


class AccountRenderer(LetterRenderer):
    """The Kontoauszug of a customer."""

    def __init__(self, doc: AccountDocument, logo: bytes | None = None) -> None:
        self.doc, self.logo, self.st = doc, logo, _styles()
        self.title = _("Account statement")
        self.author = doc.seller.name
        self.subject = f"{self.title} · {doc.buyer.name}"

    def parts(self) -> LetterParts:
        d = self.doc
        info = [
            (_("Date"), format_date(d.day)),
            (_("Customer number"), d.buyer.debtor_number),
            (_("Your contact"), d.seller.contact_name),
            (_("Phone"), d.seller.contact_phone),
        ]
        return party_parts(d.seller, d.buyer, [(k, v) for k, v in info if v], self.logo)

    def header_text(self, number: int) -> str:
        return f"{self.title} · {self.doc.buyer.name}"

    def story(self) -> list[Any]:
        d, st = self.doc, self.st
        head = [_("Date"), _("Entry"), _("Document"), _("Debit"), _("Credit"), _("Balance")]
        rows: list[list[Any]] = [
            [para(h, st["head"] if n < 3 else st["num_bold"]) for n, h in enumerate(head)]
        ]
        for line in d.lines:
            rows.append(
                [
                    para(format_date(line.day), st["cell"]),
                    para(line.text, st["cell"]),
                    para(line.document, st["cell"]),
                    para(format_money(line.debit) if line.debit else "", st["num"]),
                    para(format_money(line.credit) if line.credit else "", st["num"]),
                    para(format_money(line.balance), st["num"]),
                ]
            )
        if d.balance > 0:
            summary = _("Balance on {date}: {amount} to pay.")
        elif d.balance < 0:
            summary = _("Balance on {date}: a credit of {amount} in your favour.")
        else:
            summary = _("Balance on {date}: {amount} — your account is settled.")
        text = summary.format(date=format_date(d.day), amount=format_money(abs(d.balance)))
        widths = [22 * mm, 48 * mm, 25 * mm, 23 * mm, 23 * mm, BODY_WIDTH - 141 * mm]
        return [
            para(self.title, st["title"]),
            _table(rows, widths, False),
            Spacer(1, 4 * mm),
            para(text, st["text"]),
        ]


def render_account(doc: AccountDocument, logo: bytes | None = None) -> bytes:
    """The account statement as PDF bytes."""
    return AccountRenderer(doc, logo).render()
