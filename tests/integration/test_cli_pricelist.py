"""`zidkor pricelist ...` on the demo data, values computed independently of the program."""

from __future__ import annotations

import json
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from cli_support import run


@pytest.fixture
def demo_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "zidkor.sqlite3"
    code, _out, err = run(capsys, "--db", str(path), "init", "--demo")
    assert code == 0, err
    return path


def as_json(path: Path, capsys: pytest.CaptureFixture[str], *command: str) -> list[dict]:
    code, out, err = run(capsys, "--db", str(path), "pricelist", *command, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def test_list_json_of_the_version_in_force(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = as_json(demo_file, capsys, "list")
    assert rows[0] == {
        "version": 1,
        "position": 1,
        "code": "AUT-01",
        "service": "AUTISTA",
        "title": "AutiSta – Betrieb und Lizenz je Arbeitsplatz",
        "unit": "je Arbeitsplatz und Monat",
        "unit_code": "C62",
        "price": "38.5000",
        "tax": "O",
        "rhythm": "quarterly",
    }
    assert [(r["code"], r["unit_code"], r["price"]) for r in rows] == [
        ("AUT-01", "C62", "38.5000"),
        ("AUT-02", "ANN", "1200.0000"),
        ("EPR-01", "C62", "0.0450"),
        ("EPR-02", "C62", "12.0000"),
        ("EPR-03", "H87", "450.0000"),
    ]
    draft = as_json(demo_file, capsys, "list", "--version", "2")
    assert [(r["code"], r["price"]) for r in draft] == [
        ("AUT-01", "41.2500"),
        ("AUT-02", "1250.0000"),
        ("EPR-01", "0.0480"),
        ("EPR-02", "12.0000"),
        ("EPR-04", "85.0000"),
    ]
    assert draft[4]["unit"] == "je Stunde" and draft[4]["unit_code"] == "HUR"


def test_versions_and_compare(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert as_json(demo_file, capsys, "versions") == [
        {
            "version": 1, "title": "Leistungs- und Entgeltverzeichnis 2026 (Beispiel)",
            "status": "published", "valid_from": "2026-01-01", "valid_until": None, "items": 5,
            "based_on": None,
        },
        {
            "version": 2, "title": "Leistungs- und Entgeltverzeichnis 2027 (Beispiel, Entwurf)",
            "status": "draft", "valid_from": None, "valid_until": None, "items": 5, "based_on": 1,
        },
    ]  # fmt: skip
    rows = as_json(demo_file, capsys, "compare", "1", "2")
    pairs = {"AUT-01": ("38.5", "41.25"), "AUT-02": ("1200", "1250"), "EPR-01": ("0.045", "0.048")}
    percent = {code: (Decimal(new) / Decimal(old) - 1) * 100 for code, (old, new) in pairs.items()}
    changed = [r for r in rows if r["change"] == "changed"]
    assert [(r["code"], r["percent"]) for r in changed] == [
        (c, str(p.quantize(Decimal("0.01"), ROUND_HALF_UP))) for c, p in percent.items()
    ]
    assert changed[0]["old_price"] == "38.5000" and changed[0]["new_price"] == "41.2500"
    assert [(r["change"], r["code"]) for r in rows if r["change"] in ("added", "removed")] == [
        ("added", "EPR-04"),
        ("removed", "EPR-03"),
    ]
    average = sum(percent.values()) / 4  # EPR-02 is in both versions, unchanged (0 %)
    assert rows[-1]["change"] == "average"
    assert rows[-1]["percent"] == str(average.quantize(Decimal("0.01"), ROUND_HALF_UP))


def test_new_version_and_publish(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", str(demo_file), "pricelist"]
    code, out, err = run(capsys, *db, "publish", "2", "--valid-from", "01.01.2026")
    assert code == 1
    assert "Der Gültigkeitsbeginn muss nach dem 01.01.2026 liegen" in err
    code, out, err = run(capsys, *db, "publish", "1", "--valid-from", "2028-01-01")
    assert code == 1 and "ist veröffentlicht und kann nicht mehr geändert werden" in err
    code, out, err = run(
        capsys, *db, "publish", "2", "--valid-from", "2027-01-01", "--title", "Entgelte 2027"
    )
    assert code == 0, err
    assert (
        out.strip()
        == "Fassung 2 des Entgeltverzeichnisses ist veröffentlicht, gültig ab 01.01.2027."
    )
    code, out, err = run(capsys, *db, "new-version")
    assert code == 0, err
    assert out.strip() == "Entwurf Fassung 3 des Entgeltverzeichnisses angelegt."
    versions = as_json(demo_file, capsys, "versions")
    assert versions[0]["valid_until"] == "2026-12-31"
    assert versions[1]["title"] == "Entgelte 2027"
    in_force_today = 1 if date.today() < date(2027, 1, 1) else 2
    assert versions[2]["based_on"] == in_force_today
    code, out, err = run(capsys, *db, "list", "--version", "9")
    assert code == 1 and "Es gibt keine Fassung 9" in err


def test_table_and_csv(demo_file: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "--db", str(demo_file), "pricelist", "list")
    assert code == 0, err
    assert "1.200,0000" in out and "Nicht steuerbar" in out and "pauschal je Jahr" in out
    target = tmp_path / "preise.csv"
    args = ["--db", str(demo_file), "pricelist", "compare", "1", "2", "--format", "csv"]
    code, _out, err = run(capsys, *args, "-o", str(target))
    assert code == 0, err
    lines = target.read_bytes().decode("utf-8-sig").splitlines()
    assert lines[0] == "Änderung;Kürzel;Bezeichnung;Alter Preis;Neuer Preis;Änderung in %"
    assert lines[-1] == "Durchschnitt;;;;;4,49"
    code, _out, err = run(capsys, *args, "-o", str(target))
    assert code == 1 and "--force" in err
