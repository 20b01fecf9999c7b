"""Decimal texts for the XML: plain notation, never an exponent and never a negative zero."""

from __future__ import annotations

from decimal import Decimal

from zidkor_desktop.domain.money import CENT


def decimal_text(value: Decimal, min_places: int = 0) -> str:
    """`value` exactly, without trailing zeros beyond `min_places` ("36", "45.50", "0.1234")."""
    if not value.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    if value == 0:
        value = Decimal(0)
    text = format(value.normalize(), "f")
    whole, _, places = text.partition(".")
    places = places.ljust(min_places, "0")
    return f"{whole}.{places}" if places else whole


def amount_text(value: Decimal) -> str:
    """An amount with exactly two decimals ("1638.00", "-100.00", "0.00"); refuses more cents."""
    if value != value.quantize(CENT):
        raise ValueError(f"amount has more than two decimals: {value!r}")
    return decimal_text(value.quantize(CENT), min_places=2)
