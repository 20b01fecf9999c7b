"""Accession and exit step by step: one use case per step, checked on the day it takes effect.

API (the meetings issue links the assembly consent to a resolution later):
- `preview_step(db, organisation_id, StepInput(step, day, reference), today) -> StepOutcome`
  checks everything and tells what would happen, without writing;
- `take_step(db, organisation_id, membership_version, StepInput(...), today) -> StepOutcome`
  checks again inside the serialised write and records the step (optimistic locking: a changed
  membership raises ConcurrentChange);
- `record_application(db, data, today) -> int` records a new applicant (only the application).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from zidkor_desktop.db.models import Membership
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import NotFound, ValidationError
from zidkor_desktop.domain.kinds import MembershipStatus
from zidkor_desktop.domain.membership import dates_of, is_voting_member, status_on
from zidkor_desktop.domain.membership_steps import ORDER, Step, check_step
from zidkor_desktop.domain.votes import (
    Balance,
    Seat,
    balance,
    capital_due,
    check_municipal_majority,
    validate_votes,
)
from zidkor_desktop.l10n import _
from zidkor_desktop.queries.members import capital_rates
from zidkor_desktop.usecases.errors import translated_db_errors
from zidkor_desktop.usecases.members import MemberInput, add_member, votes_on

MAJORITY_STEPS = frozenset({Step.MEMBERSHIP_START, Step.MEMBERSHIP_END})
"""Steps that change the composition: refused when the municipal majority would be lost."""
FORECAST_STEPS = frozenset({Step.ASSEMBLY_CONSENT, Step.AUTHORITY_APPROVAL})
"""Steps whose outcome shows the balance as if the member joined that day (a warning, no refusal:
the composition changes only with the start of membership, when it is checked)."""


@dataclass(frozen=True)
class StepInput:
    """What a step records: its date and, for resolution and approval, the reference."""

    step: Step
    day: date | None
    reference: str = ""


@dataclass(frozen=True)
class StepOutcome:
    """What a step does (preview) or did: the status it leads to and the figures on that day."""

    name: str
    step: Step
    day: date
    status_before: MembershipStatus
    status_after: MembershipStatus
    """The member's status on the step's day once it is recorded."""
    votes: int
    """The member's block of votes (held from the start of membership on)."""
    capital_per_vote: Decimal
    capital_due: Decimal
    statute_version: int | None
    """The statute version whose capital per vote applies (None: the association settings)."""
    balance: Balance | None
    """Members and votes with the municipal share on the day the step takes effect (for consent
    and approval: as if the member joined that day; `balance.holds` False is a warning)."""
    effective_day: date


def _load(session: Session, organisation_id: int) -> Membership:
    membership = session.scalar(
        select(Membership)
        .where(Membership.organisation_id == organisation_id)
        .options(selectinload(Membership.organisation), selectinload(Membership.votes_history))
    )
    if membership is None:
        raise NotFound(_("The member no longer exists."))
    return membership


def _seats(session: Session, day: date, without: int) -> list[Seat]:
    """Voting members on `day`, leaving out the membership `without`."""
    seats = []
    stmt = select(Membership).options(
        selectinload(Membership.organisation), selectinload(Membership.votes_history)
    )
    for other in session.scalars(stmt):
        if other.id != without and is_voting_member(dates_of(other), day):
            votes = votes_on(other.votes_history, day)
            seats.append(Seat(other.organisation.name, votes, other.organisation.is_municipal_body))
    return seats


def _later_changes(session: Session, after: date, without: int) -> set[date]:
    """Days after `after` on which another member joins, leaves or changes its votes."""
    days: set[date] = set()
    stmt = select(Membership).options(selectinload(Membership.votes_history))
    for other in session.scalars(stmt):
        if other.id == without:
            continue
        candidates = [other.member_from, other.member_until and other.member_until + timedelta(1)]
        candidates += [v.valid_from for v in other.votes_history]
        days.update(d for d in candidates if d is not None and d > after)
    return days


