"""Price-list versions: "Neue Fassung", save a draft's items, publish, delete a draft."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from zidkor_desktop.db.base import utcnow
from zidkor_desktop.db.models import PriceItem, PriceList, Service
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import ConcurrentChange, NotFound, RuleViolation, ValidationError
from zidkor_desktop.domain.kinds import PriceListStatus
from zidkor_desktop.domain.pricelist import ItemDraft, check_items, check_publication
from zidkor_desktop.l10n import _
from zidkor_desktop.queries.price_versions import find_version, published_dates, version_in_force
from zidkor_desktop.usecases.errors import translated_db_errors


def _draft(session: Session, version_no: int) -> PriceList:
    price_list = find_version(session, version_no)
    if price_list.status != PriceListStatus.DRAFT.value:
        raise RuleViolation(
            _(
                "Version {number} of the price list is published and can no longer be changed."
            ).format(number=version_no)
        )
    return price_list


def new_version(db: Database, today: date, source_no: int | None = None) -> int:
    """Copy the version in force today (or `source_no`) into a new draft; returns its number."""
    with translated_db_errors(), db.write() as session:
        if source_no is None:
            source_no = version_in_force(session, today)
        if source_no is None:
            raise NotFound(_("No price list is in force today; please name the version to copy."))
        source = find_version(session, source_no)
        number = (session.scalar(select(func.max(PriceList.version_no))) or 0) + 1
        draft = PriceList(
            version_no=number,
            title=source.title,
            status=PriceListStatus.DRAFT.value,
            resolution_ref="",
            based_on_id=source.id,
            notes=source.notes,
        )
        for item in source.items:
            draft.items.append(
                PriceItem(
                    **{c: getattr(item, c) for c in _ITEM_COLUMNS}, service_id=item.service_id
                )
            )
        session.add(draft)
        session.flush()
        return number


_ITEM_COLUMNS = (
    "position", "code", "title", "description", "unit", "unit_text", "unit_code", "unit_price",
    "tax_category", "tax_rate", "tax_note", "billing_rhythm",
)  # fmt: skip


def save_items(
    db: Database, version_no: int, items: Sequence[ItemDraft], loaded_version: int
) -> int:
    """Replace a draft's items with `items` in one transaction; returns the new lock counter.

    `loaded_version` is PriceList.version as loaded; a different one means someone else saved.
    """
    checked = check_items(items)
    with translated_db_errors(), db.write() as session:
        price_list = _draft(session, version_no)
        if price_list.version != loaded_version:
            raise ConcurrentChange(
                _(
                    "Version {number} of the price list was changed meanwhile; please reload it."
                ).format(number=version_no)
            )
        known = set(session.scalars(select(Service.id)))
        for row in checked:
            if row.service_id not in known:
                raise ValidationError(
                    _("Position {row}, Service: the service no longer exists.").format(
                        row=row.position
                    ),
                    "service",
                )
        price_list.items.clear()
        session.flush()  # old codes gone before the new rows arrive (unique per version)
        for row in checked:
            price_list.items.append(
                PriceItem(
                    position=row.position,
                    code=row.code,
                    service_id=row.service_id,
                    title=row.title,
                    description=row.description,
                    unit=row.unit.value,
                    unit_text=row.unit_text,
                    unit_code=row.unit_code,
                    unit_price=row.unit_price,
                    tax_category=row.tax_category.value,
                    tax_rate=row.tax_rate,
                    tax_note=row.tax_note,
                    billing_rhythm=row.billing_rhythm.value,
                )
            )
        price_list.updated_at = utcnow()  # counts the version up even if only items changed
        session.flush()
        return price_list.version


def publish(
    db: Database,
    version_no: int,
    valid_from: date,
    resolution_ref: str = "",
    title: str | None = None,
) -> None:
    """Publish a draft from `valid_from` (after the start of the last published version).

    `title` replaces the version's title (a copy still carries its source's, e.g. the year).
    """
    with translated_db_errors(), db.write() as session:
        publish_in(session, version_no, valid_from, resolution_ref, title)


def publish_in(
    session: Session,
    version_no: int,
    valid_from: date,
    resolution_ref: str = "",
    title: str | None = None,
) -> None:
    """Publish a draft inside a write transaction (also the effect of an assembly resolution)."""
    price_list = _draft(session, version_no)
    if not price_list.items:
        raise ValidationError(_("An empty price list cannot be published."), "items")
    check_publication(valid_from, published_dates(session))
    price_list.status = PriceListStatus.PUBLISHED.value
    price_list.valid_from = valid_from
    price_list.published_at = utcnow()
    if resolution_ref.strip():
        price_list.resolution_ref = resolution_ref.strip()
    if title is not None:
        if not title.strip() or len(title.strip()) > 200:
            raise ValidationError(_("Please enter a title of at most 200 characters."), "title")
        price_list.title = title.strip()
    session.flush()


def delete_draft(db: Database, version_no: int) -> None:
    """Delete a draft with its items (the caller has asked for confirmation)."""
    with translated_db_errors(), db.write() as session:
        price_list = _draft(session, version_no)
        session.delete(price_list)
        session.flush()
