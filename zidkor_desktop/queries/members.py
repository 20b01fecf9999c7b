"""Member list rows and totals (votes, capital, municipal majority)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from zidkor_desktop.db.models import AssociationSettings, Membership
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.kinds import MembershipStatus, OrganisationKind
from zidkor_desktop.domain.membership import (
    dates_of,
    is_voting_member,
    status_on,
    votes_valid_on,
)
from zidkor_desktop.domain.money import ZERO
from zidkor_desktop.domain.votes import (
    DEFAULT_CAPITAL_PER_VOTE,
    Balance,
    Seat,
    balance,
    capital_due,
)


@dataclass(frozen=True)
class MemberRow:
    """One line of the members list."""

    organisation_id: int
    name: str
    kind: OrganisationKind
    municipal: bool
    status: MembershipStatus
    votes: int
    capital_due: Decimal
    capital_paid: Decimal
    member_from: date | None
    is_example: bool

    @property
    def capital_open(self) -> Decimal:
        """Capital still to be paid."""
        return self.capital_due - self.capital_paid


@dataclass(frozen=True)
class MemberTotals:
    """Totals of the voting members on a day."""

    balance: Balance
    capital_due: Decimal
    capital_paid: Decimal


def capital_per_vote(db: Database) -> Decimal:
    """Capital contribution per vote from the association settings (default 2,000.00 €)."""
    with db.sessions() as session:
        value = session.scalar(select(AssociationSettings.capital_per_vote))
    return value if value is not None else DEFAULT_CAPITAL_PER_VOTE


def list_members(db: Database, day: date) -> list[MemberRow]:
    """All memberships (applicants, members, former members) as seen on `day`, by name."""
    per_vote = capital_per_vote(db)
    stmt = select(Membership).options(
        selectinload(Membership.organisation), selectinload(Membership.votes_history)
    )
    rows = []
    with db.sessions() as session:
        for membership in session.scalars(stmt):
            dates = dates_of(membership)
            status = status_on(dates, day)
            voting = is_voting_member(dates, day)
            history = [(v.valid_from, v.votes) for v in membership.votes_history]
            votes = votes_valid_on(history, day) if voting else 0
            planned_votes = votes_valid_on(history, membership.member_from or day)
            due = capital_due(votes if voting else planned_votes, per_vote)
            if status is MembershipStatus.LEFT:
                due = membership.capital_paid
            org = membership.organisation
            rows.append(
                MemberRow(
                    organisation_id=org.id,
                    name=org.name,
                    kind=OrganisationKind(org.kind),
                    municipal=org.is_municipal_body,
                    status=status,
                    votes=votes,
                    capital_due=due,
                    capital_paid=membership.capital_paid,
                    member_from=membership.member_from,
                    is_example=org.is_example,
                )
            )
    rows.sort(key=lambda r: r.name.casefold())
    return rows


def totals(rows: list[MemberRow]) -> MemberTotals:
    """Votes, members and capital of the voting members among `rows`."""
    voting = [r for r in rows if r.votes > 0]
    return MemberTotals(
        balance=balance(Seat(r.name, r.votes, r.municipal) for r in voting),
        capital_due=sum((r.capital_due for r in voting), ZERO),
        capital_paid=sum((r.capital_paid for r in voting), ZERO),
    )
