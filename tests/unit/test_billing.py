"""Billing run computation: parts, factors, pro rata, rounding, tax totals, O split, problems."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zidkor_desktop.domain.agreements import QuantityPeriod
from zidkor_desktop.domain.billing import (
    BilledAgreement,
    BilledCustomer,
    BillingPeriod,
    PriceTerms,
    PriceVersion,
    ProRataRule,
    billing_run,
    line_net,
)
from zidkor_desktop.domain.kinds import BillingRhythm, PriceUnit, TaxCategory
from zidkor_desktop.domain.operators import Assignment

S, NOT_TAXED = TaxCategory.STANDARD, TaxCategory.NOT_TAXABLE
Q3_2026 = BillingPeriod(date(2026, 7, 1), date(2026, 9, 30))


def terms(price: str | None, unit=PriceUnit.WORKSTATION_MONTH, category=S, rate="19.00"):
    return PriceTerms(
        title="Item",
        unit=unit,
        unit_label="je Arbeitsplatz und Monat",
        unit_code="C62",
        unit_price=None if price is None else Decimal(price),
        tax_category=category,
        tax_rate=Decimal(rate),
        tax_note="",
    )


def version(no: int, start: date, **items: PriceTerms) -> PriceVersion:
    return PriceVersion(no, start, items)


def agreement(
    *quantities: QuantityPeriod,
    start=date(2020, 1, 1),
    until=None,
    customer=1,
    rhythm=BillingRhythm.QUARTERLY,
    number="V-1",
    service="AUT",
) -> BilledAgreement:
    return BilledAgreement(1, number, customer, service, start, until, rhythm, quantities)


CUSTOMER = BilledCustomer(1, "Stadt Trier", "991-12345-67", "rechnung@trier.de")
OPERATORS = {"AUT": [Assignment(5, "Koblenz", date(2020, 1, 1))]}


def run(
    agreements,
    prices,
    period=Q3_2026,
    rule=ProRataRule.PER_STARTED_MONTH,
    customers=(CUSTOMER,),
    operators=OPERATORS,
):
    return billing_run(period, list(customers), list(agreements), list(prices), operators, rule)


def test_periods_of_month_quarter_year():
    assert BillingPeriod.of(2027, "Q1") == BillingPeriod(date(2027, 1, 1), date(2027, 3, 31))
    assert BillingPeriod.of(2028, 2) == BillingPeriod(date(2028, 2, 1), date(2028, 2, 29))
    assert BillingPeriod.of(2027) == BillingPeriod(date(2027, 1, 1), date(2027, 12, 31))
    assert BillingPeriod.parse("2027-03") == BillingPeriod(date(2027, 3, 1), date(2027, 3, 31))
    assert BillingPeriod.parse("2027-Q4").months == 3
    with pytest.raises(ValueError):
        BillingPeriod.parse("2027-Q5")


def test_quantity_change_gives_two_lines_with_own_periods():
    history = (
        QuantityPeriod("AUT-01", Decimal(12), date(2025, 1, 1), date(2026, 8, 31)),
        QuantityPeriod("AUT-01", Decimal(15), date(2026, 9, 1)),
    )
    prices = [version(1, date(2025, 1, 1), **{"AUT-01": terms("41.50")})]
    [draft] = run([agreement(*history)], prices)
    got = [(ln.start, ln.end, ln.quantity, ln.factor, ln.net) for ln in draft.lines]
    assert got == [
        (date(2026, 7, 1), date(2026, 8, 31), 12, 2, Decimal("996.00")),
        (date(2026, 9, 1), date(2026, 9, 30), 15, 1, Decimal("622.50")),
    ]
    assert draft.net == Decimal("1618.50")
    assert draft.tax == Decimal("307.52")  # 1618.50 × 0.19 = 307.515 → half-up
    assert draft.gross == Decimal("1926.02")
    assert draft.problems == []


def test_price_version_change_splits_the_period():
    history = (QuantityPeriod("AUT-01", Decimal(3), date(2025, 1, 1)),)
    prices = [
        version(1, date(2026, 1, 1), **{"AUT-01": terms("10.00")}),
        version(2, date(2026, 8, 1), **{"AUT-01": terms("12.3456")}),
    ]
    [draft] = run([agreement(*history)], prices)
    assert [(ln.start, ln.end, ln.unit_price, ln.net) for ln in draft.lines] == [
        (date(2026, 7, 1), date(2026, 7, 31), Decimal("10.00"), Decimal("30.00")),
        # 3 × 12.3456 × 2 = 74.0736
        (date(2026, 8, 1), date(2026, 9, 30), Decimal("12.3456"), Decimal("74.07")),
    ]


def test_yearly_unit_is_charged_by_share_of_year():
    history = (QuantityPeriod("EPR", Decimal(105000), date(2025, 1, 1)),)
    prices = [version(1, date(2025, 1, 1), EPR=terms("0.0375", PriceUnit.RESIDENT_YEAR))]
    [draft] = run([agreement(*history)], prices)
    [line] = draft.lines
    assert line.factor == Fraction(1, 4)
    assert line.net == Decimal("984.38")  # 105000 × 0.0375 / 4 = 984.375


def test_not_periodic_units_are_left_out():
    history = (
        QuantityPeriod("H", Decimal(1), date(2025, 1, 1)),
        QuantityPeriod("AUT-01", Decimal(1), date(2025, 1, 1)),
    )
    prices = [version(1, date(2025, 1, 1), H=terms("80", PriceUnit.HOUR), **{"AUT-01": terms("1")})]
    [draft] = run([agreement(*history)], prices)
    assert [ln.price_code for ln in draft.lines] == ["AUT-01"]


def test_agreement_starting_mid_period_per_started_month_and_by_day():
    history = (QuantityPeriod("AUT-01", Decimal(2), date(2026, 8, 16)),)
    prices = [version(1, date(2025, 1, 1), **{"AUT-01": terms("31.00")})]
    deal = agreement(*history, start=date(2026, 8, 16))
    [started] = run([deal], prices, rule=ProRataRule.PER_STARTED_MONTH)
    [line] = started.lines
    assert (line.start, line.end, line.factor, line.net) == (
        date(2026, 8, 16),
        date(2026, 9, 30),
        2,
        Decimal("124.00"),
    )
    [by_day] = run([deal], prices, rule=ProRataRule.BY_DAY)
    [line] = by_day.lines
    assert line.factor == Fraction(16, 31) + 1
    assert line.net == Decimal("94.00")  # 2 × 31 × (16/31 + 1) = 32 + 62


def test_agreement_ending_mid_period_by_day_exact_fraction():
    history = (QuantityPeriod("AUT-01", Decimal(1), date(2025, 1, 1)),)
    prices = [version(1, date(2025, 1, 1), **{"AUT-01": terms("10.00")})]
    deal = agreement(*history, until=date(2026, 7, 10))
    [draft] = run([deal], prices, rule=ProRataRule.BY_DAY)
    [line] = draft.lines
    assert line.factor == Fraction(10, 31)
    assert line.net == Decimal("3.23")  # 100 / 31 = 3.2258
    [whole] = run([deal], prices, rule=ProRataRule.PER_STARTED_MONTH)
    assert whole.lines[0].net == Decimal("10.00")


def test_not_taxable_lines_go_into_their_own_draft():
    history = (
        QuantityPeriod("AUT-01", Decimal(1), date(2025, 1, 1)),
        QuantityPeriod("UML", Decimal(1), date(2025, 1, 1)),
    )
    prices = [
        version(
            1,
            date(2025, 1, 1),
            **{"AUT-01": terms("100"), "UML": terms("50", PriceUnit.FLAT_MONTH, NOT_TAXED, "0")},
        )
    ]
    taxed, untaxed = run([agreement(*history)], prices)
    assert (taxed.not_taxable, [ln.price_code for ln in taxed.lines]) == (False, ["AUT-01"])
    assert (untaxed.not_taxable, [ln.price_code for ln in untaxed.lines]) == (True, ["UML"])
    assert untaxed.tax == 0 and untaxed.net == Decimal("150.00")
    assert taxed.tax == Decimal("57.00")


def test_problems_are_flagged_per_draft():
    history = (QuantityPeriod("AUT-01", Decimal(1), date(2025, 1, 1)),)
    prices = [
        version(1, date(2025, 1, 1), **{"AUT-01": terms("5")}),
        version(2, date(2026, 9, 1), **{"AUT-01": terms(None)}),
    ]
    bare = BilledCustomer(1, "Stadt Trier", "", " ")
    operators = {"AUT": [Assignment(5, "Koblenz", date(2020, 1, 1), date(2026, 7, 31))]}
    [draft] = run([agreement(*history)], prices, customers=[bare], operators=operators)
    assert [p.code for p in draft.problems] == ["no_operator", "no_price"]
    assert "01.08.2026" in draft.problems[0].message
    assert "01.09.2026" in draft.problems[1].message
    assert [(ln.start, ln.end) for ln in draft.lines] == [(date(2026, 7, 1), date(2026, 8, 31))]


def test_rhythm_decides_which_runs_charge_an_agreement():
    history = (QuantityPeriod("AUT-01", Decimal(1), date(2025, 1, 1)),)
    prices = [version(1, date(2025, 1, 1), **{"AUT-01": terms("1")})]
    yearly = agreement(*history, rhythm=BillingRhythm.YEARLY)
    assert run([yearly], prices) == []
    assert len(run([yearly], prices, period=BillingPeriod.of(2026))) == 1
    monthly = agreement(*history, rhythm=BillingRhythm.MONTHLY)
    assert run([monthly], prices, period=BillingPeriod.of(2026, 7))[0].lines[0].factor == 1


def _half_up(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


prices_st = st.decimals(min_value=0, max_value=10000, places=4, allow_nan=False)
quantities_st = st.integers(min_value=0, max_value=5000).map(Decimal)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(quantities_st, prices_st, st.sampled_from(["19.00", "7.00"]), st.integers(1, 3)),
        min_size=1,
        max_size=6,
    )
)
def test_totals_recomputed_independently(rows):
    history, items = [], {}
    for index, (qty, price, rate, _months) in enumerate(rows):
        code = f"P{index}"
        history.append(QuantityPeriod(code, qty, date(2025, 1, 1)))
        items[code] = terms(str(price), category=S, rate=rate)
    ends = {1: date(2026, 7, 31), 2: date(2026, 8, 31), 3: date(2026, 9, 30)}
    # every item ends after `months` months: quantity periods end, agreement stays open
    history = [
        QuantityPeriod(h.price_code, h.quantity, h.valid_from, ends[rows[i][3]])
        for i, h in enumerate(history)
    ]
    [draft] = run([agreement(*history)], [version(1, date(2025, 1, 1), **items)])
    expected_lines = [_half_up(q * p * m) for q, p, _r, m in rows]
    assert [ln.net for ln in draft.lines] == expected_lines
    per_rate: dict[str, Decimal] = {}
    for (_q, _p, rate, _m), net in zip(rows, expected_lines, strict=True):
        per_rate[rate] = per_rate.get(rate, Decimal(0)) + net
    tax = sum((_half_up(n * Decimal(r) / 100) for r, n in per_rate.items()), Decimal(0))
    assert draft.net == sum(expected_lines, Decimal(0))
    assert draft.tax == tax
    assert draft.gross == draft.net + tax
    assert all(t.tax == t.tax.quantize(Decimal("0.01")) for t in draft.totals)


def test_line_net_rounds_half_up_once():
    assert line_net(Decimal(1), Decimal("0.0050"), Fraction(1)) == Decimal("0.01")
    assert line_net(Decimal(3), Decimal("0.0025"), Fraction(2, 3)) == Decimal("0.01")
    assert line_net(Decimal(0), Decimal("12.5"), Fraction(3)) == Decimal("0.00")


def test_problems_read_german(monkeypatch: pytest.MonkeyPatch) -> None:
    from zidkor_desktop import l10n

    monkeypatch.setattr(l10n, "_state", {"language": "de"})
    history = (QuantityPeriod("AUT-01", Decimal(1), date(2025, 1, 1)),)
    prices = [version(1, date(2025, 1, 1), **{"AUT-01": terms(None)})]
    bare = BilledCustomer(1, "Stadt Trier", "", "")
    [draft] = run([agreement(*history)], prices, customers=[bare])
    assert [p.message for p in draft.problems] == [
        "Vereinbarung V-1: Die Entgeltposition AUT-01 hat vom 01.07.2026 bis zum 30.09.2026 "
        "keinen Preis.",
    ]
    assert draft.lines == []


days_in_q3 = st.integers(min_value=1, max_value=91).map(
    lambda n: date(2026, 7, 1) + timedelta(days=n)
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(days_in_q3, max_size=3, unique=True),
    st.lists(days_in_q3, max_size=3, unique=True),
    st.sampled_from(list(ProRataRule)),
)
def test_parts_cover_the_period_with_what_is_in_force(quantity_days, price_days, rule):
    starts = [date(2025, 1, 1), *sorted(quantity_days)]
    history = [
        QuantityPeriod(
            "AUT-01",
            Decimal(index + 1),
            start,
            starts[index + 1] - timedelta(days=1) if index + 1 < len(starts) else None,
        )
        for index, start in enumerate(starts)
    ]
    prices = [version(1, date(2025, 1, 1), **{"AUT-01": terms("10.00")})] + [
        version(n + 2, day, **{"AUT-01": terms(f"{11 + n}.00")})
        for n, day in enumerate(sorted(price_days))
    ]
    [draft] = run([agreement(*history)], prices, rule=rule)
    lines = draft.lines
    assert lines[0].start == Q3_2026.start and lines[-1].end == Q3_2026.end
    assert all(a.end + timedelta(days=1) == b.start for a, b in pairwise(lines))
    assert sum(ln.factor for ln in lines) == 3
    for line in lines:
        for day in (line.start, line.end):
            quantity = next(q.quantity for q in history if q.covers(day))
            price = [v for v in prices if v.valid_from <= day][-1].items["AUT-01"].unit_price
            assert (line.quantity, line.unit_price) == (quantity, price)
    cuts = set(quantity_days) | set(price_days)
    assert [ln.start for ln in lines[1:]] == sorted(cuts)


def test_the_same_problem_is_flagged_once_per_draft():
    history = (
        QuantityPeriod("AUT-01", Decimal(1), date(2025, 1, 1)),
        QuantityPeriod("AUT-02", Decimal(1), date(2025, 1, 1)),
    )
    prices = [
        version(1, date(2025, 1, 1), **{"AUT-01": terms("5"), "AUT-02": terms("7")}),
    ]
    operators = {"AUT": [Assignment(5, "Koblenz", date(2020, 1, 1), date(2026, 7, 31))]}
    [draft] = run([agreement(*history)], prices, operators=operators)
    assert [p.code for p in draft.problems] == ["no_operator"]
    assert len(draft.lines) == 2
