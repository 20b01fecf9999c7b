"""Customers: create and edit them with their e-invoice address and population figures.

A customer is a Customer row on an Organisation. A member city that is also a customer uses
the member's Organisation (name and address are kept once, in the members area); any other
customer gets an Organisation of its own, edited here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from zidkor_desktop.db.base import utcnow
from zidkor_desktop.db.models import Customer, Organisation, Population
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.customers import (
    AddressScheme,
    PopulationFigure,
    check_debtor_number,
    check_email,
    check_populations,
    next_debtor_number,
    normalise_vat_id,
)
from zidkor_desktop.domain.errors import NotFound, ValidationError
from zidkor_desktop.domain.kinds import OrganisationKind
from zidkor_desktop.domain.leitweg import validate_leitweg_id
from zidkor_desktop.domain.text import check_text
from zidkor_desktop.l10n import N_, _
from zidkor_desktop.queries.customers import debtor_numbers, populations_of
from zidkor_desktop.usecases.errors import translated_db_errors
from zidkor_desktop.usecases.members import _check_unique_name


@dataclass
class CustomerInput:
    """Everything the customer dialog edits.

    With `member_id` set (the Organisation of a member), name, type and address are the member's
    and the fields here are ignored on saving.
    """

    name: str
    kind: OrganisationKind = OrganisationKind.VERBANDSGEMEINDE
    member_id: int | None = None
    street: str = ""
    postcode: str = ""
    city: str = ""
    address_extra: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    einvoice_email: str = ""
    debtor_number: str = ""
    """Empty: the next free number is given on saving."""
    tax_number: str = ""
    vat_id: str = ""
    leitweg_id: str = ""
    scheme: AddressScheme = AddressScheme.LEITWEG_ID
    populations: list[PopulationFigure] = field(default_factory=list)
    is_example: bool = False


@dataclass
class CustomerRecord:
    """A stored customer as loaded for editing, with versions for conflict detection."""

    customer_id: int
    organisation_id: int
    data: CustomerInput
    customer_version: int
    organisation_version: int


TEXT_LABELS = {
    "name": N_("Name"),
    "street": N_("Street and number"),
    "postcode": N_("Postcode"),
    "city": N_("Town"),
    "address_extra": N_("Address addition"),
    "contact_name": N_("Contact person"),
    "contact_phone": N_("Phone"),
    "einvoice_email": N_("E-mail for e-invoices"),
    "debtor_number": N_("Debtor number"),
    "tax_number": N_("Tax number"),
    "vat_id": N_("VAT ID"),
    "leitweg_id": N_("Leitweg-ID"),
}
_ORG_FIELDS = ("name", "street", "postcode", "city")
_CUSTOMER_FIELDS = ("contact_name", "contact_phone", "einvoice_email", "tax_number", "vat_id")


def _clean(data: CustomerInput, today: date) -> CustomerInput:
    """Strip and validate the input; returns the cleaned copy."""
    cleaned = replace(data, **{n: getattr(data, n).strip() for n in TEXT_LABELS})
    for name, label in TEXT_LABELS.items():
        check_text(getattr(cleaned, name), field=name, label=_(label))
    if cleaned.member_id is None:
        if not cleaned.name:
            raise ValidationError(_("Please enter the name of the customer."), "name")
        if len(cleaned.name) > 200:
            raise ValidationError(_("The name is too long (at most 200 characters)."), "name")
        if cleaned.postcode and not (cleaned.postcode.isdigit() and len(cleaned.postcode) == 5):
            raise ValidationError(_("The postcode must have five digits."), "postcode")
    for name, limit in (("contact_name", 120), ("contact_phone", 40), ("tax_number", 40)):
        if len(getattr(cleaned, name)) > limit:
            raise ValidationError(
                _("The field {label} is too long (at most {limit} characters).").format(
                    label=_(TEXT_LABELS[name]), limit=limit
                ),
                name,
            )
    email = check_email(cleaned.einvoice_email, "einvoice_email", _("E-mail for e-invoices"))
    leitweg = validate_leitweg_id(cleaned.leitweg_id) if cleaned.leitweg_id else ""
    scheme = AddressScheme(cleaned.scheme)
    if scheme is AddressScheme.LEITWEG_ID and not leitweg:
        raise ValidationError(
            _(
                "E-invoices go to the Leitweg-ID (scheme 0204): please enter the Leitweg-ID or "
                "choose the e-mail address as electronic address."
            ),
            "leitweg_id",
        )
    if scheme is AddressScheme.EMAIL and not email:
        raise ValidationError(
            _(
                "E-invoices go to the e-mail address (scheme EM): please enter the e-mail "
                "address for e-invoices."
            ),
            "einvoice_email",
        )
    return replace(
        cleaned,
        kind=OrganisationKind(cleaned.kind),
        scheme=scheme,
        einvoice_email=email,
        leitweg_id=leitweg,
        vat_id=normalise_vat_id(cleaned.vat_id),
        debtor_number=check_debtor_number(cleaned.debtor_number),
        populations=check_populations(cleaned.populations, today),
    )


def _check_debtor_number(session: Session, number: str, customer_id: int | None) -> None:
    """Refuse a debtor number another customer has (letters compared case-insensitively)."""
    stmt = select(Customer.id, Customer.debtor_number, Organisation.name).join(
        Organisation, Customer.organisation_id == Organisation.id
    )
    for other_id, other_number, name in session.execute(stmt):
        if other_id != customer_id and other_number.casefold() == number.casefold():
            raise ValidationError(
                _("The debtor number {number} is already given to {name}.").format(
                    number=other_number, name=name
                ),
                "debtor_number",
            )


def _member_organisation(session: Session, member_id: int) -> Organisation:
    organisation = session.get(
        Organisation, member_id, options=[selectinload(Organisation.membership)]
    )
    if organisation is None or organisation.membership is None:
        raise ValidationError(_("The chosen member no longer exists."), "member_id")
    if organisation.customer is not None:
        raise ValidationError(
            _("{name} is already a customer (debtor number {number}).").format(
                name=organisation.name, number=organisation.customer.debtor_number
            ),
            "member_id",
        )
    return organisation


def _check_not_a_member(session: Session, name: str) -> None:
    """A member is entered by choosing it, so that its name and address exist only once."""
    stmt = select(Organisation.name).join(Organisation.membership)
    wanted = name.casefold()
    for member in session.scalars(stmt):
        if member.casefold() == wanted:
            raise ValidationError(
                _(
                    "{name} is a member: choose it under Member, so that its name and address "
                    "are kept only once."
                ).format(name=member),
                "name",
            )


def create_customer(db: Database, data: CustomerInput, today: date) -> int:
    """Record a new customer; returns its id."""
    data = _clean(data, today)
    with translated_db_errors(), db.write() as session:
        return add_customer(session, data, today)


def add_customer(session: Session, data: CustomerInput, today: date) -> int:
    """Validate and add a customer inside the caller's transaction; returns its id."""
    data = _clean(data, today)
    if data.member_id is not None:
        organisation = _member_organisation(session, data.member_id)
    else:
        _check_not_a_member(session, data.name)
        _check_unique_name(session, data.name, None)
        organisation = Organisation(
            kind=data.kind.value,
            is_municipal_body=data.kind.municipal_default,
            is_example=data.is_example,
            **{name: getattr(data, name) for name in _ORG_FIELDS},
        )
        session.add(organisation)
        session.flush()
    number = data.debtor_number or next_debtor_number(debtor_numbers(session))
    _check_debtor_number(session, number, None)
    customer = Customer(  # by id: linking a member's record must not touch (and version) it
        organisation_id=organisation.id,
        debtor_number=number,
        leitweg_id=data.leitweg_id,
        einvoice_scheme=data.scheme.value,
        invoice_address_extra=data.address_extra,
        **{name: getattr(data, name) for name in _CUSTOMER_FIELDS},
    )
    session.add(customer)
    _store_populations(session, organisation, data.populations)
    session.flush()
    return customer.id


