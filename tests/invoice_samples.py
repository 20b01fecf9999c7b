"""Invoice snapshots of every kind the program issues, for the PDF and e-invoice tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from zidkor_desktop.domain.invoice import (
    Buyer,
    DocumentType,
    InvoiceSnapshot,
    Seller,
    SnapshotLine,
    TaxCode,
)

SELLER = Seller(
    name="Zweckverband Kommunale IT Rheinland-Pfalz (ZIDKOR)",
    street="Rathausplatz 1",
    postcode="56068",
    city="Koblenz",
    country_code="DE",
    tax_number="22/650/12345",
    vat_id="",
    registration_id="ZV-RLP-0042",
    contact_name="Anna Beispiel",
    contact_phone="+49 261 12345-0",
    contact_email="rechnung@zidkor.example",
    electronic_address="rechnung@zidkor.example",
    electronic_scheme="EM",
    iban="DE02 1203 0000 0000 2020 51",
    bic="BYLADEM1001",
    bank_name="Sparkasse Koblenz",
)

BUYER = Buyer(
    name="Verbandsgemeinde Musterland (Beispiel) & Co <Test>",
    address_extra="Fachbereich 1 – Standesamt",
    street="Hauptstraße 5",
    postcode="56000",
    city="Musterland",
    country_code="DE",
    leitweg_id="07123-0815-40",
    reference='Az. 1.2-"Standesamt"',
    debtor_number="10004",
    electronic_address="07123-0815-40",
    electronic_scheme="0204",
    contact_name="Max Muster",
    contact_phone="+49 6541 1234",
    contact_email="finanzen@musterland.example",
    vat_id="",
)


def _line(position: int, **changes: object) -> SnapshotLine:
    base = SnapshotLine(
        position=position,
        description="Personenstandsregister – Arbeitsplatz",
        detail="Vereinbarung SV-2027-001 · Betrieb: Stadt Koblenz",
        price_code="PSR-AP",
        quantity=Decimal("12"),
        unit_label="je Arbeitsplatz und Monat",
        unit_code="C62",
        unit_price=Decimal("45.50"),
        net=Decimal("1638.00"),
        tax_code=TaxCode.STANDARD,
        tax_rate=Decimal("19.00"),
        period_start=date(2027, 1, 1),
        period_end=date(2027, 3, 31),
        factor=Decimal(3),
        factor_text="3 Monate",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def taxed() -> InvoiceSnapshot:
    """A quarter at 19 % and 7 %."""
    return InvoiceSnapshot(
        number="RE-2027-00012",
        kind="invoice",
        type_code=DocumentType.INVOICE,
        issue_date=date(2027, 4, 5),
        due_date=date(2027, 5, 5),
        period_start=date(2027, 1, 1),
        period_end=date(2027, 3, 31),
        seller=SELLER,
        buyer=BUYER,
        title="Rechnung",
        intro_text="für unsere Leistungen im 1. Quartal 2027 berechnen wir:",
        closing_text="Vielen Dank für die gute Zusammenarbeit.",
        payment_terms="Zahlbar ohne Abzug bis 05.05.2027.",
        lines=[
            _line(1),
            _line(
                2,
                description="Elektronischer Mitteilungsverkehr",
                price_code="MIT",
                quantity=Decimal("1"),
                unit_label="pauschal je Monat",
                unit_code="MON",
                unit_price=Decimal("33.3333"),
                net=Decimal("100.00"),
                tax_rate=Decimal("7.00"),
            ),
        ],
    )


def not_subject() -> InvoiceSnapshot:
    """Lines not subject to VAT (§ 2b UStG) — a separate invoice of their own."""
    return replace(
        taxed(),
        number="RE-2027-00013",
        exemption_note="Nicht steuerbar gem. § 2b Abs. 3 UStG.",
        lines=[
            _line(
                1,
                description="AutiSta – Einwohnerpauschale",
                price_code="AUT-EW",
                quantity=Decimal("12345"),
                unit_label="je Einwohner und Jahr",
                unit_code="C62",
                unit_price=Decimal("0.1234"),
                net=Decimal("380.84"),
                tax_code=TaxCode.NOT_SUBJECT,
                tax_rate=Decimal("0.00"),
                factor=Decimal("0.25"),
                factor_text="3/12 Jahr",
            )
        ],
    )


def capital() -> InvoiceSnapshot:
    """A member's capital contribution: votes × capital per vote, not a taxable supply."""
    return replace(
        taxed(),
        number="RE-2027-00014",
        kind="capital",
        title="Rechnung über die Stammkapitaleinlage",
        period_start=None,
        period_end=None,
        intro_text="gemäß § 10 der Verbandsordnung ist Ihre Stammkapitaleinlage fällig:",
        exemption_note="Stammkapitaleinlage – keine steuerbare Leistung.",
        lines=[
            _line(
                1,
                description="Stammkapitaleinlage Stadt Worms (1 Stimme × 2.000,00 €)",
                detail="",
                price_code="",
                quantity=Decimal("1"),
                unit_label="Stimme",
                unit_code="C62",
                unit_price=Decimal("2000.00"),
                net=Decimal("2000.00"),
                tax_code=TaxCode.NOT_SUBJECT,
                tax_rate=Decimal("0.00"),
                period_start=None,
                period_end=None,
                factor=Decimal(1),
                factor_text="",
            )
        ],
    )


