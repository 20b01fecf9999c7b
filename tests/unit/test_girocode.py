"""GiroCode (EPC QR v002): the payment fields of an invoice and the exact content of the code."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import segno
from invoice_samples import SELLER, cancellation, not_subject, taxed

from zidkor_desktop.documents.girocode import epc_qr
from zidkor_desktop.domain.girocode import epc_payment, iban_groups
from zidkor_desktop.domain.invoice import InvoiceSnapshot


def _due(amount: str, **seller: str) -> InvoiceSnapshot:
    """A one-line invoice (not subject to VAT) for exactly `amount`."""
    line = replace(not_subject().lines[0], net=Decimal(amount))
    return replace(not_subject(), lines=[line], seller=replace(SELLER, **seller))


def test_code_holds_exactly_the_epc_lines() -> None:
    payment = epc_payment(_due("1234.56"))
    assert payment is not None
    expected = "\n".join(
        [
            "BCD",
            "002",
            "1",  # UTF-8
            "SCT",
            "BYLADEM1001",
            "Zweckverband Kommunale IT Rheinland-Pfalz (ZIDKOR)",
            "DE02120300000000202051",
            "EUR1234.56",
            "",  # purpose
            "",  # structured creditor reference (ISO 11649): none
            "RE-2027-00013",  # unstructured remittance text: the invoice number
        ]
    )
    code = epc_qr(payment)
    reference = segno.make_qr(expected.encode("utf-8"), error="m", boost_error=False)
    assert code.error == "M" and code.version <= 13
    assert code.matrix == reference.matrix


def test_payment_fields_follow_the_rules() -> None:
    payment = epc_payment(taxed())
    assert payment is not None
    assert payment.iban == "DE02120300000000202051"  # no spaces
    assert payment.bic == "BYLADEM1001"
    assert payment.amount == Decimal("1638.00") + Decimal("311.22") + Decimal("100.00") + 7
    assert payment.text == "RE-2027-00012"
    long_name = (
        "Zweckverband für Informationstechnologie und Datenverarbeitung der Kommunen (ZIDKOR)"
    )
    named = epc_payment(_due("10.00", name=long_name, iban="de02 1203 0000 0000 2020 51", bic=""))
    assert named is not None
    assert named.name == long_name[:70] and len(named.name) == 70
    assert named.iban == "DE02120300000000202051" and named.bic == ""
    umlaut = epc_qr(named)
    expected = (
        f"BCD\n002\n1\nSCT\n\n{long_name[:70]}\nDE02120300000000202051\nEUR10\n\n\nRE-2027-00013"
    )
    assert umlaut.matrix == segno.make_qr(expected.encode(), error="m", boost_error=False).matrix


def test_no_code_for_nothing_to_pay() -> None:
    assert epc_payment(cancellation()) is None  # negative amount
    assert epc_payment(_due("0.00")) is None
    assert epc_payment(replace(taxed(), currency="USD")) is None
    assert epc_payment(_due("10.00", iban="")) is None


def test_iban_is_printed_in_groups_of_four() -> None:
    assert iban_groups("DE02120300000000202051") == "DE02 1203 0000 0000 2020 51"
    assert iban_groups(" de02 1203 0000 0000 2020 51 ") == "DE02 1203 0000 0000 2020 51"
