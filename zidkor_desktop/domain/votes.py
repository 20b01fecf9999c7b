"""Weighted votes: capital per vote, municipal majority and quorum (KomZG RLP)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from zidkor_desktop.domain.errors import RuleViolation, ValidationError
from zidkor_desktop.domain.money import to_money
from zidkor_desktop.l10n import _

DEFAULT_CAPITAL_PER_VOTE = Decimal("2000.00")


@dataclass(frozen=True)
class Seat:
    """A member as counted for majorities: its votes and whether it is a municipal body."""

    name: str
    votes: int
    municipal: bool


def validate_votes(votes: int) -> int:
    """Votes are a positive whole number (cast as one block)."""
    if isinstance(votes, bool) or not isinstance(votes, int) or votes < 1:
        raise ValidationError(_("Votes must be a whole number of at least 1."), "votes")
    return votes


def capital_due(votes: int, capital_per_vote: Decimal = DEFAULT_CAPITAL_PER_VOTE) -> Decimal:
    """Capital contribution owed for a number of votes."""
    return to_money(capital_per_vote * votes)


@dataclass(frozen=True)
class Balance:
    """Members and votes in total and held by municipal bodies."""

    members: int
    votes: int
    municipal_members: int
    municipal_votes: int

    @property
    def holds(self) -> bool:
        """Municipal bodies hold more than half of the members and of the votes."""
        if self.members == 0:
            return True
        return 2 * self.municipal_members > self.members and 2 * self.municipal_votes > self.votes


def balance(seats: Iterable[Seat]) -> Balance:
    """Count members and votes of a set of seats."""
    seats = list(seats)
    return Balance(
        members=len(seats),
        votes=sum(s.votes for s in seats),
        municipal_members=sum(1 for s in seats if s.municipal),
        municipal_votes=sum(s.votes for s in seats if s.municipal),
    )


def check_municipal_majority(seats: Iterable[Seat]) -> Balance:
    """Refuse a composition in which municipal bodies lose the majority of members or votes."""
    result = balance(seats)
    if not result.holds:
        raise RuleViolation(
            _(
                "Municipal bodies must hold the majority of members and of votes "
                "(§ 2 KomZG). After this change they would hold {mm} of {m} members "
                "and {mv} of {v} votes."
            ).format(
                mm=result.municipal_members,
                m=result.members,
                mv=result.municipal_votes,
                v=result.votes,
            )
        )
    return result


@dataclass(frozen=True)
class Quorum:
    """Attendance figures and whether the assembly can pass resolutions."""

    present_members: int
    members: int
    present_votes: int
    votes: int

    @property
    def reached(self) -> bool:
        """More than half of the members and more than half of the statutory votes present."""
        return 2 * self.present_members > self.members and 2 * self.present_votes > self.votes


def quorum(all_seats: Iterable[Seat], present: Iterable[Seat]) -> Quorum:
    """Quorum of an assembly given all members and those present."""
    all_list, present_list = list(all_seats), list(present)
    return Quorum(
        present_members=len(present_list),
        members=len(all_list),
        present_votes=sum(s.votes for s in present_list),
        votes=sum(s.votes for s in all_list),
    )
