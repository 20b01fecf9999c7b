"""Leitweg-ID: structure and ISO 7064 Mod 97-10 check digits."""

import pytest

from zidkor_desktop.domain.errors import ValidationError
from zidkor_desktop.domain.leitweg import check_digits, make_leitweg_id, validate_leitweg_id


def test_known_test_leitweg_id_of_kosit_is_valid() -> None:
    # 991-33333TEST-33 is the public test Leitweg-ID used in the XRechnung test suite.
    assert validate_leitweg_id("991-33333TEST-33") == "991-33333TEST-33"


def test_check_digits_computed_independently() -> None:
    # 07131007 + ZIDKOR -> letters to numbers (Z=35 I=18 D=13 K=20 O=24 R=27), append 00
    digits = "07131007" + "351813202427" + "00"
    expected = f"{98 - int(digits) % 97:02d}"
    assert check_digits("07131007", "ZIDKOR") == expected
    assert make_leitweg_id("07131007", "ZIDKOR") == f"07131007-ZIDKOR-{expected}"


def test_lowercase_is_normalised() -> None:
    lid = make_leitweg_id("07211000", "ZIDKOR")
    assert validate_leitweg_id(lid.lower()) == lid


def test_mistyped_check_digit_is_refused() -> None:
    lid = make_leitweg_id("07315000", "12345")
    wrong = lid[:-1] + str((int(lid[-1]) + 1) % 10)
    with pytest.raises(ValidationError) as err:
        validate_leitweg_id(wrong)
    assert err.value.field == "leitweg_id"
    assert lid[-2:] in str(err.value)


@pytest.mark.parametrize("value", ["", "0", "1-12", "07315000_12345-66", "0731500012345-6"])
def test_wrong_structure_is_refused(value: str) -> None:
    with pytest.raises(ValidationError):
        validate_leitweg_id(value)
