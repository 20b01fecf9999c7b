"""Reading an XRechnung CII XML back with lxml, and independent Decimal sums, for the tests."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from lxml import etree

from zidkor_desktop.domain.invoice import SnapshotLine, TaxCode

NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
    "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
}
SETTLEMENT = "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement"
TOTALS = f"{SETTLEMENT}/ram:SpecifiedTradeSettlementHeaderMonetarySummation"


def parse(xml: bytes) -> etree._Element:
    """The root element of the XML."""
    return etree.fromstring(xml)


def texts(root: etree._Element, path: str) -> list[str]:
    """Text of every element at `path`."""
    return [node.text or "" for node in root.xpath(path, namespaces=NS)]


def text(root: etree._Element, path: str) -> str:
    """Text of the one element at `path`."""
    found = texts(root, path)
    assert len(found) == 1, f"{path}: {found}"
    return found[0]


def number(root: etree._Element, path: str) -> Decimal:
    """The one number at `path`."""
    return Decimal(text(root, path))


def expected_breakdown(lines: Sequence[SnapshotLine]) -> dict[tuple[str, Decimal], tuple]:
    """(category, rate) -> (net, tax): nets summed, tax rounded half-up once per rate."""
    nets: dict[tuple[str, Decimal], Decimal] = {}
    for line in lines:
        rate = Decimal(0) if line.tax_code is TaxCode.NOT_SUBJECT else Decimal(line.tax_rate)
        key = (line.tax_code.value, rate)
        nets[key] = nets.get(key, Decimal(0)) + line.net
    return {
        key: (net, (net * key[1] / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
        for key, net in nets.items()
    }


def xml_breakdown(root: etree._Element) -> dict[tuple[str, Decimal], tuple]:
    """(category, rate) -> (basis, tax) of the XML's VAT breakdown."""
    result = {}
    for node in root.xpath(f"{SETTLEMENT}/ram:ApplicableTradeTax", namespaces=NS):
        key = (text(node, "ram:CategoryCode"), number(node, "ram:RateApplicablePercent"))
        assert key not in result
        result[key] = (number(node, "ram:BasisAmount"), number(node, "ram:CalculatedAmount"))
    return result
