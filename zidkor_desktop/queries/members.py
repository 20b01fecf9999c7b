"""Member list rows and totals (votes, capital, municipal majority).

The list is the program's first screen, so it reads the tables with plain SQL expressions:
no ORM objects, and the ORM's one-time set-up of all mappers stays out of the start.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from zidkor_desktop.db.models import (
    AssociationSettings,
    Membership,
    MembershipVotes,
    Organisation,
    StatuteVersion,
)
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.kinds import MembershipStatus, OrganisationKind, StatuteStatus
from zidkor_desktop.domain.membership import (
    MembershipDates,
    dates_of,
    is_voting_member,
    status_on,
    votes_valid_on,
)
from zidkor_desktop.domain.membership_steps import Step, StepEntry, next_step, taken_steps
from zidkor_desktop.domain.money import ZERO
from zidkor_desktop.domain.statute import in_force_on
from zidkor_desktop.domain.votes import (
    DEFAULT_CAPITAL_PER_VOTE,
    Balance,
    Seat,
    balance,
    capital_due,
)
from zidkor_desktop.queries.invoices import capital_invoices


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
    steps: tuple[StepEntry, ...] = ()
    """The steps of accession and exit recorded so far, in their order."""
    next_step: Step | None = None
    """The step that comes next (None once the member has left)."""
    capital_invoice: str = ""
    """Number of the capital contribution invoice issued (and not cancelled), if any."""

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
        return _settings_per_vote(session)


def _settings_per_vote(session: Session) -> Decimal:
    value = session.scalar(select(AssociationSettings.__table__.c.capital_per_vote))
    return value if value is not None else DEFAULT_CAPITAL_PER_VOTE


@dataclass(frozen=True)
class CapitalRates:
    """Capital per vote by date: the statute versions in force, else the association settings."""

    versions: dict[int, tuple[date, Decimal]]
    fallback: Decimal

    def on(self, day: date) -> Decimal:
        """Capital per vote of the statute version in force on `day` (settings if none is)."""
        number = in_force_on([(n, start) for n, (start, _r) in self.versions.items()], day)
        return self.fallback if number is None else self.versions[number][1]

    def version_on(self, day: date) -> int | None:
        """Number of the statute version in force on `day`."""
        return in_force_on([(n, start) for n, (start, _r) in self.versions.items()], day)


def capital_rates(session: Session) -> CapitalRates:
    """The capital per vote of every statute version in force and of the settings."""
    table = StatuteVersion.__table__
    rows = session.execute(
        select(table.c.version_no, table.c.in_force_from, table.c.capital_per_vote).where(
            table.c.status == StatuteStatus.IN_FORCE.value
        )
    )
    versions = {n: (start, rate) for n, start, rate in rows if start is not None}
    return CapitalRates(versions, _settings_per_vote(session))


def statute_capital_on(db: Database, day: date) -> tuple[int, Decimal] | None:
    """(statute version, capital per vote) in force on `day`; None when no version is."""
    with db.sessions() as session:
        rates = capital_rates(session)
    number = rates.version_on(day)
    return None if number is None else (number, rates.on(day))


def capital_per_vote_on(db: Database, day: date) -> Decimal:
    """Capital per vote on `day`: the statute version in force then, else the settings."""
    with db.sessions() as session:
        return capital_rates(session).on(day)


def _memberships() -> Select[Any]:
    """Each membership with its dates and paid capital, joined with its organisation."""
    membership = Membership.__table__
    org = Organisation.__table__
    return select(
        membership.c.id,
        membership.c.capital_paid,
        membership.c.council_resolution_ref,
        membership.c.authority_file_number,
        *(membership.c[f.name] for f in fields(MembershipDates)),
        org.c.id.label("organisation_id"),
        org.c.name,
        org.c.kind,
        org.c.is_municipal_body,
        org.c.is_example,
    ).join_from(membership, org, membership.c.organisation_id == org.c.id)


def _votes_histories(session: Session) -> dict[int, list[tuple[date, int]]]:
    """(valid from, votes) of every membership, oldest first."""
    table = MembershipVotes.__table__
    stmt = select(table.c.membership_id, table.c.valid_from, table.c.votes).order_by(
        table.c.membership_id, table.c.valid_from
    )
    histories: dict[int, list[tuple[date, int]]] = defaultdict(list)
    for membership_id, valid_from, votes in session.execute(stmt):
        histories[membership_id].append((valid_from, votes))
    return histories


def list_members(db: Database, day: date) -> list[MemberRow]:
    """All memberships (applicants, members, former members) as seen on `day`, by name.

    The capital due is the votes times the capital per vote in force when the membership begins
    (for an applicant: its planned start, else `day`).
    """
    rows = []
    with db.sessions() as session:
        rates = capital_rates(session)
        histories = _votes_histories(session)
        invoiced = capital_invoices(session)
        for membership in session.execute(_memberships()):
            dates = dates_of(membership)
            status = status_on(dates, day)
            voting = is_voting_member(dates, day)
            history = histories.get(membership.id, [])
            votes = votes_valid_on(history, day) if voting else 0
            planned_votes = votes_valid_on(history, membership.member_from or day)
            per_vote = rates.on(membership.member_from or day)
            due = capital_due(votes if voting else planned_votes, per_vote)
            if status is MembershipStatus.LEFT:
                due = membership.capital_paid
            org = membership  # the organisation's columns are in the same row
            rows.append(
                MemberRow(
                    organisation_id=org.organisation_id,
                    name=org.name,
                    kind=OrganisationKind(org.kind),
                    municipal=org.is_municipal_body,
                    status=status,
                    votes=votes,
                    capital_due=due,
                    capital_paid=membership.capital_paid,
                    member_from=membership.member_from,
                    is_example=org.is_example,
                    steps=tuple(
                        taken_steps(
                            dates,
                            {
                                "council_resolution_ref": membership.council_resolution_ref,
                                "authority_file_number": membership.authority_file_number,
                            },
                        )
                    ),
                    next_step=next_step(dates),
                    capital_invoice=", ".join(invoiced.get(org.organisation_id, [])),
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
