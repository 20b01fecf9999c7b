"""Read-only: the stored agreements, prices, operators and customers as billing-run input."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from zidkor_desktop.db.models import (
    Agreement,
    Customer,
    PriceList,
    Service,
    ServiceOperator,
)
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.agreements import QuantityPeriod
from zidkor_desktop.domain.billing import (
    BilledAgreement,
    BilledCustomer,
    BillingPeriod,
    PriceTerms,
    PriceVersion,
)
from zidkor_desktop.domain.kinds import (
    AgreementStatus,
    BillingRhythm,
    PriceListStatus,
    PriceUnit,
    TaxCategory,
)
from zidkor_desktop.domain.operators import Assignment
from zidkor_desktop.queries.agreements import periods_of
from zidkor_desktop.queries.customers import residents_in
from zidkor_desktop.queries.services import history_of

_BILLED = (AgreementStatus.ACTIVE.value, AgreementStatus.NOTICE_GIVEN.value)


@dataclass(frozen=True)
class BillingInput:
    """Everything `domain.billing.billing_run` needs for one period."""

    customers: list[BilledCustomer]
    agreements: list[BilledAgreement]
    prices: list[PriceVersion]
    operators: dict[str, list[Assignment]]


def price_versions(session: Session) -> list[PriceVersion]:
    """The published price-list versions with their items as price terms."""
    stmt = (
        select(PriceList)
        .where(PriceList.status == PriceListStatus.PUBLISHED.value)
        .options(selectinload(PriceList.items))
    )
    return [
        PriceVersion(
            version.version_no,
            version.valid_from,
            {
                item.code: PriceTerms(
                    title=item.title,
                    unit=PriceUnit(item.unit),
                    unit_label=item.unit_text,
                    unit_code=item.unit_code,
                    unit_price=item.unit_price,
                    tax_category=TaxCategory(item.tax_category),
                    tax_rate=item.tax_rate,
                    tax_note=item.tax_note,
                )
                for item in version.items
            },
        )
        for version in session.scalars(stmt)
        if version.valid_from is not None
    ]


def _per_resident_codes(prices: list[PriceVersion]) -> set[str]:
    return {
        code
        for version in prices
        for code, terms in version.items.items()
        if terms.unit is PriceUnit.RESIDENT_YEAR
    }


def _by_year(
    session: Session, customer_id: int, period: QuantityPeriod, within: BillingPeriod
) -> list[QuantityPeriod]:
    """A per-resident quantity period cut by calendar year, each with that year's residents."""
    start = max(period.valid_from, within.start)
    end = within.end if period.valid_until is None else min(period.valid_until, within.end)
    result = []
    for year in range(start.year, end.year + 1):
        part_start, part_end = max(start, date(year, 1, 1)), min(end, date(year, 12, 31))
        figure = residents_in(session, customer_id, year)
        quantity = Decimal(figure.residents) if figure is not None else period.quantity
        result.append(QuantityPeriod(period.price_code, quantity, part_start, part_end))
    return result


def _quantities(
    session: Session, agreement: Agreement, per_resident: set[str], period: BillingPeriod
) -> list[QuantityPeriod]:
    result: list[QuantityPeriod] = []
    for stored in periods_of(agreement):
        if stored.price_code in per_resident:
            result.extend(_by_year(session, agreement.customer_id, stored, period))
        else:
            result.append(stored)
    return result


def _agreements(session: Session, period: BillingPeriod) -> list[Agreement]:
    stmt = (
        select(Agreement)
        .where(
            Agreement.status.in_(_BILLED),
            Agreement.valid_from.is_not(None),
            Agreement.valid_from <= period.end,
            or_(Agreement.valid_until.is_(None), Agreement.valid_until >= period.start),
        )
        .options(
            selectinload(Agreement.items),
            selectinload(Agreement.service)
            .selectinload(Service.operators)
            .selectinload(ServiceOperator.organisation),
            selectinload(Agreement.customer).selectinload(Customer.organisation),
        )
        .order_by(Agreement.number)
    )
    return list(session.scalars(stmt))


def _customer(customer: Customer) -> BilledCustomer:
    return BilledCustomer(
        customer.id,
        customer.organisation.name,
        customer.leitweg_id,
        customer.einvoice_email,
    )


def billing_input(db: Database, period: BillingPeriod) -> BillingInput:
    """The agreements in force in the period, the published prices, operators and customers."""
    with db.sessions() as session:
        prices = price_versions(session)
        per_resident = _per_resident_codes(prices)
        stored = _agreements(session, period)
        agreements = [
            BilledAgreement(
                agreement_id=a.id,
                number=a.number,
                customer_id=a.customer_id,
                service_code=a.service.code,
                valid_from=a.valid_from,
                valid_until=a.valid_until,
                rhythm=BillingRhythm(a.billing_rhythm),
                quantities=_quantities(session, a, per_resident, period),
            )
            for a in stored
        ]
        customers = {a.customer_id: _customer(a.customer) for a in stored}
        operators = {a.service.code: history_of(a.service) for a in stored}
        return BillingInput(list(customers.values()), agreements, prices, operators)
