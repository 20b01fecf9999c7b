"""Read-only: seller, buyer and invoice texts as they stand now (frozen on issue)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from zidkor_desktop.db.models import AssociationSettings, Customer, Organisation
from zidkor_desktop.domain.billing import ProRataRule
from zidkor_desktop.domain.customers import AddressScheme
from zidkor_desktop.domain.errors import NotFound
from zidkor_desktop.domain.invoice import Buyer, Seller
from zidkor_desktop.domain.invoicing import InvoiceTexts
from zidkor_desktop.l10n import _


def settings_row(session: Session) -> AssociationSettings:
    """The association's settings (one row)."""
    row = session.scalars(select(AssociationSettings)).first()
    if row is None:
        raise NotFound(_("The association's settings are missing; please enter them first."))
    return row


def seller(session: Session) -> Seller:
    """The association as seller."""
    s = settings_row(session)
    return Seller(
        name=s.name,
        street=s.street,
        postcode=s.postcode,
        city=s.city,
        country_code=s.country_code or "DE",
        tax_number=s.tax_number,
        vat_id=s.vat_id,
        registration_id=s.registration_id,
        contact_name=s.contact_name,
        contact_phone=s.contact_phone,
        contact_email=s.contact_email,
        electronic_address=s.electronic_address or s.contact_email,
        electronic_scheme=s.electronic_scheme or "EM",
        iban=s.iban,
        bic=s.bic,
        bank_name=s.bank_name,
    )


def texts(session: Session) -> InvoiceTexts:
    """The invoice texts and payment terms of the settings."""
    s = settings_row(session)
    return InvoiceTexts(
        intro=s.invoice_intro,
        closing=s.invoice_closing,
        not_taxable_note=s.not_taxable_note,
        payment_terms_days=s.payment_terms_days,
    )


def pro_rata_rule(session: Session) -> ProRataRule:
    """The rule for months in which an agreement starts or ends."""
    return ProRataRule(settings_row(session).pro_rata_rule)


def _buyer(org: Organisation, customer: Customer | None) -> Buyer:
    if customer is None:
        return Buyer(
            name=org.name,
            address_extra="",
            street=org.street,
            postcode=org.postcode,
            city=org.city,
            country_code=org.country_code or "DE",
            leitweg_id="",
            reference="",
            debtor_number="",
            electronic_address=org.email,
            electronic_scheme=AddressScheme.EMAIL.value,
            contact_name="",
            contact_phone=org.phone,
            contact_email=org.email,
            vat_id="",
        )
    scheme = AddressScheme(customer.einvoice_scheme or AddressScheme.LEITWEG_ID.value)
    address = customer.leitweg_id if scheme is AddressScheme.LEITWEG_ID else customer.einvoice_email
    return Buyer(
        name=org.name,
        address_extra=customer.invoice_address_extra,
        street=org.street,
        postcode=org.postcode,
        city=org.city,
        country_code=org.country_code or "DE",
        leitweg_id=customer.leitweg_id,
        reference="",
        debtor_number=customer.debtor_number,
        electronic_address=address,
        electronic_scheme=scheme.value,
        contact_name=customer.contact_name,
        contact_phone=customer.contact_phone or org.phone,
        contact_email=customer.einvoice_email or org.email,
        vat_id=customer.vat_id,
    )


def buyer_of_customer(session: Session, customer_id: int) -> Buyer:
    """The buyer of a customer record."""
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound(_("Customer {id} does not exist.").format(id=customer_id))
    return _buyer(customer.organisation, customer)


def buyer_of_organisation(session: Session, organisation_id: int) -> Buyer:
    """The buyer of an organisation (its customer record when it has one)."""
    org = session.get(Organisation, organisation_id)
    if org is None:
        raise NotFound(_("Organisation {id} does not exist.").format(id=organisation_id))
    return _buyer(org, org.customer)
