"""`zidkor members add` and `members edit`: the member dialog's fields and rules on the CLI."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from cli_support import run

from zidkor_desktop.db.session import open_database, sqlite_url
from zidkor_desktop.domain.kinds import OrganisationKind
from zidkor_desktop.usecases.members import MemberRecord, get_member


@pytest.fixture
def demo_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "zidkor.sqlite3"
    code, _out, err = run(capsys, "--db", str(path), "init", "--demo")
    assert code == 0, err
    return path


def stored(path: Path, organisation_id: int) -> MemberRecord:
    db = open_database(sqlite_url(path))
    try:
        return get_member(db, organisation_id, date.today())
    finally:
        db.dispose()


def member_ids(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, int]:
    code, out, err = run(capsys, "--db", str(path), "members", "list", "--format", "json")
    assert code == 0, err
    return {m["name"]: m["id"] for m in json.loads(out)}


def test_add_with_every_field(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys,
        "--db", str(demo_file), "members", "add",
        "--name", " Stadt Worms ",
        "--short-name", "Worms",
        "--kind", "city",
        "--votes", "2",
        "--street", "Marktplatz 2",
        "--postcode", "67547",
        "--city", "Worms",
        "--email", "stadtverwaltung@worms.example",
        "--phone", "06241 853-0",
        "--applied-on", "01.02.2026",
        "--council-resolution-on", "2026-03-05",
        "--council-resolution-ref", "Beschluss 12/2026",
        "--assembly-resolution-on", "2026-04-10",
        "--authority-approved-on", "20.05.2026",
        "--authority-file-number", "ADD 17 062-26",
        "--member-from", "2026-07-01",
        "--capital-paid", "4.000,00",
        "--capital-paid-on", "2026-07-15",
        "--capital-payer", "Stadtkasse Worms",
        "--notes", "per Kommandozeile",
    )  # fmt: skip
    assert code == 0, err
    assert "„Stadt Worms“" in out or "'Stadt Worms'" in out
    new_id = member_ids(demo_file, capsys)["Stadt Worms"]
    assert f"Nr. {new_id}" in out
    data = stored(demo_file, new_id).data
    assert (data.name, data.short_name, data.kind, data.is_municipal_body) == (
        "Stadt Worms", "Worms", OrganisationKind.CITY, True,
    )  # fmt: skip
    assert (data.votes, data.capital_paid, data.capital_payer) == (
        2, Decimal("4000.00"), "Stadtkasse Worms",
    )  # fmt: skip
    assert (data.applied_on, data.council_resolution_on, data.authority_approved_on) == (
        date(2026, 2, 1), date(2026, 3, 5), date(2026, 5, 20),
    )  # fmt: skip
    assert (data.member_from, data.capital_paid_on) == (date(2026, 7, 1), date(2026, 7, 15))
    assert (data.postcode, data.city, data.phone) == ("67547", "Worms", "06241 853-0")
    assert data.council_resolution_ref == "Beschluss 12/2026"


def test_add_takes_municipal_from_the_kind(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, extra, municipal in [
        ("Verbandsgemeinde Wöllstein", [], True),
        ("Rechenzentrum GmbH", ["--kind", "company"], False),
        ("Zweckverband Eigenbetrieb", ["--kind", "company", "--municipal"], True),
    ]:
        code, _out, err = run(
            capsys, "--db", str(demo_file), "members", "add", "--name", name, *extra
        )
        assert code == 0, err
        data = stored(demo_file, member_ids(demo_file, capsys)[name]).data
        assert data.is_municipal_body is municipal
        assert data.votes == 1


def test_edit_changes_only_the_given_fields(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    speyer = member_ids(demo_file, capsys)["Stadt Speyer"]
    before = stored(demo_file, speyer)
    code, out, err = run(
        capsys, "--db", str(demo_file), "members", "edit", str(speyer), "--phone", "06232 14-0"
    )
    assert code == 0, err
    assert f"Nr. {speyer}" in out
    after = stored(demo_file, speyer)
    assert after.data.phone == "06232 14-0"
    assert after.data.street == before.data.street == "Maximilianstraße 100"
    assert after.votes_history == before.votes_history
    assert after.organisation_version == before.organisation_version + 1


def test_edit_votes_twice_on_one_day_and_from_a_date(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mainz = member_ids(demo_file, capsys)["Stadt Mainz"]
    today = date.today()
    for votes in ("2", "3"):
        code, _out, err = run(
            capsys, "--db", str(demo_file), "members", "edit", str(mainz), "--votes", votes
        )
        assert code == 0, err
    code, _out, err = run(
        capsys, "--db", str(demo_file), "members", "edit", str(mainz),
        "--votes", "4", "--votes-from", "01.01.2099",
    )  # fmt: skip
    assert code == 0, err
    record = stored(demo_file, mainz)
    assert record.votes_history == [(date(2012, 10, 1), 1), (today, 3), (date(2099, 1, 1), 4)]


def test_edit_clears_a_date_with_an_empty_value(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(
        capsys, "--db", str(demo_file), "members", "add", "--name", "Stadt Bingen",
        "--applied-on", "2026-09-01", "--council-resolution-on", "24.09.2026",
    )  # fmt: skip
    assert code == 0, err
    bingen = member_ids(demo_file, capsys)["Stadt Bingen"]
    assert stored(demo_file, bingen).data.council_resolution_on == date(2026, 9, 24)
    code, _out, err = run(
        capsys, "--db", str(demo_file), "members", "edit", str(bingen),
        "--council-resolution-on", "",
    )  # fmt: skip
    assert code == 0, err
    data = stored(demo_file, bingen).data
    assert (data.applied_on, data.council_resolution_on) == (date(2026, 9, 1), None)


@pytest.mark.parametrize(
    ("argv", "code", "expected"),
    [
        (["add", "--name", "Stadt X", "--postcode", "1234"], 1, "Fehler: --postcode: "),
        (["add", "--name", "Stadt X", "--votes", "0"], 1, "Fehler: --votes: "),
        (["add", "--name", "stadt mainz"], 1, "Fehler: --name: "),
        (["add", "--name", "Stadt X", "--email", "keine"], 1, "Fehler: --email: "),
        (
            ["add", "--name", "Stadt X", "--member-from", "2026-01-01"],
            1,
            "Fehler: --authority-approved-on: ",
        ),
        (["add", "--name", "Stadt X", "--member-from", "31.02.2026"], 2, "--member-from"),
        (["add", "--name", "Stadt X", "--capital-paid", "zwei"], 2, "--capital-paid"),
        (["add", "--name", "Stadt X", "--kind", "verein"], 2, "--kind"),
        (["add", "--votes", "1"], 2, "--name"),
        (["edit", "999", "--votes", "2"], 1, "999"),
        (["edit", "1"], 2, "--votes"),
        (["edit", "9", "--votes", "8"], 1, "Mehrheit"),
    ],
)
def test_errors_are_german_and_name_the_option(
    demo_file: Path, capsys: pytest.CaptureFixture[str], argv: list[str], code: int, expected: str
) -> None:
    result, out, err = run(capsys, "--db", str(demo_file), "members", *argv)
    assert result == code
    assert out == ""
    assert expected in err
    assert err.startswith("Fehler: ")
    assert "Traceback" not in err
    assert len(member_ids(demo_file, capsys)) == 9  # nothing was added


def test_kommwis_is_member_nine(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The parametrised error case above edits No. 9 expecting the municipal majority message.
    assert member_ids(demo_file, capsys)["KommWis GmbH"] == 9


def test_overpayment_needs_allow_overpayment(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--db", str(demo_file), "members", "add", "--name", "Stadt Alzey", "--votes", "1",
            "--capital-paid", "2500,00", "--capital-paid-on", "2026-10-01"]  # fmt: skip
    code, _out, err = run(capsys, *argv)
    assert code == 1
    assert "--allow-overpayment" in err and "2.500,00" in err
    assert "Stadt Alzey" not in member_ids(demo_file, capsys)
    code, _out, err = run(capsys, *argv, "--allow-overpayment")
    assert code == 0, err
    alzey = member_ids(demo_file, capsys)["Stadt Alzey"]
    assert stored(demo_file, alzey).data.capital_paid == Decimal("2500.00")
