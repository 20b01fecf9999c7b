"""XRechnung CII XML of every kind of invoice: golden files, amounts read back, mapping rules."""

from __future__ import annotations

import difflib
import os
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import invoice_samples as samples
import pytest
from cii_support import (
    NS,
    SETTLEMENT,
    TOTALS,
    expected_breakdown,
    number,
    parse,
    text,
    texts,
    xml_breakdown,
)
from lxml import etree

from zidkor_desktop.einvoice.numbers import amount_text, decimal_text
from zidkor_desktop.einvoice.xrechnung import xrechnung_xml

GOLDEN = Path(__file__).parent / "golden"
AGREEMENT = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement"
SELLER = f"{AGREEMENT}/ram:SellerTradeParty"
BUYER = f"{AGREEMENT}/ram:BuyerTradeParty"
LINES = "rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem"


def canonical(xml: bytes) -> str:
    """The XML in canonical form without formatting whitespace (namespace order, quotes)."""
    root = etree.fromstring(xml, etree.XMLParser(remove_blank_text=True))
    return etree.tostring(root, method="c14n2").decode()


@pytest.mark.parametrize("name", sorted(samples.ALL))
def test_golden_xml(name: str) -> None:
    xml = xrechnung_xml(samples.ALL[name]())
    golden = GOLDEN / f"{name}.xml"
    if os.environ.get("ZIDKOR_REGENERATE_GOLDEN") == "1":
        golden.write_bytes(xml)
    expected = golden.read_bytes()
    if canonical(xml) != canonical(expected):
        diff = difflib.unified_diff(
            expected.decode().splitlines(), xml.decode().splitlines(), "golden", "now", lineterm=""
        )
        pytest.fail(
            f"{golden.name} differs (ZIDKOR_REGENERATE_GOLDEN=1 rewrites):\n" + "\n".join(diff)
        )


@pytest.mark.parametrize("name", sorted(samples.ALL))
def test_amounts_read_back_equal_the_snapshot(name: str) -> None:
    snapshot = samples.ALL[name]()
    root = parse(xrechnung_xml(snapshot))
    items = root.xpath(LINES, namespaces=NS)
    assert len(items) == len(snapshot.lines)
    for item, line in zip(items, snapshot.lines, strict=True):
        net = number(
            item, ".//ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount"
        )
        quantity = number(item, "ram:SpecifiedLineTradeDelivery/ram:BilledQuantity")
        price = number(item, ".//ram:NetPriceProductTradePrice/ram:ChargeAmount")
        assert net == line.net
        assert quantity == line.quantity * line.factor
        assert price == line.unit_price > 0
        assert abs(quantity * price - net) < Decimal("0.01")
    breakdown = expected_breakdown(snapshot.lines)
    assert xml_breakdown(root) == breakdown
    net = sum((line.net for line in snapshot.lines), Decimal(0))
    tax = sum((part[1] for part in breakdown.values()), Decimal(0))
    assert number(root, f"{TOTALS}/ram:LineTotalAmount") == net
    assert number(root, f"{TOTALS}/ram:TaxBasisTotalAmount") == net
    assert number(root, f"{TOTALS}/ram:TaxTotalAmount[@currencyID='EUR']") == tax
    assert number(root, f"{TOTALS}/ram:GrandTotalAmount") == net + tax
    assert number(root, f"{TOTALS}/ram:DuePayableAmount") == net + tax
    assert (net, tax) == (snapshot.net, snapshot.tax)


