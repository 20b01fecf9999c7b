"""Spreadsheet cells: formula injection is defused, ordinary text stays as it is."""

from __future__ import annotations

import pytest

from zidkor_desktop.domain.spreadsheet import FORMULA_STARTS, csv_safe


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+49 6131", "'+49 6131"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("\ncmd", "'\ncmd"),
    ],
)
def test_formula_starts_get_a_leading_apostrophe(text: str, expected: str) -> None:
    assert csv_safe(text) == expected


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_every_formula_start_is_defused_even_alone(start: str) -> None:
    assert csv_safe(start) == "'" + start


@pytest.mark.parametrize(
    "text",
    ["Stadt Mainz", "a=b", "1.234,56", "Müller & Söhne", " =1+1", "'=1+1", "x\n=1", ""],
)
def test_plain_text_and_empty_strings_are_unchanged(text: str) -> None:
    assert csv_safe(text) == text
