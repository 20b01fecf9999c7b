"""Price-list rules: prices, validity periods, publication dates, item checks, comparison."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zidkor_desktop.domain.errors import ValidationError
from zidkor_desktop.domain.kinds import BillingRhythm, PriceUnit, TaxCategory
from zidkor_desktop.domain.pricelist import (
    ItemDraft,
    check_items,
    check_publication,
    compare,
    format_price,
    in_force_on,
    parse_price,
    periods,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,5678", "1234.5678"),
        ("12,5", "12.5000"),
        ("0,045", "0.0450"),
        ("38.50", "38.5000"),
        ("1.200", "1200.0000"),
        ("1.234.567,8", "1234567.8000"),
        ("0", "0.0000"),
        (" 7,25 € ", "7.2500"),
        (",5", "0.5000"),
    ],
)
def test_parse_price(text: str, expected: str) -> None:
    assert parse_price(text) == Decimal(expected)
    assert str(parse_price(text)) == expected


@pytest.mark.parametrize(
    "text", ["", "-1", "-0,01", "1,23456", "12,5O", "1.2.3", "12.34,5", "1,2,3", "abc", "1e5"]
)
def test_parse_price_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_price(text)


def test_parse_price_refuses_decimal_with_five_places() -> None:
    with pytest.raises(ValueError):
        parse_price(Decimal("0.00001"))


def german(value: Decimal, *, grouped: bool) -> str:
    """Format independently of the module: thousands dots, decimal comma."""
    integer, fraction = f"{value:f}".split(".") if "." in f"{value:f}" else (f"{value:f}", "")
    if grouped:
        groups = []
        while len(integer) > 3:
            groups.insert(0, integer[-3:])
            integer = integer[:-3]
        integer = ".".join([integer, *groups])
    return integer + ("," + fraction if fraction else "")


prices = st.decimals(
    min_value=0, max_value=Decimal("99999999.9999"), places=4, allow_nan=False, allow_infinity=False
)


@given(prices, st.booleans())
def test_german_amounts_parse_back(value: Decimal, grouped: bool) -> None:
    assert parse_price(german(value, grouped=grouped)) == value


@given(prices)
def test_format_then_parse_is_identity(value: Decimal) -> None:
    text = format_price(value)
    assert text.count(",") == 1 and len(text.split(",")[1]) == 4
    assert parse_price(text) == value


@given(st.decimals(min_value=Decimal("-1e6"), max_value=Decimal("-0.0001"), places=4))
def test_negative_amounts_are_refused(value: Decimal) -> None:
    with pytest.raises(ValueError):
        parse_price(german(-value, grouped=False).join(["-", ""]))


PUBLISHED = [(1, date(2026, 1, 1)), (3, date(2027, 7, 1)), (2, date(2027, 1, 1))]


def test_a_version_is_valid_until_the_day_before_the_next() -> None:
    assert [(p.version_no, p.valid_from, p.until) for p in periods(PUBLISHED)] == [
        (1, date(2026, 1, 1), date(2026, 12, 31)),
        (2, date(2027, 1, 1), date(2027, 6, 30)),
        (3, date(2027, 7, 1), None),
    ]
    assert in_force_on(PUBLISHED, date(2025, 12, 31)) is None
    assert in_force_on(PUBLISHED, date(2026, 12, 31)) == 1
    assert in_force_on(PUBLISHED, date(2027, 1, 1)) == 2
    assert in_force_on(PUBLISHED, date(2030, 1, 1)) == 3
    assert in_force_on([], date(2026, 1, 1)) is None


def test_publication_must_start_after_the_last_published() -> None:
    check_publication(date(2027, 7, 2), PUBLISHED)
    check_publication(date(2020, 1, 1), [])
    for day in (date(2027, 7, 1), date(2026, 6, 1)):
        with pytest.raises(ValidationError, match=r"nach dem 01.07.2027") as err:
            check_publication(day, PUBLISHED)
        assert err.value.field == "valid_from"


def item(**changes: object) -> ItemDraft:
    base = {
        "position": 1,
        "code": "A-1",
        "service_id": 1,
        "title": "Betrieb",
        "unit": PriceUnit.WORKSTATION_MONTH,
        "unit_price": "38,50",
        "tax_category": TaxCategory.STANDARD,
        "billing_rhythm": BillingRhythm.MONTHLY,
    }
    return ItemDraft(**{**base, **changes})  # type: ignore[arg-type]


def test_items_get_unit_text_code_and_tax_rate() -> None:
    rows = check_items(
        [
            item(position=2, code="B", unit=PriceUnit.FLAT_YEAR, tax_category=TaxCategory.REDUCED),
            item(unit_text="je Platz", unit_code="e48"),
            item(position=3, code="C", tax_category=TaxCategory.NOT_TAXABLE, tax_note="§ 2b UStG"),
        ]
    )
    assert [r.position for r in rows] == [1, 2, 3]
    assert (rows[0].unit_text, rows[0].unit_code, rows[0].tax_rate) == ("je Platz", "E48", 19)
    assert (rows[1].unit_text, rows[1].unit_code, rows[1].tax_rate) == (
        "pauschal je Jahr",
        "ANN",
        7,
    )
    assert rows[0].unit_price == Decimal("38.5000")
    assert rows[2].tax_rate == 0


@pytest.mark.parametrize(
    ("rows", "message", "field"),
    [
        ([item(position=3, unit_price="12,5O")], "Position 3, Preis: „12,5O“", "unit_price"),
        ([item(unit_price="-1")], "Position 1, Preis:", "unit_price"),
        ([item(unit_price="1,23456")], "Position 1, Preis:", "unit_price"),
        ([item(code=" ")], "Position 1, Kürzel:", "code"),
        ([item(title="")], "Position 1, Bezeichnung:", "title"),
        ([item(service_id=None)], "Position 1, Verfahren:", "service_id"),
        ([item(unit_code="XYZ")], "Position 1, Einheitencode: „XYZ“", "unit_code"),
        ([item(tax_category=TaxCategory.NOT_TAXABLE)], "Position 1, Steuerhinweis:", "tax_note"),
        (
            [item(billing_rhythm=BillingRhythm.HALF_YEARLY)],
            "Position 1, Abrechnung:",
            "billing_rhythm",
        ),
        ([item(), item(code="B")], "Position 1, Position: ", "position"),
        ([item(), item(position=2, code="a-1")], "Position 2, Kürzel: „a-1“", "code"),
    ],
)
def test_item_refusals(rows: list[ItemDraft], message: str, field: str) -> None:
    with pytest.raises(ValidationError) as err:
        check_items(rows)
    assert str(err.value).startswith(message), str(err.value)
    assert err.value.field == field


def test_position_must_be_positive() -> None:
    with pytest.raises(ValidationError, match=r"ab 1"):
        check_items([item(position=0)])


def test_compare() -> None:
    old = [("A", "a", Decimal("10")), ("B", "b", Decimal("200")), ("C", "c", Decimal("5"))]
    new = [("A", "a", Decimal("11")), ("B", "b", Decimal("200")), ("D", "d", Decimal("1"))]
    result = compare(old, new)
    assert result.added == [("D", "d", Decimal("1"))]
    assert result.removed == [("C", "c", Decimal("5"))]
    assert [(c.code, c.old_price, c.new_price, c.percent) for c in result.changed] == [
        ("A", Decimal("10"), Decimal("11"), Decimal("10.00"))
    ]
    assert result.average_percent == Decimal("5.00")  # (10 % + 0 %) / 2 over items in both
    assert compare([("A", "a", Decimal(0))], [("A", "a", Decimal(1))]).average_percent is None


def test_list_problems_reports_every_field_of_every_row() -> None:
    from zidkor_desktop.domain.pricelist import list_problems, row_message

    rows = [
        item(code="", unit_price="12,5O"),
        item(position=2, code="B"),
        item(position=2, code="b", tax_category=TaxCategory.NOT_TAXABLE),
    ]
    found = [(index, problem.field) for index, problem in list_problems(rows)]
    assert found == [
        (0, "code"),
        (0, "unit_price"),
        (2, "tax_note"),
        (2, "position"),
        (2, "code"),
    ]
    index, price = list_problems(rows)[1]
    assert row_message(rows[index].position, price) == (
        "Position 1, Preis: „12,5O“ ist kein Preis (mindestens 0, höchstens 4 Nachkommastellen)."
    )


def test_an_empty_price_asks_for_one() -> None:
    from zidkor_desktop.domain.pricelist import field_problems

    problems = field_problems(item(unit_price=" "))
    assert [(p.field, p.message) for p in problems] == [
        ("unit_price", "bitte geben Sie den Nettopreis ein.")
    ]
