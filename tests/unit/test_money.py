"""Money: exact Decimal rounding and German amount parsing."""

from decimal import Decimal

import pytest

from zidkor_desktop.domain.money import from_cents, parse_amount, to_cents, to_money


def test_rounds_half_up_to_cents() -> None:
    assert to_money(Decimal("0.005")) == Decimal("0.01")
    assert to_money(Decimal("2.344999")) == Decimal("2.34")
    assert to_money("1234.565") == Decimal("1234.57")


def test_refuses_float() -> None:
    with pytest.raises(TypeError):
        to_money(0.1)  # type: ignore[arg-type]


def test_cents_round_trip() -> None:
    assert to_cents(Decimal("2000.00")) == 200000
    assert from_cents(1400000) == Decimal("14000.00")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,56", "1234.56"),
        ("2000", "2000.00"),
        ("2.000", "2000.00"),
        ("12,5 €", "12.50"),
        ("0,01", "0.01"),
        ("-3,20", "-3.20"),
        ("14000.00", "14000.00"),
    ],
)
def test_parses_german_amounts(text: str, expected: str) -> None:
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "12,5O", "abc", "1,234", "1,2,3", "--1"])
def test_rejects_non_amounts(text: str) -> None:
    with pytest.raises(ValueError):
        parse_amount(text)
