"""`zidkor pricelist pdf FILE [--date DATE] [--force]`: the schedule of services and fees."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from cli_support import run
from pypdf import PdfReader


@pytest.fixture
def demo_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A SQLite file set up with `zidkor init --demo`."""
    path = tmp_path / "zidkor.sqlite3"
    code, _out, err = run(capsys, "--db", str(path), "init", "--demo")
    assert code == 0, err
    return path


def text_of(path: Path) -> str:
    reader = PdfReader(BytesIO(path.read_bytes()))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def test_pricelist_pdf_writes_the_schedule_for_the_date(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "entgelte.pdf"
    args = ["--db", str(demo_file), "pricelist", "pdf", str(target), "--date", "01.03.2026"]
    code, out, err = run(capsys, *args)
    assert code == 0, err
    assert out.strip() == (
        f"Leistungs- und Entgeltverzeichnis vom 01.03.2026 geschrieben: {target}"
    )
    text = text_of(target)
    assert "Fassung 1, gültig ab 01.01.2026" in text
    assert "Preise und Betreiber am 01.03.2026" in text
    assert "0,0450 €" in text and "Seite 1 von 1" in text
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_pricelist_pdf_refuses_to_overwrite_without_force(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "entgelte.pdf"
    target.write_bytes(b"old")
    code, out, err = run(capsys, "--db", str(demo_file), "pricelist", "pdf", str(target))
    assert code == 1
    assert "--force" in err and out == ""
    assert target.read_bytes() == b"old"
    code, _out, err = run(
        capsys, "--db", str(demo_file), "pricelist", "pdf", str(target), "--force"
    )
    assert code == 0, err
    assert target.read_bytes().startswith(b"%PDF")


def test_pricelist_pdf_before_any_version_is_a_german_error(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "entgelte.pdf"
    args = ["--db", str(demo_file), "pricelist", "pdf", str(target), "--date", "2025-06-30"]
    code, out, err = run(capsys, *args)
    assert code == 1 and out == ""
    assert err.strip() == (
        "Fehler: Am 30.06.2025 ist kein veröffentlichtes Leistungs- und Entgeltverzeichnis "
        "in Kraft."
    )
    assert not target.exists()


def test_pricelist_pdf_rejects_a_wrong_date(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "entgelte.pdf"
    args = ["--db", str(demo_file), "pricelist", "pdf", str(target), "--date", "31.02.2026"]
    code, _out, err = run(capsys, *args)
    assert code == 2 and "31.02.2026" in err
    assert not target.exists()
