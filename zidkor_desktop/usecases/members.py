"""Members: create and edit organisations with their membership, votes and capital."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from zidkor_desktop.db.base import utcnow
from zidkor_desktop.db.models import Membership, MembershipVotes, Organisation
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import DomainError, NotFound, ValidationError
from zidkor_desktop.domain.kinds import OrganisationKind
from zidkor_desktop.domain.membership import (
    MembershipDates,
    dates_of,
    is_voting_member,
    validate_dates,
    votes_valid_on,
)
from zidkor_desktop.domain.money import ZERO, to_money
from zidkor_desktop.domain.text import check_text
from zidkor_desktop.domain.votes import (
    Seat,
    capital_due,
    check_municipal_majority,
    validate_votes,
)
from zidkor_desktop.l10n import N_, _, format_money
from zidkor_desktop.queries.members import capital_rates
from zidkor_desktop.usecases.errors import translated_db_errors


class Overpayment(DomainError):
    """Capital paid exceeds capital due; saved only when the caller passes allow_overpayment."""

    def __init__(self, paid: Decimal, due: Decimal) -> None:
        super().__init__(
            _("The capital paid ({paid}) is higher than the capital due ({due}).").format(
                paid=format_money(paid), due=format_money(due)
            )
        )
        self.paid = paid
        self.due = due


@dataclass
class MemberInput:
    """Everything the member dialog edits."""

    name: str
    kind: OrganisationKind
    votes: int
    is_municipal_body: bool = True
    short_name: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    email: str = ""
    phone: str = ""
    applied_on: date | None = None
    council_resolution_on: date | None = None
    council_resolution_ref: str = ""
    assembly_resolution_on: date | None = None
    authority_approved_on: date | None = None
    authority_file_number: str = ""
    member_from: date | None = None
    exit_notice_on: date | None = None
    member_until: date | None = None
    capital_paid: Decimal = ZERO
    capital_paid_on: date | None = None
    capital_payer: str = ""
    notes: str = ""
    votes_from: date | None = None
    is_founding: bool = False
    is_example: bool = False

    @property
    def dates(self) -> MembershipDates:
        """The lifecycle dates of this input."""
        return dates_of(self)


@dataclass
class MemberRecord:
    """A stored member as loaded for editing, with versions for conflict detection."""

    organisation_id: int
    data: MemberInput
    organisation_version: int
    membership_version: int
    votes_history: list[tuple[date, int]] = field(default_factory=list)
    exit_resolution_on: date | None = None
    """The assembly's consent to the exit (recorded by a resolution; read-only here)."""


_ORG_FIELDS = ("name", "short_name", "street", "postcode", "city", "email", "phone")
_MEMBERSHIP_FIELDS = (
    "applied_on",
    "council_resolution_on",
    "council_resolution_ref",
    "assembly_resolution_on",
    "authority_approved_on",
    "authority_file_number",
    "member_from",
    "exit_notice_on",
    "member_until",
    "capital_paid",
    "capital_paid_on",
    "capital_payer",
    "notes",
    "is_founding",
)


TEXT_LABELS = {
    "name": N_("Name"),
    "short_name": N_("Short name"),
    "street": N_("Street and number"),
    "postcode": N_("Postcode"),
    "city": N_("Town"),
    "email": N_("E-mail"),
    "phone": N_("Phone"),
    "council_resolution_ref": N_("Reference"),
    "authority_file_number": N_("File number"),
    "capital_payer": N_("Paid by"),
    "notes": N_("Notes"),
}
MULTILINE_FIELDS = frozenset({"notes"})