def _load(session: Session, customer_id: int) -> Customer:
    customer = session.get(
        Customer,
        customer_id,
        options=[selectinload(Customer.organisation).selectinload(Organisation.membership)],
    )
    if customer is None:
        raise NotFound(_("The customer no longer exists."))
    return customer


def get_customer(db: Database, customer_id: int) -> CustomerRecord:
    """Load a customer for editing (a member's name and address as the member has them)."""
    with db.sessions() as session:
        customer = _load(session, customer_id)
        organisation = customer.organisation
        data = CustomerInput(
            kind=OrganisationKind(organisation.kind),
            member_id=organisation.id if organisation.membership is not None else None,
            address_extra=customer.invoice_address_extra,
            debtor_number=customer.debtor_number,
            leitweg_id=customer.leitweg_id,
            scheme=AddressScheme(customer.einvoice_scheme),
            populations=populations_of(session, organisation.id),
            is_example=organisation.is_example,
            **{name: getattr(organisation, name) for name in _ORG_FIELDS},
            **{name: getattr(customer, name) for name in _CUSTOMER_FIELDS},
        )
        return CustomerRecord(
            customer_id=customer.id,
            organisation_id=organisation.id,
            data=data,
            customer_version=customer.version,
            organisation_version=organisation.version,
        )


