"""Members list (Mitgliederverzeichnis) as an A4 PDF, rendered from a plain snapshot."""

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
from zidkor_desktop.domain.votes import Balance
from zidkor_desktop.l10n import _, format_date, format_money, ngettext

# Name, type, status, votes, capital due, capital paid: 170 mm, the width between the margins.
# Wide enough for 'Zustimmung Verbandsversammlung', 'Verbandsgemeinde' and 'Stammkapital' at 8 pt.
COLUMN_WIDTHS = [38.5 * mm, 30 * mm, 35.6 * mm, 16.7 * mm, 24.6 * mm, 24.6 * mm]
TOTAL_FILL = colors.HexColor("#f2f2f2")


@dataclass(frozen=True)
class MemberListRow:
    """One member or applicant as printed (labels already translated)."""

    name: str
    kind_label: str
    status_label: str
    votes: str
    """As listed everywhere: the number, or a dash for applicants (no votes yet)."""
    capital_due: Decimal
    capital_paid: Decimal


@dataclass(frozen=True)
class MemberListGroup:
    """Rows printed together, followed by their own totals line."""

    label: str
    rows: list[MemberListRow]
    votes: int | None
    capital_due: Decimal
    capital_paid: Decimal
    balance: Balance | None
    """Members and votes with the municipal share; None for the group without votes."""


@dataclass(frozen=True)
class MemberListSnapshot:
    """Everything the members list shows; taken by the use case, never read from the database."""

    association_name: str
    short_name: str
    as_of: date
    groups: list[MemberListGroup]
    printed_on: date = field(default_factory=date.today)


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("cell", fontName=REGULAR, fontSize=8, leading=10)
    return {
        "title": ParagraphStyle("title", fontName=BOLD, fontSize=16, leading=20, spaceAfter=2 * mm),
        "association": ParagraphStyle("association", fontName=REGULAR, fontSize=10, leading=13),
        "as_of": ParagraphStyle("as_of", fontName=REGULAR, fontSize=10, leading=13),
        "cell": base,
        "number": ParagraphStyle("number", parent=base, alignment=TA_RIGHT),
        "head": ParagraphStyle("head", parent=base, fontName=BOLD),
        "head_number": ParagraphStyle(
            "head_number", parent=base, fontName=BOLD, alignment=TA_RIGHT
        ),
        "total": ParagraphStyle("total", parent=base, fontName=BOLD),
        "total_number": ParagraphStyle(
            "total_number", parent=base, fontName=BOLD, alignment=TA_RIGHT
        ),
        "note": ParagraphStyle("note", fontName=REGULAR, fontSize=9, leading=12),
    }


_p = para


def _members(n: int) -> str:
    return ngettext("{n} member", "{n} members", n).format(n=n)


def _votes(n: int) -> str:
    return ngettext("{n} vote", "{n} votes", n).format(n=n)


def _table(snapshot: MemberListSnapshot, st: dict[str, ParagraphStyle]) -> Table:
    head = [
        _p(_("Name"), st["head"]),
        _p(_("Type"), st["head"]),
        _p(_("Status"), st["head"]),
        _p(_("Votes"), st["head_number"]),
        _p(_("Capital due"), st["head_number"]),
        _p(_("Capital paid"), st["head_number"]),
    ]
    data: list[list[Any]] = [head]
    totals_rows: list[int] = []
    for group in snapshot.groups:
        for row in group.rows:
            data.append(
                [
                    _p(row.name, st["cell"]),
                    _p(row.kind_label, st["cell"]),
                    _p(row.status_label, st["cell"]),
                    _p(row.votes, st["number"]),
                    _p(format_money(row.capital_due), st["number"]),
                    _p(format_money(row.capital_paid), st["number"]),
                ]
            )
        totals_rows.append(len(data))
        data.append(
            [
                _p(_("Total: {members}").format(members=group.label), st["total"]),
                "",
                "",
                _p("" if group.votes is None else str(group.votes), st["total_number"]),
                _p(format_money(group.capital_due), st["total_number"]),
                _p(format_money(group.capital_paid), st["total_number"]),
            ]
        )
    balance = next((g.balance for g in snapshot.groups if g.balance is not None), None)
    municipal = _("of which municipal bodies: {members}, {votes}").format(
        members=_members(balance.municipal_members if balance else 0),
        votes=_votes(balance.municipal_votes if balance else 0),
    )
    # The share line is the table's last row, so a page break never leaves it alone.
    data.append([_p(municipal, st["note"]), "", "", "", "", ""])
    note = len(data) - 1
    last = note - 1
    style: list[Any] = [
        ("SPAN", (0, note), (-1, note)),
        ("LEFTPADDING", (0, note), (-1, note), 0),
        ("TOPPADDING", (0, note), (-1, note), 3 * mm),
        # The last member, the totals and the share line stay on one page.
        ("NOSPLIT", (0, max(1, last - 1)), (-1, note)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, last), 1.2 * mm),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1.2 * mm),
        ("TOPPADDING", (0, 0), (-1, last), 1 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2 * mm),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, 1), (-1, last - 1), 0.25, GRID),
    ]
    for position in totals_rows:
        # Each totals line stands right under its rows and stays on the page of its last row.
        style += [
            ("SPAN", (0, position), (2, position)),
            ("BACKGROUND", (0, position), (-1, position), TOTAL_FILL),
            ("LINEABOVE", (0, position), (-1, position), 0.8, colors.black),
        ]
        if position != last:
            style.append(("NOSPLIT", (0, max(1, position - 1)), (-1, position)))
    table = Table(data, colWidths=COLUMN_WIDTHS, repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def _story(snapshot: MemberListSnapshot) -> list[Any]:
    st = _styles()
    return [
        _p(_("List of members"), st["title"]),
        _p(snapshot.association_name, st["association"]),
        _p(_("As of: {date}").format(date=format_date(snapshot.as_of)), st["as_of"]),
        Spacer(1, 6 * mm),
        _table(snapshot, st),
    ]


class MemberListRenderer(DocumentRenderer):
    """The members list on the shared page frame."""

    page_template_id = "list"

    def __init__(self, snapshot: MemberListSnapshot) -> None:
        self.snapshot = snapshot
        self.title = f"{_('List of members')} {snapshot.short_name}"
        self.author = snapshot.short_name
        self.subject = _("As of: {date}").format(date=format_date(snapshot.as_of))

    def story(self) -> list[Any]:
        return _story(self.snapshot)

    def footer_left(self) -> str:
        return _("{short_name} · printed on {date}").format(
            short_name=self.snapshot.short_name, date=format_date(self.snapshot.printed_on)
        )


def render_member_list(snapshot: MemberListSnapshot) -> bytes:
    """The members list as PDF bytes (A4 portrait, embedded fonts, header row on every page)."""
    return MemberListRenderer(snapshot).render()
