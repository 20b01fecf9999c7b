"""A member's accession record (Beitrittsübersicht) as an A4 PDF, rendered from a snapshot."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table, TableStyle

from zidkor_desktop.documents.base import GRID, HEADER_FILL, DocumentRenderer, para
from zidkor_desktop.documents.fonts import BOLD, REGULAR
from zidkor_desktop.l10n import _, format_date, format_money


@dataclass(frozen=True)
class StepLine:
    """One step as printed: its name, date and reference (labels already translated)."""

    label: str
    day: date | None
    reference: str = ""


@dataclass(frozen=True)
class AccessionSnapshot:
    """Everything the accession record shows; taken by the use case."""

    association_name: str
    short_name: str
    member_name: str
    address: str
    kind_label: str
    municipal: bool
    status_label: str
    as_of: date
    steps: list[StepLine]
    next_step: str
    votes_history: list[tuple[date, int]]
    votes: int
    capital_per_vote: Decimal
    capital_basis: str
    capital_due: Decimal
    capital_paid: Decimal
    capital_paid_on: date | None
    capital_payer: str
    printed_on: date = field(default_factory=date.today)


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("cell", fontName=REGULAR, fontSize=9, leading=11.5)
    return {
        "title": ParagraphStyle("title", fontName=BOLD, fontSize=16, leading=20, spaceAfter=2 * mm),
        "text": ParagraphStyle("text", fontName=REGULAR, fontSize=10, leading=13),
        "heading": ParagraphStyle(
            "heading", fontName=BOLD, fontSize=11, leading=14, spaceBefore=5 * mm, spaceAfter=2 * mm
        ),
        "cell": base,
        "number": ParagraphStyle("number", parent=base, alignment=TA_RIGHT),
        "head": ParagraphStyle("head", parent=base, fontName=BOLD),
        "head_number": ParagraphStyle("head_n", parent=base, fontName=BOLD, alignment=TA_RIGHT),
    }


_p = para


def _grid(data: list[list[Any]], widths: list[float]) -> Table:
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, GRID),
                ("LEFTPADDING", (0, 0), (-1, -1), 1.2 * mm),
                ("RIGHTPADDING", (0, 0), (-1, -1), 1.2 * mm),
            ]
        )
    )
    return table


def _facts(rows: list[tuple[str, str]], st: dict[str, ParagraphStyle]) -> Table:
    table = Table(
        [[_p(label, st["head"]), _p(value, st["cell"])] for label, value in rows],
        colWidths=[50 * mm, 120 * mm],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 * mm),
            ]
        )
    )
    return table


def _story(s: AccessionSnapshot) -> list[Any]:
    st = _styles()
    steps = [
        [
            _p(_("Step"), st["head"]),
            _p(_("Date"), st["head"]),
            _p(_("Reference or file number"), st["head"]),
        ]
    ]
    for line in s.steps:
        steps.append(
            [
                _p(line.label, st["cell"]),
                _p(format_date(line.day) if line.day else "–", st["cell"]),
                _p(line.reference, st["cell"]),
            ]
        )
    votes = [[_p(_("Valid from"), st["head"]), _p(_("Votes"), st["head_number"])]]
    votes += [
        [_p(format_date(day), st["cell"]), _p(str(n), st["number"])] for day, n in s.votes_history
    ]
    paid = format_money(s.capital_paid)
    if s.capital_paid_on:
        paid = _("{amount} on {date}").format(amount=paid, date=format_date(s.capital_paid_on))
    capital = [
        (_("Votes (one block)"), str(s.votes)),
        (_("Capital per vote"), f"{format_money(s.capital_per_vote)} ({s.capital_basis})"),
        (_("Capital contribution"), format_money(s.capital_due)),
        (_("Capital paid"), paid),
        (_("Open"), format_money(s.capital_due - s.capital_paid)),
    ]
    if s.capital_payer:
        capital.append((_("Paid by"), s.capital_payer))
    member = [
        (_("Member"), s.member_name),
        (_("Address"), s.address or "–"),
        (_("Type"), s.kind_label),
        (_("Municipal body"), _("yes") if s.municipal else _("no")),
        (_("Status"), s.status_label),
        (_("Next step"), s.next_step),
    ]
    return [
        _p(_("Accession record"), st["title"]),
        _p(s.association_name, st["text"]),
        _p(_("As of: {date}").format(date=format_date(s.as_of)), st["text"]),
        Spacer(1, 5 * mm),
        _facts(member, st),
        _p(_("Steps of accession and exit"), st["heading"]),
        _grid(steps, [50 * mm, 28 * mm, 92 * mm]),
        _p(_("Votes"), st["heading"]),
        _grid(votes, [40 * mm, 25 * mm]),
        _p(_("Capital contribution"), st["heading"]),
        _facts(capital, st),
    ]


class AccessionRecordRenderer(DocumentRenderer):
    """The accession record on the shared page frame."""

    def __init__(self, snapshot: AccessionSnapshot) -> None:
        self.snapshot = snapshot
        self.title = f"{_('Accession record')}: {snapshot.member_name}"
        self.author = snapshot.short_name
        self.subject = _("As of: {date}").format(date=format_date(snapshot.as_of))

    def story(self) -> list[Any]:
        return _story(self.snapshot)

    def footer_left(self) -> str:
        return _("{short_name} · printed on {date}").format(
            short_name=self.snapshot.short_name, date=format_date(self.snapshot.printed_on)
        )


def render_accession_record(snapshot: AccessionSnapshot) -> bytes:
    """The accession record as PDF bytes (A4 portrait, embedded fonts)."""
    return AccessionRecordRenderer(snapshot).render()
