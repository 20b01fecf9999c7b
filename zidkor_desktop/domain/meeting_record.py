"""The whole record of one meeting as the GUI, the CLI and the documents read it (plain data)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from zidkor_desktop.domain.errors import NotFound
from zidkor_desktop.domain.invoice import Buyer, Seller
from zidkor_desktop.domain.kinds import Majority, MeetingStatus, MinutesStatus, Outcome
from zidkor_desktop.domain.meetings import ItemQuorum, Member, Presence, item_quorum
from zidkor_desktop.domain.resolutions import Ballot, Decision, EffectKind, Tally
from zidkor_desktop.domain.statute import StatuteSettings
from zidkor_desktop.l10n import _


@dataclass(frozen=True)
class AttendanceRecord:
    """A member's attendance with its representatives and the one casting its votes."""

    member: Member
    present: bool
    representatives: tuple[str, ...]
    voting_representative: str
    arrives_before: int | None
    leaves_after: int | None
    address: Buyer
    """The member's postal address (for invitation letters)."""

    @property
    def presence(self) -> Presence:
        """The domain view of the attendance."""
        return Presence(
            self.member.organisation_id, self.present, self.arrives_before, self.leaves_after
        )


@dataclass(frozen=True)
class EffectRecord:
    """What an item's resolution decides beyond its wording, and how far it has come."""

    kind: EffectKind
    target_id: int
    target: str
    """The member, version or minutes it concerns, named."""
    valid_from: date | None
    applied_at: datetime | None
    state: str
    """E.g. „Zustimmung erfasst; es fehlen: Genehmigung der Aufsichtsbehörde, …“."""


@dataclass(frozen=True)
class ItemRecord:
    """An agenda item with its quorum, exclusions, votes and outcome."""

    id: int
    position: int
    title: str
    explanation: str
    public: bool
    resolution_text: str
    majority: Majority
    quorum: ItemQuorum
    excluded: tuple[tuple[Member, str], ...]
    """Members excluded for a conflict of interest, with the reason."""
    voters: tuple[Member, ...]
    """Members present and not excluded at the item: those who vote."""
    ballots: tuple[Ballot, ...]
    outcome: Outcome | None
    tally: Tally | None
    decision: Decision | None
    effect: EffectRecord | None
    objections: str
    objection_decision: str
    assignee: str
    due_on: date | None
    done_on: date | None
    done_note: str
    arrivals: tuple[str, ...] = ()
    """Members arriving at this item."""
    departures: tuple[str, ...] = ()
    """Members that left after the item before (so absent from this one on)."""

    @property
    def has_resolution(self) -> bool:
        """The item is put to the vote."""
        return self.majority is not Majority.NONE

    @property
    def label(self) -> str:
        """„TOP 3: Title“."""
        return _("Item {position}: {title}").format(position=self.position, title=self.title)


@dataclass(frozen=True)
class MeetingRecord:
    """One meeting with everything known about it on its day."""

    id: int
    version: int
    number: str
    title: str
    held_on: date
    starts_at: time | None
    ends_at: time | None
    place: str
    status: MeetingStatus
    chair_name: str
    minute_taker: str
    invited_on: date | None
    urgent: bool
    urgency_reason: str
    second_invitation_of: tuple[int, str, date] | None
    """The meeting without quorum this one is the second invitation for: id, number, day."""
    notes: str
    minutes_status: MinutesStatus
    minutes_signed_on: date | None
    minutes_approved_on: date | None
    minutes_approved_by: str
    """„TOP 1 der Sitzung 1/2027 vom 12.03.2027“ once approved."""
    settings: StatuteSettings
    statute_version: int | None
    members: tuple[Member, ...]
    attendance: tuple[AttendanceRecord, ...]
    items: tuple[ItemRecord, ...]
    association: Seller
    chair_title: str = ""
    archived: dict[str, int] = field(default_factory=dict)
    """Archived minutes by kind („minutes_public“, „minutes_non_public“) → document id."""

    @property
    def signed(self) -> bool:
        """The minutes are signed (the record is read-only)."""
        return self.minutes_status is not MinutesStatus.DRAFT

    @property
    def statutory_votes(self) -> int:
        """All votes of the members on the meeting's day."""
        return sum(m.votes for m in self.members)

    def item(self, position: int) -> ItemRecord:
        """The item numbered `position`."""
        for item in self.items:
            if item.position == position:
                return item
        raise NotFound(
            _("Meeting {number} has no item {position}.").format(
                number=self.number, position=position
            )
        )

    def opening_quorum(self) -> ItemQuorum:
        """The quorum at the start of the meeting (first item, no exclusions)."""
        first = self.items[0].position if self.items else 1
        return item_quorum(
            self.members,
            [a.presence for a in self.attendance],
            first,
            (),
            self.settings,
            self.second_invitation_of[2] if self.second_invitation_of else None,
        )
