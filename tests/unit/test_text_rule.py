"""Control characters are refused at input, naming the field; notes may have line breaks."""

from __future__ import annotations

from datetime import date

import pytest

from zidkor_desktop.domain.errors import ValidationError
from zidkor_desktop.domain.kinds import OrganisationKind
from zidkor_desktop.domain.text import check_text
from zidkor_desktop.l10n import set_language
from zidkor_desktop.usecases.members import MemberInput, _clean
from zidkor_desktop.usecases.settings import SettingsData, validate_settings


@pytest.fixture(autouse=True)
def _german() -> None:
    set_language("de")


@pytest.mark.parametrize("bad", ["\x00", "\x1b", "\x07", "\x7f", "\x9b"])
def test_control_characters_are_refused(bad: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_text(f"Stadt{bad}Worms", field="name", label="Name")
    assert caught.value.field == "name"
    assert "Name" in str(caught.value) and "Steuerzeichen" in str(caught.value)


@pytest.mark.parametrize("brk", ["\n", "\r", "\u2028", "\t"])
def test_one_line_fields_refuse_line_breaks_and_tabs(brk: str) -> None:
    with pytest.raises(ValidationError):
        check_text(f"a{brk}b", field="city", label="Ort")


def test_multi_line_fields_allow_line_breaks_and_tabs_only() -> None:
    check_text("Zeile 1\r\nZeile 2\n\tEingerückt", field="notes", label="Notizen", multiline=True)
    with pytest.raises(ValidationError):
        check_text("Zeile 1\n\x1b[31m", field="notes", label="Notizen", multiline=True)


def member(**changes: object) -> MemberInput:
    data = MemberInput(
        name="Stadt Worms", kind=OrganisationKind.CITY, votes=1, applied_on=date(2026, 3, 2)
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def test_member_use_case_names_the_field() -> None:
    with pytest.raises(ValidationError) as caught:
        _clean(member(city="Wo\nrms"))
    assert caught.value.field == "city"
    assert (
        str(caught.value)
        == "Das Feld Ort muss einzeilig sein: Bitte entfernen Sie den Zeilenumbruch."
    )
    with pytest.raises(ValidationError) as caught:
        _clean(member(name="Stadt\x00Worms"))
    assert caught.value.field == "name" and "Feld Name" in str(caught.value)
    assert _clean(member(notes="Erste Zeile\nZweite Zeile")).notes == "Erste Zeile\nZweite Zeile"


def test_settings_use_case_names_the_field() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_settings(SettingsData(name="ZV", short_name="Z", bank_name="Spar\x1bkasse"))
    assert caught.value.field == "bank_name" and "Feld Kreditinstitut" in str(caught.value)
    note = "Nicht steuerbar.\nGemäß § 2b UStG."
    assert validate_settings(SettingsData(name="ZV", short_name="Z", not_taxable_note=note))
