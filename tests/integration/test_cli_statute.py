"""`zidkor statute list|pdf|amendment` on the demo data, SQLite and PostgreSQL."""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

import pytest
from cli_support import run
from pypdf import PdfReader


@pytest.fixture
def demo_url(db_url: str, capsys: pytest.CaptureFixture[str]) -> str:
    code, _out, err = run(capsys, "--db-url", db_url, "init", "--demo")
    assert code == 0, err
    return db_url


def text_of(path: Path) -> str:
    reader = PdfReader(BytesIO(path.read_bytes()))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def test_statute_list_as_json(demo_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db-url", demo_url, "statute", "list", "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert [
        (r["version"], r["status"], r["adopted"], r["approved"], r["in_force_from"]) for r in rows
    ] == [
        (1, "in_force", "2012-06-28", "2012-09-20", "2012-10-01"),
        (2, "draft", None, None, None),
    ]
    assert rows[1]["based_on"] == 1 and rows[0]["sections"] == 16


def test_statute_pdf_of_the_version_in_force_and_of_a_draft(
    demo_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "vo.pdf"
    code, out, err = run(capsys, "--db-url", demo_url, "statute", "pdf", str(target))
    assert code == 0, err
    assert out.strip() == f"Verbandsordnung geschrieben: {target}"
    text = text_of(target)
    assert "Fassung 1, in Kraft ab 01.10.2012" in text and "Gesamt 15 30.000,00 €" in text
    code, _out, err = run(capsys, "--db-url", demo_url, "statute", "pdf", str(target))
    assert code == 1 and "--force" in err
    args = ["statute", "pdf", str(target), "--version", "2", "--force"]
    code, _out, err = run(capsys, "--db-url", demo_url, *args)
    assert code == 0, err
    assert "Fassung 2 (Entwurf)" in text_of(target)
    code, _out, err = run(
        capsys, "--db-url", demo_url, "statute", "pdf", str(target), "--version", "7", "--force"
    )
    assert code == 1 and "Es gibt keine Fassung 7 der Verbandsordnung." in err


def test_statute_amendment_from_1_to_2(
    demo_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "aenderung.pdf"
    args = ["statute", "amendment", str(target), "--from", "1", "--to", "2"]
    code, out, err = run(capsys, "--db-url", demo_url, *args)
    assert code == 0, err
    assert out.strip() == f"Änderungssatzung geschrieben: {target}"
    text = text_of(target)
    assert "1. § 6 Abs. 2 erhält folgende Fassung:" in text
    assert "2. § 13 Abs. 3 wird gestrichen." in text
    assert "3. § 14 erhält folgende Fassung: „§ 14 Öffentliche Bekanntmachungen" in text
    assert "Artikel 2 — Inkrafttreten" in text
    same = ["statute", "amendment", str(tmp_path / "x.pdf"), "--from", "1", "--to", "1"]
    code, _out, err = run(capsys, "--db-url", demo_url, *same)
    assert code == 1 and "unterscheiden sich nicht" in err
    assert not (tmp_path / "x.pdf").exists()
