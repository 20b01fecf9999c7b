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


# --- import side: reversible defusing, refusal, reading cells exactly -------------------------

from datetime import date, datetime  # noqa: E402
from decimal import Decimal  # noqa: E402

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from zidkor_desktop.domain.spreadsheet import (  # noqa: E402
    CellProblem,
    Formula,
    cell_price,
    cell_text,
    cell_whole_number,
    defused,
    defused_string,
    restored,
)

texts = st.text(alphabet=st.sampled_from(list("'=+-@\t\rabcäöüß 1,")), max_size=8)


@given(texts)
def test_defused_csv_text_comes_back_as_it_was(text: str) -> None:
    cell = defused(text)
    assert not cell.startswith(FORMULA_STARTS)
    assert restored(cell, typed_text=False) == text


@given(texts)
def test_xlsx_string_cells_come_back_as_they_were(text: str) -> None:
    assert restored(defused_string(text), typed_text=True) == text


@pytest.mark.parametrize("text", ["=1+1", "+49 6131", "-x", "@SUM(A1)", "\tcmd", "\rcmd"])
def test_formula_text_in_csv_is_refused_naming_the_start(text: str) -> None:
    with pytest.raises(CellProblem, match=r"als Formel ausgeführt"):
        restored(text, typed_text=False)
    assert restored(text, typed_text=True) == text  # an XLSX text cell cannot run
    assert restored("'" + text, typed_text=False) == text  # the clerk's apostrophe


def test_formula_cells_dates_and_booleans_are_refused_in_every_column() -> None:
    for read in (cell_price, cell_whole_number, lambda v: cell_text(v, typed_text=True)):
        with pytest.raises(CellProblem, match=r"Formel \(=A1\*2\)"):
            read(Formula("=A1*2"))
        with pytest.raises(CellProblem, match=r"Datum"):
            read(datetime(2026, 1, 1))
        with pytest.raises(CellProblem, match=r"Datum"):
            read(date(2026, 1, 1))
        with pytest.raises(CellProblem, match=r"Ja/Nein"):
            read(True)


prices = st.decimals(min_value=0, max_value=Decimal("99999999.9999"), places=4)


@given(prices)
def test_a_price_saved_as_a_float_reads_back_exactly(value: Decimal) -> None:
    read = cell_price(float(value))
    assert read == value and isinstance(read, Decimal)


@given(st.integers(min_value=0, max_value=99_999_999))
def test_a_price_saved_as_an_int_reads_back(value: int) -> None:
    assert cell_price(value) == Decimal(value)


@given(prices, st.sampled_from(["", " €", "\u00a0€", " "]))
def test_a_price_saved_as_german_text_reads_back(value: Decimal, suffix: str) -> None:
    whole, _dot, fraction = f"{value:f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    assert cell_price(f"{grouped},{fraction}{suffix}") == value
    assert cell_price(f"{whole},{fraction}") == value


@given(st.decimals(min_value=Decimal("0.00001"), max_value=Decimal(1000), places=5))
def test_more_than_four_places_are_refused_as_float_and_as_text(value: Decimal) -> None:
    if value == value.quantize(Decimal("0.0001")):
        return
    with pytest.raises(CellProblem, match=r"mehr als vier Nachkommastellen"):
        cell_price(float(value))
    with pytest.raises(CellProblem, match=r"mehr als vier Nachkommastellen"):
        cell_price(f"{value:f}".replace(".", ","))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("12,5O", "„12,5O“ ist kein Betrag"),
        ("-5", "„-5“ ist negativ"),
        (-5, "„-5“ ist negativ"),
        (-0.5, "„-0,5“ ist negativ"),
        ("", "Bitte geben Sie einen Preis ein"),
        (None, "Bitte geben Sie einen Preis ein"),
        (1e9, "zu groß"),
        ("#NV", "„#NV“ ist kein Betrag"),
    ],
)
def test_price_cells_that_are_no_price(value: object, message: str) -> None:
    with pytest.raises(CellProblem) as caught:
        cell_price(value)  # type: ignore[arg-type]
    assert message.casefold() in str(caught.value).casefold()


def test_whole_numbers_and_text_cells() -> None:
    assert [cell_whole_number(v) for v in (3, 3.0, " 3 ", Decimal(3))] == [3, 3, 3, 3]
    for bad in ("3,5", 3.5, "drei", ""):
        with pytest.raises(CellProblem):
            cell_whole_number(bad)
    assert cell_text(None, typed_text=False) == ""
    assert cell_text(101, typed_text=False) == "101"
    assert cell_text(2.0, typed_text=False) == "2"
    assert cell_text(" Müller ", typed_text=False) == "Müller"


@given(prices)
def test_english_notation_reads_back_when_the_file_uses_it(value: Decimal) -> None:
    whole, _dot, fraction = f"{value:f}".partition(".")
    grouped = f"{int(whole):,}"
    assert cell_price(f"{grouped}.{fraction}", point=True) == value
    assert cell_price(f"{whole}.{fraction} €", point=True) == value
    assert cell_price(float(value), point=True) == value  # numbers are numbers either way


@pytest.mark.parametrize(
    ("texts", "point"),
    [
        (["41.25", "1250", "0.048"], True),  # LibreOffice in English: 0.048 is 0,048 here
        (["1,250.00", "12"], True),
        (["0.0480"], True),
        (["41,25", "0.048"], False),  # a decimal comma: German, "0.048" is 48 as ever
        (["1.200", "0.048"], False),  # only 3 places after the point: German thousands
        (["1.234,50 €", "38.50"], False),
        ([], False),
    ],
)
def test_the_notation_of_a_files_prices(texts: list[str], point: bool) -> None:
    from zidkor_desktop.domain.spreadsheet import decimal_point_used

    assert decimal_point_used(texts) is point


def test_english_notation_still_refuses_what_is_no_price() -> None:
    for text, reason in [("1,2,3", "kein Betrag"), ("-1.50", "negativ"), ("0.12345", "vier")]:
        with pytest.raises(CellProblem, match=reason):
            cell_price(text, point=True)