def update_customer(db: Database, record: CustomerRecord, data: CustomerInput, today: date) -> None:
    """Save edits of a customer; refuses if someone else changed it since `record` was loaded."""
    data = _clean(data, today)
    if data.member_id != record.data.member_id:
        raise ValidationError(
            _(
                "The member a customer is cannot be changed afterwards; enter the member as a "
                "customer of its own instead."
            ),
            "member_id",
        )
    with translated_db_errors(), db.write() as session:
        customer = _load(session, record.customer_id)
        organisation = customer.organisation
        is_member = organisation.membership is not None
        if customer.version != record.customer_version or (
            not is_member and organisation.version != record.organisation_version
        ):
            raise StaleDataError("customer changed since it was loaded")
        number = data.debtor_number or customer.debtor_number
        _check_debtor_number(session, number, customer.id)
        if not is_member:
            _check_unique_name(session, data.name, organisation.id)
            organisation.kind = data.kind.value
            for name in _ORG_FIELDS:
                setattr(organisation, name, getattr(data, name))
        customer.debtor_number = number
        customer.leitweg_id = data.leitweg_id
        customer.einvoice_scheme = data.scheme.value
        customer.invoice_address_extra = data.address_extra
        for name in _CUSTOMER_FIELDS:
            setattr(customer, name, getattr(data, name))
        if _store_populations(session, organisation, data.populations):
            customer.updated_at = utcnow()  # a population change alone raises the version too


def _store_populations(
    session: Session, organisation: Organisation, figures: list[PopulationFigure]
) -> bool:
    """Make the organisation's figures equal to `figures`; True when anything changed."""
    stmt = select(Population).where(Population.organisation_id == organisation.id)
    stored = {p.year: p for p in session.scalars(stmt)}
    wanted = {f.year: f for f in figures}
    changed = False
    for year, population in stored.items():
        if year not in wanted:
            session.delete(population)
            changed = True
    for year, figure in wanted.items():
        population = stored.get(year)
        if population is None:
            session.add(
                Population(
                    organisation_id=organisation.id,
                    year=year,
                    residents=figure.residents,
                    source=figure.source,
                    as_of=figure.as_of,
                )
            )
            changed = True
        elif (population.residents, population.source, population.as_of) != (
            figure.residents,
            figure.source,
            figure.as_of,
        ):
            population.residents = figure.residents
            population.source = figure.source
            population.as_of = figure.as_of
            changed = True
    if changed:
        session.flush()  # removed years go before a figure of the same year is added again
    return changed
