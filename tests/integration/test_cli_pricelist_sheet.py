"""`zidkor pricelist export|import` on the demo data: files, printed changes, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import run
from openpyxl import load_workbook


@pytest.fixture
def demo_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "zidkor.sqlite3"
    code, _out, err = run(capsys, "--db", str(path), "init", "--demo")
    assert code == 0, err
    return path


def items(db: Path, capsys: pytest.CaptureFixture[str], version: str = "2") -> list[dict]:
    code, out, err = run(
        capsys, "--db", str(db), "pricelist", "list", "--version", version, "--format", "json"
    )
    assert code == 0, err
    return json.loads(out)


def test_export_both_formats(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xlsx = tmp_path / "liste.xlsx"
    code, out, err = run(capsys, "--db", str(demo_file), "pricelist", "export", str(xlsx))
    assert code == 0, err
    assert out.strip() == f"Fassung 1 des Entgeltverzeichnisses gespeichert: {xlsx}"
    assert load_workbook(xlsx).worksheets[0].title == "Fassung 1"
    csv = tmp_path / "liste.csv"
    code, out, err = run(
        capsys, "--db", str(demo_file), "pricelist", "export", str(csv), "--version", "2"
    )
    assert code == 0, err
    assert csv.read_bytes().startswith("\ufeffPosition;Kürzel;".encode())
    code, _out, err = run(capsys, "--db", str(demo_file), "pricelist", "export", str(csv))
    assert code == 1 and "--force" in err
    code, _out, err = run(capsys, "--db", str(demo_file), "pricelist", "export", "x.txt")
    assert code == 1 and "Endung .xlsx oder .csv" in err


def test_import_shows_the_changes_and_applies_only_with_yes(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "liste.csv"
    assert (
        run(capsys, "--db", str(demo_file), "pricelist", "export", str(csv), "--version", "1")[0]
        == 0
    )
    text = csv.read_bytes().decode("utf-8-sig").replace("Vierteljährlich", "Monatlich", 1)
    csv.write_bytes(text.encode("utf-8-sig"))
    before = items(demo_file, capsys)
    code, out, err = run(capsys, "--db", str(demo_file), "pricelist", "import", str(csv))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Änderungen an Fassung 2 des Entgeltverzeichnisses aus liste.csv:"
    table = "\n".join(lines)
    assert "neu        EPR-03" in table and "entfallen  EPR-04" in table
    aut01 = next(line for line in lines if "AUT-01" in line)
    assert "41,2500" in aut01 and "38,5000" in aut01 and "-6,67" in aut01
    assert "Abrechnung: Vierteljährlich → Monatlich" in aut01
    assert lines[-1] == (
        f"Es wurde noch nichts geändert. Zum Übernehmen der Änderungen: zidkor pricelist import "
        f"{csv} --into 2 --yes"
    )
    assert items(demo_file, capsys) == before
    code, out, err = run(
        capsys, "--db", str(demo_file), "pricelist", "import", str(csv), "--into", "2", "--yes"
    )
    assert code == 0, err
    assert out.splitlines()[-1] == (
        "Fassung 2 des Entgeltverzeichnisses enthält jetzt die 5 Positionen der Datei."
    )
    after = items(demo_file, capsys)
    assert [(r["code"], r["price"], r["rhythm"]) for r in after] == [
        ("AUT-01", "38.5000", "monthly"),
        ("AUT-02", "1200.0000", "yearly"),
        ("EPR-01", "0.0450", "yearly"),
        ("EPR-02", "12.0000", "quarterly"),
        ("EPR-03", "450.0000", "once"),
    ]
    code, out, _err = run(capsys, "--db", str(demo_file), "pricelist", "import", str(csv))
    assert code == 0 and "keine Änderungen an Fassung 2" in out


def test_import_errors_print_every_problem_and_change_nothing(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "liste.csv"
    assert (
        run(capsys, "--db", str(demo_file), "pricelist", "export", str(csv), "--version", "2")[0]
        == 0
    )
    text = csv.read_bytes().decode("utf-8-sig").replace("41,25", "12,5O").replace("85,00", "x")
    csv.write_bytes(text.encode("utf-8-sig"))
    before = items(demo_file, capsys)
    code, out, err = run(capsys, "--db", str(demo_file), "pricelist", "import", str(csv), "--yes")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "Fehler: Die Datei liste.csv kann nicht eingelesen werden: Sie enthält 2 Fehler. Es "
        "wurde nichts geändert.",
        "  Zeile 2, Spalte Preis: „12,5O“ ist kein Betrag",
        "  Zeile 6, Spalte Preis: „x“ ist kein Betrag",
    ]
    assert items(demo_file, capsys) == before
    empty = tmp_path / "leer.csv"
    empty.write_bytes(b"")
    code, _out, err = run(capsys, "--db", str(demo_file), "pricelist", "import", str(empty))
    assert (code, err.strip()) == (1, "Fehler: Die Datei leer.csv ist leer.")
    code, _out, err = run(
        capsys, "--db", str(demo_file), "pricelist", "import", str(csv), "--into", "1", "--yes"
    )
    assert code == 1 and "Fassung 1 des Entgeltverzeichnisses ist veröffentlicht" in err
    assert items(demo_file, capsys) == before