def _clean(data: MemberInput) -> MemberInput:
    """Strip text fields and validate the input; returns the cleaned copy."""
    text_fields = {f.name for f in fields(data) if type(getattr(data, f.name)) is str}
    cleaned = replace(data, **{name: getattr(data, name).strip() for name in text_fields})
    for name in sorted(text_fields):
        check_text(
            getattr(cleaned, name),
            field=name,
            label=_(TEXT_LABELS.get(name, name)),
            multiline=name in MULTILINE_FIELDS,
        )
    if not cleaned.name:
        raise ValidationError(_("Please enter the name of the member."), "name")
    if len(cleaned.name) > 200:
        raise ValidationError(_("The name is too long (at most 200 characters)."), "name")
    if cleaned.postcode and not (cleaned.postcode.isdigit() and len(cleaned.postcode) == 5):
        raise ValidationError(_("The postcode must have five digits."), "postcode")
    if cleaned.email and ("@" not in cleaned.email or " " in cleaned.email):
        raise ValidationError(_("The e-mail address is not valid."), "email")
    validate_votes(cleaned.votes)
    validate_dates(cleaned.dates)
    try:
        paid = to_money(cleaned.capital_paid)
    except (TypeError, ValueError) as exc:
        raise ValidationError(_("The capital paid is not a valid amount."), "capital_paid") from exc
    if paid < 0:
        raise ValidationError(_("The capital paid must not be negative."), "capital_paid")
    if paid > 0 and cleaned.capital_paid_on is None:
        raise ValidationError(
            _("Please enter the date on which the capital was paid."), "capital_paid_on"
        )
    return replace(cleaned, capital_paid=paid)


def votes_on(history: list[MembershipVotes], day: date) -> int:
    """Votes of a stored history valid on a day."""
    return votes_valid_on([(v.valid_from, v.votes) for v in history], day)


def _seats_on(
    session: Session, day: date, replacing: int | None, candidate: MemberInput | None
) -> list[Seat]:
    """Voting members on a day, with the member `replacing` swapped for `candidate`."""
    stmt = select(Membership).options(
        selectinload(Membership.organisation), selectinload(Membership.votes_history)
    )
    seats = []
    for membership in session.scalars(stmt):
        if membership.organisation_id == replacing:
            continue
        if is_voting_member(dates_of(membership), day):
            seats.append(
                Seat(
                    membership.organisation.name,
                    votes_on(membership.votes_history, day),
                    membership.organisation.is_municipal_body,
                )
            )
    if candidate is not None and is_voting_member(candidate.dates, day):
        seats.append(Seat(candidate.name, candidate.votes, candidate.is_municipal_body))
    return seats


def _check_majority(
    session: Session, data: MemberInput, organisation_id: int | None, today: date
) -> None:
    """Check the municipal majority today and on the dates this member enters or leaves."""
    days = {today}
    if data.member_from:
        days.add(data.member_from)
    if data.member_until:
        days.add(data.member_until + timedelta(days=1))
    if data.votes_from:
        days.add(data.votes_from)
    for day in sorted(days):
        check_municipal_majority(_seats_on(session, day, organisation_id, data))


def _check_unique_name(session: Session, name: str, organisation_id: int | None) -> None:
    """Refuse a name that differs from another one only in case (umlauts too, on both databases).

    Compared in Python because SQLite's lower() folds ASCII letters only. The check runs inside
    the serialised write, so two clerks cannot both pass it; the schema has no case-insensitive
    unique index (that would need a migration), only the exact-name unique constraint.
    """
    wanted = name.casefold()
    stmt = select(Organisation.id, Organisation.name)
    if any(
        other.casefold() == wanted and other_id != organisation_id
        for other_id, other in session.execute(stmt)
    ):
        raise ValidationError(
            _("An organisation named {name!r} already exists.").format(name=name), "name"
        )


def _check_overpayment(session: Session, data: MemberInput, today: date) -> None:
    """Refuse capital paid above the capital due for the member's votes (Overpayment)."""
    per_vote = capital_rates(session).on(data.member_from or today)
    due = capital_due(data.votes, per_vote)
    if data.capital_paid > due:
        raise Overpayment(data.capital_paid, due)


def create_member(
    db: Database, data: MemberInput, today: date, *, allow_overpayment: bool = False
) -> int:
    """Record a new member (or applicant); returns the organisation id."""
    with translated_db_errors(), db.write() as session:
        return add_member(session, data, today, allow_overpayment=allow_overpayment)


