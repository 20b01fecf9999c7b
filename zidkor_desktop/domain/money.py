"""Exact money arithmetic with Decimal (commercial rounding to cents)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def to_money(value: Decimal | int | str) -> Decimal:
    """Round a value half-up to whole cents; floats are refused."""
    if isinstance(value, float):
        raise TypeError("money must not be a float")
    try:
        return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
    except InvalidOperation as exc:
        raise ValueError(f"not an amount: {value!r}") from exc


def to_cents(amount: Decimal) -> int:
    """Whole cents of an amount (rounded half-up)."""
    return int(to_money(amount) * 100)


def from_cents(cents: int) -> Decimal:
    """Amount of a number of cents."""
    return (Decimal(cents) / 100).quantize(CENT)


def parse_amount(text: str) -> Decimal:
    """Parse a user-typed amount in German ('1.234,56', '2000', '12,5 €') to Decimal.

    Raises ValueError for anything that is not a plain amount.
    """
    cleaned = (
        text.strip().replace("€", "").replace("EUR", "").replace(" ", "").replace("\u00a0", "")
    )
    if not cleaned:
        raise ValueError("empty amount")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif cleaned.count(".") > 1 or (cleaned.count(".") == 1 and len(cleaned.split(".")[1]) == 3):
        cleaned = cleaned.replace(".", "")
    negative = cleaned.startswith("-")
    digits = cleaned[1:] if negative else cleaned
    if not digits or not all(ch.isdigit() or ch == "." for ch in digits) or digits.count(".") > 1:
        raise ValueError(f"not an amount: {text!r}")
    value = Decimal(cleaned)
    if value != value.quantize(CENT):
        raise ValueError(f"more than two decimals: {text!r}")
    return to_money(value)
