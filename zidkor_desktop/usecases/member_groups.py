"""Groups of the members list with their totals: the one rule for window, PDF and CLI."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from zidkor_desktop.domain.kinds import MembershipStatus
from zidkor_desktop.domain.money import ZERO
from zidkor_desktop.domain.votes import Balance
from zidkor_desktop.l10n import ngettext
from zidkor_desktop.queries.members import MemberRow, totals

NO_VOTES = "–"
"""How every list (window, PDF, command line) shows the votes of a row without votes."""


@dataclass(frozen=True)
class MemberGroup:
    """Rows listed together with their own totals: members with votes, or those without."""

    label: str
    rows: list[MemberRow]
    balance: Balance | None
    """Members and votes (municipal share) of a group with votes; None for the group without."""
    capital_due: Decimal
    capital_paid: Decimal

    @property
    def votes(self) -> int | None:
        """Votes of the group, None for the group without votes."""
        return None if self.balance is None else self.balance.votes


def votes_text(votes: int) -> str:
    """A row's votes as listed: the number, or a dash for applicants and former members."""
    return str(votes) if votes > 0 else NO_VOTES


def member_groups(rows: list[MemberRow]) -> list[MemberGroup]:
    """Members with votes, then (if any) applicants and former members; each with its totals."""
    voting = [r for r in rows if r.votes > 0]
    others = [r for r in rows if r.votes <= 0]
    summary = totals(voting)
    groups = [
        MemberGroup(
            label=ngettext(
                "{n} member with votes", "{n} members with votes", summary.balance.members
            ).format(n=summary.balance.members),
            rows=voting,
            balance=summary.balance,
            capital_due=summary.capital_due,
            capital_paid=summary.capital_paid,
        )
    ]
    if others:
        former = sum(1 for r in others if r.status is MembershipStatus.LEFT)
        applicants = len(others) - former
        parts = []
        if applicants:
            parts.append(
                ngettext("{n} applicant", "{n} applicants", applicants).format(n=applicants)
            )
        if former:
            parts.append(
                ngettext("{n} former member", "{n} former members", former).format(n=former)
            )
        groups.append(
            MemberGroup(
                label=", ".join(parts),
                rows=others,
                balance=None,
                capital_due=sum((r.capital_due for r in others), ZERO),
                capital_paid=sum((r.capital_paid for r in others), ZERO),
            )
        )
    return groups