def test_xrechnung_identifiers_parties_and_payment() -> None:
    snapshot = samples.taxed()
    root = parse(xrechnung_xml(snapshot))
    context = "rsm:ExchangedDocumentContext"
    assert text(root, f"{context}/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID") == (
        "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"
    )
    assert text(root, f"{context}/ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID") == (
        "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
    )
    assert text(root, "rsm:ExchangedDocument/ram:TypeCode") == "380"
    assert text(root, f"{AGREEMENT}/ram:BuyerReference") == "07123-0815-40"
    assert text(root, f"{SELLER}/ram:DefinedTradeContact/ram:PersonName") == "Anna Beispiel"
    assert text(root, f"{SELLER}//ram:TelephoneUniversalCommunication/ram:CompleteNumber") == (
        "+49 261 12345-0"
    )
    assert text(root, f"{SELLER}//ram:EmailURIUniversalCommunication/ram:URIID") == (
        "rechnung@zidkor.example"
    )
    seller_uri = root.xpath(f"{SELLER}/ram:URIUniversalCommunication/ram:URIID", namespaces=NS)
    buyer_uri = root.xpath(f"{BUYER}/ram:URIUniversalCommunication/ram:URIID", namespaces=NS)
    assert (seller_uri[0].get("schemeID"), seller_uri[0].text) == ("EM", "rechnung@zidkor.example")
    assert (buyer_uri[0].get("schemeID"), buyer_uri[0].text) == ("0204", "07123-0815-40")
    assert text(root, f"{SELLER}/ram:SpecifiedTaxRegistration/ram:ID[@schemeID='FC']") == (
        "22/650/12345"
    )
    assert texts(root, "//ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']") == []
    assert text(root, f"{SELLER}/ram:SpecifiedLegalOrganization/ram:ID") == "ZV-RLP-0042"
    means = f"{SETTLEMENT}/ram:SpecifiedTradeSettlementPaymentMeans"
    assert text(root, f"{means}/ram:TypeCode") == "58"
    assert text(root, f"{means}//ram:IBANID") == "DE02120300000000202051"
    assert text(root, f"{means}//ram:BICID") == "BYLADEM1001"
    terms = f"{SETTLEMENT}/ram:SpecifiedTradePaymentTerms"
    assert text(root, f"{terms}/ram:Description") == "Zahlbar ohne Abzug bis 05.05.2027."
    assert text(root, f"{terms}/ram:DueDateDateTime/udt:DateTimeString") == "20270505"
    period = f"{SETTLEMENT}/ram:BillingSpecifiedPeriod"
    assert text(root, f"{period}/ram:StartDateTime/udt:DateTimeString") == "20270101"
    assert text(root, f"{period}/ram:EndDateTime/udt:DateTimeString") == "20270331"
    units = [node.get("unitCode") for node in root.xpath("//ram:BilledQuantity", namespaces=NS)]
    assert units == ["C62", "MON"]
    rates = texts(root, f"{LINES}//ram:ApplicableTradeTax/ram:RateApplicablePercent")
    assert [Decimal(r) for r in rates] == [19, 7]


def test_user_text_is_escaped_and_read_back_literally() -> None:
    root = parse(xrechnung_xml(samples.long(3)))
    assert text(root, f"{BUYER}/ram:Name") == "Verbandsgemeinde Musterland (Beispiel) & Co <Test>"
    assert text(root, f"{AGREEMENT}/ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID") == (
        'Az. 1.2-"Standesamt"'
    )
    assert texts(root, f"{LINES}//ram:SpecifiedTradeProduct/ram:Name")[0] == (
        "Position 1: Leistung mit „Anführungszeichen“ & <Klammern>"
    )


def test_vat_ids_on_a_taxed_invoice_but_none_on_a_not_subject_one() -> None:
    seller = replace(samples.SELLER, vat_id="DE123456789")
    buyer = replace(samples.BUYER, vat_id="DE987654321")
    taxed = parse(xrechnung_xml(replace(samples.taxed(), seller=seller, buyer=buyer)))
    assert texts(taxed, f"{SELLER}/ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']") == [
        "DE123456789"
    ]
    assert texts(taxed, f"{BUYER}/ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']") == [
        "DE987654321"
    ]
    other = parse(xrechnung_xml(replace(samples.not_subject(), seller=seller, buyer=buyer)))
    assert texts(other, "//ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']") == []
    assert texts(other, "//ram:SpecifiedTaxRegistration/ram:ID[@schemeID='FC']") == ["22/650/12345"]


