"""Organisations (cities, companies, municipalities), memberships with history, customers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zidkor_desktop.db.base import Base, Money, Versioned
from zidkor_desktop.db.models._columns import enum_check, enum_column_type
from zidkor_desktop.domain.kinds import OrganisationKind, TaxCategory


class Organisation(Versioned, Base):
    """A legal body: member city, company, or customer municipality."""

    __tablename__ = "organisation"
    __table_args__ = (enum_check("kind", OrganisationKind),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    short_name: Mapped[str] = mapped_column(String(60), default="")
    kind: Mapped[str] = mapped_column(enum_column_type(OrganisationKind))
    is_municipal_body: Mapped[bool] = mapped_column(Boolean, default=True)
    street: Mapped[str] = mapped_column(String(120), default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    city: Mapped[str] = mapped_column(String(80), default="")
    country_code: Mapped[str] = mapped_column(String(2), default="DE")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    is_example: Mapped[bool] = mapped_column(Boolean, default=False)

    membership: Mapped[Membership | None] = relationship(
        back_populates="organisation", uselist=False
    )
    customer: Mapped[Customer | None] = relationship(back_populates="organisation", uselist=False)


class Membership(Versioned, Base):
    """Accession, membership and exit of one organisation, with capital contribution."""

    __tablename__ = "membership"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"), unique=True
    )
    is_founding: Mapped[bool] = mapped_column(Boolean, default=False)
    applied_on: Mapped[date | None] = mapped_column(Date)
    council_resolution_on: Mapped[date | None] = mapped_column(Date)
    council_resolution_ref: Mapped[str] = mapped_column(String(120), default="")
    assembly_resolution_on: Mapped[date | None] = mapped_column(Date)
    authority_approved_on: Mapped[date | None] = mapped_column(Date)
    authority_file_number: Mapped[str] = mapped_column(String(80), default="")
    member_from: Mapped[date | None] = mapped_column(Date)
    exit_notice_on: Mapped[date | None] = mapped_column(Date)
    exit_resolution_on: Mapped[date | None] = mapped_column(Date)
    """The assembly's consent to the exit (recorded by the resolution's effect)."""
    member_until: Mapped[date | None] = mapped_column(Date)
    capital_paid: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    capital_paid_on: Mapped[date | None] = mapped_column(Date)
    capital_payer: Mapped[str] = mapped_column(String(200), default="")
    capital_payment_id: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")

    organisation: Mapped[Organisation] = relationship(back_populates="membership")
    votes_history: Mapped[list[MembershipVotes]] = relationship(
        back_populates="membership",
        order_by="MembershipVotes.valid_from",
        cascade="all, delete-orphan",
    )


class MembershipVotes(Base):
    """Votes of a member from a date on (history; a block of votes per member)."""

    __tablename__ = "membership_votes"
    __table_args__ = (
        CheckConstraint("votes >= 1", name="votes_positive"),
        UniqueConstraint("membership_id", "valid_from"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    membership_id: Mapped[int] = mapped_column(
        ForeignKey("membership.id", ondelete="CASCADE"), index=True
    )
    votes: Mapped[int] = mapped_column(Integer)
    valid_from: Mapped[date] = mapped_column(Date)
    resolution_ref: Mapped[str] = mapped_column(String(120), default="")

    membership: Mapped[Membership] = relationship(back_populates="votes_history")


class Customer(Versioned, Base):
    """Billing data of an organisation that receives services (member or not)."""

    __tablename__ = "customer"
    __table_args__ = (enum_check("tax_override", TaxCategory),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"), unique=True
    )
    debtor_number: Mapped[str] = mapped_column(String(20), unique=True)
    leitweg_id: Mapped[str] = mapped_column(String(46), default="")
    einvoice_email: Mapped[str] = mapped_column(String(200), default="")
    einvoice_scheme: Mapped[str] = mapped_column(String(4), default="0204")
    """Scheme of the electronic address (BT-49-1): 0204 Leitweg-ID or EM e-mail."""
    contact_name: Mapped[str] = mapped_column(String(120), default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="")
    tax_number: Mapped[str] = mapped_column(String(40), default="")
    vat_id: Mapped[str] = mapped_column(String(20), default="")
    invoice_address_extra: Mapped[str] = mapped_column(String(200), default="")
    tax_override: Mapped[str | None] = mapped_column(enum_column_type(TaxCategory))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    organisation: Mapped[Organisation] = relationship(back_populates="customer")


class Population(Base):
    """Residents of an organisation in a year (basis of per-resident fees)."""

    __tablename__ = "population"
    __table_args__ = (
        UniqueConstraint("organisation_id", "year"),
        CheckConstraint("residents >= 0", name="residents_non_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int] = mapped_column(Integer)
    residents: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(200), default="")
    as_of: Mapped[date | None] = mapped_column(Date)
    """The date the figure refers to ("Stand")."""

    organisation: Mapped[Organisation] = relationship()
