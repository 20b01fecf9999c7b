"""IT services (Verfahren) and which member city operates them when."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zidkor_desktop.db.base import Base, Versioned
from zidkor_desktop.db.models._columns import enum_check, enum_column_type
from zidkor_desktop.db.models.organisations import Organisation
from zidkor_desktop.domain.kinds import ServiceStatus


class Service(Versioned, Base):
    """An IT service offered through the association."""

    __tablename__ = "service"
    __table_args__ = (enum_check("status", ServiceStatus),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(enum_column_type(ServiceStatus))
    legal_basis: Mapped[str] = mapped_column(Text, default="", server_default="")
    started_on: Mapped[date | None] = mapped_column(Date)

    operators: Mapped[list[ServiceOperator]] = relationship(
        back_populates="service", order_by="ServiceOperator.valid_from"
    )


class ServiceOperator(Base):
    """Assignment of a service to the member city operating it, valid from a date."""

    __tablename__ = "service_operator"
    __table_args__ = (
        UniqueConstraint("service_id", "valid_from"),
        CheckConstraint("valid_until IS NULL OR valid_until >= valid_from", name="period_ordered"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    resolution_ref: Mapped[str] = mapped_column(String(120), default="")

    service: Mapped[Service] = relationship(back_populates="operators")
    organisation: Mapped[Organisation] = relationship()
