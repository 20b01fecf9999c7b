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


def test_statute_compare_marks_the_words(demo_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "--db-url", demo_url, "statute", "compare", "1", "2", "--format", "json"
    )
    assert code == 0, err
    rows = json.loads(out)
    assert [(r["section"], r["change"], r["part"], r["old_subsection"]) for r in rows] == [
        ("6", "changed", "subsection", 2),
        ("13", "removed", "subsection", 3),
        ("14", "changed", "subsection", 1),
    ]
    assert [r["new_subsection"] for r in rows] == [2, None, 1]
    assert "mindestens [-einmal-] {+zweimal+} im Jahr" in rows[0]["text"]
    assert rows[1]["text"].startswith("[-Ein ausscheidendes Mitglied") and rows[1]["text"].endswith(
        "-]"
    )


def test_statute_steps_on_the_command_line(
    demo_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    def statute(*args: str) -> tuple[int, str, str]:
        return run(capsys, "--db-url", demo_url, "statute", *args)

    code, out, err = statute("in-force", "2", "--from", "2026-10-10")
    assert code == 1 and "muss genehmigt und bekannt gemacht sein" in err
    code, out, err = statute(
        "adopt", "2", "--date", "10.09.2026", "--resolution", "Beschluss 7/2026"
    )
    assert code == 0, err
    assert out.strip() == "Fassung 2 der Verbandsordnung ist beschlossen."
    code, out, err = statute(
        "approve", "2", "--date", "01.10.2026", "--file-number", "ADD 17 062-12 ZIDKOR/31",
        "--published-on", "09.10.2026", "--published-in", "Staatsanzeiger Nr. 40/2026",
    )  # fmt: skip
    assert code == 0, err
    code, out, err = statute("in-force", "2", "--from", "2026-10-10")
    assert code == 0, err
    assert out.strip() == "Fassung 2 der Verbandsordnung ist ab 10.10.2026 in Kraft."
    code, out, err = statute("list", "--format", "json")
    first, row = json.loads(out)
    assert (row["status"], row["adopted"], row["approved"], row["in_force_from"]) == (
        "in_force", "2026-09-10", "2026-10-01", "2026-10-10",
    )  # fmt: skip
    assert first["status"] == "superseded"
    assert row["file_number"] == "ADD 17 062-12 ZIDKOR/31"
    code, out, err = statute("new-amendment")
    assert code == 0 and out.strip() == "Entwurf 3 der Verbandsordnung angelegt."


def test_default_statute_on_a_new_database(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(
        capsys, "--db-url", db_url, "init", "--name", "Zweckverband X", "--short-name", "ZVX"
    )
    assert code == 0, err
    code, out, err = run(capsys, "--db-url", db_url, "statute", "default")
    assert code == 0 and out.strip() == "Entwurf 1 der Verbandsordnung angelegt.", err
    code, out, err = run(capsys, "--db-url", db_url, "statute", "default")
    assert code == 1 and "enthält bereits eine Verbandsordnung" in err
    target = tmp_path / "entwurf.pdf"
    code, _out, err = run(
        capsys, "--db-url", db_url, "statute", "pdf", str(target), "--version", "1"
    )
    assert code == 0, err
    text = text_of(target)
    assert "Fassung 1 (Entwurf)" in text and "Gesamt 0 0,00 €" in text
