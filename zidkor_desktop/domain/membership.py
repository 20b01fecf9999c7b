"""Membership lifecycle: status derived from the dates of accession and exit."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date

from zidkor_desktop.domain.errors import ValidationError
from zidkor_desktop.domain.kinds import MembershipStatus
from zidkor_desktop.l10n import _


@dataclass(frozen=True)
class MembershipDates:
    """The dates that make up a membership's history."""

    applied_on: date | None = None
    council_resolution_on: date | None = None
    assembly_resolution_on: date | None = None
    authority_approved_on: date | None = None
    member_from: date | None = None
    exit_notice_on: date | None = None
    member_until: date | None = None


def dates_of(source: object) -> MembershipDates:
    """The lifecycle dates of any object with the same attribute names (record, input)."""
    return MembershipDates(**{f.name: getattr(source, f.name) for f in fields(MembershipDates)})


def status_on(dates: MembershipDates, day: date) -> MembershipStatus:
    """Stage of the membership on a given day."""
    if dates.member_until is not None and dates.member_until < day:
        return MembershipStatus.LEFT
    if (
        dates.authority_approved_on is not None
        and dates.member_from is not None
        and dates.member_from <= day
    ):
        if dates.exit_notice_on is not None and dates.exit_notice_on <= day:
            return MembershipStatus.NOTICE_GIVEN
        return MembershipStatus.ACTIVE
    if dates.authority_approved_on is not None:
        return MembershipStatus.AUTHORITY_APPROVED
    if dates.assembly_resolution_on is not None:
        return MembershipStatus.ASSEMBLY_APPROVED
    if dates.council_resolution_on is not None:
        return MembershipStatus.COUNCIL_RESOLVED
    return MembershipStatus.APPLIED


def is_voting_member(dates: MembershipDates, day: date) -> bool:
    """Only active members (also during notice) hold votes; pending members have none."""
    return status_on(dates, day) in (MembershipStatus.ACTIVE, MembershipStatus.NOTICE_GIVEN)


_ORDER = [
    ("applied_on", "Application"),
    ("council_resolution_on", "Council resolution"),
    ("assembly_resolution_on", "Assembly resolution"),
    ("authority_approved_on", "Approval by the authority"),
    ("member_from", "Member from"),
]


def validate_dates(dates: MembershipDates) -> None:
    """Refuse dates out of order or a membership start without the authority's approval."""
    labels = {
        "applied_on": _("Application"),
        "council_resolution_on": _("Council resolution"),
        "assembly_resolution_on": _("Assembly resolution"),
        "authority_approved_on": _("Approval by the authority"),
        "member_from": _("Member from"),
        "exit_notice_on": _("Notice of exit"),
        "member_until": _("Member until"),
    }
    if dates.member_from is not None and dates.authority_approved_on is None:
        raise ValidationError(
            _(
                "A membership can only begin after the supervisory authority has approved it: "
                "please enter the date of approval."
            ),
            "authority_approved_on",
        )
    previous: tuple[str, date] | None = None
    for field, _label in _ORDER:
        value = getattr(dates, field)
        if value is None:
            continue
        if previous is not None and value < previous[1] and field != "member_from":
            raise ValidationError(
                _("{later} ({later_date}) must not be before {earlier} ({earlier_date}).").format(
                    later=labels[field],
                    later_date=value.strftime("%d.%m.%Y"),
                    earlier=labels[previous[0]],
                    earlier_date=previous[1].strftime("%d.%m.%Y"),
                ),
                field,
            )
        previous = (field, value)
    if dates.member_until is not None and (
        dates.member_from is None or dates.member_until < dates.member_from
    ):
        raise ValidationError(
            _("'Member until' must be on or after 'Member from'."), "member_until"
        )


def votes_valid_on(history: Iterable[tuple[date, int]], day: date) -> int:
    """Votes valid on `day` from a history of (valid_from, votes); before it starts, the first."""
    ordered = sorted(history)
    if not ordered:
        return 0
    current = ordered[0][1]
    for valid_from, votes in ordered:
        if valid_from <= day:
            current = votes
    return current
