"""Services (Verfahren): create and edit them, and change the operating member city."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from zidkor_desktop.db.models import Organisation, Service, ServiceOperator
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import NotFound, RuleViolation, ValidationError
from zidkor_desktop.domain.kinds import ServiceStatus
from zidkor_desktop.domain.operators import (
    Assignment,
    check_eligible,
    describe_change,
    operator_on,
    plan_change,
)
from zidkor_desktop.domain.text import check_text
from zidkor_desktop.l10n import N_, _
from zidkor_desktop.queries.services import (
    all_services,
    candidate_of,
    city_name,
    find_service,
    history_of,
)
from zidkor_desktop.usecases.errors import translated_db_errors


@dataclass
class ServiceInput:
    """Everything the service dialog edits."""

    code: str
    name: str
    status: ServiceStatus = ServiceStatus.PLANNED
    description: str = ""
    legal_basis: str = ""
    started_on: date | None = None


@dataclass
class ServiceRecord:
    """A stored service as loaded for editing, with its version for conflict detection."""

    service_id: int
    data: ServiceInput
    version: int


@dataclass(frozen=True)
class OperatorChange:
    """The outcome of a change of operator: the new history and what changed, in words."""

    service: str
    history: list[Assignment]
    summary: str


TEXT_LABELS = {
    "code": N_("Code"),
    "name": N_("Name"),
    "description": N_("Description"),
    "legal_basis": N_("Legal basis / notes"),
}
MULTILINE_FIELDS = frozenset({"description", "legal_basis"})
_FIELDS = ("code", "name", "description", "legal_basis", "started_on")


def _clean(data: ServiceInput) -> ServiceInput:
    """Strip and validate the input; returns the cleaned copy."""
    cleaned = replace(data, **{name: getattr(data, name).strip() for name in TEXT_LABELS})
    for name, label in TEXT_LABELS.items():
        check_text(
            getattr(cleaned, name), field=name, label=_(label), multiline=name in MULTILINE_FIELDS
        )
    if not cleaned.code:
        raise ValidationError(_("Please enter the code of the service."), "code")
    if len(cleaned.code) > 20:
        raise ValidationError(_("The code is too long (at most 20 characters)."), "code")
    if not cleaned.name:
        raise ValidationError(_("Please enter the name of the service."), "name")
    if len(cleaned.name) > 200:
        raise ValidationError(_("The name is too long (at most 200 characters)."), "name")
    return replace(cleaned, status=ServiceStatus(cleaned.status))


def label_of(service: Service) -> str:
    """How a service is named in messages."""
    return service.code


def _check_unique_code(session: Session, code: str, service_id: int | None) -> None:
    """Refuse a code that differs from another one only in case (checked inside the write)."""
    other = find_service(session, code)
    if other is not None and other.id != service_id:
        raise ValidationError(
            _("A service with the code {code} already exists.").format(code=other.code), "code"
        )


def _check_active(service: Service, data: ServiceInput, today: date) -> None:
    """An active service needs an operating city today (or on its start date if later)."""
    if data.status is not ServiceStatus.ACTIVE:
        return
    day = max(today, data.started_on) if data.started_on else today
    if operator_on(history_of(service), day) is None:
        raise ValidationError(
            _(
                "Service {code} has no operating city on {day}; an active service needs one. "
                'Please assign one first with "Change operator...".'
            ).format(code=data.code, day=day.strftime("%d.%m.%Y")),
            "status",
        )


def create_service(db: Database, data: ServiceInput, today: date) -> int:
    """Record a new service; returns its id."""
    data = _clean(data)
    with translated_db_errors(), db.write() as session:
        _check_unique_code(session, data.code, None)
        service = Service(status=data.status.value, **{n: getattr(data, n) for n in _FIELDS})
        _check_active(service, data, today)
        session.add(service)
        session.flush()
        return service.id


def _load(session: Session, service_id: int) -> Service:
    service = session.get(
        Service,
        service_id,
        options=[selectinload(Service.operators).selectinload(ServiceOperator.organisation)],
    )
    if service is None:
        raise NotFound(_("The service no longer exists."))
    return service


def get_service(db: Database, service_id: int) -> ServiceRecord:
    """Load a service for editing."""
    with db.sessions() as session:
        service = _load(session, service_id)
        data = ServiceInput(
            status=ServiceStatus(service.status), **{n: getattr(service, n) for n in _FIELDS}
        )
        return ServiceRecord(service.id, data, service.version)


def update_service(db: Database, record: ServiceRecord, data: ServiceInput, today: date) -> None:
    """Save edits of a service; refuses if someone else changed it since `record` was loaded."""
    data = _clean(data)
    with translated_db_errors(), db.write() as session:
        service = _load(session, record.service_id)
        if service.version != record.version:
            raise StaleDataError("service changed since it was loaded")
        _check_unique_code(session, data.code, service.id)
        _check_active(service, data, today)
        if data.started_on is not None and service.operators:
            first = min(o.valid_from for o in service.operators)
            if first != data.started_on:
                raise ValidationError(
                    _(
                        "Service {code}: the first operator starts on {first}; the service must "
                        "start on the same day, not on {day}."
                    ).format(
                        code=data.code,
                        first=first.strftime("%d.%m.%Y"),
                        day=data.started_on.strftime("%d.%m.%Y"),
                    ),
                    "started_on",
                )
        service.status = data.status.value
        for name in _FIELDS:
            setattr(service, name, getattr(data, name))


def _plan(
    session: Session, service: Service, organisation_id: int, valid_from: date
) -> OperatorChange:
    organisation = session.get(
        Organisation, organisation_id, options=[selectinload(Organisation.membership)]
    )
    if organisation is None:
        raise NotFound(_("The organisation no longer exists."))
    label = label_of(service)
    if service.status == ServiceStatus.RETIRED.value:
        raise RuleViolation(
            _("Service {service} is retired; it gets no new operator.").format(service=label)
        )
    candidate = candidate_of(organisation)
    check_eligible(label, candidate, valid_from)
    before = history_of(service)
    new = Assignment(organisation.id, city_name(organisation), valid_from)
    after = plan_change(label, before, new, service.started_on)
    return OperatorChange(label, after, describe_change(before, after))


def _service_by_id(session: Session, service_id: int) -> Service:
    return _load(session, service_id)


def preview_operator_change(
    db: Database, service_id: int, organisation_id: int, valid_from: date
) -> OperatorChange:
    """What assigning the city from the date would do (raises the refusal it would meet)."""
    with translated_db_errors(), db.sessions() as session:
        return _plan(session, _service_by_id(session, service_id), organisation_id, valid_from)


def assign_operator(
    db: Database,
    service_id: int,
    organisation_id: int,
    valid_from: date,
    resolution_ref: str = "",
) -> OperatorChange:
    """Let a city operate the service from a date; the previous one ends the day before."""
    resolution_ref = resolution_ref.strip()
    check_text(resolution_ref, field="resolution_ref", label=_("Resolution"))
    if len(resolution_ref) > 120:
        raise ValidationError(
            _("The resolution reference is too long (at most 120 characters)."), "resolution_ref"
        )
    with translated_db_errors(), db.write() as session:
        service = _service_by_id(session, service_id)
        change = _plan(session, service, organisation_id, valid_from)
        closing = {a.valid_from: a.valid_until for a in change.history}
        for stored in service.operators:
            if stored.valid_until != closing[stored.valid_from]:
                stored.valid_until = closing[stored.valid_from]
        service.operators.append(
            ServiceOperator(
                organisation_id=organisation_id,
                valid_from=valid_from,
                resolution_ref=resolution_ref,
            )
        )
        return change


def service_id_by_code(db: Database, code: str) -> int:
    """The id of the service with this code (case-insensitive); NotFound names the code."""
    with db.sessions() as session:
        service = find_service(session, code)
        if service is None:
            codes = ", ".join(s.code for s in sorted(all_services(session), key=lambda s: s.code))
            raise NotFound(
                _("There is no service with the code {code} (known: {codes}).").format(
                    code=code, codes=codes or "–"
                )
            )
        return service.id
