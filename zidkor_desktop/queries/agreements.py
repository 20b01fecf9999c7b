"""Agreements views: lists by customer, service and status, one agreement, quantities on a day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from zidkor_desktop.db.models import (
    Agreement,
    AgreementItem,
    Customer,
    Organisation,
    PriceItem,
    PriceList,
    Service,
    ServiceOperator,
)
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.agreements import QuantityPeriod, ends_soon
from zidkor_desktop.domain.errors import NotFound
from zidkor_desktop.domain.kinds import AgreementStatus, BillingRhythm, PriceUnit
from zidkor_desktop.domain.membership import dates_of, is_voting_member
from zidkor_desktop.domain.operators import operator_on
from zidkor_desktop.l10n import _
from zidkor_desktop.queries.customers import residents_in
from zidkor_desktop.queries.price_versions import version_in_force
from zidkor_desktop.queries.services import history_of


@dataclass(frozen=True)
class ItemQuantity:
    """A price item of an agreement with its quantity on a day (how it was found in `source`)."""

    price_code: str
    title: str
    unit: PriceUnit | None
    quantity: Decimal
    per_resident: bool
    population_year: int | None
    """For per-resident items: the year of the population figure used (None: none recorded)."""


@dataclass(frozen=True)
class AgreementRow:
    """One line of the agreements list, as of a day."""

    agreement_id: int
    number: str
    title: str
    customer_id: int
    customer: str
    service_id: int
    service_code: str
    service: str
    status: AgreementStatus
    valid_from: date | None
    valid_until: date | None
    notice_months: int
    signed_on: date | None
    billing_rhythm: BillingRhythm
    is_member: bool
    authority_approved_on: date | None
    operator: str | None
    ends_soon: bool
    items: list[ItemQuantity]


@dataclass(frozen=True)
class QuantityRow:
    """One period of the quantity history of an item."""

    item_id: int
    price_code: str
    quantity: Decimal
    valid_from: date
    valid_until: date | None
    note: str


@dataclass(frozen=True)
class OperatorPeriod:
    """A city operating the agreement's service during part of the agreement's term."""

    city: str
    valid_from: date
    valid_until: date | None


@dataclass(frozen=True)
class AgreementDetail:
    """Everything the detail view and the document need about one agreement."""

    row: AgreementRow
    council_resolution_on: date | None
    authority_file_number: str
    announced_on: date | None
    announced_in: str
    notice_given_on: date | None
    notes: str
    version: int
    history: list[QuantityRow]
    operators: list[OperatorPeriod]


def _loaded() -> Select[tuple[Agreement]]:
    return select(Agreement).options(
        selectinload(Agreement.items),
        selectinload(Agreement.customer)
        .selectinload(Customer.organisation)
        .selectinload(Organisation.membership),
        selectinload(Agreement.service)
        .selectinload(Service.operators)
        .selectinload(ServiceOperator.organisation),
    )


def periods_of(agreement: Agreement) -> list[QuantityPeriod]:
    """The stored quantity periods of a loaded agreement."""
    return [
        QuantityPeriod(i.price_code, i.quantity, i.valid_from, i.valid_until)
        for i in agreement.items
    ]


def is_member_on(organisation: Organisation, day: date) -> bool:
    """Whether the organisation is an approved (voting) member of the association on `day`."""
    membership = organisation.membership
    return membership is not None and is_voting_member(dates_of(membership), day)


def member_check_day(agreement: Agreement, today: date) -> date:
    """The day membership is judged on: the agreement's start, else today."""
    return agreement.valid_from or today


def price_items_on(session: Session, day: date) -> dict[str, PriceItem]:
    """Price items by code: the version in force on `day`, else the newest version."""
    number = version_in_force(session, day)
    stmt = select(PriceList).order_by(PriceList.version_no.desc())
    if number is not None:
        stmt = stmt.where(PriceList.version_no == number)
    price_list = session.scalars(stmt.options(selectinload(PriceList.items))).first()
    return {i.code: i for i in price_list.items} if price_list is not None else {}


def item_quantities(
    session: Session, agreement: Agreement, day: date, prices: dict[str, PriceItem]
) -> list[ItemQuantity]:
    result = []
    for period in periods_of(agreement):
        if not period.covers(day):
            continue
        price = prices.get(period.price_code)
        unit = PriceUnit(price.unit) if price is not None else None
        quantity, year = period.quantity, None
        per_resident = unit is PriceUnit.RESIDENT_YEAR
        if per_resident:
            figure = residents_in(session, agreement.customer_id, day.year)
            if figure is not None:
                year, quantity = figure.year, Decimal(figure.residents)
        title = price.title if price is not None else ""
        result.append(ItemQuantity(period.price_code, title, unit, quantity, per_resident, year))
    return sorted(result, key=lambda q: q.price_code)


