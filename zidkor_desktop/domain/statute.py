"""Statute (Verbandsordnung): settings of a version, sections and subsections, step checks."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from zidkor_desktop.domain.errors import RuleViolation, ValidationError
from zidkor_desktop.domain.money import to_money
from zidkor_desktop.domain.statute_text import unknown_placeholders
from zidkor_desktop.domain.text import check_text
from zidkor_desktop.l10n import N_, _

SECTION_NUMBER = re.compile(r"^[1-9][0-9]{0,2}[a-z]?$")
MAX_HEADING = 200
MAX_TITLE = 200


class _Labelled(StrEnum):
    """A setting's choice with a translatable label."""

    @property
    def label(self) -> str:
        """Translated label for display."""
        return _(_CHOICE_LABELS[(type(self), self.value)])


class QuorumRule(_Labelled):
    """When the assembly has a quorum (§ 8 Abs. 1 KomZG)."""

    MEMBERS_AND_VOTES = "members_and_votes"
    VOTES = "votes"


class OrdinaryMajority(_Labelled):
    """Base of an ordinary resolution (§ 40 Abs. 1 GemO)."""

    PRESENT = "present"
    CAST = "cast"


class QualifiedMajority(_Labelled):
    """A qualified majority: a share of the statutory votes, possibly of the members too."""

    TWO_THIRDS_VOTES = "two_thirds_votes"
    TWO_THIRDS_VOTES_MAJORITY_MEMBERS = "two_thirds_votes_majority_members"
    TWO_THIRDS_VOTES_TWO_THIRDS_MEMBERS = "two_thirds_votes_two_thirds_members"
    THREE_QUARTERS_VOTES = "three_quarters_votes"
    UNANIMOUS = "unanimous"


class UnanimityRule(_Labelled):
    """What unanimity means."""

    ALL_STATUTORY = "all_statutory"
    ALL_CAST = "all_cast"


_CHOICE_LABELS: dict[tuple[type, str], str] = {
    (QuorumRule, "members_and_votes"): N_(
        "More than half of the members and more than half of the statutory votes present"
    ),
    (QuorumRule, "votes"): N_("More than half of the statutory votes present"),
    (OrdinaryMajority, "present"): N_(
        "Majority of the votes of the members present (abstentions count against)"
    ),
    (OrdinaryMajority, "cast"): N_("Majority of the votes cast (abstentions not counted)"),
    (QualifiedMajority, "two_thirds_votes"): N_("Two thirds of the statutory votes"),
    (QualifiedMajority, "two_thirds_votes_majority_members"): N_(
        "Two thirds of the statutory votes and a majority of the members"
    ),
    (QualifiedMajority, "two_thirds_votes_two_thirds_members"): N_(
        "Two thirds of the statutory votes and two thirds of the members"
    ),
    (QualifiedMajority, "three_quarters_votes"): N_("Three quarters of the statutory votes"),
    (QualifiedMajority, "unanimous"): N_("All statutory votes"),
    (UnanimityRule, "all_statutory"): N_("All statutory votes in favour"),
    (UnanimityRule, "all_cast"): N_("All votes cast in favour"),
}

DEFAULT_INVITATION_DAYS = 4


@dataclass(frozen=True)
class StatuteSettings:
    """The rules a statute version sets for the rest of the program; defaults from the law."""

    capital_per_vote: Decimal = Decimal("2000.00")
    quorum_rule: QuorumRule = QuorumRule.MEMBERS_AND_VOTES
    second_invitation_reduced: bool = True
    """A second invitation on the same matter is quorate regardless of attendance (§ 39 GemO)."""
    excluded_reduce_base: bool = True
    """Members excluded for a conflict of interest leave the quorum base of that item."""
    ordinary_majority: OrdinaryMajority = OrdinaryMajority.PRESENT
    amendment_majority: QualifiedMajority = QualifiedMajority.TWO_THIRDS_VOTES
    accession_majority: QualifiedMajority = QualifiedMajority.TWO_THIRDS_VOTES_MAJORITY_MEMBERS
    task_change_majority: QualifiedMajority = QualifiedMajority.TWO_THIRDS_VOTES_TWO_THIRDS_MEMBERS
    unanimity_rule: UnanimityRule = UnanimityRule.ALL_STATUTORY
    invitation_days: int = DEFAULT_INVITATION_DAYS
    """Full days at least between sending the invitation and the meeting day (§ 34 GemO)."""


SETTING_FIELDS = (
    "capital_per_vote", "quorum_rule", "second_invitation_reduced", "excluded_reduce_base",
    "ordinary_majority", "amendment_majority", "accession_majority", "task_change_majority",
    "unanimity_rule", "invitation_days",
)  # fmt: skip


def check_title(title: str) -> str:
    """The title of a version: given, one line, not too long."""
    title = title.strip()
    if not title:
        raise ValidationError(_("Title: please give the title of the statute."), "title")
    if len(title) > MAX_TITLE:
        raise ValidationError(
            _("Title: the title is longer than {limit} characters.").format(limit=MAX_TITLE),
            "title",
        )
    check_text(title, field="title", label=_("Title"))
    return title


def check_settings(settings: StatuteSettings) -> StatuteSettings:
    """Refuse impossible settings (a field at a time, named)."""
    per_vote = to_money(settings.capital_per_vote)
    if per_vote <= 0:
        raise ValidationError(
            _("Capital per vote: the amount must be positive."), "capital_per_vote"
        )
    days = settings.invitation_days
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 60:
        raise ValidationError(
            _("Invitation period: give a whole number of days between 1 and 60."),
            "invitation_days",
        )
    return settings