@pytest.mark.parametrize("make", [samples.not_subject, samples.capital])
def test_not_subject_to_vat(make) -> None:
    snapshot = make()
    root = parse(xrechnung_xml(snapshot))
    assert texts(root, f"{LINES}//ram:ApplicableTradeTax/ram:CategoryCode") == ["O"]
    assert texts(root, f"{LINES}//ram:ApplicableTradeTax/ram:RateApplicablePercent") == []
    tax = f"{SETTLEMENT}/ram:ApplicableTradeTax"
    assert text(root, f"{tax}/ram:CategoryCode") == "O"
    assert number(root, f"{tax}/ram:RateApplicablePercent") == 0
    assert text(root, f"{tax}/ram:CalculatedAmount") == "0.00"
    assert text(root, f"{tax}/ram:ExemptionReasonCode") == "VATEX-EU-O"
    assert text(root, f"{tax}/ram:ExemptionReason") == snapshot.exemption_note
    assert text(root, f"{TOTALS}/ram:TaxTotalAmount") == "0.00"


def test_cancellation_refers_to_the_original_with_negative_quantities() -> None:
    snapshot = samples.cancellation()
    root = parse(xrechnung_xml(snapshot))
    assert text(root, "rsm:ExchangedDocument/ram:TypeCode") == "384"
    assert texts(root, "rsm:ExchangedDocument/ram:IncludedNote/ram:Content") == [
        "Falsche Anzahl Arbeitsplätze (12 statt 10)."
    ]
    reference = f"{SETTLEMENT}/ram:InvoiceReferencedDocument"
    assert text(root, f"{reference}/ram:IssuerAssignedID") == "RE-2027-00012"
    assert text(root, f"{reference}/ram:FormattedIssueDateTime/qdt:DateTimeString") == "20270405"
    assert texts(root, "//ram:BilledQuantity") == ["-36", "-3"]
    assert texts(root, "//ram:NetPriceProductTradePrice/ram:ChargeAmount") == ["45.50", "33.3333"]
    assert text(root, f"{TOTALS}/ram:GrandTotalAmount") == "-2056.22"
    assert texts(root, f"{SETTLEMENT}/ram:SpecifiedTradePaymentTerms") == []


def test_line_periods_and_a_note() -> None:
    snapshot = replace(samples.price_change(), note="Bitte Zahlungsziel beachten.")
    root = parse(xrechnung_xml(snapshot))
    assert texts(root, "rsm:ExchangedDocument/ram:IncludedNote/ram:Content") == [
        "Bitte Zahlungsziel beachten."
    ]
    starts = texts(root, f"{LINES}//ram:StartDateTime/udt:DateTimeString")
    ends = texts(root, f"{LINES}//ram:EndDateTime/udt:DateTimeString")
    assert starts == ["20270101", "20270201", "20270301"]
    assert ends == ["20270131", "20270228", "20270331"]


def test_blank_optional_texts_leave_no_empty_element() -> None:
    buyer = replace(samples.BUYER, contact_name="", contact_phone=" ", contact_email="")
    snapshot = replace(samples.capital(), buyer=buyer, note="  ", payment_terms="", due_date=None)
    root = parse(xrechnung_xml(snapshot))
    empty = [el.tag for el in root.iter() if len(el) == 0 and not (el.text or "").strip()]
    assert empty == [f"{{{NS['ram']}}}ApplicableHeaderTradeDelivery"]
    assert texts(root, f"{BUYER}/ram:DefinedTradeContact") == []


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Decimal("0E-8"), 0, "0"),
        (Decimal("1E+2"), 0, "100"),
        (Decimal("-0.00"), 2, "0.00"),
        (Decimal("45.5000"), 2, "45.50"),
        (Decimal("0.1234"), 2, "0.1234"),
        (Decimal("3086.2500"), 0, "3086.25"),
        (Decimal("-36"), 0, "-36"),
    ],
)
def test_decimal_text(value: Decimal, places: int, expected: str) -> None:
    assert decimal_text(value, min_places=places) == expected


def test_amount_text_has_two_places_and_refuses_fractions_of_a_cent() -> None:
    assert amount_text(Decimal("-0.00")) == "0.00"
    assert amount_text(Decimal("1E+3")) == "1000.00"
    assert amount_text(Decimal("-1638")) == "-1638.00"
    with pytest.raises(ValueError, match="more than two decimals"):
        amount_text(Decimal("0.005"))


def test_capital_invoice_has_no_period() -> None:
    root = parse(xrechnung_xml(samples.capital()))
    assert texts(root, "//ram:BillingSpecifiedPeriod") == []
    assert text(root, "rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString") == (
        date(2027, 4, 5).strftime("%Y%m%d")
    )
