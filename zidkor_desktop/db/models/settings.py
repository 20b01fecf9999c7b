"""Association settings (one row): name, address, tax and bank data, numbering, texts."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from zidkor_desktop.db.base import Base, Money, Versioned


class AssociationSettings(Versioned, Base):
    """Master data of the association itself; exactly one row with id 1."""

    __tablename__ = "association_settings"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(40))
    street: Mapped[str] = mapped_column(String(120), default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    city: Mapped[str] = mapped_column(String(80), default="")
    country_code: Mapped[str] = mapped_column(String(2), default="DE")
    tax_number: Mapped[str] = mapped_column(String(40), default="")
    vat_id: Mapped[str] = mapped_column(String(20), default="")
    iban: Mapped[str] = mapped_column(String(34), default="")
    bic: Mapped[str] = mapped_column(String(11), default="")
    bank_name: Mapped[str] = mapped_column(String(120), default="")
    contact_name: Mapped[str] = mapped_column(String(120), default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="")
    contact_email: Mapped[str] = mapped_column(String(200), default="")
    electronic_address: Mapped[str] = mapped_column(String(200), default="")
    chair_name: Mapped[str] = mapped_column(String(120), default="")
    logo_png: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    invoice_number_format: Mapped[str] = mapped_column(String(60), default="[JAHR]-[NR:5]")
    capital_per_vote: Mapped[Decimal] = mapped_column(Money, default=Decimal("2000.00"))
    not_taxable_note: Mapped[str] = mapped_column(
        Text, default="Nicht steuerbar gem. § 2b Abs. 3 UStG."
    )
    payment_terms_days: Mapped[int] = mapped_column(Integer, default=30)
    registration_id: Mapped[str] = mapped_column(String(60), default="")
    electronic_scheme: Mapped[str] = mapped_column(String(4), default="EM")
    pro_rata_rule: Mapped[str] = mapped_column(String(20), default="per_started_month")
    invoice_intro: Mapped[str] = mapped_column(Text, default="")
    invoice_closing: Mapped[str] = mapped_column(Text, default="")
    reminder_fee: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    is_example: Mapped[bool] = mapped_column(Boolean, default=False)
