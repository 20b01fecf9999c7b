"""Read-only views of the price-list versions: the versions, one version's items, a comparison."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from zidkor_desktop.db.models import PriceItem, PriceList
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import NotFound
from zidkor_desktop.domain.kinds import BillingRhythm, PriceListStatus, PriceUnit, TaxCategory
from zidkor_desktop.domain.pricelist import (
    Comparison,
    compare,
    compare_row,
    in_force_on,
    periods,
)
from zidkor_desktop.l10n import _


@dataclass(frozen=True)
class VersionRow:
    """One version of the price list with its period of validity."""

    version_no: int
    title: str
    status: PriceListStatus
    valid_from: date | None
    valid_until: date | None
    items: int
    based_on: int | None
    version: int
    """Optimistic-locking counter of the version (for saving its items)."""


@dataclass(frozen=True)
class ItemRow:
    """One item of a version as shown and exported."""

    version_no: int
    position: int
    code: str
    service: str
    service_id: int
    title: str
    description: str
    unit: PriceUnit
    unit_text: str
    unit_code: str
    unit_price: Decimal
    tax_category: TaxCategory
    tax_rate: Decimal
    tax_note: str
    billing_rhythm: BillingRhythm


def published_dates(session: Session) -> list[tuple[int, date]]:
    """(version number, valid-from) of every published version."""
    rows = session.execute(
        select(PriceList.version_no, PriceList.valid_from).where(
            PriceList.status == PriceListStatus.PUBLISHED.value
        )
    )
    return [(number, start) for number, start in rows if start is not None]


def find_version(session: Session, version_no: int) -> PriceList:
    """The version with this number; NotFound with a German message otherwise."""
    found = session.scalar(
        select(PriceList)
        .where(PriceList.version_no == version_no)
        .options(selectinload(PriceList.items).selectinload(PriceItem.service))
    )
    if found is None:
        raise NotFound(_("There is no price list version {number}.").format(number=version_no))
    return found


def version_in_force(session: Session, day: date) -> int | None:
    """Number of the published version in force on `day`."""
    return in_force_on(published_dates(session), day)


def list_versions(db: Database) -> list[VersionRow]:
    """All versions, oldest first, with the day until which a published one is in force."""
    with db.sessions() as session:
        until = {p.version_no: p.until for p in periods(published_dates(session))}
        lists = session.scalars(
            select(PriceList).options(selectinload(PriceList.items)).order_by(PriceList.version_no)
        ).all()
        numbers = {p.id: p.version_no for p in lists}
        return [
            VersionRow(
                p.version_no,
                p.title,
                PriceListStatus(p.status),
                p.valid_from,
                until.get(p.version_no),
                len(p.items),
                numbers.get(p.based_on_id or 0),
                p.version,
            )
            for p in lists
        ]


def _item_row(version_no: int, item: PriceItem) -> ItemRow:
    return ItemRow(
        version_no, item.position, item.code, item.service.code, item.service_id, item.title,
        item.description, PriceUnit(item.unit), item.unit_text, item.unit_code, item.unit_price,
        TaxCategory(item.tax_category), item.tax_rate, item.tax_note,
        BillingRhythm(item.billing_rhythm),
    )  # fmt: skip


def version_items(
    db: Database, version_no: int | None = None, day: date | None = None
) -> list[ItemRow]:
    """Items of a version: the one numbered, else the one in force on `day` (else the newest)."""
    with db.sessions() as session:
        version_no = chosen_version(session, version_no, day or date.today())
        price_list = find_version(session, version_no)
        return [_item_row(version_no, item) for item in price_list.items]


def items_in_force(db: Database, day: date) -> list[ItemRow]:
    """Items of the published version in force on `day` (none before the first version)."""
    with db.sessions() as session:
        version_no = version_in_force(session, day)
        if version_no is None:
            return []
        return [_item_row(version_no, item) for item in find_version(session, version_no).items]


def chosen_version(session: Session, version_no: int | None, day: date) -> int:
    """The version meant: the one numbered, else the one in force on `day`, else the newest."""
    if version_no is None:
        version_no = version_in_force(session, day)
    if version_no is None:
        version_no = session.scalar(
            select(PriceList.version_no).order_by(PriceList.version_no.desc())
        )
    if version_no is None:
        raise NotFound(_("There is no price list yet."))
    return version_no


def service_items(db: Database, service_id: int, day: date) -> tuple[int | None, list[ItemRow]]:
    """The version in force on `day` (None before the first) and its items of a service."""
    with db.sessions() as session:
        version_no = version_in_force(session, day)
        if version_no is None:
            return None, []
        price_list = find_version(session, version_no)
        items = [i for i in price_list.items if i.service_id == service_id]
        return version_no, [_item_row(version_no, item) for item in items]


def compare_versions(db: Database, old_no: int, new_no: int) -> Comparison:
    """Added, removed and changed items from version old_no to new_no (matched by code)."""
    with db.sessions() as session:
        old, new = find_version(session, old_no), find_version(session, new_no)
        return compare(
            [compare_row(row, row.service) for row in (_item_row(old_no, i) for i in old.items)],
            [compare_row(row, row.service) for row in (_item_row(new_no, i) for i in new.items)],
        )
