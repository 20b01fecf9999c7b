"""The service agreement (Servicevereinbarung / Zweckvereinbarung) as an A4 PDF."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer, Table, TableStyle

from zidkor_desktop.documents.base import GRID, HEADER_FILL, DocumentRenderer, para
from zidkor_desktop.documents.fonts import BOLD, REGULAR
from zidkor_desktop.l10n import _, format_date, format_number, format_unit_price

# Code, item, unit, quantity, net price: 170 mm, the width between the margins.
ANNEX_WIDTHS = [20 * mm, 70 * mm, 38 * mm, 20 * mm, 22 * mm]


@dataclass(frozen=True)
class Party:
    """A party of the agreement: name, address lines and who signs for it."""

    name: str
    address: list[str]
    signatory: str = ""


@dataclass(frozen=True)
class AnnexLine:
    """A price item the agreement uses, with its current price and agreed quantity."""

    code: str
    title: str
    unit_text: str
    unit_price: Decimal | None
    quantity: Decimal | None
    quantity_note: str = ""


@dataclass(frozen=True)
class AgreementDocument:
    """Everything the agreement shows; taken by a query, never read from the database here."""

    number: str
    title: str
    association: Party
    customer: Party
    short_name: str
    is_zweckvereinbarung: bool
    approval: str
    sections: list[tuple[str, str]]
    """(heading, text) with the placeholders already filled."""
    annex: list[AnnexLine]
    price_list_title: str
    as_of: date
    printed_on: date = field(default_factory=date.today)


def document_title(doc: AgreementDocument) -> str:
    """'Zweckvereinbarung' for a non-member, else 'Servicevereinbarung' (current language)."""
    return _("Zweckvereinbarung") if doc.is_zweckvereinbarung else _("Service agreement")


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("text", fontName=REGULAR, fontSize=10, leading=13.5, spaceAfter=2 * mm)
    cell = ParagraphStyle("cell", fontName=REGULAR, fontSize=8.5, leading=10.5)
    return {
        "title": ParagraphStyle("title", fontName=BOLD, fontSize=16, leading=20, spaceAfter=1 * mm),
        "subtitle": ParagraphStyle("subtitle", fontName=REGULAR, fontSize=11, leading=14),
        "text": base,
        "small": ParagraphStyle("small", parent=base, fontSize=9, leading=12),
        "party": ParagraphStyle("party", parent=base, spaceAfter=0),
        "party_name": ParagraphStyle("party_name", parent=base, fontName=BOLD, spaceAfter=0),
        "heading": ParagraphStyle(
            "heading", fontName=BOLD, fontSize=11, leading=14, spaceBefore=4 * mm, keepWithNext=1
        ),
        "cell": cell,
        "number": ParagraphStyle("number", parent=cell, alignment=TA_RIGHT),
        "head": ParagraphStyle("head", parent=cell, fontName=BOLD),
        "head_number": ParagraphStyle(
            "head_number", parent=cell, fontName=BOLD, alignment=TA_RIGHT
        ),
    }


def _party(party: Party, role: str, st: dict[str, ParagraphStyle]) -> list[Any]:
    lines: list[Any] = [para(party.name, st["party_name"])]
    lines += [para(line, st["party"]) for line in party.address if line.strip()]
    lines.append(para(f"– {role} –", st["text"]))
    return lines


def _annex_table(doc: AgreementDocument, st: dict[str, ParagraphStyle]) -> Table:
    data: list[list[Any]] = [
        [
            para(_("Code"), st["head"]),
            para(_("Service item"), st["head"]),
            para(_("Unit"), st["head"]),
            para(_("Quantity"), st["head_number"]),
            para(_("Net price"), st["head_number"]),
        ]
    ]
    for line in doc.annex:
        item: list[Any] = [para(line.title or line.code, st["cell"])]
        if line.quantity_note:
            item.append(para(line.quantity_note, st["cell"]))
        data.append(
            [
                para(line.code, st["cell"]),
                item,
                para(line.unit_text, st["cell"]),
                para("" if line.quantity is None else format_number(line.quantity), st["number"]),
                para(
                    "–" if line.unit_price is None else format_unit_price(line.unit_price),
                    st["number"],
                ),
            ]
        )
    table = Table(data, colWidths=ANNEX_WIDTHS, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 1.2 * mm),
                ("RIGHTPADDING", (0, 0), (-1, -1), 1.2 * mm),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, GRID),
            ]
        )
    )
    return table


def _signatures(doc: AgreementDocument, st: dict[str, ParagraphStyle]) -> Table:
    def block(party: Party) -> list[Any]:
        return [
            para(_("Place, date"), st["small"]),
            Spacer(1, 14 * mm),
            para("_" * 38, st["small"]),
            para(party.name, st["small"]),
            para(party.signatory or _("(name, office)"), st["small"]),
        ]

    table = Table([[block(doc.association), block(doc.customer)]], colWidths=[85 * mm, 85 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _story(doc: AgreementDocument) -> list[Any]:
    st = _styles()
    story: list[Any] = [para(document_title(doc), st["title"])]
    if doc.title.strip():
        story.append(para(doc.title.strip(), st["subtitle"]))
    story += [
        para(_("No. {number}").format(number=doc.number), st["subtitle"]),
        Spacer(1, 6 * mm),
        para(_("between"), st["text"]),
        *_party(doc.association, _("hereinafter: the association"), st),
        para(_("and"), st["text"]),
        *_party(doc.customer, _("hereinafter: the customer"), st),
    ]
    if doc.approval:
        story.append(para(doc.approval, st["small"]))
    for heading, text in doc.sections:
        story.append(para(heading, st["heading"]))
        story += [para(part.strip(), st["text"]) for part in text.split("\n\n") if part.strip()]
    story += [Spacer(1, 8 * mm), KeepTogether([_signatures(doc, st)]), PageBreak()]
    story += [
        para(_("Annex: price items and current prices"), st["title"]),
        para(
            _("{title}, prices as of {date}; net prices per unit.").format(
                title=doc.price_list_title or "–", date=format_date(doc.as_of)
            ),
            st["text"],
        ),
        _annex_table(doc, st),
    ]
    return story


class AgreementRenderer(DocumentRenderer):
    """The agreement on the shared page frame ('page x of y')."""

    def __init__(self, doc: AgreementDocument) -> None:
        self.doc = doc
        self.title = f"{document_title(doc)} {doc.number}"
        self.author = doc.short_name
        self.subject = doc.title

    def story(self) -> list[Any]:
        return _story(self.doc)

    def header_text(self, number: int) -> str:
        if number == 1:
            return ""
        return f"{document_title(self.doc)} {self.doc.number} · {self.doc.customer.name}"

    def footer_left(self) -> str:
        return _("{short_name} · printed on {date}").format(
            short_name=self.doc.short_name, date=format_date(self.doc.printed_on)
        )


def render_agreement(doc: AgreementDocument) -> bytes:
    """The agreement as PDF bytes (A4 portrait, embedded fonts, 'page x of y')."""
    return AgreementRenderer(doc).render()
