"""The archived files of issued invoices: the PDF's amounts equal those of its embedded XML."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from lxml import etree
from pypdf import PdfReader

from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.billing import BillingPeriod
from zidkor_desktop.l10n import format_money
from zidkor_desktop.queries.invoices import invoice_file, list_invoices
from zidkor_desktop.usecases.demo import load_demo
from zidkor_desktop.usecases.invoicing import cancel_invoice, issue_run, preview_run

RAM = "{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}"


@pytest.fixture
def issued(db: Database) -> Database:
    load_demo(db, date(2026, 11, 25))
    run = issue_run(db, preview_run(db, BillingPeriod.parse("2026-Q4")), date(2027, 1, 5))
    cancel_invoice(db, run[0].number, "Menge falsch", date(2027, 1, 6))
    return db


def _amounts(xml: bytes) -> dict[str, list[Decimal]]:
    root = etree.fromstring(xml)
    return {
        name: [Decimal(e.text) for e in root.iter(RAM + name)]
        for name in ("LineTotalAmount", "BasisAmount", "CalculatedAmount", "GrandTotalAmount")
    }


def test_pdf_text_and_embedded_xml_agree_to_the_cent(issued: Database) -> None:
    rows = list_invoices(issued)
    assert len(rows) >= 2
    for row in rows:
        pdf = invoice_file(issued, row.number, "invoice_pdf").content
        xml = invoice_file(issued, row.number, "invoice_xml").content
        reader = PdfReader(io.BytesIO(pdf))
        embedded = {name: data[0] for name, data in reader.attachments.items()}
        assert embedded["factur-x.xml"] == xml
        text = " ".join(page.extract_text() for page in reader.pages)
        amounts = _amounts(xml)
        # independently: the line amounts add up to the net total and the grand total
        line_sum = sum(amounts["LineTotalAmount"][:-1], Decimal(0))
        assert amounts["LineTotalAmount"][-1] == line_sum == row.net
        assert amounts["GrandTotalAmount"] == [row.gross]
        for value in {*amounts["LineTotalAmount"], *amounts["BasisAmount"], row.gross}:
            assert format_money(value).replace("\u00a0", " ") in text.replace("\u00a0", " "), (
                row.number,
                value,
            )
        assert row.number in text
