"""`zidkor agreements …` on the demo data: list (JSON, filters), pdf, the clerk's steps."""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

import pytest
from cli_support import run
from pypdf import PdfReader


@pytest.fixture
def demo_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "zidkor.sqlite3"
    code, _out, err = run(capsys, "--db", str(path), "init", "--demo")
    assert code == 0, err
    return path


def listing(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> list[dict]:
    code, out, err = run(
        capsys, "--db", str(path), "agreements", "list", "--format", "json", *extra
    )
    assert code == 0, err
    return json.loads(out)


def test_list_json_with_items_and_filters(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = listing(demo_file, capsys, "--date", "2026-11-25")
    trier = next(r for r in rows if r["number"] == "SV-2014-004")
    assert trier["customer"] == "Stadt Trier" and trier["service"] == "AUTISTA"
    assert (trier["status"], trier["start"], trier["end"]) == ("active", "2014-04-01", None)
    assert [(i["code"], i["quantity"]) for i in trier["items"]] == [
        ("AUT-01", "15"),
        ("AUT-02", "1"),
    ]
    august = listing(demo_file, capsys, "--date", "2026-08-31")
    assert next(r for r in august if r["number"] == "SV-2014-004")["items"][0]["quantity"] == "12"
    speyer = next(r for r in rows if r["number"] == "SV-2015-005")
    assert speyer["ends_soon"] and speyer["end"] == "2026-12-31"
    drafts = listing(demo_file, capsys, "--status", "draft")
    assert [r["number"] for r in drafts] == ["SV-2026-003"]
    by_customer = listing(demo_file, capsys, "--customer", str(trier["customer_id"]))
    assert [r["number"] for r in by_customer] == ["SV-2014-004"]
    by_service = listing(demo_file, capsys, "--service", "epr-emv")
    assert len(by_service) == 3


def test_pdf(demo_file: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "zv.pdf"
    code, out, err = run(capsys, "--db", str(demo_file), "agreements", "pdf", "ZV-2012-001",
                         str(target), "--date", "2026-11-25")  # fmt: skip
    assert code == 0, err
    assert str(target) in out
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(target.read_bytes())).pages)
    assert "Stadt Bad Neuenahr-Ahrweiler" in " ".join(text.split())
    code, _out, err = run(capsys, "--db", str(demo_file), "agreements", "pdf", "1", str(target))
    assert code == 1 and "--force" in err


def test_new_customer_workflow_refuses_activation_without_approval(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ("--db", str(demo_file))
    musterhausen = next(r for r in listing(demo_file, capsys) if r["number"] == "SV-2026-003")
    code, _out, err = run(capsys, *db, "agreements", "add", "--number", "ZV-2027-020",
                         "--customer", str(musterhausen["customer_id"]), "--service", "AUTISTA",
                         "--title", "Zweckvereinbarung AutiSta", "--from", "01.01.2027",
                         "--item", "AUT-01=12", "--item", "AUT-02=1")  # fmt: skip
    assert code == 0, err
    code, _out, err = run(capsys, *db, "agreements", "activate", "ZV-2027-020")
    assert code == 1 and "Aufsichtsbehörde" in err
    code, _out, err = run(capsys, *db, "agreements", "approve", "ZV-2027-020", "--date",
                          "2026-12-15", "--file-number", "Az. 17 062-12 ZIDKOR/40")  # fmt: skip
    assert code == 0, err
    code, _out, err = run(capsys, *db, "agreements", "activate", "ZV-2027-020")
    assert code == 0, err
    code, _out, err = run(capsys, *db, "agreements", "quantity", "ZV-2027-020", "AUT-01", "14",
                          "--from", "2027-04-01")  # fmt: skip
    assert code == 0, err
    new = next(r for r in listing(demo_file, capsys, "--date", "2027-04-01")
               if r["number"] == "ZV-2027-020")  # fmt: skip
    assert new["status"] == "active" and new["approved_on"] == "2026-12-15"
    assert [(i["code"], i["quantity"]) for i in new["items"]] == [("AUT-01", "14"), ("AUT-02", "1")]
    code, _out, err = run(capsys, *db, "agreements", "quantity", "ZV-2027-020", "AUT-01", "20",
                          "--from", "2027-02-01")  # fmt: skip
    assert code == 1 and "01.04.2027" in err
