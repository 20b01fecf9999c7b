"""Customer views: the list, a customer's population figures and agreements, member choices."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from zidkor_desktop.db.models import Agreement, Customer, Membership, Organisation, Population
from zidkor_desktop.db.models.services import Service
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.customers import AddressScheme, PopulationFigure, next_debtor_number
from zidkor_desktop.domain.kinds import AgreementStatus, MembershipStatus, OrganisationKind
from zidkor_desktop.domain.membership import MembershipDates, is_voting_member, status_on


@dataclass(frozen=True)
class CustomerRow:
    """One line of the customers list."""

    customer_id: int
    organisation_id: int
    debtor_number: str
    name: str
    kind: OrganisationKind
    member_status: MembershipStatus | None
    """Status of the customer's membership on the day asked for; None: never applied."""
    is_member: bool
    """A member of the association (with votes) on that day."""
    leitweg_id: str
    einvoice_email: str
    scheme: AddressScheme
    contact_name: str
    city: str
    residents: int | None
    residents_year: int | None
    is_example: bool

    @property
    def electronic_address(self) -> str:
        """The address e-invoices go to (BT-49): the Leitweg-ID or the e-mail address."""
        if self.scheme is AddressScheme.LEITWEG_ID:
            return self.leitweg_id
        return self.einvoice_email


@dataclass(frozen=True)
class CustomerAgreementRow:
    """One agreement of a customer, as its detail view lists it (read-only)."""

    agreement_id: int
    number: str
    service: str
    status: AgreementStatus | str
    valid_from: date | None
    valid_until: date | None

    @property
    def status_label(self) -> str:
        """The status as the clerk reads it."""
        return self.status.label if isinstance(self.status, AgreementStatus) else self.status


def _membership_dates(session: Session) -> dict[int, MembershipDates]:
    table = Membership.__table__
    names = [f.name for f in fields(MembershipDates)]
    stmt = select(table.c.organisation_id, *(table.c[n] for n in names))
    return {
        row.organisation_id: MembershipDates(**{n: getattr(row, n) for n in names})
        for row in session.execute(stmt)
    }


def _latest_populations(session: Session) -> dict[int, tuple[int, int]]:
    """(year, residents) of the newest figure of every organisation."""
    table = Population.__table__
    latest: dict[int, tuple[int, int]] = {}
    stmt = select(table.c.organisation_id, table.c.year, table.c.residents).order_by(
        table.c.organisation_id, table.c.year
    )
    for organisation_id, year, residents in session.execute(stmt):
        latest[organisation_id] = (year, residents)
    return latest


def list_customers(db: Database, day: date) -> list[CustomerRow]:
    """All customers by name, with their membership as seen on `day` and newest population."""
    customer, org = Customer.__table__, Organisation.__table__
    stmt = select(customer, org.c.name, org.c.kind, org.c.city, org.c.is_example).join_from(
        customer, org, customer.c.organisation_id == org.c.id
    )
    rows = []
    with db.sessions() as session:
        memberships = _membership_dates(session)
        populations = _latest_populations(session)
        for row in session.execute(stmt):
            dates = memberships.get(row.organisation_id)
            year, residents = populations.get(row.organisation_id, (None, None))
            rows.append(
                CustomerRow(
                    customer_id=row.id,
                    organisation_id=row.organisation_id,
                    debtor_number=row.debtor_number,
                    name=row.name,
                    kind=OrganisationKind(row.kind),
                    member_status=None if dates is None else status_on(dates, day),
                    is_member=dates is not None and is_voting_member(dates, day),
                    leitweg_id=row.leitweg_id,
                    einvoice_email=row.einvoice_email,
                    scheme=AddressScheme(row.einvoice_scheme),
                    contact_name=row.contact_name,
                    city=row.city,
                    residents=residents,
                    residents_year=year,
                    is_example=row.is_example,
                )
            )
    rows.sort(key=lambda r: r.name.casefold())
    return rows


