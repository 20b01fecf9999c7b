"""Leitweg-ID: structure and ISO 7064 Mod 97-10 check digits."""

from collections.abc import Iterator

import pytest

from zidkor_desktop.domain.errors import ValidationError
from zidkor_desktop.domain.leitweg import check_digits, make_leitweg_id, validate_leitweg_id
from zidkor_desktop.l10n import set_language


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


# --- every kind of error, explained in German --------------------------------------------------


@pytest.fixture
def german() -> Iterator[None]:
    set_language("de")
    yield
    set_language("de")


def _expected(coarse: str, fine: str) -> str:
    """Check digits computed here from the standard's definition (A=10 … Z=35, append 00)."""
    digits = "".join(str(int(ch, 36)) for ch in coarse + fine) + "00"
    return f"{98 - int(digits) % 97:02d}"


VALID = [
    ("07131007", "ZIDKOR"),
    ("072335011", "ZIDKOR"),
    ("07315000", "12345"),
    ("991", "33333TEST"),
    ("07", ""),
    ("071405001", ""),
    ("123456789012", "A" * 30),
]


@pytest.mark.parametrize(("coarse", "fine"), VALID)
def test_valid_ids_pass_with_and_without_fine_part(coarse: str, fine: str) -> None:
    lid = "-".join(p for p in (coarse, fine, _expected(coarse, fine)) if p)
    assert validate_leitweg_id(f"  {lid.lower()} ") == lid


@pytest.mark.parametrize(("coarse", "fine"), VALID[:4])
def test_every_wrong_check_digit_pair_is_refused_naming_the_right_one(
    german: None, coarse: str, fine: str
) -> None:
    right = _expected(coarse, fine)
    prefix = "-".join(p for p in (coarse, fine) if p)
    for number in range(100):
        check = f"{number:02d}"
        if check == right:
            continue
        with pytest.raises(ValidationError) as err:
            validate_leitweg_id(f"{prefix}-{check}")
        message = str(err.value)
        assert err.value.field == "leitweg_id"
        assert f"erwartet {right}" in message
        if check in ("00", "01", "99"):
            assert f"die Prüfziffer {check} kommt nicht vor" in message
        else:
            assert f"Prüfziffer falsch: erwartet {right}, eingegeben {check}" in message


def test_message_of_the_workflow_example(german: None) -> None:
    right = _expected("071405001", "ZIDKOR")
    wrong = f"{(int(right) + 1) % 97:02d}" if right != "96" else "95"
    with pytest.raises(ValidationError) as err:
        validate_leitweg_id(f"071405001-ZIDKOR-{wrong}")
    assert str(err.value).startswith(f"Leitweg-ID „071405001-ZIDKOR-{wrong}“: Prüfziffer falsch")


@pytest.mark.parametrize(("coarse", "fine"), VALID[:4])
def test_every_single_mistyped_character_is_caught_by_the_check_digits(
    coarse: str, fine: str
) -> None:
    lid = "-".join(p for p in (coarse, fine, _expected(coarse, fine)) if p)
    caught = 0
    for position, char in enumerate(lid):
        if char == "-":
            continue
        for other in "0123456789" if char.isdigit() else "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
            if other == char:
                continue
            typo = lid[:position] + other + lid[position + 1 :]
            with pytest.raises(ValidationError):
                validate_leitweg_id(typo)
            caught += 1
    assert caught > 8 * len(coarse)


@pytest.mark.parametrize(("coarse", "fine"), VALID[:4])
def test_every_swap_of_two_neighbouring_digits_is_caught(coarse: str, fine: str) -> None:
    lid = "-".join(p for p in (coarse, fine, _expected(coarse, fine)) if p)
    for position in range(len(lid) - 1):
        a, b = lid[position], lid[position + 1]
        if a == b or "-" in (a, b):
            continue
        swapped = lid[:position] + b + a + lid[position + 2 :]
        with pytest.raises(ValidationError):
            validate_leitweg_id(swapped)


@pytest.mark.parametrize(
    ("value", "explanation"),
    [
        ("", "Bitte geben Sie die Leitweg-ID ein."),
        ("   ", "Bitte geben Sie die Leitweg-ID ein."),
        ("0731500012345", "der Bindestrich vor der Prüfziffer fehlt"),
        ("07315000-12345-66-1", "sie hat 4 Teile"),
        ("07315000--66", "ein Teil zwischen den Bindestrichen ist leer"),
        ("-07315000-66", "ein Teil zwischen den Bindestrichen ist leer"),
        ("07315000-12345-", "ein Teil zwischen den Bindestrichen ist leer"),
        ("07315000_12345-66", "„_“ an Stelle 9 ist nicht erlaubt"),
        ("0731 5000-66", "ein Leerzeichen an Stelle 5 ist nicht erlaubt"),
        ("07315000-STANDESÄMT-66", "„Ä“ an Stelle 17 ist nicht erlaubt"),
        ("0731500A-12345-66", "die Grobadressierung „0731500A“ darf nur aus Ziffern bestehen"),
        ("0-12345-66", "die Grobadressierung „0“ muss 2 bis 12 Ziffern haben, nicht 1"),
        ("0731500012345-66", "„0731500012345“ muss 2 bis 12 Ziffern haben, nicht 13"),
        ("07315000-" + "A" * 31 + "-66", "die Feinadressierung hat 31 Zeichen"),
        ("07315000-12345-6", "die Prüfziffer „6“ muss aus genau zwei Ziffern am Ende bestehen"),
        ("07315000-12345-666", "die Prüfziffer „666“ muss aus genau zwei Ziffern"),
        ("07315000-12345-6A", "die Prüfziffer „6A“ muss aus genau zwei Ziffern"),
        ("0" * 12 + "-" + "A" * 30 + "-661", "sie hat 47 Zeichen; erlaubt sind höchstens 46"),
    ],
)
def test_each_structure_error_is_explained_in_german(
    german: None, value: str, explanation: str
) -> None:
    with pytest.raises(ValidationError) as err:
        validate_leitweg_id(value)
    assert explanation in str(err.value)
    assert err.value.field == "leitweg_id"
