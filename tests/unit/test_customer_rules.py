"""Customer rules without a database: e-mail, VAT ID, debtor numbers, population figures."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from zidkor_desktop.domain.customers import (
    PopulationFigure,
    check_debtor_number,
    check_email,
    check_populations,
    next_debtor_number,
    normalise_vat_id,
)
from zidkor_desktop.domain.errors import ValidationError
from zidkor_desktop.l10n import set_language

TODAY = date(2026, 11, 25)
SOURCE = "Statistisches Landesamt RLP"


@pytest.fixture(autouse=True)
def german() -> Iterator[None]:
    set_language("de")
    yield
    set_language("de")


@pytest.mark.parametrize(
    "value", ["rechnung@vg-musterland.de", "x.y+z@sub.example.org", "a@b.co", ""]
)
def test_valid_email_addresses_pass(value: str) -> None:
    assert check_email(f" {value} ", "einvoice_email", "E-Mail") == value


@pytest.mark.parametrize(
    "value",
    ["rechnung", "rechnung@", "@vg.de", "a b@vg.de", "a@vg", "a@vg..de", "a@@vg.de", "a@-vg.de"],
)
def test_broken_email_addresses_are_refused_naming_the_field(value: str) -> None:
    with pytest.raises(ValidationError) as err:
        check_email(value, "einvoice_email", "E-Mail für E-Rechnungen")
    assert err.value.field == "einvoice_email"
    assert str(err.value).startswith("E-Mail für E-Rechnungen:")
    assert "keine gültige E-Mail-Adresse" in str(err.value)


def test_vat_id_is_normalised() -> None:
    assert normalise_vat_id(" de 123 456 789 ") == "DE123456789"
    assert normalise_vat_id("") == ""


@pytest.mark.parametrize(
    "value", ["DE12345678", "DE1234567890", "AT123456789", "123456789", "DEX23456789"]
)
def test_vat_id_other_than_de_and_nine_digits_is_refused(value: str) -> None:
    with pytest.raises(ValidationError) as err:
        normalise_vat_id(value)
    assert err.value.field == "vat_id"
    assert "DE und neun Ziffern" in str(err.value)


def test_next_debtor_number_is_one_above_the_highest_numeric() -> None:
    assert next_debtor_number([]) == "10001"
    assert next_debtor_number(["10001", "10003", "K-7", "10101"]) == "10102"


@pytest.mark.parametrize("value", ["10 001", "ä1", "-1", "1" * 21])
def test_debtor_number_with_wrong_characters_is_refused(value: str) -> None:
    with pytest.raises(ValidationError) as err:
        check_debtor_number(value)
    assert err.value.field == "debtor_number"


def test_populations_are_sorted_and_stripped() -> None:
    figures = [
        PopulationFigure(2026, 18200, f" {SOURCE} ", date(2025, 12, 31)),
        PopulationFigure(2025, 18150, SOURCE, date(2024, 12, 31)),
    ]
    checked = check_populations(figures, TODAY)
    assert [f.year for f in checked] == [2025, 2026]
    assert checked[1].source == SOURCE


@pytest.mark.parametrize(
    ("figure", "message"),
    [
        (PopulationFigure(1949, 100, SOURCE, date(2020, 1, 1)), "1949 ist nicht plausibel"),
        (PopulationFigure(2028, 100, SOURCE, date(2020, 1, 1)), "2028 ist nicht plausibel"),
        (PopulationFigure(2026, 0, SOURCE, date(2025, 12, 31)), "muss größer als 0 sein"),
        (PopulationFigure(2026, 100, "  ", date(2025, 12, 31)), "Quelle der Zahl"),
        (PopulationFigure(2026, 100, SOURCE, None), "Stand der Zahl (Datum)"),
        (PopulationFigure(2026, 100, SOURCE, date(2026, 11, 26)), "liegt in der Zukunft"),
    ],
)
def test_population_rules_refuse(figure: PopulationFigure, message: str) -> None:
    with pytest.raises(ValidationError) as err:
        check_populations([figure], TODAY)
    assert message in str(err.value)
    assert err.value.field == "populations"


def test_a_year_entered_twice_is_refused() -> None:
    figure = PopulationFigure(2026, 100, SOURCE, date(2025, 12, 31))
    with pytest.raises(ValidationError) as err:
        check_populations([figure, figure], TODAY)
    assert "Einwohnerzahl 2026: Das Jahr ist doppelt erfasst." in str(err.value)
