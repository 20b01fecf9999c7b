"""Command line on real SQLite files (PostgreSQL when configured): init, members list, errors."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from cli_support import run

import zidkor_desktop
from zidkor_desktop import cli
from zidkor_desktop.db import migrate
from zidkor_desktop.db.session import open_database, sqlite_url
from zidkor_desktop.domain.kinds import OrganisationKind
from zidkor_desktop.domain.membership_steps import Step
from zidkor_desktop.usecases.members import MemberInput, create_member
from zidkor_desktop.usecases.membership_steps import (
    StepInput,
    membership_version,
    record_application,
    take_step,
)

PROJECT_ROOT = Path(zidkor_desktop.__file__).resolve().parent.parent
# Independent of the demo module: 8 cities with 1 vote, KommWis GmbH with 7; 2,000.00 € per vote.
FOUNDING_VOTES = [1] * 8 + [7]
CAPITAL_PER_VOTE = Decimal("2000.00")
MONEY = re.compile(r"^-?\d+\.\d{2}$")
STEP_FIELDS = (
    "applied_on",
    "council_resolution_on",
    "council_resolution_ref",
    "assembly_resolution_on",
    "authority_approved_on",
    "authority_file_number",
    "member_from",
    "exit_notice_on",
    "member_until",
)
"""The steps of accession and exit in the JSON and CSV members list, in their order."""


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def demo_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A SQLite file set up with `zidkor init --demo`."""
    path = tmp_path / "zidkor.sqlite3"
    code, out, err = run(capsys, "--db", str(path), "init", "--demo")
    assert code == 0, err
    assert str(path) in out
    return path


def check_founding_members(members: list[dict[str, object]]) -> None:
    """9 members, 15 votes and 30,000.00 € capital, computed here from the founding facts."""
    assert len(members) == len(FOUNDING_VOTES)
    assert sorted(int(str(m["votes"])) for m in members) == sorted(FOUNDING_VOTES)
    assert sum(int(str(m["votes"])) for m in members) == 15
    for member in members:
        assert set(member) == {
            "id",
            "name",
            "type",
            "status",
            "votes",
            "capital_due",
            "capital_paid",
            "next_step",
            *STEP_FIELDS,
        }
        assert member["next_step"] == "exit_notice_on"  # founding members: notice comes next
        assert member["member_from"] == "2012-10-01" and member["member_until"] is None
        assert isinstance(member["capital_due"], str) and MONEY.match(member["capital_due"])
        assert Decimal(member["capital_due"]) == CAPITAL_PER_VOTE * int(str(member["votes"]))
    total = sum(Decimal(str(m["capital_due"])) for m in members)
    assert total == Decimal("30000.00") == CAPITAL_PER_VOTE * sum(FOUNDING_VOTES)
    kommwis = [m for m in members if m["name"] == "KommWis GmbH"]
    assert len(kommwis) == 1 and kommwis[0]["votes"] == 7 and kommwis[0]["type"] == "company"


# --- init and members list ---------------------------------------------------------------------


def test_init_demo_then_members_list_json(demo_file: Path, capsys: pytest.CaptureFixture) -> None:
    code, out, err = run(capsys, "--db", str(demo_file), "members", "list", "--format", "json")
    assert code == 0, err
    check_founding_members(json.loads(out))


def test_members_list_table_has_totals(demo_file: Path, capsys: pytest.CaptureFixture) -> None:
    code, out, _err = run(capsys, "--db", str(demo_file), "members", "list")
    assert code == 0
    lines = out.rstrip("\n").split("\n")
    assert len(lines) == 2 + 9 + 2  # header, rule, 9 members, rule, totals
    assert "KommWis GmbH" in out and "Stadt Mainz" in out
    assert re.search(r"\b15\s+30\.000,00\s€\s+30\.000,00\s€$", lines[-1])  # German by default
    code, out, _err = run(capsys, "--lang", "en", "--db", str(demo_file), "members", "list")
    assert "Capital due" in out.split("\n")[0]
    assert re.search(r"\b15\s+€30,000\.00\s+€30,000\.00$", out.rstrip("\n").split("\n")[-1])