def add_member(
    session: Session, data: MemberInput, today: date, *, allow_overpayment: bool = False
) -> int:
    """Validate and add a member inside the caller's transaction; returns the organisation id.

    Raises Overpayment when capital paid exceeds capital due, unless `allow_overpayment`.
    """
    data = _clean(data)
    _check_unique_name(session, data.name, None)
    _check_majority(session, data, None, today)
    if not allow_overpayment:
        _check_overpayment(session, data, today)
    organisation = Organisation(
        kind=data.kind.value,
        is_municipal_body=data.is_municipal_body,
        is_example=data.is_example,
        **{name: getattr(data, name) for name in _ORG_FIELDS},
    )
    membership = Membership(
        organisation=organisation,
        **{name: getattr(data, name) for name in _MEMBERSHIP_FIELDS},
    )
    start = data.votes_from or data.member_from or data.applied_on or today
    membership.votes_history.append(MembershipVotes(votes=data.votes, valid_from=start))
    session.add(organisation)
    session.flush()
    return organisation.id


def _load(session: Session, organisation_id: int) -> Organisation:
    organisation = session.get(
        Organisation,
        organisation_id,
        options=[selectinload(Organisation.membership).selectinload(Membership.votes_history)],
    )
    if organisation is None or organisation.membership is None:
        raise NotFound(_("The member no longer exists."))
    return organisation


def get_member(db: Database, organisation_id: int, today: date) -> MemberRecord:
    """Load a member for editing."""
    with db.sessions() as session:
        organisation = _load(session, organisation_id)
        membership = organisation.membership
        assert membership is not None
        data = MemberInput(
            kind=OrganisationKind(organisation.kind),
            is_municipal_body=organisation.is_municipal_body,
            is_example=organisation.is_example,
            votes=votes_on(membership.votes_history, today),
            **{name: getattr(organisation, name) for name in _ORG_FIELDS},
            **{name: getattr(membership, name) for name in _MEMBERSHIP_FIELDS},
        )
        return MemberRecord(
            organisation_id=organisation.id,
            data=data,
            organisation_version=organisation.version,
            membership_version=membership.version,
            votes_history=[(v.valid_from, v.votes) for v in membership.votes_history],
            exit_resolution_on=membership.exit_resolution_on,
        )


def update_member(
    db: Database,
    record: MemberRecord,
    data: MemberInput,
    today: date,
    *,
    allow_overpayment: bool = False,
) -> None:
    """Save edits of a member; refuses if someone else changed it since `record` was loaded.

    Raises Overpayment when the edit makes (or keeps changing) capital paid above capital due,
    unless `allow_overpayment`; an overpayment stored before and left untouched is not asked again.
    """
    data = _clean(data)
    with translated_db_errors(), db.write() as session:
        organisation = _load(session, record.organisation_id)
        membership = organisation.membership
        assert membership is not None
        if (
            organisation.version != record.organisation_version
            or membership.version != record.membership_version
        ):
            raise StaleDataError("member changed since it was loaded")
        _check_unique_name(session, data.name, organisation.id)
        _check_majority(session, data, organisation.id, today)
        touched = (data.capital_paid, data.votes) != (
            record.data.capital_paid,
            record.data.votes,
        )
        if touched and not allow_overpayment:
            _check_overpayment(session, data, today)
        organisation.kind = data.kind.value
        organisation.is_municipal_body = data.is_municipal_body
        for name in _ORG_FIELDS:
            setattr(organisation, name, getattr(data, name))
        for name in _MEMBERSHIP_FIELDS:
            setattr(membership, name, getattr(data, name))
        if _apply_votes(membership, data, today):
            membership.updated_at = utcnow()  # a votes change alone raises the version too


def _apply_votes(membership: Membership, data: MemberInput, today: date) -> bool:
    """Record a change of votes from `votes_from` (default today); True when the history changed.

    Later entries are replaced; an entry on the same day is updated in place (a second change on
    one day replaces the first), and dropped when the votes before that day are the same anyway.
    """
    start = data.votes_from or today
    history = membership.votes_history
    if votes_on(history, start) == data.votes and (
        data.votes_from is None or not any(v.valid_from > start for v in history)
    ):
        return False  # unchanged: a change scheduled for later stays as it is
    same_day = None
    for entry in list(history):
        if entry.valid_from == start:
            same_day = entry
        elif entry.valid_from > start:
            history.remove(entry)
    before = [v for v in history if v.valid_from < start]
    if before and votes_on(before, start) == data.votes:
        if same_day is not None:
            history.remove(same_day)
    elif same_day is not None:
        same_day.votes = data.votes
    else:
        history.append(MembershipVotes(votes=data.votes, valid_from=start))
    return True
