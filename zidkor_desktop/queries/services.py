"""Services views: the list with today's operator, services by operator, operator on a date."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from zidkor_desktop.db.models import Organisation, Service, ServiceOperator
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import RuleViolation
from zidkor_desktop.domain.kinds import OrganisationKind, ServiceStatus
from zidkor_desktop.domain.membership import dates_of
from zidkor_desktop.domain.operators import Assignment, Candidate, check_eligible, operator_on


@dataclass(frozen=True)
class ServiceRow:
    """One line of the services list."""

    service_id: int
    code: str
    name: str
    status: ServiceStatus
    started_on: date | None
    operator: str | None
    operator_id: int | None


@dataclass(frozen=True)
class HistoryRow:
    """One period of the operator history of a service."""

    organisation_id: int
    city: str
    valid_from: date
    valid_until: date | None
    resolution_ref: str


def city_name(organisation: Organisation) -> str:
    """How a city is named in lists and messages."""
    return organisation.name


def history_of(service: Service) -> list[Assignment]:
    """The stored operator history of a loaded service, oldest first."""
    return [
        Assignment(o.organisation_id, city_name(o.organisation), o.valid_from, o.valid_until)
        for o in sorted(service.operators, key=lambda o: o.valid_from)
    ]


def all_services(session: Session) -> list[Service]:
    """Every service with its operator history loaded."""
    stmt = select(Service).options(
        selectinload(Service.operators).selectinload(ServiceOperator.organisation)
    )
    return list(session.scalars(stmt))


def _row(service: Service, day: date) -> ServiceRow:
    current = operator_on(history_of(service), day)
    return ServiceRow(
        service_id=service.id,
        code=service.code,
        name=service.name,
        status=ServiceStatus(service.status),
        started_on=service.started_on,
        operator=current.city if current else None,
        operator_id=current.organisation_id if current else None,
    )


def list_services(db: Database, day: date) -> list[ServiceRow]:
    """All services by code, each with its operating city on `day`."""
    with db.sessions() as session:
        rows = [_row(s, day) for s in all_services(session)]
    return sorted(rows, key=lambda r: r.code.casefold())


def services_by_operator(db: Database, day: date) -> dict[str, list[ServiceRow]]:
    """The services each city operates on `day` (cities by name, services by code)."""
    grouped: dict[str, list[ServiceRow]] = defaultdict(list)
    for row in list_services(db, day):
        if row.operator is not None:
            grouped[row.operator].append(row)
    return dict(sorted(grouped.items()))


def operator_history(db: Database, service_id: int) -> list[HistoryRow]:
    """Every operator period of a service, oldest first."""
    with db.sessions() as session:
        stmt = (
            select(ServiceOperator)
            .where(ServiceOperator.service_id == service_id)
            .options(selectinload(ServiceOperator.organisation))
            .order_by(ServiceOperator.valid_from)
        )
        return [
            HistoryRow(
                o.organisation_id,
                city_name(o.organisation),
                o.valid_from,
                o.valid_until,
                o.resolution_ref,
            )
            for o in session.scalars(stmt)
        ]


def find_service(session: Session, code: str) -> Service | None:
    """The service with this code, compared without regard to case."""
    wanted = code.strip().casefold()
    return next((s for s in all_services(session) if s.code.casefold() == wanted), None)


def operator_of(db: Database, code: str, day: date) -> str | None:
    """The city operating the service `code` on `day` (None: none, or no such service)."""
    with db.sessions() as session:
        service = find_service(session, code)
        if service is None:
            return None
        current = operator_on(history_of(service), day)
        return current.city if current else None


def candidate_of(organisation: Organisation) -> Candidate:
    """An organisation as a proposed operator."""
    membership = organisation.membership
    return Candidate(
        organisation_id=organisation.id,
        city=city_name(organisation),
        kind=OrganisationKind(organisation.kind),
        is_municipal_body=organisation.is_municipal_body,
        membership=dates_of(membership) if membership is not None else None,
    )


def organisations(session: Session) -> list[Organisation]:
    """All organisations with their membership, by name."""
    stmt = (
        select(Organisation)
        .options(selectinload(Organisation.membership))
        .order_by(Organisation.name)
    )
    return list(session.scalars(stmt))


def _eligible(candidate: Candidate, day: date) -> bool:
    try:
        check_eligible("", candidate, day)
    except RuleViolation:
        return False
    return True


def eligible_cities(db: Database, day: date) -> list[tuple[int, str]]:
    """(id, name) of the cities that may operate a service from `day` on."""
    with db.sessions() as session:
        return [
            (o.id, city_name(o)) for o in organisations(session) if _eligible(candidate_of(o), day)
        ]