def _row(
    session: Session, agreement: Agreement, day: date, prices: dict[str, PriceItem]
) -> AgreementRow:
    status = AgreementStatus(agreement.status)
    operator = operator_on(history_of(agreement.service), day)
    organisation = agreement.customer.organisation
    return AgreementRow(
        agreement_id=agreement.id,
        number=agreement.number,
        title=agreement.title,
        customer_id=agreement.customer_id,
        customer=organisation.name,
        service_id=agreement.service_id,
        service_code=agreement.service.code,
        service=agreement.service.name,
        status=status,
        valid_from=agreement.valid_from,
        valid_until=agreement.valid_until,
        notice_months=agreement.notice_months,
        signed_on=agreement.signed_on,
        billing_rhythm=BillingRhythm(agreement.billing_rhythm),
        is_member=is_member_on(organisation, member_check_day(agreement, day)),
        authority_approved_on=agreement.authority_approved_on,
        operator=operator.city if operator else None,
        ends_soon=ends_soon(status, agreement.valid_until, day),
        items=item_quantities(session, agreement, day, prices),
    )


def list_agreements(
    db: Database,
    day: date,
    *,
    customer_id: int | None = None,
    service_id: int | None = None,
    status: AgreementStatus | None = None,
) -> list[AgreementRow]:
    """Agreements by customer and number, filtered, each with operator and quantities on `day`."""
    stmt = _loaded()
    if customer_id is not None:
        stmt = stmt.where(Agreement.customer_id == customer_id)
    if service_id is not None:
        stmt = stmt.where(Agreement.service_id == service_id)
    if status is not None:
        stmt = stmt.where(Agreement.status == AgreementStatus(status).value)
    with db.sessions() as session:
        prices = price_items_on(session, day)
        rows = [_row(session, a, day, prices) for a in session.scalars(stmt)]
    return sorted(rows, key=lambda r: (r.customer.casefold(), r.number))


def load_agreement(session: Session, agreement_id: int) -> Agreement:
    """The agreement with items, customer and service loaded; NotFound otherwise."""
    agreement = session.scalars(_loaded().where(Agreement.id == agreement_id)).first()
    if agreement is None:
        raise NotFound(_("The agreement no longer exists."))
    return agreement


def _operators(agreement: Agreement) -> list[OperatorPeriod]:
    """The operator periods that overlap the agreement's term, cut to the term."""
    start, end = agreement.valid_from, agreement.valid_until
    result = []
    for a in history_of(agreement.service):
        if end is not None and a.valid_from > end:
            continue
        if start is not None and a.valid_until is not None and a.valid_until < start:
            continue
        begin = max(a.valid_from, start) if start else a.valid_from
        until = a.valid_until if end is None else min(end, a.valid_until or end)
        result.append(OperatorPeriod(a.city, begin, until))
    return result


def agreement_detail(db: Database, agreement_id: int, day: date) -> AgreementDetail:
    """One agreement as of `day`, with quantity history and operating cities over its term."""
    with db.sessions() as session:
        agreement = load_agreement(session, agreement_id)
        row = _row(session, agreement, day, price_items_on(session, day))
        history = [
            QuantityRow(i.id, i.price_code, i.quantity, i.valid_from, i.valid_until, i.note)
            for i in sorted(agreement.items, key=lambda i: (i.price_code, i.valid_from))
        ]
        return AgreementDetail(
            row=row,
            council_resolution_on=agreement.council_resolution_on,
            authority_file_number=agreement.authority_file_number,
            announced_on=agreement.announced_on,
            announced_in=agreement.announced_in,
            notice_given_on=agreement.notice_given_on,
            notes=agreement.notes,
            version=agreement.version,
            history=history,
            operators=_operators(agreement),
        )


def quantities_on(db: Database, agreement_id: int, day: date) -> list[ItemQuantity]:
    """The items of an agreement with their quantities on `day` (what an invoice uses)."""
    with db.sessions() as session:
        agreement = load_agreement(session, agreement_id)
        return item_quantities(session, agreement, day, price_items_on(session, day))


def agreement_id_by_number(db: Database, number: str) -> int:
    """The id of the agreement with this number (or numeric id); NotFound names it."""
    with db.sessions() as session:
        found = session.scalar(select(Agreement.id).where(Agreement.number == number.strip()))
        if found is None and number.strip().isdigit():
            found = session.scalar(select(Agreement.id).where(Agreement.id == int(number)))
        if found is None:
            raise NotFound(
                _("There is no agreement with the number {number}.").format(number=number)
            )
        return found


def item_ids(agreement: Agreement) -> dict[tuple[str, date], AgreementItem]:
    """The stored item rows of a loaded agreement by (code, valid_from)."""
    return {(i.price_code, i.valid_from): i for i in agreement.items}


def customer_choices(db: Database) -> list[tuple[int, str]]:
    """(customer id, name) of every customer by name, for choosing one."""
    with db.sessions() as session:
        rows = session.execute(
            select(Customer.id, Organisation.name)
            .join(Organisation, Customer.organisation_id == Organisation.id)
            .order_by(Organisation.name)
        )
        return [(customer_id, name) for customer_id, name in rows]
