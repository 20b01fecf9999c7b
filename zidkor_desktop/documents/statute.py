"""The statute (Verbandsordnung) of one version as an A4 PDF: § sections, the member table."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from zidkor_desktop.documents.base import GRID, HEADER_FILL, DocumentRenderer, para
from zidkor_desktop.documents.fonts import BOLD, REGULAR
from zidkor_desktop.domain.statute_text import MemberTable, Part, money
from zidkor_desktop.l10n import _, format_date

# Member, votes, capital share: 170 mm, the width between the margins.
TABLE_WIDTHS = [100 * mm, 25 * mm, 45 * mm]


@dataclass(frozen=True)
class StatuteSectionDoc:
    """A section as printed: number, heading, and each subsection with its parts filled."""

    number: str
    heading: str
    subsections: list[list[Part]]


@dataclass(frozen=True)
class StatuteDocument:
    """Everything the statute PDF shows; taken by a query, never read from the database here."""

    short_name: str
    title: str
    version_no: int
    version_text: str
    """E.g. 'Version 2, in force from 01.01.2027' (already translated)."""
    as_of: date
    sections: list[StatuteSectionDoc]
    steps: list[str]
    """The record of the procedure (adopted, approved, published, in force), one line each."""
    printed_on: date = field(default_factory=date.today)


def document_title() -> str:
    """The name of the document in the current language."""
    return _("Statute")


def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles of statute documents (the amendment uses them too)."""
    body = ParagraphStyle(
        "body", fontName=REGULAR, fontSize=10, leading=13.5, alignment=TA_JUSTIFY, spaceAfter=2 * mm
    )
    cell = ParagraphStyle("cell", fontName=REGULAR, fontSize=9, leading=11.5)
    return {
        "title": ParagraphStyle(
            "title", fontName=BOLD, fontSize=15, leading=19, alignment=TA_CENTER, spaceAfter=3 * mm
        ),
        "subtitle": ParagraphStyle(
            "subtitle", fontName=REGULAR, fontSize=10, leading=13, alignment=TA_CENTER
        ),
        "section": ParagraphStyle(
            "section",
            fontName=BOLD,
            fontSize=11,
            leading=14,
            alignment=TA_CENTER,
            spaceBefore=6 * mm,
            spaceAfter=2.5 * mm,
            keepWithNext=1,
        ),
        "body": body,
        "numbered": ParagraphStyle(
            "numbered", parent=body, leftIndent=8 * mm, firstLineIndent=-8 * mm
        ),
        "cell": cell,
        "cell_bold": ParagraphStyle("cell_bold", parent=cell, fontName=BOLD),
        "number": ParagraphStyle("number", parent=cell, alignment=TA_RIGHT),
        "number_bold": ParagraphStyle(
            "number_bold", parent=cell, fontName=BOLD, alignment=TA_RIGHT
        ),
        "note_head": ParagraphStyle(
            "note_head", fontName=BOLD, fontSize=9, leading=12, spaceBefore=8 * mm, keepWithNext=1
        ),
        "note": ParagraphStyle("note", fontName=REGULAR, fontSize=8.5, leading=11.5),
    }


def text_paragraph(text: str, style: ParagraphStyle, prefix: str = "") -> Paragraph:
    """Escaped text whose line breaks stay line breaks (then left-aligned); `prefix` ('(2)')
    hangs in the margin before it."""
    lines = escape(text).split("\n")
    if len(lines) > 1:
        style = ParagraphStyle(f"{style.name}_lines", parent=style, alignment=TA_LEFT)
    return Paragraph("<br/>".join(lines), style, bulletText=prefix or None)


def member_table(table: MemberTable, st: dict[str, ParagraphStyle]) -> Table:
    """The members with their votes and capital shares, and the totals."""
    data: list[list[Any]] = [
        [
            para(_("Member"), st["cell_bold"]),
            para(_("Votes"), st["number_bold"]),
            para(_("Capital share"), st["number_bold"]),
        ]
    ]
    for row in table.rows:
        data.append(
            [para(row.name, st["cell"]), para(str(row.votes), st["number"]),
             para(money(row.capital), st["number"])]
        )  # fmt: skip
    data.append(
        [
            para(_("Total"), st["cell_bold"]),
            para(str(table.vote_total), st["number_bold"]),
            para(money(table.capital_total), st["number_bold"]),
        ]
    )
    result = Table(data, colWidths=TABLE_WIDTHS, repeatRows=1, hAlign="LEFT")
    result.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 1.5 * mm),
                ("RIGHTPADDING", (0, 0), (-1, -1), 1.5 * mm),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, 1), (-1, -2), 0.25, GRID),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black),
            ]
        )
    )
    return result


def subsection_flowables(
    parts: list[Part], st: dict[str, ParagraphStyle], prefix: str = ""
) -> list[Any]:
    """A subsection's text parts and tables; the prefix ('(1)') goes before its first text."""
    flowables: list[Any] = []
    style = st["numbered"] if prefix else st["body"]
    for part in parts:
        if isinstance(part, MemberTable):
            flowables += [member_table(part, st), Spacer(1, 3 * mm)]
        else:
            flowables.append(text_paragraph(part, style, prefix))
        prefix = ""
    return flowables


def section_flowables(section: StatuteSectionDoc, st: dict[str, ParagraphStyle]) -> list[Any]:
    """'§ 5 Heading' and its subsections, numbered (1), (2) … when there are several."""
    heading = para(f"§ {section.number} {section.heading}", st["section"])
    numbered = len(section.subsections) > 1
    body: list[Any] = []
    for index, parts in enumerate(section.subsections, start=1):
        body += subsection_flowables(parts, st, f"({index})" if numbered else "")
    return [KeepTogether([heading, *body[:1]]), *body[1:]]


def _story(doc: StatuteDocument) -> list[Any]:
    st = styles()
    story: list[Any] = [
        para(doc.title, st["title"]),
        para(doc.version_text, st["subtitle"]),
        Spacer(1, 4 * mm),
    ]
    for section in doc.sections:
        story += section_flowables(section, st)
    if doc.steps:
        story.append(para(_("Procedure"), st["note_head"]))
        story += [para(line, st["note"]) for line in doc.steps]
    return story


class StatuteRenderer(DocumentRenderer):
    """The statute on the shared page frame; version and date in every footer."""

    def __init__(self, doc: StatuteDocument) -> None:
        self.doc = doc
        self.title = doc.title
        self.author = doc.short_name
        self.subject = doc.version_text

    def story(self) -> list[Any]:
        return _story(self.doc)

    def footer_left(self) -> str:
        return _("{short_name} · {document} · {version} · printed on {date}").format(
            short_name=self.doc.short_name,
            document=document_title(),
            version=self.doc.version_text,
            date=format_date(self.doc.printed_on),
        )


def render_statute(doc: StatuteDocument) -> bytes:
    """The statute as PDF bytes (A4 portrait, embedded fonts, 'page x of y')."""
    return StatuteRenderer(doc).render()
