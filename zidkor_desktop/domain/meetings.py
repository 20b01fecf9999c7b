"""Assembly meetings: who is present at an item, the dual quorum, the invitation period, numbers."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from zidkor_desktop.domain.errors import ValidationError
from zidkor_desktop.domain.statute import QuorumRule, StatuteSettings
from zidkor_desktop.l10n import _, format_date, ngettext

NUMBER = re.compile(r"^\d{1,3}/\d{4}$")


@dataclass(frozen=True)
class Member:
    """A voting member on the meeting's day with its block of votes."""

    organisation_id: int
    name: str
    votes: int


@dataclass(frozen=True)
class Presence:
    """A member's attendance: present at all, from which item on, up to which item."""

    organisation_id: int
    present: bool
    arrives_before: int | None = None
    """Present from this item on (arrived late)."""
    leaves_after: int | None = None
    """Present up to and including this item (left early)."""

    def at(self, position: int) -> bool:
        """Whether the member is present at the item numbered `position`."""
        if not self.present:
            return False
        if self.arrives_before is not None and position < self.arrives_before:
            return False
        return self.leaves_after is None or position <= self.leaves_after


def check_presence(presence: Presence, positions: Sequence[int], name: str) -> Presence:
    """Arrival and departure name existing items, the arrival not after the departure."""
    for value, label in (
        (presence.arrives_before, _("arrival")),
        (presence.leaves_after, _("departure")),
    ):
        if value is not None and value not in positions:
            raise ValidationError(
                _("{name}: the {what} must name an item of the agenda (TOP {positions}).").format(
                    name=name, what=label, positions=", ".join(str(p) for p in positions)
                ),
                "attendance",
            )
    if (
        presence.arrives_before is not None
        and presence.leaves_after is not None
        and presence.leaves_after < presence.arrives_before
    ):
        raise ValidationError(
            _("{name}: the member cannot leave before it arrives.").format(name=name),
            "attendance",
        )
    return presence


def check_representatives(representatives: Sequence[str], voting: str, name: str) -> str:
    """The votes are cast by one of the member's own representatives (§ 8 Abs. 2 KomZG)."""
    voting = voting.strip()
    names = [r.strip() for r in representatives if r.strip()]
    if voting and voting not in names:
        raise ValidationError(
            _(
                "{name}: „{voting}“ is not one of its representatives; only a representative "
                "of the same member can cast its votes."
            ).format(name=name, voting=voting),
            "voting_representative",
        )
    if not voting and len(names) == 1:
        return names[0]
    return voting


@dataclass(frozen=True)
class ItemQuorum:
    """Whether the assembly could decide at one item, with its figures and the rule applied."""

    position: int
    members_present: int
    members: int
    votes_present: int
    votes: int
    quorate: bool
    rule: str
    excluded: tuple[str, ...] = ()

    @property
    def figures(self) -> str:
        """E.g. „7 von 9 Mitgliedern, 13 von 15 Stimmen — beschlussfähig“."""
        verdict = _("quorate") if self.quorate else _("not quorate")
        return _("{mp} of {m} members, {vp} of {v} votes — {verdict}").format(
            mp=self.members_present,
            m=self.members,
            vp=self.votes_present,
            v=self.votes,
            verdict=verdict,
        )


