"""XRechnung 3.0 in UN/CEFACT CII, made with drafthorse from an invoice snapshot alone.

Mapping decisions (checked with the CEN EN 16931 and the KoSIT XRechnung schematron):

- Quantity × price × factor: a line charges `quantity` units for `factor` periods of the price
  (12 workplaces × 3 months at 45.50 per workplace and month). CII has one invoiced quantity, so
  BT-129 is quantity × factor, exact in Decimal (36 C62), the net price BT-146 is the snapshot's
  unit price and the base quantity BT-149 is left out (1). Then BT-129 × BT-146 equals the net to
  the cent as PEPPOL-EN16931-R120 checks; a base quantity of 1/factor would not be a finite
  decimal. The printed split ("12 je Arbeitsplatz und Monat × 3 Monate") goes into the line
  note BT-127. BT-131 is always the snapshot's net, never recomputed. Where the snapshot's
  factor is rounded (6 places, e.g. 17/31 of a month) the product may miss the net by up to
  half a cent per 10,000 € of quantity × price besides the net's own rounding; R120 allows 0.02
  (and KoSIT only warns).
- Signs: a cancellation negates the quantity; prices stay positive (BR-27), so line nets and all
  totals are negative.
- Cancellation: document type 384 (corrected invoice) with the preceding invoice BG-3 (number
  and issue date) and its reason as a note (BT-22). 381 would be a commercial credit note.
- Category O (not subject to VAT): no rate on the line (BR-O-05), rate 0 in the breakdown
  (BR-DE-14), exemption text and code VATEX-EU-O (BR-O-10), no VAT identifiers of seller or
  buyer (BR-O-02).
- Seller identification (BR-CO-26): the tax number (BT-32, scheme FC) and, when set, the VAT ID
  (BT-31, scheme VA); the registration id as the legal registration identifier BT-30.
- Buyer reference BT-10 is the Leitweg-ID; the buyer's own reference ("Ihr Zeichen") is the
  purchase order reference BT-13, the debtor number the buyer identifier BT-46.
- Amounts are printed with exactly two decimals from the snapshot's Decimals (numbers.py).
"""

from __future__ import annotations

from decimal import Decimal

from drafthorse.models.accounting import ApplicableTradeTax
from drafthorse.models.document import Document
from drafthorse.models.note import IncludedNote
from drafthorse.models.party import TaxRegistration, TradeParty
from drafthorse.models.payment import PaymentMeans, PaymentTerms
from drafthorse.models.tradelines import LineItem
from lxml import etree

from zidkor_desktop.domain.invoice import (
    EXEMPTION_CODE_NOT_SUBJECT,
    Buyer,
    DocumentType,
    InvoiceSnapshot,
    Seller,
    SnapshotLine,
    TaxBreakdown,
    TaxCode,
)
from zidkor_desktop.einvoice.numbers import amount_text, decimal_text

SPECIFICATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"
BUSINESS_PROCESS_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
SCHEMA = "FACTUR-X_EN16931"
PAYMENT_MEANS_SEPA_TRANSFER = "58"
VAT = "VAT"


def xrechnung_xml(snapshot: InvoiceSnapshot) -> bytes:
    """The XRechnung CII XML of an issued invoice (UTF-8, checked against the EN 16931 XSD)."""
    doc = Document()
    doc.context.business_parameter.id = BUSINESS_PROCESS_ID
    doc.context.guideline_parameter.id = SPECIFICATION_ID
    _header(doc, snapshot)
    agreement = doc.trade.agreement
    agreement.buyer_reference = _text(snapshot.buyer.leitweg_id)
    _seller(agreement.seller, snapshot.seller, with_vat_id=not _has_not_subject(snapshot))
    _buyer(agreement.buyer, snapshot.buyer, with_vat_id=not _has_not_subject(snapshot))
    if _text(snapshot.buyer.reference):
        agreement.buyer_order.issuer_assigned_id = _text(snapshot.buyer.reference)
    for line in snapshot.lines:
        doc.trade.items.add(_line_item(line))
    _settlement(doc, snapshot)
    return _tidy(doc.serialize(schema=SCHEMA))


def _tidy(xml: bytes) -> bytes:
    """The XML without unused namespace declarations, with a plain UTF-8 declaration."""
    root = etree.fromstring(xml)
    etree.cleanup_namespaces(root)
    body = etree.tostring(root, encoding="UTF-8", pretty_print=True)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body


def _text(value: str) -> str:
    """User text without surrounding blanks (an all-blank text counts as absent)."""
    return value.strip()


def _header(doc: Document, snapshot: InvoiceSnapshot) -> None:
    header = doc.header
    header.id = snapshot.number
    header.type_code = snapshot.type_code.value
    header.issue_date_time = snapshot.issue_date
    texts = [snapshot.note]
    if snapshot.type_code is DocumentType.CORRECTED:
        texts.append(snapshot.cancel_reason)
    for text in texts:
        if _text(text):
            header.notes.add(IncludedNote(content=_text(text)))


def _seller(party: TradeParty, seller: Seller, with_vat_id: bool) -> None:
    party.name = _text(seller.name)
    if _text(seller.registration_id):
        party.legal_organization.id = _text(seller.registration_id)
    party.contact.person_name = _text(seller.contact_name)
    party.contact.telephone.number = _text(seller.contact_phone)
    party.contact.email.address = _text(seller.contact_email)
    _address(party, seller.street, "", seller.postcode, seller.city, seller.country_code)
    party.electronic_address.uri_ID = (seller.electronic_scheme, _text(seller.electronic_address))
    if _text(seller.tax_number):
        party.tax_registrations.add(TaxRegistration(id=("FC", _text(seller.tax_number))))
    if with_vat_id and _text(seller.vat_id):
        party.tax_registrations.add(TaxRegistration(id=("VA", _text(seller.vat_id))))


