"""`zidkor members pdf FILE`: writes the members list, refuses to overwrite without --force."""

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


def test_members_pdf_writes_the_list(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "liste.pdf"
    code, out, err = run(capsys, "--db", str(demo_file), "members", "pdf", str(target))
    assert code == 0, err
    assert out.strip() == f"Mitgliederverzeichnis geschrieben: {target}"
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    text = PdfReader(BytesIO(data)).pages[0].extract_text().replace("\u00a0", " ")
    assert "Mitgliederverzeichnis" in text and "30.000,00 €" in text
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_members_pdf_refuses_to_overwrite_without_force(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "liste.pdf"
    target.write_bytes(b"old")
    code, out, err = run(capsys, "--db", str(demo_file), "members", "pdf", str(target))
    assert code == 1
    assert "--force" in err and out == ""
    assert target.read_bytes() == b"old"
    code, _out, err = run(capsys, "--db", str(demo_file), "members", "pdf", str(target), "--force")
    assert code == 0, err
    assert target.read_bytes().startswith(b"%PDF")


def test_members_pdf_into_a_missing_folder_is_a_german_error(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "fehlt" / "liste.pdf"
    code, out, err = run(capsys, "--db", str(demo_file), "members", "pdf", str(target))
    assert code == 1
    assert out == ""
    assert err.startswith("Fehler: Das Mitgliederverzeichnis konnte nicht")
    assert not target.exists()


def test_members_pdf_in_english(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "list.pdf"
    code, out, err = run(
        capsys, "--lang", "en", "--db", str(demo_file), "members", "pdf", str(target)
    )
    assert code == 0, err
    assert out.strip() == f"Members list written: {target}"
    text = PdfReader(BytesIO(target.read_bytes())).pages[0].extract_text()
    assert "List of members" in text and "Page 1 of 1" in text
