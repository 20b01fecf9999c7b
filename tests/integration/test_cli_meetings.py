"""The meeting commands on the demo data, as a script uses them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from cli_support import run
from pypdf import PdfReader

from zidkor_desktop.db.session import Database
from zidkor_desktop.usecases.demo import load_demo


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db, date(2026, 11, 25))
    return db


def test_list_quorum_and_resolutions(
    demo: Database, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--db-url", db_url, "--lang", "de"]
    code, out, err = run(capsys, *base, "meetings", "list", "--format", "json")
    assert code == 0, err
    meetings = {m["number"]: m for m in json.loads(out)}
    founding = meetings["1/2012"]
    assert founding["date"] == "2012-10-25"
    assert [i["item"] for i in founding["items"]] == [1, 2, 3, 4, 5]
    assert [i["outcome"] for i in founding["items"]][1:] == ["adopted"] * 4
    assert not founding["items"][4]["public"]
    assert len(meetings["2/2026"]["items"]) == 6

    code, out, err = run(
        capsys, *base, "meetings", "quorum", str(founding["id"]), "--format", "json"
    )
    assert code == 0, err
    rows = json.loads(out)
    # Speyer absent, Trier leaves after item 3: 8 of 9 / 14 of 15, then 7 of 9 / 13 of 15
    assert [(r["members_present"], r["votes_present"]) for r in rows] == [
        (8, 14), (8, 14), (8, 14), (7, 13), (7, 13),
    ]  # fmt: skip
    assert all(r["quorate"] and r["members"] == 9 and r["votes"] == 15 for r in rows)
    assert "§ 8 Abs. 1 KomZG" in rows[0]["rule"]

    code, out, err = run(capsys, *base, "resolutions", "list", "--open", "--format", "json")
    assert (code, json.loads(out)) == (0, [])
    code, out, err = run(capsys, *base, "resolutions", "list", "--format", "csv")
    assert code == 0, err
    assert out.count("1/2012") == 4 and "Umgesetzt" in out


def test_unknown_meeting_is_told_in_german(
    demo: Database, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(capsys, "--db-url", db_url, "--lang", "de", "meetings", "quorum", "99")
    assert code != 0
    assert "Die Sitzung existiert nicht mehr." in err


def test_documents_of_the_founding_meeting(
    demo: Database, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("zidkor_desktop.documents.minutes")
    base = ["--db-url", db_url, "--lang", "de"]
    _code, out, _err = run(capsys, *base, "meetings", "list", "--format", "json")
    founding = next(m for m in json.loads(out) if m["number"] == "1/2012")["id"]
    made = {
        "einladung.pdf": ["meetings", "invitation", str(founding)],
        "bekanntmachung.pdf": ["meetings", "notice", str(founding)],
        "niederschrift.pdf": ["meetings", "minutes", str(founding)],
        "nichtoeffentlich.pdf": ["meetings", "minutes", str(founding), "--part", "non-public"],
    }
    texts = {}
    for name, argv in made.items():
        target = tmp_path / name
        code, _out, err = run(capsys, *base, *argv[:3], str(target), *argv[3:])
        assert code == 0, err
        texts[name] = "".join(p.extract_text() for p in PdfReader(target).pages)
    code, _out, err = run(
        capsys, *base, "meetings", "extract", str(founding), "4", str(tmp_path / "auszug.pdf")
    )
    assert code == 0, err
    extract = "".join(p.extract_text() for p in PdfReader(tmp_path / "auszug.pdf").pages)
    assert "Haushaltsplan 2013" in extract
    assert "Stadt Koblenz" in texts["einladung.pdf"] and "KommWis GmbH" in texts["einladung.pdf"]
    assert "Bestellung der Leitung" not in texts["bekanntmachung.pdf"]
    assert "Bestellung der Leitung" not in texts["niederschrift.pdf"]
    assert "Bestellung der Leitung" in texts["nichtoeffentlich.pdf"]
    assert "8 von 9 Mitgliedern, 14 von 15 Stimmen" in texts["niederschrift.pdf"].replace("\n", " ")
