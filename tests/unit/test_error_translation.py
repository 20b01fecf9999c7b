"""translate(): library and OS exceptions become German sentences naming the field or file."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest

from zidkor_desktop.domain.errors import TemporaryFailure, ValidationError
from zidkor_desktop.l10n import set_language
from zidkor_desktop.usecases.errors import translate
from zidkor_desktop.usecases.settings import SettingsData, validate_settings


@pytest.fixture(autouse=True)
def _german() -> None:
    set_language("de")


@pytest.mark.parametrize(
    ("iban", "expected"),
    [
        ("DE89370400440532013001", "Prüfziffern stimmen nicht"),
        ("XX89370400440532013000", "Länderkennzeichen"),
        ("DE8937040044053201300", "Anzahl an Zeichen"),
    ],
)
def test_iban_errors_are_german_and_name_the_field(iban: str, expected: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_settings(SettingsData(name="ZV", short_name="Z", iban=iban))
    message = str(caught.value)
    assert caught.value.field == "iban"
    assert message.startswith(f"Die IBAN {iban} ist nicht gültig") and expected in message
    assert "Invalid" not in message and "country-code" not in message


def test_bic_error_names_the_bic() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_settings(
            SettingsData(name="ZV", short_name="Z", iban="DE89370400440532013000", bic="XX")
        )
    assert caught.value.field == "bic" and str(caught.value).startswith(
        "Die BIC XX ist nicht gültig"
    )


def test_os_errors_by_kind(tmp_path: Path) -> None:
    missing = tmp_path / "fehlt.pdf"
    with pytest.raises(OSError) as caught:
        missing.open("rb")
    assert str(translate(caught.value)) == f"Die Datei oder der Ordner {missing} existiert nicht."
    with pytest.raises(OSError) as caught:
        tmp_path.open("wb")
    assert str(translate(caught.value)) == f"{tmp_path} ist ein Ordner, keine Datei."
    with pytest.raises(OSError) as caught, open("/dev/full", "wb") as full:
        full.write(b"x")
        full.flush()
    assert "ist voll" in str(translate(caught.value, path=tmp_path / "x"))
    read_only_fs = OSError(errno.EROFS, "Read-only file system", "/media/stick/x.pdf")
    assert "schreibgeschützten Laufwerk" in str(translate(read_only_fs))


def test_sqlite_errors_by_code(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite3"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as caught:
        con.execute("INSERT INTO t VALUES (1)")
    con.close()
    assert "kann nicht geschrieben werden" in str(translate(caught.value, path=path))
    first = sqlite3.connect(path, isolation_level=None)
    first.execute("BEGIN IMMEDIATE")
    second = sqlite3.connect(path, timeout=0.05, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError) as caught:
        second.execute("BEGIN IMMEDIATE")
    first.close()
    second.close()
    busy = translate(caught.value, path=path)
    assert isinstance(busy, TemporaryFailure) and "belegt" in str(busy)
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with pytest.raises(sqlite3.DatabaseError) as caught:
        sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall()
    assert "beschädigt" in str(translate(caught.value, path=path))


def test_unknown_errors_stay_unexpected() -> None:
    assert translate(KeyError("x")) is None
