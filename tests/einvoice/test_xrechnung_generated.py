"""Generated snapshots: the XML's totals equal an independent Decimal sum and the XSD holds."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import drafthorse
import invoice_samples as samples
from cii_support import NS, SETTLEMENT, TOTALS, number, parse, texts, xml_breakdown
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from zidkor_desktop.domain.invoice import DocumentType, SnapshotLine, TaxCode
from zidkor_desktop.einvoice.xrechnung import xrechnung_xml

EXAMPLES = int(os.environ.get("ZIDKOR_HYPOTHESIS_EXAMPLES", "100"))
XSD = Path(drafthorse.__file__).parent / "schema" / "Factur-X_1.0.07_EN16931.xsd"
CENT = Decimal("0.01")
FACTORS = [Decimal(1), Decimal(3), Decimal("0.25"), Decimal("1.5"), Decimal(12), Decimal("0.5")]


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


quantities = st.one_of(
    st.integers(1, 5000).map(Decimal),
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal(500), places=2),
)
prices = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal(2000), places=4)
line_data = st.tuples(quantities, prices, st.sampled_from(FACTORS), st.sampled_from(["19", "7"]))


@st.composite
def invoices(draw: st.DrawFn) -> tuple:
    """A snapshot and, computed here alone, its (category, rate) -> (net, tax) and its lines."""
    data = draw(st.lists(line_data, min_size=1, max_size=6))
    not_subject = draw(st.booleans())
    cancel = draw(st.booleans())
    sign = -1 if cancel else 1
    lines, nets = [], []
    for position, (quantity, price, factor, rate) in enumerate(data, start=1):
        net = money(quantity * price * factor) * sign
        code = TaxCode.NOT_SUBJECT if not_subject else TaxCode.STANDARD
        lines.append(
            SnapshotLine(
                position=position,
                description=f"Leistung {position}",
                detail="",
                price_code="",
                quantity=quantity * sign,
                unit_label="je Monat",
                unit_code="C62",
                unit_price=price,
                net=net,
                tax_code=code,
                tax_rate=Decimal(0) if not_subject else Decimal(rate),
                period_start=date(2027, 1, 1),
                period_end=date(2027, 3, 31),
                factor=factor,
                factor_text=f"{factor} Monate",
            )
        )
        nets.append((code.value, Decimal(0) if not_subject else Decimal(rate), net))
    expected: dict[tuple[str, Decimal], tuple[Decimal, Decimal]] = {}
    for code, rate, net in nets:
        total = expected.get((code, rate), (Decimal(0), Decimal(0)))[0] + net
        expected[(code, rate)] = (total, money(total * rate / 100))
    base = samples.not_subject() if not_subject else samples.taxed()
    snapshot = replace(base, lines=lines)
    if cancel:
        snapshot = replace(
            snapshot,
            type_code=DocumentType.CORRECTED,
            original_number="RE-2027-00001",
            original_date=date(2027, 4, 1),
            cancel_reason="Storno",
            due_date=None,
            payment_terms="",
        )
    return snapshot, expected


@settings(max_examples=EXAMPLES, deadline=None)
@given(invoices())
def test_totals_equal_an_independent_decimal_sum(case: tuple) -> None:
    snapshot, expected = case
    xml = xrechnung_xml(snapshot)
    etree.XMLSchema(file=str(XSD)).assertValid(etree.fromstring(xml))
    root = parse(xml)
    assert xml_breakdown(root) == expected
    net = sum((part[0] for part in expected.values()), Decimal(0))
    tax = sum((part[1] for part in expected.values()), Decimal(0))
    assert number(root, f"{TOTALS}/ram:LineTotalAmount") == net
    assert number(root, f"{TOTALS}/ram:TaxBasisTotalAmount") == net
    assert number(root, f"{TOTALS}/ram:TaxTotalAmount") == tax
    assert number(root, f"{TOTALS}/ram:GrandTotalAmount") == net + tax
    assert number(root, f"{TOTALS}/ram:DuePayableAmount") == net + tax
    amounts = texts(root, "//ram:LineTotalAmount | //ram:BasisAmount | //ram:CalculatedAmount")
    amounts += texts(root, f"{TOTALS}/*")
    for amount in amounts:
        assert "E" not in amount and amount != "-0.00"
        assert len(amount.split(".")[1]) == 2, amount
    prices = texts(root, "//ram:NetPriceProductTradePrice/ram:ChargeAmount")
    assert all(Decimal(price) > 0 and "E" not in price for price in prices)
    for item in root.xpath("//ram:IncludedSupplyChainTradeLineItem", namespaces=NS):
        quantity = number(item, ".//ram:BilledQuantity")
        price = number(item, ".//ram:ChargeAmount")
        assert abs(quantity * price - number(item, ".//ram:LineTotalAmount")) <= CENT / 2
    assert texts(root, f"{SETTLEMENT}/ram:InvoiceReferencedDocument/ram:IssuerAssignedID") == (
        ["RE-2027-00001"] if snapshot.type_code is DocumentType.CORRECTED else []
    )