def populations_of(session: Session, organisation_id: int) -> list[PopulationFigure]:
    """The population figures of an organisation, oldest year first."""
    table = Population.__table__
    stmt = (
        select(table.c.year, table.c.residents, table.c.source, table.c.as_of)
        .where(table.c.organisation_id == organisation_id)
        .order_by(table.c.year)
    )
    return [PopulationFigure(*row) for row in session.execute(stmt)]


def customer_populations(db: Database, customer_id: int) -> list[PopulationFigure]:
    """The population figures of a customer, oldest year first (empty for an unknown id)."""
    customer = Customer.__table__
    with db.sessions() as session:
        organisation_id = session.scalar(
            select(customer.c.organisation_id).where(customer.c.id == customer_id)
        )
        return [] if organisation_id is None else populations_of(session, organisation_id)


def residents_in(session: Session, customer_id: int, year: int) -> PopulationFigure | None:
    """The population figure per-resident fees of `year` use: the newest up to that year."""
    customer, table = Customer.__table__, Population.__table__
    stmt = (
        select(table.c.year, table.c.residents, table.c.source, table.c.as_of)
        .join_from(table, customer, customer.c.organisation_id == table.c.organisation_id)
        .where(customer.c.id == customer_id, table.c.year <= year)
        .order_by(table.c.year.desc())
        .limit(1)
    )
    row = session.execute(stmt).first()
    return None if row is None else PopulationFigure(*row)


def is_member_on(session: Session, customer_id: int, day: date) -> bool:
    """Whether the customer is a member of the association (with votes) on `day`."""
    customer = Customer.__table__
    organisation_id = session.scalar(
        select(customer.c.organisation_id).where(customer.c.id == customer_id)
    )
    dates = _membership_dates(session).get(organisation_id) if organisation_id else None
    return dates is not None and is_voting_member(dates, day)


def customer_agreements(db: Database, customer_id: int) -> list[CustomerAgreementRow]:
    """The customer's agreements (number, service, status, term), newest start first."""
    agreement, service = Agreement.__table__, Service.__table__
    stmt = (
        select(
            agreement.c.id,
            agreement.c.number,
            service.c.code,
            service.c.name,
            agreement.c.status,
            agreement.c.valid_from,
            agreement.c.valid_until,
        )
        .join_from(agreement, service, agreement.c.service_id == service.c.id)
        .where(agreement.c.customer_id == customer_id)
    )
    with db.sessions() as session:
        rows = [
            CustomerAgreementRow(
                agreement_id=row.id,
                number=row.number,
                service=f"{row.code} – {row.name}",
                status=_status(row.status),
                valid_from=row.valid_from,
                valid_until=row.valid_until,
            )
            for row in session.execute(stmt)
        ]
    rows.sort(key=lambda r: (r.valid_from or date.min, r.number), reverse=True)
    return rows


def _status(value: str) -> AgreementStatus | str:
    try:
        return AgreementStatus(value)
    except ValueError:
        return value


@dataclass(frozen=True)
class MemberChoice:
    """A member organisation that can be entered as a customer."""

    organisation_id: int
    name: str


def member_choices(db: Database) -> list[MemberChoice]:
    """Organisations with a membership (any stage) that are not a customer yet, by name."""
    org, membership, customer = (
        Organisation.__table__,
        Membership.__table__,
        Customer.__table__,
    )
    taken = select(customer.c.organisation_id)
    stmt = (
        select(org.c.id, org.c.name)
        .join_from(org, membership, membership.c.organisation_id == org.c.id)
        .where(org.c.id.not_in(taken))
    )
    with db.sessions() as session:
        choices = [MemberChoice(row.id, row.name) for row in session.execute(stmt)]
    return sorted(choices, key=lambda c: c.name.casefold())


def debtor_numbers(session: Session) -> list[str]:
    """Every debtor number in use."""
    return list(session.scalars(select(Customer.__table__.c.debtor_number)))


def proposed_debtor_number(db: Database) -> str:
    """The debtor number a new customer gets unless the clerk types one (next free number)."""
    with db.sessions() as session:
        return next_debtor_number(debtor_numbers(session))
