"""Schedule of services and fees (Leistungs- und Entgeltverzeichnis) on a date, as an A4 PDF."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from zidkor_desktop.documents.base import GRID, HEADER_FILL, DocumentRenderer, para
from zidkor_desktop.documents.fonts import BOLD, REGULAR
from zidkor_desktop.domain.kinds import TaxCategory
from zidkor_desktop.l10n import _, format_date, format_unit_price

# Pos., service item, unit, billing, net price, VAT: 170 mm, the width between the margins.
COLUMN_WIDTHS = [10 * mm, 57 * mm, 30 * mm, 23 * mm, 21 * mm, 29 * mm]
NOTE_TEXT = colors.HexColor("#444444")


@dataclass(frozen=True)
class PriceListLine:
    """One fee position as printed (unit and rhythm already as text)."""

    position: int
    code: str
    title: str
    description: str
    unit_text: str
    unit_price: Decimal
    tax_category: TaxCategory
    tax_note: str
    rhythm_label: str


@dataclass(frozen=True)
class PriceListService:
    """A service with its operating city on the date and its fee positions."""

    code: str
    name: str
    operator: str | None
    lines: list[PriceListLine]


@dataclass(frozen=True)
class PriceListDocument:
    """Everything the schedule shows; taken by a query, never read from the database here."""

    association_name: str
    short_name: str
    version_no: int
    title: str
    valid_from: date
    valid_until: date | None
    as_of: date
    services: list[PriceListService]
    printed_on: date = field(default_factory=date.today)


def document_title() -> str:
    """The name of the document in the current language."""
    return _("Schedule of services and fees")


def validity_text(doc: PriceListDocument) -> str:
    """'Version 1, valid from 01.01.2026' (with 'until …' when a later version follows)."""
    text = _("Version {version}, valid from {date}").format(
        version=doc.version_no, date=format_date(doc.valid_from)
    )
    if doc.valid_until is not None:
        text += " " + _("until {date}").format(date=format_date(doc.valid_until))
    return text


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("cell", fontName=REGULAR, fontSize=8, leading=10)
    return {
        "title": ParagraphStyle("title", fontName=BOLD, fontSize=16, leading=20, spaceAfter=1 * mm),
        "subtitle": ParagraphStyle("subtitle", fontName=REGULAR, fontSize=11, leading=14),
        "line": ParagraphStyle("line", fontName=REGULAR, fontSize=10, leading=13),
        "service": ParagraphStyle(
            "service", fontName=BOLD, fontSize=11, leading=14, spaceBefore=5 * mm, keepWithNext=1
        ),
        "operator": ParagraphStyle(
            "operator", fontName=REGULAR, fontSize=9, leading=12, spaceAfter=2 * mm, keepWithNext=1
        ),
        "cell": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7, leading=9, textColor=NOTE_TEXT),
        "number": ParagraphStyle("number", parent=base, alignment=TA_RIGHT),
        "head": ParagraphStyle("head", parent=base, fontName=BOLD),
        "head_number": ParagraphStyle(
            "head_number", parent=base, fontName=BOLD, alignment=TA_RIGHT
        ),
        "note": ParagraphStyle("note", fontName=REGULAR, fontSize=8, leading=11),
        "note_head": ParagraphStyle(
            "note_head", fontName=BOLD, fontSize=9, leading=12, spaceBefore=6 * mm
        ),
    }


class _Notes:
    """Tax notes numbered in order of first use, so each text is printed once."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def number(self, text: str) -> int:
        if text not in self.texts:
            self.texts.append(text)
        return self.texts.index(text) + 1


def _tax_cell(line: PriceListLine, notes: _Notes, style: ParagraphStyle) -> Paragraph:
    label = escape(line.tax_category.label)
    if not line.tax_note.strip():
        return Paragraph(label, style)
    return Paragraph(f"{label} <super>{notes.number(line.tax_note.strip())}</super>", style)


def _item_cell(line: PriceListLine, st: dict[str, ParagraphStyle]) -> list[Paragraph]:
    cell = [para(line.title, st["cell"])]
    if line.description.strip():
        cell.append(para(line.description.strip(), st["small"]))
    return cell


def _table(service: PriceListService, notes: _Notes, st: dict[str, ParagraphStyle]) -> Table:
    data: list[list[Any]] = [
        [
            para(_("Pos."), st["head"]),
            para(_("Service item"), st["head"]),
            para(_("Unit"), st["head"]),
            para(_("Billing"), st["head"]),
            para(_("Net price"), st["head_number"]),
            para(_("VAT"), st["head"]),
        ]
    ]
    for line in service.lines:
        data.append(
            [
                para(str(line.position), st["cell"]),
                _item_cell(line, st),
                para(line.unit_text, st["cell"]),
                para(line.rhythm_label, st["cell"]),
                para(format_unit_price(line.unit_price), st["number"]),
                _tax_cell(line, notes, st["cell"]),
            ]
        )
    table = Table(data, colWidths=COLUMN_WIDTHS, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 1.2 * mm),
                ("RIGHTPADDING", (0, 0), (-1, -1), 1.2 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 1 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2 * mm),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, GRID),
            ]
        )
    )
    return table


def _operator_text(doc: PriceListDocument, service: PriceListService) -> str:
    if service.operator is None:
        return _("Operator on {date}: none").format(date=format_date(doc.as_of))
    return _("Operator on {date}: {city}").format(
        date=format_date(doc.as_of), city=service.operator
    )


def _story(doc: PriceListDocument) -> list[Any]:
    st = _styles()
    story: list[Any] = [para(document_title(), st["title"])]
    if doc.title.strip() and doc.title.strip() != document_title():
        story.append(para(doc.title.strip(), st["subtitle"]))
    story += [
        para(doc.association_name, st["line"]),
        para(validity_text(doc), st["line"]),
        para(
            _("Prices and operators as of {date}").format(date=format_date(doc.as_of)), st["line"]
        ),
    ]
    notes = _Notes()
    for service in doc.services:
        story.append(
            para(_("{code} – {name}").format(code=service.code, name=service.name), st["service"])
        )
        story.append(para(_operator_text(doc, service), st["operator"]))
        story.append(_table(service, notes, st))
    if not doc.services:
        story += [Spacer(1, 6 * mm), para(_("This version has no items."), st["line"])]
    story.append(para(_("Notes"), st["note_head"]))
    story.append(para(_("All prices are net prices per unit."), st["note"]))
    for number, text in enumerate(notes.texts, start=1):
        story.append(Paragraph(f"<super>{number}</super> {escape(text)}", st["note"]))
    return story


class PriceListRenderer(DocumentRenderer):
    """The schedule of services and fees on the shared page frame."""

    def __init__(self, doc: PriceListDocument) -> None:
        self.doc = doc
        self.title = f"{document_title()} – {validity_text(doc)}"
        self.author = doc.short_name
        self.subject = validity_text(doc)

    def story(self) -> list[Any]:
        return _story(self.doc)

    def header_text(self, number: int) -> str:
        return f"{document_title()} · {self.doc.short_name} · {validity_text(self.doc)}"

    def footer_left(self) -> str:
        return _("{short_name} · printed on {date}").format(
            short_name=self.doc.short_name, date=format_date(self.doc.printed_on)
        )


def render_price_list(doc: PriceListDocument) -> bytes:
    """The schedule as PDF bytes (A4 portrait, embedded fonts, 'page x of y')."""
    return PriceListRenderer(doc).render()
