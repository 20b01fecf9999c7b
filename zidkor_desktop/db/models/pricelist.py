"""Price-list versions (Leistungs- und Entgeltverzeichnis) and their items."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zidkor_desktop.db.base import Base, Percent, UnitPrice, UtcDateTime, Versioned
from zidkor_desktop.db.models._columns import enum_check, enum_column_type
from zidkor_desktop.db.models.services import Service
from zidkor_desktop.domain.kinds import BillingRhythm, PriceListStatus, PriceUnit, TaxCategory


class PriceList(Versioned, Base):
    """One version of the price list, draft or published, valid from a date."""

    __tablename__ = "price_list"
    __table_args__ = (
        enum_check("status", PriceListStatus),
        # Two published versions never start on the same day (drafts have no date: NULLs differ).
        Index("ux_price_list_valid_from", "valid_from", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_no: Mapped[int] = mapped_column(Integer, unique=True)
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(enum_column_type(PriceListStatus))
    valid_from: Mapped[date | None] = mapped_column(Date)
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    resolution_ref: Mapped[str] = mapped_column(String(120), default="")
    based_on_id: Mapped[int | None] = mapped_column(ForeignKey("price_list.id"))
    notes: Mapped[str] = mapped_column(Text, default="")
    is_example: Mapped[bool] = mapped_column(default=False)

    items: Mapped[list[PriceItem]] = relationship(
        back_populates="price_list", order_by="PriceItem.position", cascade="all, delete-orphan"
    )


class PriceItem(Base):
    """A fee position: service, unit, exact net price and tax treatment."""

    __tablename__ = "price_item"
    __table_args__ = (
        UniqueConstraint("price_list_id", "code"),
        enum_check("unit", PriceUnit),
        enum_check("tax_category", TaxCategory),
        enum_check("billing_rhythm", BillingRhythm),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    price_list_id: Mapped[int] = mapped_column(
        ForeignKey("price_list.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(20))
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    unit: Mapped[str] = mapped_column(enum_column_type(PriceUnit))
    unit_text: Mapped[str] = mapped_column(String(120), default="", server_default="")
    """The unit as people read it, e.g. "je Arbeitsplatz und Monat"."""
    unit_code: Mapped[str] = mapped_column(String(3), default="C62", server_default="C62")
    """UN/ECE Recommendation 20 code of the unit for e-invoices (C62, MON, ANN, H87, HUR ...)."""
    unit_price: Mapped[Decimal] = mapped_column(UnitPrice)
    tax_category: Mapped[str] = mapped_column(enum_column_type(TaxCategory))
    tax_rate: Mapped[Decimal] = mapped_column(Percent, default=Decimal("0.00"))
    tax_note: Mapped[str] = mapped_column(Text, default="")
    billing_rhythm: Mapped[str] = mapped_column(enum_column_type(BillingRhythm))

    price_list: Mapped[PriceList] = relationship(back_populates="items")
    service: Mapped[Service] = relationship()
