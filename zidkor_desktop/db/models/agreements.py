"""Service agreements (Servicevereinbarung / Zweckvereinbarung) and their items."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zidkor_desktop.db.base import Base, Quantity, Versioned
from zidkor_desktop.db.models._columns import enum_check, enum_column_type
from zidkor_desktop.db.models.organisations import Customer
from zidkor_desktop.db.models.services import Service
from zidkor_desktop.domain.kinds import AgreementStatus, BillingRhythm


class Agreement(Versioned, Base):
    """An agreement with a customer about one service."""

    __tablename__ = "agreement"
    __table_args__ = (
        enum_check("status", AgreementStatus),
        enum_check("billing_rhythm", BillingRhythm),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(30), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(21))  # width of the first schema's statuses
    signed_on: Mapped[date | None] = mapped_column(Date)
    council_resolution_on: Mapped[date | None] = mapped_column(Date)
    authority_approved_on: Mapped[date | None] = mapped_column(Date)
    authority_file_number: Mapped[str] = mapped_column(String(80), default="")
    announced_on: Mapped[date | None] = mapped_column(Date)
    """Day of the public announcement of the authority's approval."""
    announced_in: Mapped[str] = mapped_column(String(200), default="", server_default="")
    """Where it was announced, e.g. "Staatsanzeiger für Rheinland-Pfalz Nr. 27"."""
    notice_given_on: Mapped[date | None] = mapped_column(Date)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    notice_months: Mapped[int] = mapped_column(Integer, default=6)
    billing_rhythm: Mapped[str] = mapped_column(enum_column_type(BillingRhythm))
    notes: Mapped[str] = mapped_column(Text, default="")
    is_example: Mapped[bool] = mapped_column(default=False)

    customer: Mapped[Customer] = relationship()
    service: Mapped[Service] = relationship()
    items: Mapped[list[AgreementItem]] = relationship(
        back_populates="agreement",
        order_by="(AgreementItem.price_code, AgreementItem.valid_from)",
        cascade="all, delete-orphan",
    )


class AgreementItem(Base):
    """Quantity of a price position under an agreement, valid from a date (history)."""

    __tablename__ = "agreement_item"
    __table_args__ = (
        CheckConstraint("quantity >= 0", name="quantity_non_negative"),
        CheckConstraint("valid_until IS NULL OR valid_until >= valid_from", name="period_ordered"),
        # One quantity per item and day: a second change from the same day cannot slip in.
        Index(
            "ux_agreement_item_code_from", "agreement_id", "price_code", "valid_from", unique=True
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreement.id", ondelete="CASCADE"), index=True
    )
    price_code: Mapped[str] = mapped_column(String(20))
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")

    agreement: Mapped[Agreement] = relationship(back_populates="items")


class AgreementTemplateSection(Versioned, Base):
    """One section of the agreement text the office edits: heading and text with placeholders."""

    __tablename__ = "agreement_template_section"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    position: Mapped[int] = mapped_column(Integer, unique=True)
    heading: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
