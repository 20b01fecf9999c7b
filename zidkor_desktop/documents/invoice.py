"""The printed invoice (also the visible part of the hybrid e-invoice), from a frozen snapshot.

A DIN 5008 form B letter with every field § 14 (4) UStG asks for: the parties with their
addresses, tax number or VAT ID, date and number, each line's kind, quantity, period and net
amount, net and VAT per rate (or why no VAT is charged), the total. Long line tables repeat
their header and carry their running total over each page break ('Übertrag'). A GiroCode for
the amount due is printed only when there is something to pay.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from babel.numbers import format_decimal
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from zidkor_desktop.documents.base import GRID, HEADER_FILL, para
from zidkor_desktop.documents.carry_over import AmountRow, CarryOverTable
from zidkor_desktop.documents.fonts import BOLD, REGULAR
from zidkor_desktop.documents.girocode import QrCode, epc_qr
from zidkor_desktop.documents.letter import BODY_WIDTH, LetterParts, LetterRenderer, party_parts
from zidkor_desktop.domain.girocode import epc_payment, iban_groups
from zidkor_desktop.domain.invoice import InvoiceSnapshot, SnapshotLine, TaxCode
from zidkor_desktop.domain.invoicing import cancellation_reference
from zidkor_desktop.domain.money import ZERO
from zidkor_desktop.l10n import (
    _,
    format_date,
    format_money,
    format_quantity,
    format_unit_price,
    locale,
)

# Pos., service, quantity, unit, unit price, [VAT rate,] amount: 165 mm, the DIN 5008 body width.
TAXED_WIDTHS = [10 * mm, 60.5 * mm, 14 * mm, 25 * mm, 21.5 * mm, 11 * mm, 23 * mm]
UNTAXED_WIDTHS = [10 * mm, 71.5 * mm, 14 * mm, 25 * mm, 21.5 * mm, 23 * mm]
QR_SIZE = 26 * mm
NOTE_TEXT = colors.HexColor("#444444")
CARRY_FILL = colors.HexColor("#f2f4f7")


def _styles() -> dict[str, ParagraphStyle]:
    text = ParagraphStyle("text", fontName=REGULAR, fontSize=10, leading=13, spaceAfter=2 * mm)
    cell = ParagraphStyle("cell", fontName=REGULAR, fontSize=8.5, leading=10.5)
    return {
        "title": ParagraphStyle("title", fontName=BOLD, fontSize=12, leading=15, spaceAfter=3 * mm),
        "text": text,
        "strong": ParagraphStyle("strong", parent=text, fontName=BOLD),
        "small": ParagraphStyle("small", parent=text, fontSize=8.5, leading=11, spaceAfter=0),
        "small_bold": ParagraphStyle(
            "small_bold", parent=text, fontName=BOLD, fontSize=8.5, leading=11, spaceAfter=0
        ),
        "cell": cell,
        "note": ParagraphStyle("note", parent=cell, fontSize=7.5, leading=9.5, textColor=NOTE_TEXT),
        "number": ParagraphStyle("number", parent=cell, alignment=TA_RIGHT),
        "unit": ParagraphStyle("unit", parent=cell, fontSize=7.5, leading=10.5),
        "head": ParagraphStyle("head", parent=cell, fontName=BOLD),
        "head_number": ParagraphStyle(
            "head_number", parent=cell, fontName=BOLD, alignment=TA_RIGHT
        ),
        "sum": ParagraphStyle("sum", parent=cell, fontSize=9, leading=12, alignment=TA_RIGHT),
        "total": ParagraphStyle(
            "total", parent=cell, fontName=BOLD, fontSize=10, leading=13, alignment=TA_RIGHT
        ),
        "carry": ParagraphStyle("carry", parent=cell, fontName=BOLD, alignment=TA_RIGHT),
    }


def format_rate(rate: Decimal) -> str:
    """A VAT rate: '19 %', '7 %', '10,7 %'."""
    return f"{format_decimal(rate, format='#,##0.##', locale=locale())} %"


def format_period(start: date | None, end: date | None) -> str:
    """'01.01.2027 – 31.03.2027' (one date when start and end are the same day)."""
    if start is None or end is None:
        return format_date(start or end)
    if start == end:
        return format_date(start)
    return f"{format_date(start)} – {format_date(end)}"


def document_title(snapshot: InvoiceSnapshot) -> str:
    """The title as issued, or the kind's default title."""
    if snapshot.title.strip():
        return snapshot.title.strip()
    if snapshot.kind == "cancellation":
        return _("Cancellation invoice")
    return _("Invoice")