def test_members_list_csv(demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    db = open_database(sqlite_url(demo_file))
    try:  # an applicant whose name is a formula must not become one in Excel
        create_member(
            db,
            MemberInput(
                name='=HYPERLINK("http://evil.example","Klick")',
                kind=OrganisationKind.MUNICIPALITY,
                votes=1,
                applied_on=date(2026, 1, 1),
            ),
            date.today(),
        )
    finally:
        db.dispose()
    target = tmp_path / "mitglieder.csv"
    code, out, err = run(
        capsys, "--db", str(demo_file), "members", "list", "--format", "csv", "-o", str(target)
    )
    assert code == 0 and out == "" and str(target) in err
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 1 + 10 and all(len(r) == 8 + len(STEP_FIELDS) for r in rows)
    names = [r[1] for r in rows[1:]]
    assert '\'=HYPERLINK("http://evil.example","Klick")' in names
    kommwis = next(r for r in rows if r[1] == "KommWis GmbH")
    assert kommwis[4:7] == ["7", "14000,00", "14000,00"]  # plain German numbers for Excel
    assert kommwis[7:10] == ["Kündigung", "15.05.2012", "28.06.2012"]  # next step, steps
    code, out, _err = run(capsys, "--db", str(demo_file), "members", "list", "--format", "csv")
    assert out.startswith("\ufeff") and out.count("\n") == 11


def test_init_with_name_sets_up_an_empty_association(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    path = tmp_path / "leer.sqlite3"
    code, out, err = run(
        capsys, "--db", str(path), "init", "--name", "Zweckverband Test", "--short-name", "ZT"
    )
    assert code == 0, err
    assert "Zweckverband Test" in out
    code, out, err = run(capsys, "--db", str(path), "members", "list", "--format", "json")
    assert code == 0 and json.loads(out) == []


def test_init_without_data_refuses_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    path = tmp_path / "nichts.sqlite3"
    code, _out, err = run(capsys, "--db", str(path), "init")
    assert code == cli.EXIT_USAGE and "--demo" in err and "Traceback" not in err
    code, _out, err = run(capsys, "--db", str(path), "init", "--demo", "--name", "X")
    assert code == cli.EXIT_USAGE
    code, _out, err = run(capsys, "--db", str(path), "init", "--name", " ", "--short-name", "X")
    assert code == cli.EXIT_ERROR and err.strip()
    assert not path.exists()


def test_init_twice_refuses_and_changes_nothing(
    demo_file: Path, capsys: pytest.CaptureFixture
) -> None:
    before = digest(demo_file)
    code, _out, err = run(capsys, "--db", str(demo_file), "init", "--demo")
    assert code == cli.EXIT_ERROR and str(demo_file) in err and "Traceback" not in err
    assert digest(demo_file) == before


# --- user errors -------------------------------------------------------------------------------


def test_members_list_on_a_missing_file_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    path = tmp_path / "fehlt.sqlite3"
    code, out, err = run(capsys, "--db", str(path), "members", "list")
    assert code == cli.EXIT_ERROR and out == ""
    assert str(path) in err and "init --demo" in err and "Traceback" not in err
    assert not path.exists()


def test_members_list_on_an_uninitialised_database(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    empty = tmp_path / "leer.sqlite3"
    empty.touch()
    migrated = tmp_path / "migriert.sqlite3"
    db = open_database(sqlite_url(migrated))
    migrate.upgrade(db)
    db.dispose()
    for path in (empty, migrated):
        before = digest(path)
        code, out, err = run(capsys, "--db", str(path), "members", "list", "--format", "json")
        assert code == cli.EXIT_ERROR and out == ""
        assert "init --demo" in err and "Traceback" not in err
        assert digest(path) == before


def test_foreign_and_broken_files_are_refused_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    import sqlite3

    foreign = tmp_path / "fremd.sqlite3"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE kunden (id INTEGER PRIMARY KEY, name TEXT)")
    con.commit()
    con.close()
    text = tmp_path / "notiz.txt"
    text.write_text("keine Datenbank\n" * 20, encoding="utf-8")
    for path in (foreign, text):
        before = digest(path)
        for command in (["members", "list"], ["init", "--demo"], ["backup", "x.sqlite3"]):
            code, _out, err = run(capsys, "--db", str(path), *command)
            assert code == cli.EXIT_ERROR, command
            assert str(path) in err and "Traceback" not in err
        assert digest(path) == before
        assert {p.name for p in tmp_path.iterdir()} == {"fremd.sqlite3", "notiz.txt"}


def test_bad_database_urls(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    code, _out, err = run(capsys, "--db-url", "kein url", "members", "list")
    assert code == cli.EXIT_ERROR and "Traceback" not in err
    code, _out, err = run(capsys, "--db-url", "nosuchdialect://x/y", "members", "list")
    assert code == cli.EXIT_ERROR and "Traceback" not in err
    server = "postgresql+psycopg://clerk:geheim@127.0.0.1:1/zidkor"
    code, _out, err = run(capsys, "--db-url", server, "backup", str(tmp_path / "b.sqlite3"))
    assert code == cli.EXIT_ERROR and "pg_dump" in err and "geheim" not in err
    code, _out, err = run(capsys, "--db-url", server, "restore", str(tmp_path / "b.sqlite3"))
    assert code == cli.EXIT_ERROR and "pg_restore" in err


def test_sqlite_url_works_like_db(demo_file: Path, capsys: pytest.CaptureFixture) -> None:
    url = sqlite_url(demo_file)
    code, out, _err = run(capsys, "--db-url", url, "members", "list", "--format", "json")
    assert code == 0 and len(json.loads(out)) == 9
    missing = demo_file.with_name("fehlt.sqlite3")
    code, out, err = run(capsys, "--db-url", sqlite_url(missing), "members", "list")
    assert code == cli.EXIT_ERROR and "init --demo" in err and not missing.exists()


def test_db_from_environment(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setenv("ZIDKOR_DB", str(demo_file))
    code, out, _err = run(capsys, "members", "list", "--format", "json")
    assert code == 0 and len(json.loads(out)) == 9


# --- the real entry point ----------------------------------------------------------------------


def _subprocess_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZIDKOR_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")]))
    env["PYTHONIOENCODING"] = "ascii"  # a poor console must not break JSON or messages
    return env


def test_python_m_zidkor_desktop(demo_file: Path, tmp_path: Path) -> None:
    argv = [sys.executable, "-m", "zidkor_desktop", "--db", str(demo_file)]
    done = subprocess.run(
        [*argv, "members", "list", "--format", "json"],
        capture_output=True,
        cwd=tmp_path,
        env=_subprocess_env(),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in done.stderr
    check_founding_members(json.loads(done.stdout.decode("utf-8")))
    missing = [sys.executable, "-m", "zidkor_desktop", "--db", str(tmp_path / "nein.sqlite3")]
    done = subprocess.run(
        [*missing, "members", "list"],
        capture_output=True,
        cwd=tmp_path,
        env=_subprocess_env(),
        timeout=120,
    )
    assert done.returncode == 1 and done.stdout == b""
    assert b"nein.sqlite3" in done.stderr and b"Traceback" not in done.stderr


# --- PostgreSQL --------------------------------------------------------------------------------


@pytest.mark.postgres
def test_init_demo_and_list_on_postgres(postgres_url: str, capsys: pytest.CaptureFixture) -> None:
    code, _out, err = run(capsys, "--db-url", postgres_url, "init", "--demo")
    assert code == 0, err
    code, out, err = run(capsys, "--db-url", postgres_url, "members", "list", "--format", "json")
    assert code == 0, err
    check_founding_members(json.loads(out))


def test_members_list_shows_the_steps_of_an_applicant(
    demo_file: Path, capsys: pytest.CaptureFixture
) -> None:
    db = open_database(sqlite_url(demo_file))
    try:
        org = record_application(
            db,
            MemberInput(
                name="Stadt Worms (Beispiel)",
                kind=OrganisationKind.CITY,
                votes=1,
                applied_on=date(2026, 1, 5),
            ),
            date(2026, 1, 10),
        )
        step = StepInput(Step.COUNCIL_RESOLUTION, date(2026, 1, 8), "Beschluss 1/2026")
        take_step(db, org, membership_version(db, org), step, date(2026, 1, 10))
    finally:
        db.dispose()
    code, out, err = run(capsys, "--db", str(demo_file), "members", "list", "--format", "json")
    assert code == 0, err
    worms = next(m for m in json.loads(out) if m["name"] == "Stadt Worms (Beispiel)")
    assert (worms["status"], worms["votes"], worms["next_step"]) == (
        "council_resolved",
        None,
        "assembly_resolution_on",
    )
    assert (worms["applied_on"], worms["council_resolution_on"]) == ("2026-01-05", "2026-01-08")
    assert worms["council_resolution_ref"] == "Beschluss 1/2026"
    assert worms["member_from"] is None
    code, out, _err = run(capsys, "--db", str(demo_file), "members", "list")
    line = next(x for x in out.split("\n") if "Worms" in x)
    assert "Ratsbeschluss" in line and line.rstrip().endswith("Zustimmung der Verbandsversammlung")
