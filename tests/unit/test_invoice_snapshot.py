"""Snapshot totals over generated invoices, recomputed independently; JSON keeps them exactly."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from invoice_samples import ALL, BUYER, SELLER

from zidkor_desktop.domain.billing import InvoiceDraft, ManualLine
from zidkor_desktop.domain.invoice import TaxCode
from zidkor_desktop.domain.invoice_json import from_json, to_json
from zidkor_desktop.domain.invoicing import (
    InvoiceTexts,
    cancellation_snapshot,
    make_snapshot,
)
from zidkor_desktop.domain.kinds import TaxCategory

TEXTS = InvoiceTexts("Einleitung", "Schluss", "Nicht steuerbar gem. § 2b Abs. 3 UStG.", 30)
prices = st.decimals(min_value=0, max_value=100_000, places=4, allow_nan=False)
quantities = st.decimals(min_value=-500, max_value=5000, places=3, allow_nan=False).filter(
    lambda q: q != 0
)
rates = st.sampled_from([(TaxCategory.STANDARD, Decimal(19)), (TaxCategory.REDUCED, Decimal(7))])


def _cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@st.composite
def drafts(draw: st.DrawFn) -> InvoiceDraft:
    not_taxable = draw(st.booleans())
    draft = InvoiceDraft(1, "Stadt Trier", not_taxable, None)
    for n in range(draw(st.integers(min_value=1, max_value=12))):
        category, rate = (TaxCategory.NOT_TAXABLE, Decimal(0)) if not_taxable else draw(rates)
        draft.manual_lines.append(
            ManualLine(
                f"Leistung {n}", draw(quantities), "Stück", "C62", draw(prices), category, rate
            )
        )
    return draft


@settings(max_examples=150, deadline=None)
@given(drafts())
def test_totals_follow_from_the_rounded_lines(draft: InvoiceDraft) -> None:
    snap = make_snapshot(
        draft, number="RE-1", issue_date=date(2027, 4, 5), seller=SELLER, buyer=BUYER, texts=TEXTS
    )
    groups: dict[tuple[str, Decimal], Decimal] = {}
    for line in draft.manual_lines:
        code = "O" if line.tax_category is TaxCategory.NOT_TAXABLE else "S"
        key = (code, line.tax_rate)
        groups[key] = groups.get(key, Decimal(0)) + _cents(line.quantity * line.unit_price)
    expected = {k: (net, _cents(net * k[1] / 100)) for k, net in groups.items()}
    found = {(b.code.value, b.rate): (b.net, b.tax) for b in snap.breakdown}
    assert found == expected
    assert snap.net == sum((v[0] for v in expected.values()), Decimal(0))
    assert snap.gross == snap.net + sum((v[1] for v in expected.values()), Decimal(0))
    assert all(str(x.net) != "-0.00" for x in snap.lines)
    assert snap.not_subject == draft.not_taxable
    assert from_json(to_json(snap)) == snap
    storno = cancellation_snapshot(snap, number="RE-2", issue_date=date(2027, 4, 6), reason="x")
    assert storno.gross == -snap.gross
    assert all(b.code in (TaxCode.STANDARD, TaxCode.NOT_SUBJECT) for b in storno.breakdown)


def test_every_sample_survives_the_json_round_trip() -> None:
    for make in ALL.values():
        snapshot = make()
        assert from_json(to_json(snapshot)) == snapshot