def cancellation() -> InvoiceSnapshot:
    """The cancellation of `taxed()`: its lines with negated quantities, referring to it."""
    original = taxed()
    return replace(
        original,
        number="RE-2027-00020",
        kind="cancellation",
        type_code=DocumentType.CORRECTED,
        issue_date=date(2027, 4, 12),
        due_date=None,
        title="Stornorechnung",
        intro_text="",
        payment_terms="",
        original_number=original.number,
        original_date=original.issue_date,
        cancel_reason="Falsche Anzahl Arbeitsplätze (12 statt 10).",
        lines=[replace(x, quantity=-x.quantity, net=-x.net) for x in original.lines],
    )


def price_change() -> InvoiceSnapshot:
    """A quarter with a price change on 1 February and a quantity change on 1 March."""
    return replace(
        taxed(),
        number="RE-2027-00015",
        lines=[
            _line(
                1,
                quantity=Decimal("12"),
                unit_price=Decimal("45.50"),
                net=Decimal("546.00"),
                period_end=date(2027, 1, 31),
                factor=Decimal(1),
                factor_text="1 Monat",
            ),
            _line(
                2,
                quantity=Decimal("12"),
                unit_price=Decimal("47.00"),
                net=Decimal("564.00"),
                period_start=date(2027, 2, 1),
                period_end=date(2027, 2, 28),
                factor=Decimal(1),
                factor_text="1 Monat",
            ),
            _line(
                3,
                quantity=Decimal("15"),
                unit_price=Decimal("47.00"),
                net=Decimal("705.00"),
                period_start=date(2027, 3, 1),
                factor=Decimal(1),
                factor_text="1 Monat",
            ),
        ],
    )


def partial_period() -> InvoiceSnapshot:
    """An agreement that starts on 15 February, charged by day."""
    return replace(
        taxed(),
        number="RE-2027-00016",
        lines=[
            _line(
                1,
                quantity=Decimal("10"),
                net=Decimal("682.50"),
                period_start=date(2027, 2, 15),
                factor=Decimal("1.5"),
                factor_text="1,5 Monate",
            )
        ],
    )


def long(count: int = 80) -> InvoiceSnapshot:
    """Many lines, for page breaks, repeated headers and carry-over totals."""
    return replace(
        taxed(),
        number="RE-2027-00017",
        lines=[
            _line(
                n,
                description=f"Position {n}: Leistung mit „Anführungszeichen“ & <Klammern>",
                quantity=Decimal(n),
                unit_price=Decimal("10.00"),
                net=Decimal(n) * Decimal("10.00"),
                factor=Decimal(1),
                factor_text="",
            )
            for n in range(1, count + 1)
        ],
    )


ALL = {
    "taxed": taxed,
    "not_subject": not_subject,
    "capital": capital,
    "cancellation": cancellation,
    "price_change": price_change,
    "partial_period": partial_period,
    "long": long,
}
