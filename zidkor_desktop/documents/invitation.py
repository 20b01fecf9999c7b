"""Invitations to a meeting of the assembly: a DIN 5008 letter per member, and the public notice."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from typing import Any

from pypdf import PdfReader, PdfWriter
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from zidkor_desktop.documents.base import DocumentRenderer, para
from zidkor_desktop.documents.letter import (
    BODY_WIDTH,
    LetterParts,
    LetterRenderer,
    logo_image,
    party_parts,
)
from zidkor_desktop.documents.meeting_parts import (
    agenda_line,
    clock,
    fact_table,
    long_day,
    note_box,
    notes,
    styles,
    vote_count,
)
from zidkor_desktop.documents.statute import text_paragraph
from zidkor_desktop.domain.meeting_record import AttendanceRecord, ItemRecord, MeetingRecord
from zidkor_desktop.l10n import _, format_date

PAGE_BODY = 170 * mm


def invitation_subject(record: MeetingRecord) -> str:
    """„Einladung zur Sitzung der Verbandsversammlung Nr. 2/2026“."""
    return _("Invitation to the meeting of the assembly No. {number}").format(number=record.number)


def _agenda(record: MeetingRecord, st: dict[str, Any], proposals: bool) -> list[Flowable]:
    """The agenda: public items, then the non-public ones, marked and (`proposals`) with their
    proposed resolutions; without proposals the non-public part is named only."""
    items = sorted(record.items, key=lambda i: i.position)
    public = [i for i in items if i.public]
    private = [i for i in items if not i.public]
    flowables: list[Flowable] = [para(_("Agenda"), st["heading"])]
    if private:
        flowables.append(para(_("Public session"), st["part"]))
    flowables += [_entry(item, st, proposals) for item in public]
    if private:
        flowables.append(para(_("Non-public session"), st["part"]))
        if proposals:
            flowables += [_entry(item, st, proposals) for item in private]
    return flowables


def _entry(item: ItemRecord, st: dict[str, Any], proposal: bool) -> Flowable:
    """„TOP 3  Title“, marked when non-public, with its proposed resolution when asked."""
    lines: list[Flowable] = [agenda_line(item, st, mark=not item.public)]
    if proposal and item.resolution_text.strip():
        text = _("Proposed resolution: {text}").format(text=item.resolution_text.strip())
        lines.append(text_paragraph(text, st["proposal"]))
    return KeepTogether(lines)


def _signer(record: MeetingRecord, st: dict[str, Any]) -> list[Flowable]:
    """The chair's name and office (the office named once, generic when none is set)."""
    name, title = record.chair_name.strip(), record.chair_title.strip()
    lines = [name] if name else []
    lines.append(title if title and title != name else _("Chair of the assembly"))
    return [para(line, st["small"]) for line in lines]


def _signature(record: MeetingRecord, st: dict[str, Any]) -> list[Flowable]:
    """The closing and the chair below it."""
    return [KeepTogether([para(_("Kind regards"), st["text"]), Spacer(1, 10 * mm),
                          *_signer(record, st)])]  # fmt: skip


class InvitationRenderer(LetterRenderer):
    """The invitation letter to one member."""

    def __init__(
        self, record: MeetingRecord, member: AttendanceRecord, logo: bytes | None = None
    ) -> None:
        self.record, self.member, self.logo, self.st = record, member, logo, styles()
        self.title = invitation_subject(record)
        self.author = record.association.name
        self.subject = f"{self.title} · {member.member.name}"

    def sent_on(self) -> date:
        """The day the invitation goes out (today while it is not recorded)."""
        return self.record.invited_on or date.today()

    def parts(self) -> LetterParts:
        seller = self.record.association
        info = [
            (_("Date"), format_date(self.sent_on())),
            (_("Meeting"), self.record.number),
            (_("Your contact"), seller.contact_name),
            (_("Phone"), seller.contact_phone),
            (_("E-mail"), seller.contact_email),
        ]
        return party_parts(seller, self.member.address, [(k, v) for k, v in info if v], self.logo)

    def header_text(self, number: int) -> str:
        return f"{self.title} · {self.member.member.name}"

    def story(self) -> list[Any]:
        r, st = self.record, self.st
        intro = _(
            "I hereby invite you to the meeting of the assembly of the association. Your member "
            "holds {votes}; they are cast as one block by one of its representatives."
        ).format(votes=vote_count(self.member.member.votes))
        facts = [
            (_("Date"), long_day(r.held_on)),
            (_("Start"), clock(r.starts_at)),
            (_("Place"), r.place),
        ]
        return [
            para(self.title, st["subject"]),
            para(_("Dear Sir or Madam,"), st["text"]),
            para(intro, st["text"]),
            fact_table(facts, st, BODY_WIDTH),
            Spacer(1, 3 * mm),
            *note_box(notes(r), st, BODY_WIDTH),
            *_agenda(r, st, proposals=True),
            Spacer(1, 4 * mm),
            para(_("Please let us know who will represent your member."), st["text"]),
            *_signature(r, st),
        ]


