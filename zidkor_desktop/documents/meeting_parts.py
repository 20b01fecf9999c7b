"""Pieces the meeting documents share: styles, meeting facts, agenda lines, quorum and results."""

from __future__ import annotations

from datetime import date, time
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from zidkor_desktop.documents.base import GRID, para
from zidkor_desktop.documents.fonts import BOLD, ITALIC, REGULAR
from zidkor_desktop.documents.statute import text_paragraph
from zidkor_desktop.domain.kinds import Outcome
from zidkor_desktop.domain.meeting_record import ItemRecord, MeetingRecord
from zidkor_desktop.domain.meetings import second_invitation_note, urgency_note
from zidkor_desktop.domain.resolutions import Tally
from zidkor_desktop.l10n import _, format_date, locale

NOTE_FILL = colors.HexColor("#f3f5f8")


def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles of the meeting documents."""
    text = ParagraphStyle("text", fontName=REGULAR, fontSize=10, leading=13.5, spaceAfter=2 * mm)
    small = ParagraphStyle("small", fontName=REGULAR, fontSize=9, leading=12, spaceAfter=1.2 * mm)
    return {
        "title": ParagraphStyle(
            "title", fontName=BOLD, fontSize=15, leading=19, alignment=TA_CENTER, spaceAfter=2 * mm
        ),
        "subtitle": ParagraphStyle(
            "subtitle", fontName=REGULAR, fontSize=10.5, leading=14, alignment=TA_CENTER
        ),
        "subject": ParagraphStyle(
            "subject", fontName=BOLD, fontSize=11, leading=14.5, spaceAfter=4 * mm
        ),
        "heading": ParagraphStyle(
            "heading",
            fontName=BOLD,
            fontSize=11,
            leading=14,
            spaceBefore=5 * mm,
            spaceAfter=2 * mm,
            keepWithNext=1,
        ),
        "item": ParagraphStyle(
            "item",
            fontName=BOLD,
            fontSize=10.5,
            leading=13.5,
            spaceBefore=5 * mm,
            spaceAfter=1.5 * mm,
            leftIndent=14 * mm,
            firstLineIndent=-14 * mm,
            keepWithNext=1,
        ),
        "part": ParagraphStyle(
            "part",
            parent=text,
            fontName=BOLD,
            spaceBefore=2 * mm,
            spaceAfter=1.5 * mm,
            keepWithNext=1,
        ),
        "text": text,
        "small": small,
        "label": ParagraphStyle(
            "label", parent=small, fontName=BOLD, spaceAfter=0.5 * mm, keepWithNext=1
        ),
        "agenda": ParagraphStyle(
            "agenda", parent=text, leftIndent=14 * mm, firstLineIndent=-14 * mm, spaceAfter=1 * mm
        ),
        "proposal": ParagraphStyle(
            "proposal", parent=small, fontName=ITALIC, leftIndent=14 * mm, spaceAfter=2 * mm
        ),
        "wording": ParagraphStyle(
            "wording", parent=text, leftIndent=5 * mm, rightIndent=5 * mm, spaceAfter=2.5 * mm
        ),
        "outcome": ParagraphStyle("outcome", parent=text, fontName=BOLD, spaceBefore=1.5 * mm),
        "cell": ParagraphStyle("cell", fontName=REGULAR, fontSize=8.5, leading=10.5),
        "cell_bold": ParagraphStyle("cell_bold", fontName=BOLD, fontSize=8.5, leading=10.5),
        "sign": ParagraphStyle("sign", fontName=REGULAR, fontSize=9, leading=11.5),
        "mark": ParagraphStyle(
            "mark", fontName=BOLD, fontSize=9, leading=12, textColor=colors.HexColor("#8a1c1c")
        ),
    }


def clock(value: time | None) -> str:
    """„10:00 Uhr“; empty when not known."""
    if value is None:
        return ""
    return _("{time} o'clock").format(time=f"{value:%H:%M}")


def long_day(day: date) -> str:
    """„Donnerstag, 10. Dezember 2026“."""
    weekday = locale().days["format"]["wide"][day.weekday()]
    return f"{weekday}, {format_date(day, long=True)}"


def part_name(public: bool) -> str:
    """„öffentliche Sitzung“ or „nichtöffentliche Sitzung“."""
    return _("public session") if public else _("non-public session")


def outcome_text(item: ItemRecord) -> str:
    """„angenommen“, „abgelehnt“, „nicht beschlussfähig“; empty when not voted on."""
    outcome = item.decision.outcome if item.decision else item.outcome
    if outcome is None:
        return ""
    return {
        Outcome.ADOPTED: _("adopted"),
        Outcome.REJECTED: _("rejected"),
        Outcome.NOT_QUORATE: _("not quorate"),
    }[outcome]


def notes(record: MeetingRecord) -> list[str]:
    """The notes an invitation carries: urgency and second invitation."""
    found = []
    if record.urgent:
        found.append(urgency_note(record.urgency_reason))
    if record.second_invitation_of is not None:
        day = record.second_invitation_of[2]
        found.append(second_invitation_note(day, record.settings.second_invitation_reduced))
    return found


def note_box(lines: list[str], st: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    """The notes in a shaded box (nothing when there are none)."""
    if not lines:
        return []
    box = Table([[para(line, st["small"])] for line in lines], colWidths=[width])
    box.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("BACKGROUND", (0, 0), (-1, -1), NOTE_FILL),
                ("BOX", (0, 0), (-1, -1), 0.5, GRID),
                ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5 * mm),
            ]
        )
    )
    return [box, Spacer(1, 3 * mm)]


def fact_table(rows: list[tuple[str, str]], st: dict[str, ParagraphStyle], width: float) -> Table:
    """Label and value, one fact a row (rows without a value left out)."""
    data = [[para(k, st["label"]), para(v, st["small"])] for k, v in rows if v.strip()]
    table = Table(data, colWidths=[38 * mm, width - 38 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0.8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.8),
            ]
        )
    )
    return table


def meeting_facts(record: MeetingRecord) -> list[tuple[str, str]]:
    """Date, start and end, place, chair and minute-taker of a meeting."""
    return [
        (_("Date"), long_day(record.held_on)),
        (_("Start"), clock(record.starts_at)),
        (_("End"), clock(record.ends_at)),
        (_("Place"), record.place),
        (_("Chaired by"), record.chair_name),
        (_("Minutes taken by"), record.minute_taker),
    ]


def agenda_line(item: ItemRecord, st: dict[str, ParagraphStyle], mark: bool = False) -> Paragraph:
    """„TOP 3   Title“ with a hanging number; `mark` adds „(nichtöffentlich)“."""
    title = escape(item.title)
    if mark:
        title += " " + escape(_("(non-public)"))
    return Paragraph(f"{escape(top(item.position))}\u00a0\u00a0{title}", st["agenda"])


def top(position: int) -> str:
    """„TOP 3“."""
    return _("Item {position}").format(position=position)


def item_heading(item: ItemRecord, st: dict[str, ParagraphStyle]) -> Paragraph:
    """„TOP 3  Title“ as the heading of the item."""
    return Paragraph(f"{escape(top(item.position))}\u00a0\u00a0{escape(item.title)}", st["item"])


def wording(item: ItemRecord, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    """„Wortlaut des Beschlusses:“ and the exact text, set off from the rest."""
    if not item.resolution_text.strip():
        return []
    return [
        para(_("Wording of the resolution:"), st["label"]),
        text_paragraph(item.resolution_text, st["wording"]),
    ]


def result_lines(item: ItemRecord, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    """Yes / no / abstain with their weights and members, the majority needed and the outcome."""
    if not item.has_resolution:
        return []
    flowables: list[Flowable] = []
    t = item.tally
    if t is None:
        flowables.append(para(_("No votes have been recorded for this item."), st["small"]))
    else:
        flowables += [
            para(_("Result of the vote:"), st["label"]),
            tally_table(t, st),
            Spacer(1, 1.5 * mm),
        ]
    if item.decision is not None:
        rule = _("Majority required: {rule} — {needed}").format(
            rule=item.decision.rule, needed=item.decision.needed
        )
        flowables.append(para(rule, st["small"]))
    outcome = outcome_text(item)
    if outcome:
        flowables.append(para(_("Outcome: {outcome}").format(outcome=outcome), st["outcome"]))
    return [KeepTogether(flowables)]


def vote_count(count: int) -> str:
    """„1 Stimme“, „7 Stimmen“."""
    return _("1 vote") if count == 1 else _("{count} votes").format(count=count)


def tally_table(t: Tally, st: dict[str, ParagraphStyle]) -> Table:
    """Yes, no, abstain: the weighted votes and the members behind them, a row each."""
    rows = []
    for label, weight, names in (
        (_("Yes"), t.yes, t.yes_members),
        (_("No"), t.no, t.no_members),
        (_("Abstain"), t.abstain, t.abstain_members),
    ):
        votes = vote_count(weight)
        rows.append(
            [
                para(label, st["cell_bold"]),
                para(votes, st["cell"]),
                para(", ".join(names) if names else "—", st["cell"]),
            ]
        )
    table = Table(rows, colWidths=[24 * mm, 22 * mm, 124 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 1.2 * mm),
                ("LINEBELOW", (0, 0), (-1, -2), 0.25, GRID),
                ("BOX", (0, 0), (-1, -1), 0.5, GRID),
                ("BACKGROUND", (0, 0), (0, -1), NOTE_FILL),
            ]
        )
    )
    return table


def quorum_line(item: ItemRecord, st: dict[str, ParagraphStyle], rule: bool) -> list[Flowable]:
    """The quorum figures at the item, with the rule applied when asked."""
    lines: list[Flowable] = [
        para(_("Quorum: {figures}").format(figures=item.quorum.figures), st["small"])
    ]
    if rule:
        lines.append(para(_("Rule applied: {rule}").format(rule=item.quorum.rule), st["small"]))
    return lines


def signature_block(
    st: dict[str, ParagraphStyle], width: float, signers: list[tuple[str, str]]
) -> KeepTogether:
    """Lines to sign on, side by side with a gap: the role and the name below each."""
    gap = 12 * mm
    column = (width - gap * (len(signers) - 1)) / len(signers)
    roles: list[Any] = []
    names: list[Any] = []
    widths: list[float] = []
    for index, (role, name) in enumerate(signers):
        if index:
            roles.append("")
            names.append("")
            widths.append(gap)
        roles.append(para(role, st["sign"]))
        names.append(para(name, st["sign"]))
        widths.append(column)
    table = Table([[""] * len(widths), roles, names], colWidths=widths, hAlign="LEFT")
    style = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, 0), 12 * mm),
    ]
    for index in range(0, len(widths), 2):
        style.append(("LINEABOVE", (index, 1), (index, 1), 0.6, colors.black))
    table.setStyle(TableStyle(style))
    return KeepTogether([Spacer(1, 6 * mm), table])
