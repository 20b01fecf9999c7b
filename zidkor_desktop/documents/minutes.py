"""The minutes (Niederschrift, § 41 GemO) of one part of a meeting, and a resolution extract."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from zidkor_desktop.documents.base import GRID, HEADER_FILL, DocumentRenderer, para
from zidkor_desktop.documents.fonts import BOLD, REGULAR
from zidkor_desktop.documents.meeting_parts import (
    agenda_line,
    fact_table,
    item_heading,
    long_day,
    meeting_facts,
    part_name,
    quorum_line,
    result_lines,
    signature_block,
    styles,
    wording,
)
from zidkor_desktop.documents.statute import text_paragraph
from zidkor_desktop.domain.meeting_record import AttendanceRecord, ItemRecord, MeetingRecord
from zidkor_desktop.l10n import _, format_date

WIDTH = 170 * mm
# Member, votes, present, representatives, casting the votes, arrival / departure: 170 mm.
ATTENDANCE_WIDTHS = [38 * mm, 18 * mm, 21 * mm, 36 * mm, 35 * mm, 22 * mm]
DRAFT_COLOUR = colors.HexColor("#d9a0a0")


def minutes_title(record: MeetingRecord, public: bool) -> str:
    """„Niederschrift über die öffentliche Sitzung der Verbandsversammlung Nr. 2/2026“."""
    return _("Minutes of the {part} of the assembly No. {number}").format(
        part=part_name(public), number=record.number
    )


def _presence_note(a: AttendanceRecord) -> str:
    """„ab TOP 2“, „bis TOP 3“ or both; empty when present throughout or absent."""
    if not a.present:
        return ""
    found = []
    if a.arrives_before is not None:
        found.append(_("from item {position}").format(position=a.arrives_before))
    if a.leaves_after is not None:
        found.append(_("until item {position}").format(position=a.leaves_after))
    return ", ".join(found)


def attendance_table(record: MeetingRecord, st: dict[str, Any]) -> Table:
    """Every member with its votes, presence, representatives, who votes, arrival and departure."""
    heads = [_("Member"), _("Votes"), _("Present"), _("Representatives"), _("Casts the votes")]
    data: list[list[Any]] = [[para(h, st["cell_bold"]) for h in [*heads, _("Note")]]]
    for a in record.attendance:
        data.append(
            [
                para(a.member.name, st["cell"]),
                para(str(a.member.votes), st["cell"]),
                para(_("present") if a.present else _("absent"), st["cell"]),
                text_paragraph("\n".join(a.representatives), st["cell"]) if a.present else "",
                para(a.voting_representative, st["cell"]) if a.present else "",
                para(_presence_note(a), st["cell"]),
            ]
        )
    present = [a for a in record.attendance if a.present]
    quorum = record.opening_quorum()
    total = _(
        "{members} members with {votes} votes; present at the opening: {mp} members with {vp} votes"
    ).format(
        members=len(record.members),
        votes=record.statutory_votes,
        mp=quorum.members_present,
        vp=quorum.votes_present,
    )
    if len(present) != quorum.members_present:
        total += "; " + _("present during the meeting: {count} members").format(count=len(present))
    data.append([para(_("Total"), st["cell_bold"]), para(total, st["cell"]), "", "", "", ""])
    table = Table(data, colWidths=ATTENDANCE_WIDTHS, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 1.2 * mm),
                ("RIGHTPADDING", (0, 0), (-1, -1), 1.2 * mm),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, 1), (-1, -2), 0.25, GRID),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black),
                ("SPAN", (1, -1), (-1, -1)),
            ]
        )
    )
    return table


def item_flowables(
    item: ItemRecord, record: MeetingRecord, st: dict[str, Any], heading: bool = True
) -> list[Flowable]:
    """One item as the minutes record it: quorum, exclusions, comings and goings, vote."""
    flowables: list[Flowable] = []
    if heading:
        flowables.append(item_heading(item, st))
    if not item.public:
        flowables.append(para(_("non-public"), st["mark"]))
    if item.explanation.strip():
        flowables.append(text_paragraph(item.explanation, st["small"]))
    if item.departures:
        text = _("No longer present (left after item {position}): {names}").format(
            position=item.position - 1, names=", ".join(item.departures)
        )
        flowables.append(para(text, st["small"]))
    if item.arrivals:
        text = _("Arrived at this item: {names}").format(names=", ".join(item.arrivals))
        flowables.append(para(text, st["small"]))
    if item.excluded:
        who = "; ".join(f"{m.name} ({reason})" if reason else m.name for m, reason in item.excluded)
        text = _("Excluded for a conflict of interest (§ 22 GemO): {names}").format(names=who)
        flowables.append(para(text, st["small"]))
    if item.has_resolution:
        opening_rule = record.opening_quorum().rule
        flowables += quorum_line(item, st, rule=item.quorum.rule != opening_rule)
    flowables += wording(item, st)
    flowables += result_lines(item, st)
    if item.objections.strip() or item.objection_decision.strip():
        objections = item.objections.strip() or _("none")
        flowables.append(
            para(_("Objections to the minutes: {text}").format(text=objections), st["small"])
        )
        if item.objection_decision.strip():
            text = _("Decision on the objections: {text}").format(text=item.objection_decision)
            flowables.append(para(text, st["small"]))
    return flowables


class MinutesRenderer(DocumentRenderer):
    """The minutes of the public or the non-public part; a draft is marked on every page."""

    def __init__(self, record: MeetingRecord, public: bool, draft: bool = False) -> None:
        self.record, self.public, self.draft, self.st = record, public, draft, styles()
        self.title = minutes_title(record, public)
        self.author = record.association.name
        self.subject = _("Minutes (§ 41 GemO)")

    def footer_left(self) -> str:
        text = _("Minutes of meeting {number} of {day} · {part}").format(
            number=self.record.number,
            day=format_date(self.record.held_on),
            part=part_name(self.public),
        )
        return f"{text} · {_('DRAFT')}" if self.draft else text

    def draw_page(self, canvas: Canvas, number: int, total: int) -> None:
        super().draw_page(canvas, number, total)
        if self.draft:
            draw_draft_mark(canvas)

    def story(self) -> list[Any]:
        r, st = self.record, self.st
        items = sorted((i for i in r.items if i.public == self.public), key=lambda i: i.position)
        opening = r.opening_quorum()
        story: list[Any] = [
            para(r.association.name, st["subtitle"]),
            Spacer(1, 3 * mm),
            para(_("Minutes"), st["title"]),
            para(
                _("of the {part} of the assembly No. {number}").format(
                    part=part_name(self.public), number=r.number
                ),
                st["subtitle"],
            ),
            para(_("on {day}").format(day=long_day(r.held_on)), st["subtitle"]),
            Spacer(1, 6 * mm),
            fact_table(meeting_facts(r), st, WIDTH),
            para(_("Attendance"), st["heading"]),
            attendance_table(r, st),
            para(_("Quorum"), st["heading"]),
            para(
                _("At the opening the chair found: {figures}.").format(figures=opening.figures),
                st["text"],
            ),
            para(_("Rule applied: {rule}").format(rule=opening.rule), st["small"]),
            para(_("Agenda"), st["heading"]),
            *[agenda_line(item, st) for item in items],
        ]
        if not items:
            story.append(para(_("This part of the meeting has no items."), st["text"]))
        for item in items:
            flowables = item_flowables(item, r, st)
            story += [KeepTogether(flowables[:3]), *flowables[3:]]
        story.append(
            signature_block(
                st,
                WIDTH,
                [(_("Chaired by"), r.chair_name), (_("Minutes taken by"), r.minute_taker)],
            )
        )
        return story


def draw_draft_mark(canvas: Canvas) -> None:
    """„ENTWURF“ large across the page, outlined so the text below stays legible (no
    transparency: the PDF stays fit for PDF/A)."""
    width, height = A4
    text = _("DRAFT")
    canvas.saveState()
    canvas.setStrokeColor(DRAFT_COLOUR)
    canvas.setLineWidth(1.2)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(45)
    mark = canvas.beginText(-stringWidth(text, BOLD, 96) / 2, -30)
    mark.setFont(BOLD, 96)
    mark.setTextRenderMode(1)
    mark.textOut(text)
    canvas.drawText(mark)
    canvas.restoreState()


def render_minutes(record: MeetingRecord, public: bool, draft: bool = False) -> bytes:
    """The minutes of the public (`public`) or the non-public part as PDF bytes."""
    return MinutesRenderer(record, public, draft).render()


class ExtractRenderer(DocumentRenderer):
    """The extract of one resolution from the minutes (Beschlussauszug)."""

    def __init__(self, record: MeetingRecord, item: ItemRecord) -> None:
        self.record, self.item, self.st = record, item, styles()
        self.title = _("Extract of resolution")
        self.author = record.association.name
        self.subject = item.label

    def footer_left(self) -> str:
        return _("Extract · meeting {number} of {day} · item {position}").format(
            number=self.record.number,
            day=format_date(self.record.held_on),
            position=self.item.position,
        )

    def story(self) -> list[Any]:
        r, item, st = self.record, self.item, self.st
        facts = [
            (_("Meeting"), r.number),
            (_("Date"), long_day(r.held_on)),
            (_("Place"), r.place),
            (_("Chaired by"), r.chair_name),
            (_("Part"), part_name(item.public)),
        ]
        story: list[Any] = [
            para(r.association.name, st["subtitle"]),
            Spacer(1, 3 * mm),
            para(self.title, st["title"]),
            para(
                _("from the minutes of the {part} of the assembly No. {number}").format(
                    part=part_name(item.public), number=r.number
                ),
                st["subtitle"],
            ),
            para(_("on {day}").format(day=long_day(r.held_on)), st["subtitle"]),
            Spacer(1, 6 * mm),
            fact_table(facts, st, WIDTH),
            item_heading(item, st),
        ]
        story += item_flowables(item, r, st, heading=False)
        if not item.has_resolution:
            story.append(para(item.quorum.figures, st["small"]))
        story += [
            Spacer(1, 6 * mm),
            para(_("Certified correct:"), st["text"]),
            signature_block(st, WIDTH / 2, [(_("Minutes taken by"), r.minute_taker)]),
        ]
        return story


def render_extract(record: MeetingRecord, position: int) -> bytes:
    """The extract of item `position` as PDF bytes."""
    return ExtractRenderer(record, record.item(position)).render()
