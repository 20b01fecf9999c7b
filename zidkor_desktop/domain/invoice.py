"""The issued invoice as a frozen snapshot: every value the PDF and the XML print.

An `InvoiceSnapshot` is made once, when the invoice is issued, from the draft and the master data
of that moment; it is stored and never changed. The printed invoice (documents/invoice.py) and the
e-invoice (einvoice/xrechnung.py) are both rendered from it alone, so they agree to the cent.

Amounts: each line's net is rounded to cents when the line is made; the totals per tax category
and rate sum those nets and round the tax once on that sum (EN 16931 BR-CO-17, BR-S-08). A
cancellation carries the original's lines with negated quantities (prices stay positive, BR-27),
so all its amounts are negative.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from zidkor_desktop.domain.money import CENT, ZERO, to_money


class TaxCode(StrEnum):
    """EN 16931 VAT category codes the program issues (UNTDID 5305)."""

    STANDARD = "S"
    NOT_SUBJECT = "O"


class DocumentType(StrEnum):
    """UNTDID 1001 document type codes the program issues (BT-3)."""

    INVOICE = "380"
    CORRECTED = "384"


EXEMPTION_CODE_NOT_SUBJECT = "VATEX-EU-O"


@dataclass(frozen=True)
class Seller:
    """The association as it stood on the issue date."""

    name: str
    street: str
    postcode: str
    city: str
    country_code: str
    tax_number: str
    vat_id: str
    registration_id: str
    contact_name: str
    contact_phone: str
    contact_email: str
    electronic_address: str
    electronic_scheme: str
    iban: str
    bic: str
    bank_name: str


@dataclass(frozen=True)
class Buyer:
    """The recipient as it stood on the issue date (customer or member)."""

    name: str
    address_extra: str
    street: str
    postcode: str
    city: str
    country_code: str
    leitweg_id: str
    reference: str
    debtor_number: str
    electronic_address: str
    electronic_scheme: str
    contact_name: str
    contact_phone: str
    contact_email: str
    vat_id: str


@dataclass(frozen=True)
class SnapshotLine:
    """One printed line; net = quantity × unit price × factor, rounded once to cents.

    `factor` is the share of the price's period the line covers (3 for a quarter of a monthly
    price, 0.25 for a quarter of a yearly one, 1.5 for one and a half months; 1 for manual
    lines), `factor_text` says so in words ("3 Monate"). It is rounded to at most 6 places for
    the snapshot; `net` was computed from the exact fraction.
    """

    position: int
    description: str
    detail: str
    price_code: str
    quantity: Decimal
    unit_label: str
    unit_code: str
    unit_price: Decimal
    net: Decimal
    tax_code: TaxCode
    tax_rate: Decimal
    period_start: date | None = None
    period_end: date | None = None
    factor: Decimal = Decimal(1)
    factor_text: str = ""


@dataclass(frozen=True)
class TaxBreakdown:
    """Net, tax and gross of one VAT category and rate."""

    code: TaxCode
    rate: Decimal
    net: Decimal
    tax: Decimal

    @property
    def gross(self) -> Decimal:
        """Net plus tax."""
        return self.net + self.tax


@dataclass(frozen=True)
class InvoiceSnapshot:
    """Every printed value of one issued invoice, cancellation or capital contribution invoice."""

    number: str
    kind: str
    type_code: DocumentType
    issue_date: date
    due_date: date | None
    period_start: date | None
    period_end: date | None
    seller: Seller
    buyer: Buyer
    lines: Sequence[SnapshotLine]
    title: str = ""
    intro_text: str = ""
    closing_text: str = ""
    note: str = ""
    exemption_note: str = ""
    payment_terms: str = ""
    currency: str = "EUR"
    original_number: str = ""
    original_date: date | None = None
    cancel_reason: str = ""
    breakdown: Sequence[TaxBreakdown] = field(default=())

    def __post_init__(self) -> None:
        """The breakdown always follows from the lines (never typed separately)."""
        object.__setattr__(self, "breakdown", tax_breakdown(self.lines))

    @property
    def net(self) -> Decimal:
        """Sum of line nets (BT-106 = BT-109)."""
        return sum((b.net for b in self.breakdown), ZERO)

    @property
    def tax(self) -> Decimal:
        """Sum of the tax per rate (BT-110)."""
        return sum((b.tax for b in self.breakdown), ZERO)

    @property
    def gross(self) -> Decimal:
        """Total with tax = amount due (BT-112 = BT-115; no prepayments)."""
        return self.net + self.tax

    @property
    def not_subject(self) -> bool:
        """Whether every line is not subject to VAT (category O)."""
        return bool(self.lines) and all(x.tax_code is TaxCode.NOT_SUBJECT for x in self.lines)


def tax_breakdown(lines: Sequence[SnapshotLine]) -> tuple[TaxBreakdown, ...]:
    """Per category and rate: the sum of line nets and the tax rounded half-up once on it."""
    sums: dict[tuple[TaxCode, Decimal], Decimal] = {}
    for line in lines:
        rate = ZERO if line.tax_code is TaxCode.NOT_SUBJECT else line.tax_rate
        key = (line.tax_code, rate.quantize(CENT))
        sums[key] = sums.get(key, ZERO) + line.net
    result = []
    for (code, rate), net in sorted(sums.items(), key=lambda kv: (kv[0][0].value, -kv[0][1])):
        tax = to_money(net * rate / 100) + ZERO
        result.append(TaxBreakdown(code, rate, net + ZERO, tax))
    return tuple(result)