@dataclass(frozen=True)
class SectionDraft:
    """A section (§) as edited: its number, heading and body (subsections apart by blank lines)."""

    number: str
    heading: str
    body: str


def subsections(body: str) -> list[str]:
    """The subsections (Abs.) of a body: paragraphs apart by blank lines, lines joined kept."""
    blocks = re.split(r"\n\s*\n", body.replace("\r\n", "\n").strip())
    return [b.strip() for b in blocks if b.strip()]


def join_subsections(parts: Sequence[str]) -> str:
    """A body from its subsections."""
    return "\n\n".join(p.strip() for p in parts if p.strip())


def check_sections(sections: Sequence[SectionDraft]) -> list[SectionDraft]:
    """Tidy and check a draft's sections: numbers valid and unique, heading and text given."""
    if not sections:
        raise ValidationError(_("A statute needs at least one section."), "sections")
    seen: set[str] = set()
    tidy = []
    for index, section in enumerate(sections, start=1):
        number = section.number.strip().removeprefix("§").strip()
        where = _("Section {number}").format(number=number or index)
        if not SECTION_NUMBER.match(number):
            raise ValidationError(
                _("{where}: the number must be a number such as 5 or 5a.").format(where=where),
                "number",
            )
        if number in seen:
            raise ValidationError(
                _("{where}: the number is used twice.").format(where=where), "number"
            )
        seen.add(number)
        heading = section.heading.strip()
        if not heading:
            raise ValidationError(
                _("{where}: please give a heading.").format(where=where), "heading"
            )
        if len(heading) > MAX_HEADING:
            raise ValidationError(
                _("{where}: the heading is longer than {limit} characters.").format(
                    where=where, limit=MAX_HEADING
                ),
                "heading",
            )
        check_text(heading, field="heading", label=_("{where}, heading").format(where=where))
        body = join_subsections(subsections(section.body))
        if not body:
            raise ValidationError(_("{where}: the text is empty.").format(where=where), "body")
        check_text(body, field="body", label=_("{where}, text").format(where=where), multiline=True)
        unknown = unknown_placeholders(body)
        if unknown:
            raise ValidationError(
                _("{where}: unknown placeholder {name}.").format(where=where, name=unknown[0]),
                "body",
            )
        tidy.append(SectionDraft(number, heading, body))
    return tidy


# --- the steps of a version ---------------------------------------------------------------------


def _d(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def _required(value: object, message: str, field: str) -> None:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValidationError(message, field)


def check_adoption(adopted_on: date | None, resolution: str, today: date) -> None:
    """The assembly's adoption: a date not in the future and the resolution's reference."""
    _required(adopted_on, _("Adopted on: please give the date of the assembly's resolution."),
              "adopted_on")  # fmt: skip
    assert adopted_on is not None
    if adopted_on > today:
        raise ValidationError(
            _("Adopted on: the date {day} lies in the future.").format(day=_d(adopted_on)),
            "adopted_on",
        )
    _required(resolution, _("Resolution: please give the reference of the assembly's resolution."),
              "adoption_ref")  # fmt: skip


def check_approval(
    adopted_on: date,
    approved_on: date | None,
    file_number: str,
    published_on: date | None,
    published_in: str,
    today: date,
) -> None:
    """The authority's approval and the publication: in this order, after the adoption."""
    _required(approved_on, _("Approved on: please give the date of the authority's approval."),
              "approved_on")  # fmt: skip
    assert approved_on is not None
    if approved_on < adopted_on:
        raise ValidationError(
            _("Approved on: {day} lies before the adoption on {adopted}.").format(
                day=_d(approved_on), adopted=_d(adopted_on)
            ),
            "approved_on",
        )
    if approved_on > today:
        raise ValidationError(
            _("Approved on: the date {day} lies in the future.").format(day=_d(approved_on)),
            "approved_on",
        )
    _required(file_number, _("File number: please give the authority's file number."),
              "approval_file_number")  # fmt: skip
    _required(published_on, _("Published on: please give the date of the public notice."),
              "published_on")  # fmt: skip
    assert published_on is not None
    if published_on < approved_on:
        raise ValidationError(
            _("Published on: {day} lies before the approval on {approved}.").format(
                day=_d(published_on), approved=_d(approved_on)
            ),
            "published_on",
        )
    _required(published_in, _("Published in: please name where the statute was published."),
              "published_in")  # fmt: skip


def check_entry_into_force(
    published_on: date, in_force_from: date | None, later_than: Sequence[tuple[int, date]]
) -> None:
    """In force not before the publication and after the start of every version in force."""
    _required(in_force_from, _("In force from: please give the first day in force."),
              "in_force_from")  # fmt: skip
    assert in_force_from is not None
    if in_force_from < published_on:
        raise ValidationError(
            _("In force from: {day} lies before the publication on {published}.").format(
                day=_d(in_force_from), published=_d(published_on)
            ),
            "in_force_from",
        )
    for number, start in later_than:
        if in_force_from <= start:
            raise RuleViolation(
                _(
                    "In force from: {day} must lie after {start}, when version {number} "
                    "entered into force."
                ).format(day=_d(in_force_from), start=_d(start), number=number)
            )


def in_force_on(starts: Sequence[tuple[int, date]], day: date) -> int | None:
    """Number of the version in force on `day` given (number, in force from) of each."""
    started = [(start, number) for number, start in starts if start <= day]
    return max(started)[1] if started else None