def _buyer(party: TradeParty, buyer: Buyer, with_vat_id: bool) -> None:
    if _text(buyer.debtor_number):
        party.id = _text(buyer.debtor_number)
    party.name = _text(buyer.name)
    if _text(buyer.contact_name) or _text(buyer.contact_phone) or _text(buyer.contact_email):
        party.contact.person_name = _text(buyer.contact_name)
        party.contact.telephone.number = _text(buyer.contact_phone)
        party.contact.email.address = _text(buyer.contact_email)
    _address(
        party, buyer.street, buyer.address_extra, buyer.postcode, buyer.city, buyer.country_code
    )
    party.electronic_address.uri_ID = (buyer.electronic_scheme, _text(buyer.electronic_address))
    if with_vat_id and _text(buyer.vat_id):
        party.tax_registrations.add(TaxRegistration(id=("VA", _text(buyer.vat_id))))


def _address(
    party: TradeParty, street: str, extra: str, postcode: str, city: str, country: str
) -> None:
    address = party.address
    address.postcode = _text(postcode)
    address.line_one = _text(street)
    address.line_two = _text(extra)
    address.city_name = _text(city)
    address.country_id = _text(country)


def _line_item(line: SnapshotLine) -> LineItem:
    item = LineItem()
    item.document.line_id = str(line.position)
    if line.factor != 1:
        quantity = decimal_text(line.quantity).replace(".", ",")
        split = f"{quantity} {_text(line.unit_label)} × {_text(line.factor_text)}"
        item.document.notes.add(IncludedNote(content=" ".join(split.split())))
    if _text(line.price_code):
        item.product.seller_assigned_id = _text(line.price_code)
    item.product.name = _text(line.description)
    if _text(line.detail):
        item.product.description = _text(line.detail)
    item.agreement.net.amount = decimal_text(line.unit_price, min_places=2)
    item.delivery.billed_quantity = (decimal_text(line.quantity * line.factor), line.unit_code)
    tax = item.settlement.trade_tax
    tax.type_code = VAT
    tax.category_code = line.tax_code.value
    if line.tax_code is not TaxCode.NOT_SUBJECT:
        tax.rate_applicable_percent = decimal_text(line.tax_rate, min_places=2)
    if line.period_start is not None:
        item.settlement.period.start = line.period_start
    if line.period_end is not None:
        item.settlement.period.end = line.period_end
    item.settlement.monetary_summation.total_amount = amount_text(line.net)
    return item


def _settlement(doc: Document, snapshot: InvoiceSnapshot) -> None:
    settlement = doc.trade.settlement
    seller = snapshot.seller
    settlement.payment_reference = snapshot.number
    settlement.currency_code = snapshot.currency
    means = PaymentMeans(type_code=PAYMENT_MEANS_SEPA_TRANSFER)
    means.payee_account.iban = "".join(seller.iban.split())
    if _text(seller.bic):
        means.payee_institution.bic = "".join(seller.bic.split())
    settlement.payment_means.add(means)
    for part in snapshot.breakdown:
        settlement.trade_tax.add(_breakdown(part, snapshot.exemption_note))
    if snapshot.period_start is not None:
        settlement.period.start = snapshot.period_start
    if snapshot.period_end is not None:
        settlement.period.end = snapshot.period_end
    if _text(snapshot.payment_terms) or snapshot.due_date is not None:
        terms = PaymentTerms()
        if _text(snapshot.payment_terms):
            terms.description = _text(snapshot.payment_terms)
        if snapshot.due_date is not None:
            terms.due = snapshot.due_date
        settlement.terms.add(terms)
    totals = settlement.monetary_summation
    totals.line_total = amount_text(snapshot.net)
    totals.tax_basis_total = (amount_text(snapshot.net), None)
    totals.tax_total = (amount_text(snapshot.tax), snapshot.currency)
    totals.grand_total = (amount_text(snapshot.gross), None)
    totals.due_amount = amount_text(snapshot.gross)
    if snapshot.type_code is DocumentType.CORRECTED and _text(snapshot.original_number):
        reference = settlement.invoice_referenced_document
        reference.issuer_assigned_id = _text(snapshot.original_number)
        if snapshot.original_date is not None:
            reference.issue_date_time = snapshot.original_date


def _breakdown(part: TaxBreakdown, exemption_note: str) -> ApplicableTradeTax:
    tax = ApplicableTradeTax()
    tax.calculated_amount = amount_text(part.tax)
    tax.type_code = VAT
    tax.basis_amount = amount_text(part.net)
    tax.category_code = part.code.value
    if part.code is TaxCode.NOT_SUBJECT:
        if _text(exemption_note):
            tax.exemption_reason = _text(exemption_note)
        tax.exemption_reason_code = EXEMPTION_CODE_NOT_SUBJECT
        tax.rate_applicable_percent = decimal_text(Decimal(0), min_places=2)
    else:
        tax.rate_applicable_percent = decimal_text(part.rate, min_places=2)
    return tax


def _has_not_subject(snapshot: InvoiceSnapshot) -> bool:
    """Whether any line is not subject to VAT: then no VAT identifier may appear (BR-O-02)."""
    return any(line.tax_code is TaxCode.NOT_SUBJECT for line in snapshot.lines)
