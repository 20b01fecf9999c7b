"""`zidkor audit list` and `zidkor audit verify` on a real database (PostgreSQL when configured)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from cli_support import run
from sqlalchemy import text

from zidkor_desktop.db.session import open_database


@pytest.fixture
def demo_url(db_url: str, capsys: pytest.CaptureFixture[str]) -> str:
    code, _out, err = run(capsys, "--db-url", db_url, "init", "--demo")
    assert code == 0, err
    return db_url


def _list(capsys: pytest.CaptureFixture[str], url: str, *options: str) -> list[dict[str, object]]:
    code, out, err = run(capsys, "--db-url", url, "audit", "list", "--format", "json", *options)
    assert code == 0, err
    return json.loads(out)


def test_verify_passes_on_the_demo_data(demo_url: str, capsys: pytest.CaptureFixture) -> None:
    entries = _list(capsys, demo_url)
    code, out, err = run(capsys, "--db-url", demo_url, "audit", "verify")
    assert code == 0, err
    assert f"{len(entries)} Einträge geprüft" in out and "unverändert" in out
    assert len(out.split()[-1]) == 64  # the last hash, to be noted down


def test_verify_names_the_changed_entry(demo_url: str, capsys: pytest.CaptureFixture) -> None:
    entries = _list(capsys, demo_url)
    target = entries[20]
    database = open_database(demo_url)
    try:
        with database.write_engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("DROP TRIGGER audit_log_no_change ON audit_log"))
            else:
                connection.execute(text("DROP TRIGGER audit_log_no_update"))
            connection.execute(
                text("UPDATE audit_log SET \"user\" = 'jemand' WHERE id = :id"),
                {"id": target["id"]},
            )
    finally:
        database.dispose()
    code, out, err = run(capsys, "--db-url", demo_url, "audit", "verify")
    assert code == 1 and out == ""
    assert f"Eintrag Nr. {target['id']} vom {target['time']}" in err
    assert "20 Einträge davor sind unverändert" in err


def test_list_filters_by_record_user_and_date(demo_url: str, capsys) -> None:
    everything = _list(capsys, demo_url)
    # Only creations, the publication of the 2026 price list (its items go in as a draft) and
    # the steps of statute version 1 (its sections go in as a draft) and the signing of the
    # founding assembly's minutes (its record goes in as a draft).
    changes = {(e["action"], e["record"], e["record_id"]) for e in everything}
    assert {c for c in changes if c[0] != "create"} == {
        ("update", "price_list", "1"),
        ("update", "statute_version", "1"),
        ("update", "meeting", "1"),
    }
    one = _list(capsys, demo_url, "--entity", "organisation", "--id", "3")
    assert [(e["record"], e["record_id"]) for e in one] == [("organisation", "3")]
    user = str(everything[0]["user"])
    assert len(_list(capsys, demo_url, "--user", user.upper())) == len(everything)
    assert _list(capsys, demo_url, "--user", "niemand-sonst") == []
    today = date.today()
    assert len(_list(capsys, demo_url, "--since", today.isoformat())) == len(everything)
    assert _list(capsys, demo_url, "--since", today.replace(year=today.year + 1).isoformat()) == []


def test_list_as_csv_for_excel(demo_url: str, tmp_path, capsys: pytest.CaptureFixture) -> None:
    target = tmp_path / "protokoll.csv"
    code, _out, err = run(
        capsys, "--db-url", demo_url, "audit", "list", "--format", "csv", "-o", str(target)
    )
    assert code == 0, err
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Nr.", "Zeit", "Benutzer"]
    assert len(rows) == len(_list(capsys, demo_url)) + 1


def test_list_refuses_a_bad_date(demo_url: str, capsys: pytest.CaptureFixture) -> None:
    code, _out, err = run(capsys, "--db-url", demo_url, "audit", "list", "--since", "25.11.2026")
    assert code == 2 and "JJJJ-MM-TT" in err