def render_invitations(record: MeetingRecord, logo: bytes | None = None) -> bytes:
    """One PDF holding the invitation letter to every member, each numbered on its own."""
    writer = PdfWriter()
    for member in record.attendance:
        writer.append(PdfReader(BytesIO(InvitationRenderer(record, member, logo).render())))
    writer.add_metadata(
        {
            "/Title": invitation_subject(record),
            "/Author": record.association.name,
            "/Subject": _("Invitations to {count} members").format(count=len(record.attendance)),
        }
    )
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


class Logo(Flowable):
    """The logo at the right edge, at most 50 × 22 mm (flattened like the letters' logo)."""

    def __init__(self, data: bytes, width: float) -> None:
        super().__init__()
        self.image = logo_image(data)
        pixel_width, pixel_height = self.image.getSize()
        scale = min(50 * mm / pixel_width, 22 * mm / pixel_height)
        self.size = (pixel_width * scale, pixel_height * scale)
        self.width, self.height = width, self.size[1]

    def draw(self) -> None:
        width, height = self.size
        self.canv.drawImage(self.image, self.width - width, 0, width, height)


class PublicNoticeRenderer(DocumentRenderer):
    """The public notice of a meeting: time, place and the public agenda."""

    def __init__(self, record: MeetingRecord, logo: bytes | None = None) -> None:
        self.record, self.logo, self.st = record, logo, styles()
        self.title = _("Public notice")
        self.author = record.association.name
        self.subject = invitation_subject(record)

    def footer_left(self) -> str:
        return _("Public notice · meeting {number} of {day}").format(
            number=self.record.number, day=format_date(self.record.held_on)
        )

    def story(self) -> list[Any]:
        r, st = self.record, self.st
        when = long_day(r.held_on)
        if r.starts_at is not None:
            when = _("{day}, at {time}").format(day=when, time=clock(r.starts_at))
        announcement = _(
            "The assembly of the association meets on {when} in {place}. The meeting is open "
            "to the public unless stated otherwise below."
        ).format(when=when, place=r.place)
        story: list[Any] = [Logo(self.logo, PAGE_BODY), Spacer(1, 3 * mm)] if self.logo else []
        story += [
            para(r.association.name, st["subtitle"]),
            Spacer(1, 4 * mm),
            para(self.title, st["title"]),
            para(_("Meeting of the assembly No. {number}").format(number=r.number), st["subtitle"]),
            Spacer(1, 8 * mm),
            para(announcement, st["text"]),
            *note_box(notes(r), st, PAGE_BODY),
            *_agenda(r, st, proposals=False),
        ]
        story += [
            Spacer(1, 8 * mm),
            para(
                _("{place}, {day}").format(
                    place=r.association.city, day=format_date(r.invited_on or date.today())
                ),
                st["text"],
            ),
            Spacer(1, 10 * mm),
            *_signer(r, st),
        ]
        return story


def render_public_notice(record: MeetingRecord, logo: bytes | None = None) -> bytes:
    """The public notice (Öffentliche Bekanntmachung) as PDF bytes."""
    return PublicNoticeRenderer(record, logo).render()