def item_quorum(
    members: Sequence[Member],
    presences: Iterable[Presence],
    position: int,
    excluded: Iterable[int],
    settings: StatuteSettings,
    second_invitation_of: date | None = None,
) -> ItemQuorum:
    """The quorum at item `position` (§ 8 Abs. 1 KomZG; § 39 and § 22 GemO as the statute sets)."""
    here = {p.organisation_id for p in presences if p.at(position)}
    left_out = set(excluded)
    excluded_names = tuple(m.name for m in members if m.organisation_id in left_out)
    base = [
        m for m in members if m.organisation_id not in left_out or not settings.excluded_reduce_base
    ]
    present = [m for m in base if m.organisation_id in here and m.organisation_id not in left_out]
    members_present, votes_present = len(present), sum(m.votes for m in present)
    member_count, vote_count = len(base), sum(m.votes for m in base)
    votes_ok = 2 * votes_present > vote_count
    if settings.quorum_rule is QuorumRule.VOTES:
        quorate = votes_ok
        rule = _("more than half of the statutory votes present (statute)")
    else:
        quorate = votes_ok and 2 * members_present > member_count
        rule = _(
            "more than half of the members and of the statutory votes present (§ 8 Abs. 1 KomZG)"
        )
    if excluded_names:
        names = ", ".join(excluded_names)
        if settings.excluded_reduce_base:
            rule += "; " + _(
                "excluded for a conflict of interest and left out of the count: {names}"
            ).format(names=names)
        else:
            rule += "; " + _(
                "excluded for a conflict of interest and counted as absent: {names}"
            ).format(names=names)
    if second_invitation_of is not None and settings.second_invitation_reduced and not quorate:
        quorate = True
        rule = _(
            "second invitation after the meeting of {day} without quorum: quorate regardless of "
            "the number present (§ 39 GemO)"
        ).format(day=format_date(second_invitation_of))
    return ItemQuorum(
        position=position,
        members_present=members_present,
        members=member_count,
        votes_present=votes_present,
        votes=vote_count,
        quorate=quorate,
        rule=rule,
        excluded=excluded_names,
    )


@dataclass(frozen=True)
class InvitationCheck:
    """The invitation period: full days between sending and the meeting day."""

    sent_on: date
    meeting_on: date
    full_days: int
    required_days: int

    @property
    def in_time(self) -> bool:
        """At least the required full days lie between sending and the meeting."""
        return self.full_days >= self.required_days

    @property
    def latest_sending(self) -> date:
        """The last day an invitation can be sent in time."""
        return self.meeting_on - timedelta(days=self.required_days + 1)


def check_invitation(
    sent_on: date, meeting_on: date, required_days: int, urgent: bool, reason: str
) -> InvitationCheck:
    """Refuse an invitation sent too late unless marked urgent with its reason (§ 34 GemO)."""
    if sent_on >= meeting_on:
        raise ValidationError(
            _("Invitation sent on: the invitation must be sent before the meeting day."),
            "invited_on",
        )
    check = InvitationCheck(sent_on, meeting_on, (meeting_on - sent_on).days - 1, required_days)
    if not check.in_time and not urgent:
        raise ValidationError(
            ngettext(
                "Invitation sent on: only {days} full day lies between sending and the meeting; "
                "the statute requires {required} (send it by {latest}). A shorter period is "
                "allowed only when the meeting is urgent: mark it as urgent and give the reason.",
                "Invitation sent on: only {days} full days lie between sending and the meeting; "
                "the statute requires {required} (send it by {latest}). A shorter period is "
                "allowed only when the meeting is urgent: mark it as urgent and give the reason.",
                check.full_days,
            ).format(
                days=check.full_days,
                required=required_days,
                latest=format_date(check.latest_sending),
            ),
            "invited_on",
        )
    if urgent and not check.in_time and not reason.strip():
        raise ValidationError(
            _("Reason for urgency: an invitation with a shortened period must state why."),
            "urgency_reason",
        )
    return check


def urgency_note(reason: str) -> str:
    """The note an invitation with a shortened period carries."""
    return _(
        "The invitation is sent with a shortened period because the matter is urgent "
        "(§ 34 GemO): {reason}"
    ).format(reason=reason.strip())


def second_invitation_note(first_day: date, reduced: bool) -> str:
    """The note a second invitation after a meeting without quorum carries (§ 39 GemO)."""
    if reduced:
        return _(
            "Second invitation: the assembly was not quorate on {day}. On the same matters it "
            "is quorate at this meeting regardless of the number of members present (§ 39 GemO)."
        ).format(day=format_date(first_day))
    return _("Second invitation: the assembly was not quorate on {day}.").format(
        day=format_date(first_day)
    )


def check_number(number: str) -> str:
    """A meeting's number: running number and year, e.g. „2/2026“."""
    number = number.strip()
    if not NUMBER.match(number):
        raise ValidationError(
            _("Number: give the running number and the year, e.g. „2/2026“."), "number"
        )
    return number


def next_number(existing: Iterable[str], year: int) -> str:
    """The next free number of the year („3/2026“ after „2/2026“)."""
    used = [int(n.split("/")[0]) for n in existing if NUMBER.match(n) and n.endswith(f"/{year}")]
    return f"{max(used, default=0) + 1}/{year}"
