"""The payment a GiroCode (EPC QR code, version 002) asks for, and how an IBAN is printed.

Rules of the EPC's "Quick Response Code" guidelines (EPC069-12): the creditor's name at most 70
characters, the IBAN without spaces, an amount from 0.01 to 999,999,999.99 euros, unstructured
remittance information at most 140 characters. The invoice number goes there as the text the
payer's bank shows (it is no ISO 11649 creditor reference). No code for a zero or negative
amount (a cancellation) or another currency than the euro.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from zidkor_desktop.domain.invoice import InvoiceSnapshot

NAME_MAX = 70
TEXT_MAX = 140
AMOUNT_MIN = Decimal("0.01")
AMOUNT_MAX = Decimal("999999999.99")
BIC_LENGTHS = (8, 11)


@dataclass(frozen=True)
class EpcPayment:
    """The fields of one EPC QR credit transfer."""

    name: str
    iban: str
    bic: str
    amount: Decimal
    text: str


def compact_iban(iban: str) -> str:
    """The IBAN as a machine reads it: no spaces, capital letters."""
    return "".join(iban.split()).upper()


def iban_groups(iban: str) -> str:
    """The IBAN as printed: groups of four ('DE02 1203 0000 0000 2020 51')."""
    compact = compact_iban(iban)
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def epc_payment(snapshot: InvoiceSnapshot) -> EpcPayment | None:
    """The transfer for the amount due of an invoice, or None when there is nothing to pay."""
    amount = snapshot.gross
    iban = compact_iban(snapshot.seller.iban)
    name = " ".join(snapshot.seller.name.split())[:NAME_MAX].rstrip()
    if snapshot.currency != "EUR" or not AMOUNT_MIN <= amount <= AMOUNT_MAX:
        return None
    if not iban or not name or not snapshot.number.strip():
        return None
    bic = compact_iban(snapshot.seller.bic)
    return EpcPayment(
        name=name,
        iban=iban,
        bic=bic if len(bic) in BIC_LENGTHS else "",
        amount=amount,
        text=snapshot.number.strip()[:TEXT_MAX],
    )
