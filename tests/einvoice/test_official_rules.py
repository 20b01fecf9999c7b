"""The official rules over the XML of every kind of invoice: CEN EN 16931 and KoSIT XRechnung.

The rules are not part of the repository: point ZIDKOR_EN16931_CII_XSLT and
ZIDKOR_XRECHNUNG_CII_XSLT at their compiled XSLT (see docs/DEVELOPMENT.md). Any failed assert
with flag fatal or error (or without a flag) fails; warnings and notes are listed in a warning.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator

import invoice_samples as samples
import pytest
from lxml import etree

from zidkor_desktop.einvoice.xrechnung import xrechnung_xml

RULE_SETS = {
    "EN16931": "ZIDKOR_EN16931_CII_XSLT",
    "XRechnung": "ZIDKOR_XRECHNUNG_CII_XSLT",
}
SVRL = {"svrl": "http://purl.oclc.org/dsdl/svrl"}
FAILING_FLAGS = {"fatal", "error", ""}
BROKEN = {
    "EN16931": (b">1738.00</ram:LineTotalAmount>", b">1739.00</ram:LineTotalAmount>", "BR-CO-10"),
    "XRechnung": (b"<ram:BuyerReference>07123-0815-40</ram:BuyerReference>", b"", "BR-DE-15"),
}


@pytest.fixture(scope="module")
def saxon() -> Iterator[object]:
    saxonche = pytest.importorskip("saxonche")
    with saxonche.PySaxonProcessor(license=False) as processor:
        yield processor


@pytest.fixture(scope="module", params=sorted(RULE_SETS))
def rules(request: pytest.FixtureRequest, saxon: object) -> tuple[str, object]:
    variable = RULE_SETS[request.param]
    path = os.environ.get(variable, "")
    if not path:
        pytest.skip(f"{variable} is not set: no compiled {request.param} CII XSLT to run")
    if not os.path.isfile(path):
        pytest.fail(f"{variable}={path} is not a file")
    compiler = saxon.new_xslt30_processor()  # type: ignore[attr-defined]
    return request.param, compiler.compile_stylesheet(stylesheet_file=path)


def failed_asserts(stylesheet: object, saxon: object, xml: bytes) -> list[tuple[str, str, str]]:
    """(id, flag, text) of every failed assert the rules report for the XML."""
    document = saxon.parse_xml(xml_text=xml.decode("utf-8"))  # type: ignore[attr-defined]
    report = stylesheet.transform_to_string(xdm_node=document)  # type: ignore[attr-defined]
    root = etree.fromstring(report.encode("utf-8"))
    found = []
    for node in root.iterfind(".//svrl:failed-assert", SVRL):
        message = " ".join("".join(node.itertext()).split())
        found.append((node.get("id", ""), node.get("flag", ""), message))
    return found


@pytest.mark.parametrize("name", sorted(samples.ALL))
def test_every_kind_of_invoice_passes_the_official_rules(
    name: str, rules: tuple[str, object], saxon: object
) -> None:
    rule_set, stylesheet = rules
    found = failed_asserts(stylesheet, saxon, xrechnung_xml(samples.ALL[name]()))
    errors = [f for f in found if f[1] in FAILING_FLAGS]
    others = [f for f in found if f[1] not in FAILING_FLAGS]
    listed = "\n".join(f"{rule} [{flag or 'no flag'}] {text}" for rule, flag, text in found)
    assert not errors, f"{rule_set} rules fail for {name}:\n{listed}"
    if others:
        warnings.warn(f"{rule_set} rules for {name}:\n{listed}", stacklevel=1)


def test_the_rules_really_run(rules: tuple[str, object], saxon: object) -> None:
    """A broken XML is caught: a wrong line total (CEN), a missing Leitweg-ID (KoSIT)."""
    rule_set, stylesheet = rules
    old, new, rule = BROKEN[rule_set]
    xml = xrechnung_xml(samples.taxed())
    assert old in xml
    found = {found[0] for found in failed_asserts(stylesheet, saxon, xml.replace(old, new))}
    assert rule in found, f"{rule_set}: {sorted(found)}"
