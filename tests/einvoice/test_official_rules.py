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

from zidkor_desktop.db.session import Database
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


def test_invoices_issued_by_the_program_pass_the_official_rules(
    db: Database, rules: tuple[str, object], saxon: object
) -> None:
    """The real pipeline: a run split into taxed and not-taxable, capital, a cancellation."""
    from datetime import date

    from sqlalchemy import text

    from zidkor_desktop.domain.billing import BillingPeriod
    from zidkor_desktop.queries.invoices import invoice_file, list_invoices
    from zidkor_desktop.usecases.demo import load_demo
    from zidkor_desktop.usecases.invoicing import (
        cancel_invoice,
        issue_capital,
        issue_run,
        preview_run,
    )
    from zidkor_desktop.usecases.pricelist import publish

    rule_set, stylesheet = rules
    load_demo(db, date(2026, 11, 25))
    with db.write() as session:
        # the 2027 draft charges one item with 19 % and one with 7 %: runs split per customer
        session.execute(
            text(
                "UPDATE price_item SET tax_category = 'S', tax_rate = 1900, tax_note = '' "
                "WHERE code = 'EPR-02' AND price_list_id = (SELECT id FROM price_list "
                "WHERE version_no = 2)"
            )
        )
        session.execute(
            text(
                "UPDATE price_item SET tax_category = 'AA', tax_rate = 700, tax_note = '' "
                "WHERE code = 'AUT-02' AND price_list_id = (SELECT id FROM price_list "
                "WHERE version_no = 2)"
            )
        )
        trier = session.execute(
            text(
                "SELECT organisation_id FROM membership m JOIN organisation o "
                "ON o.id = m.organisation_id WHERE o.name = 'Stadt Trier'"
            )
        ).scalar_one()
        session.execute(
            text("UPDATE membership SET capital_paid = 0 WHERE organisation_id = :o"), {"o": trier}
        )
    publish(db, 2, date(2027, 1, 1))
    preview = preview_run(db, BillingPeriod.parse("2027-Q1"))
    assert {d.not_taxable for d in preview.drafts} == {True, False}
    issued = issue_run(db, preview, date(2027, 4, 5))
    issue_capital(db, trier, date(2027, 4, 6))
    cancel_invoice(db, issued[0].number, "Menge falsch", date(2027, 4, 7))
    rows = list_invoices(db)
    assert {r.kind.value for r in rows} == {"invoice", "capital", "cancellation"}
    for row in rows:
        xml = invoice_file(db, row.number, "invoice_xml").content
        found = failed_asserts(stylesheet, saxon, xml)
        errors = [f for f in found if f[1] in FAILING_FLAGS]
        assert not errors, f"{rule_set} rules fail for {row.number} ({row.kind.value}): {found}"
