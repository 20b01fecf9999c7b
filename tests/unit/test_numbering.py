"""Invoice number patterns: plain placeholders, old syntax read, rules checked."""

from __future__ import annotations

import pytest

from zidkor_desktop.domain.errors import ValidationError
from zidkor_desktop.domain.numbering import format_number, normalise, validate
from zidkor_desktop.l10n import set_language


@pytest.fixture(autouse=True)
def _german() -> None:
    set_language("de")


@pytest.mark.parametrize(
    ("pattern", "year", "number", "expected"),
    [
        ("RE-[JAHR]-[NR:5]", 2026, 1, "RE-2026-00001"),
        ("[jahr]/[nr]", 2027, 123, "2027/123"),
        ("ZV.[NR:3]", 2026, 4711, "ZV.4711"),
        ("{year}-{seq:05d}", 2026, 42, "2026-00042"),
        ("R{year}{seq:04d}", 2026, 7, "R20260007"),
    ],
)
def test_numbers_are_formatted(pattern: str, year: int, number: int, expected: str) -> None:
    assert format_number(pattern, year, number) == expected


def test_old_syntax_is_converted_on_load() -> None:
    assert normalise("{year}-{seq:05d}") == "[JAHR]-[NR:5]"
    assert normalise("{seq}") == "[NR]"
    assert validate("re-[jahr]-[nr:5]") == "re-[JAHR]-[NR:5]"


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("RE-[JAHR]", "genau einmal"),
        ("[NR]-[NR]", "genau einmal"),
        ("[JAHR]-[JAHR]-[NR]", "nur einmal"),
        ("RE [NR]", "nicht erlaubt"),
        ("RE-[MONAT]-[NR]", "Unbekannter Platzhalter [MONAT]"),
        ("[NR:12]", "höchstens 9 Stellen"),
        ("ABCDEFGHIJKLMNOPQRSTUVWXYZ-[JAHR]-[NR]", "zu lang"),
    ],
)
def test_bad_patterns_are_refused_in_german(pattern: str, expected: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate(pattern)
    assert caught.value.field == "invoice_number_format"
    assert expected in str(caught.value)