def heading(snapshot: InvoiceSnapshot) -> str:
    """'Rechnung Nr. RE-2027-00012'."""
    return _("{title} no. {number}").format(title=document_title(snapshot), number=snapshot.number)


class InvoiceRenderer(LetterRenderer):
    """One invoice, cancellation or capital contribution invoice as a form B letter."""

    def __init__(self, snapshot: InvoiceSnapshot, logo_png: bytes | None = None) -> None:
        self.snapshot = snapshot
        self.logo_png = logo_png
        self.st = _styles()
        self.taxed = any(x.tax_code is not TaxCode.NOT_SUBJECT for x in snapshot.lines)
        self.title = heading(snapshot)
        self.author = snapshot.seller.name
        self.subject = f"{heading(snapshot)} · {snapshot.buyer.name}"

    def money(self, amount: Decimal) -> str:
        """An amount in the invoice currency, never '-0,00 €'."""
        return format_money(amount + ZERO if amount == 0 else amount, self.snapshot.currency)

    def parts(self) -> LetterParts:
        s, seller, buyer = self.snapshot, self.snapshot.seller, self.snapshot.buyer
        info = [
            (_("Invoice number"), s.number),
            (_("Invoice date"), format_date(s.issue_date)),
            (_("Customer number"), buyer.debtor_number),
            (_("Leitweg-ID"), buyer.leitweg_id),
            (_("Your reference"), buyer.reference),
            (_("Your VAT ID"), buyer.vat_id),
            (_("Service period"), format_period(s.period_start, s.period_end)),
            (_("Due date"), format_date(s.due_date) if s.gross > 0 else ""),
            (_("Your contact"), seller.contact_name),
            (_("Phone"), seller.contact_phone),
            (_("E-mail"), seller.contact_email),
        ]
        return party_parts(seller, buyer, info, self.logo_png)

    def header_text(self, number: int) -> str:
        return f"{heading(self.snapshot)} · {self.snapshot.buyer.name}"

    def story(self) -> list[Any]:
        s, st = self.snapshot, self.st
        story: list[Any] = [para(heading(s), st["title"])]
        if s.intro_text.strip():
            if s.intro_text.strip()[0].islower():  # the text continues a salutation
                story.append(para(_("Dear Sir or Madam,"), st["text"]))
            story.append(para(s.intro_text.strip(), st["text"]))
        if s.original_number and s.original_date is not None:
            reference = cancellation_reference(s.original_number, s.original_date)
            story.append(para(reference, st["strong"]))
        if s.cancel_reason.strip():
            reason = _("Reason: {reason}").format(reason=s.cancel_reason.strip())
            story.append(para(reason, st["text"]))
        story += [Spacer(1, 1 * mm), self._lines_table(), Spacer(1, 2 * mm)]
        story.append(KeepTogether(self._totals()))
        story += self._payment()
        story.append(Spacer(1, 3 * mm))
        for text in (s.note, s.closing_text):
            if text.strip():
                story.append(para(text.strip(), st["text"]))
        return story

    def _service_cell(self, line: SnapshotLine) -> list[Any]:
        st = self.st
        cell = [para(line.description, st["cell"])]
        if line.detail.strip():
            cell.append(para(line.detail, st["note"]))
        if line.period_start is not None or line.period_end is not None:
            period = format_period(line.period_start, line.period_end)
            cell.append(para(_("Period: {period}").format(period=period), st["note"]))
        if line.factor_text.strip():
            parts = [format_quantity(line.quantity), format_unit_price(line.unit_price)]
            cell.append(para(" × ".join([*parts, line.factor_text.strip()]), st["note"]))
        return cell

    def _lines_table(self) -> CarryOverTable:
        st = self.st
        header = [
            para(_("Pos."), st["head"]),
            para(_("Service rendered"), st["head"]),
            para(_("Quantity"), st["head_number"]),
            para(_("Unit"), st["head"]),
            para(_("Unit price"), st["head_number"]),
        ]
        if self.taxed:
            header.append(para(_("VAT"), st["head_number"]))
        header.append(para(_("Line amount"), st["head_number"]))
        rows = []
        for line in self.snapshot.lines:
            cells = [
                para(str(line.position), st["cell"]),
                self._service_cell(line),
                para(format_quantity(line.quantity), st["number"]),
                para(line.unit_label, st["unit"]),
                para(format_unit_price(line.unit_price), st["number"]),
            ]
            if self.taxed:
                rate = "–" if line.tax_code is TaxCode.NOT_SUBJECT else format_rate(line.tax_rate)
                cells.append(para(rate, st["number"]))
            cells.append(para(self.money(line.net), st["number"]))
            rows.append(AmountRow(cells, line.net))
        widths = TAXED_WIDTHS if self.taxed else UNTAXED_WIDTHS
        blank = [""] * (len(widths) - 2)

        def carry_row(amount: Decimal) -> list[Any]:
            label = para(_("Carried forward"), st["carry"])
            return [label, *blank, para(self.money(amount), st["carry"])]

        style = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),
            ("LEFTPADDING", (0, 0), (-1, -1), 1.2 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 1.2 * mm),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, GRID),
        ]
        carry_style = [
            ("SPAN", (0, 0), (-2, 0)),
            ("BACKGROUND", (0, 0), (-1, 0), CARRY_FILL),
        ]
        return CarryOverTable(header, rows, widths, style, carry_row, carry_style)

    def _totals(self) -> list[Any]:
        s, st = self.snapshot, self.st
        rows: list[list[Any]] = []
        for part in s.breakdown:
            if part.code is TaxCode.NOT_SUBJECT:
                rows.append([para(_("Net amount (not subject to VAT)"), st["sum"]), part.net])
                continue
            rate = format_rate(part.rate)
            rows.append([para(_("Net amount {rate}").format(rate=rate), st["sum"]), part.net])
            rows.append([para(_("VAT {rate}").format(rate=rate), st["sum"]), part.tax])
        rows.append([para(_("Total amount"), st["total"]), s.gross])
        data = [
            [label, para(self.money(amount), st["total" if i == len(rows) - 1 else "sum"])]
            for i, (label, amount) in enumerate(rows)
        ]
        table = Table(data, colWidths=[BODY_WIDTH - 35 * mm, 35 * mm])
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                    ("LEFTPADDING", (0, 0), (-1, -1), 1.2 * mm),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 1.2 * mm),
                    ("TOPPADDING", (0, 0), (-1, -1), 0.6 * mm),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0.6 * mm),
                    ("LINEABOVE", (1, -1), (1, -1), 0.8, colors.black),
                    ("LINEBELOW", (1, -1), (1, -1), 0.8, colors.black),
                ]
            )
        )
        flowables: list[Any] = [table, Spacer(1, 2 * mm)]
        if s.exemption_note.strip():
            flowables.append(para(s.exemption_note.strip(), st["text"]))
        return flowables

    def _payment(self) -> list[Any]:
        s, st = self.snapshot, self.st
        if s.gross < 0:
            text = _("We will refund any amount already paid.")
            if s.original_number:
                text = _(
                    "This cancellation invoice cancels invoice {number}. "
                    "We will refund any amount already paid."
                ).format(number=s.original_number)
            return [para(text, st["text"])]
        if s.gross == 0:
            return []
        amount = self.money(s.gross)
        if s.due_date is not None and not s.payment_terms.strip():
            ask = _("Please transfer the total of {amount} by {date} to the account below.")
            ask = ask.format(amount=amount, date=format_date(s.due_date))
        else:
            ask = _("Please transfer the total of {amount} to the account below.")
            ask = ask.format(amount=amount)
        if s.payment_terms.strip():
            ask = f"{ask} {s.payment_terms.strip()}"
        return [para(ask, st["text"]), KeepTogether([self._bank_block()])]

    def _bank_block(self) -> Table:
        s, st = self.snapshot, self.st
        seller = s.seller
        lines = [
            para(_("Bank details"), st["small_bold"]),
            para(_("Account holder: {name}").format(name=seller.name), st["small"]),
            para(seller.bank_name, st["small"]),
            para(f"IBAN {iban_groups(seller.iban)}", st["small"]),
            para(f"BIC {seller.bic}", st["small"]),
            para(_("Payment reference: {number}").format(number=s.number), st["small"]),
        ]
        payment = epc_payment(s)
        code: list[Any] = []
        if payment is not None:
            lines.append(para(_("GiroCode: scan with your banking app"), st["note"]))
            code = [QrCode(epc_qr(payment), QR_SIZE)]
        table = Table([[lines, code]], colWidths=[BODY_WIDTH - QR_SIZE - 4 * mm, QR_SIZE + 4 * mm])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                    ("BOX", (0, 0), (-1, -1), 0.4, GRID),
                    ("LEFTPADDING", (0, 0), (0, 0), 2 * mm),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5 * mm),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 * mm),
                    ("LEFTPADDING", (1, 0), (1, 0), 2 * mm),
                    ("RIGHTPADDING", (1, 0), (1, 0), 2 * mm),
                ]
            )
        )
        return table


def render_invoice(snapshot: InvoiceSnapshot, logo_png: bytes | None = None) -> bytes:
    """The invoice as PDF bytes: A4, DIN 5008 form B, embedded fonts, RGB only, metadata set."""
    return InvoiceRenderer(snapshot, logo_png).render()