def _check_majority(
    session: Session, membership: Membership, step: Step, day: date, votes: int
) -> tuple[Balance | None, date]:
    """The municipal majority from the day the step takes effect on; the balance that day."""
    if step in FORECAST_STEPS:
        organisation = membership.organisation
        seats = _seats(session, day, membership.id)
        seats.append(Seat(organisation.name, votes, organisation.is_municipal_body))
        return balance(seats), day
    if step not in MAJORITY_STEPS:
        return None, day
    effective = day + timedelta(days=1) if step is Step.MEMBERSHIP_END else day
    organisation = membership.organisation
    me = Seat(organisation.name, votes, organisation.is_municipal_body)
    first: Balance | None = None
    days = {effective} | _later_changes(session, effective, membership.id)
    if step is not Step.MEMBERSHIP_END and membership.member_until is not None:
        days = {d for d in days if d <= membership.member_until}
    for check_day in sorted(days):
        seats = _seats(session, check_day, membership.id)
        if step is not Step.MEMBERSHIP_END:
            seats.append(me)
        result = check_municipal_majority(seats)
        first = first or result
    return first, effective


def _outcome(session: Session, membership: Membership, data: StepInput, today: date) -> StepOutcome:
    """Check the step on the stored membership; the outcome it would have."""
    dates = dates_of(membership)
    after = check_step(dates, data.step, data.day, today, data.reference)
    assert data.day is not None  # check_step refuses a missing date
    start = after.member_from or data.day
    votes = votes_on(membership.votes_history, start)
    if data.step is Step.MEMBERSHIP_START:
        if not membership.votes_history:
            raise ValidationError(
                _("Please enter the member's votes before the membership begins."), "votes"
            )
        validate_votes(votes)
    figures, effective = _check_majority(session, membership, data.step, data.day, votes)
    rates = capital_rates(session)
    per_vote = rates.on(start)
    return StepOutcome(
        name=membership.organisation.name,
        step=data.step,
        day=data.day,
        status_before=status_on(dates, data.day),
        status_after=status_on(after, effective),
        votes=votes,
        capital_per_vote=per_vote,
        capital_due=capital_due(votes, per_vote),
        statute_version=rates.version_on(start),
        balance=figures,
        effective_day=effective,
    )


def preview_step(db: Database, organisation_id: int, data: StepInput, today: date) -> StepOutcome:
    """Check a step and tell what it would do; writes nothing."""
    with translated_db_errors(), db.sessions() as session:
        return _outcome(session, _load(session, organisation_id), data, today)


def take_step(
    db: Database, organisation_id: int, membership_version: int, data: StepInput, today: date
) -> StepOutcome:
    """Record a step after checking order, dates, references and the foundation rules."""
    with translated_db_errors(), db.write() as session:
        membership = _load(session, organisation_id)
        if membership.version != membership_version:
            raise StaleDataError("membership changed since it was loaded")
        return take_step_in(session, organisation_id, data, today)


def take_step_in(
    session: Session, organisation_id: int, data: StepInput, today: date
) -> StepOutcome:
    """Record a step inside a write transaction (also the effect of an assembly resolution)."""
    membership = _load(session, organisation_id)
    outcome = _outcome(session, membership, data, today)
    setattr(membership, data.step.value, data.day)
    if data.step.reference_field:
        setattr(membership, data.step.reference_field, data.reference.strip())
    if data.step is Step.MEMBERSHIP_START:
        _votes_from_start(membership, data.day)
    session.flush()
    return outcome


def _votes_from_start(membership: Membership, start: date | None) -> None:
    """The planned block of votes holds from the start of membership (not before)."""
    history = sorted(membership.votes_history, key=lambda v: v.valid_from)
    if start is None or not history or history[0].valid_from >= start:
        return
    before = [v for v in history if v.valid_from <= start]
    planned = before[-1]
    for entry in before[:-1]:
        membership.votes_history.remove(entry)
    planned.valid_from = start


def membership_version(db: Database, organisation_id: int) -> int:
    """The optimistic-locking counter of a member's membership."""
    with db.sessions() as session:
        version = session.scalar(
            select(Membership.version).where(Membership.organisation_id == organisation_id)
        )
    if version is None:
        raise NotFound(_("The member no longer exists."))
    return version


def record_application(db: Database, data: MemberInput, today: date) -> int:
    """Record a new applicant: only its application (the further steps come one by one)."""
    for step in ORDER[1:]:
        if getattr(data, step.value) is not None:
            raise ValidationError(
                _(
                    "A new applicant has only its application; record {step} as a step later."
                ).format(step=step.label),
                step.value,
            )
    check_step(replace(data.dates, applied_on=None), Step.APPLICATION, data.applied_on, today)
    with translated_db_errors(), db.write() as session:
        return add_member(session, data, today)
