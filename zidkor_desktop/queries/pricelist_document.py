"""The published price list in force on a date, as the plain snapshot its PDF is printed from."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from zidkor_desktop.db.models import Service, ServiceOperator
from zidkor_desktop.db.models.pricelist import PriceItem, PriceList
from zidkor_desktop.db.models.settings import AssociationSettings
from zidkor_desktop.db.session import Database
from zidkor_desktop.documents.price_list import (
    PriceListDocument,
    PriceListLine,
    PriceListService,
)
from zidkor_desktop.domain.errors import NotFound
from zidkor_desktop.domain.kinds import BillingRhythm, PriceUnit, TaxCategory
from zidkor_desktop.domain.operators import operator_on
from zidkor_desktop.domain.pricelist import in_force_on, periods
from zidkor_desktop.l10n import _, format_date
from zidkor_desktop.queries.price_versions import find_version, published_dates
from zidkor_desktop.queries.services import history_of


def unit_text(item: PriceItem) -> str:
    """The unit as people read it ('je Arbeitsplatz und Monat'); the one place to change."""
    return item.unit_text or PriceUnit(item.unit).label


def version_in_force(session: Session, day: date) -> tuple[PriceList, date | None]:
    """The published version valid on `day` and the last day it is valid (None: open-ended)."""
    published = published_dates(session)
    number = in_force_on(published, day)
    if number is None:
        raise NotFound(
            _("No published price list is in force on {date}.").format(date=format_date(day))
        )
    until = next(p.until for p in periods(published) if p.version_no == number)
    return find_version(session, number), until


def _items(session: Session, price_list_id: int) -> list[PriceItem]:
    stmt = (
        select(PriceItem)
        .where(PriceItem.price_list_id == price_list_id)
        .options(
            selectinload(PriceItem.service)
            .selectinload(Service.operators)
            .selectinload(ServiceOperator.organisation)
        )
        .order_by(PriceItem.position, PriceItem.id)
    )
    return list(session.scalars(stmt))


def _line(item: PriceItem) -> PriceListLine:
    return PriceListLine(
        position=item.position,
        code=item.code,
        title=item.title,
        description=item.description or "",
        unit_text=unit_text(item),
        unit_price=item.unit_price,
        tax_category=TaxCategory(item.tax_category),
        tax_note=item.tax_note or "",
        rhythm_label=BillingRhythm(item.billing_rhythm).label,
    )


def _services(items: list[PriceItem], day: date) -> list[PriceListService]:
    """Services in the order of their first position, each with its lines and operator."""
    grouped: dict[int, tuple[Service, list[PriceListLine]]] = {}
    for item in items:
        grouped.setdefault(item.service_id, (item.service, []))[1].append(_line(item))
    services = []
    for service, lines in grouped.values():
        current = operator_on(history_of(service), day)
        services.append(
            PriceListService(
                code=service.code,
                name=service.name,
                operator=current.city if current else None,
                lines=lines,
            )
        )
    return services


def price_list_document(
    db: Database, day: date, printed_on: date | None = None
) -> PriceListDocument:
    """The schedule of services and fees valid on `day`; NotFound if none is published for it."""
    with db.sessions() as session:
        settings = session.scalars(select(AssociationSettings)).first()
        if settings is None:
            raise NotFound(_("The database has not been set up yet."))
        version, valid_until = version_in_force(session, day)
        assert version.valid_from is not None
        return PriceListDocument(
            association_name=settings.name,
            short_name=settings.short_name,
            version_no=version.version_no,
            title=version.title,
            valid_from=version.valid_from,
            valid_until=valid_until,
            as_of=day,
            services=_services(_items(session, version.id), day),
            printed_on=printed_on or date.today(),
        )
