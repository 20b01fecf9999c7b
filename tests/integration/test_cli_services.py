"""`zidkor services list` and `zidkor services assign` on the demo data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import run


@pytest.fixture
def demo_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "zidkor.sqlite3"
    code, _out, err = run(capsys, "--db", str(path), "init", "--demo")
    assert code == 0, err
    return path


def services_json(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> list[dict]:
    code, out, err = run(capsys, "--db", str(path), "services", "list", "--format", "json", *extra)
    assert code == 0, err
    return json.loads(out)


def test_list_json_on_demo_data(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert services_json(demo_file, capsys, "--date", "2026-01-01") == [
        {
            "code": "AUTISTA",
            "name": "Standesamtsverfahren AutiSta",
            "status": "active",
            "operator": "Stadt Mainz",
        },
        {
            "code": "EPR-EMV",
            "name": "Elektronisches Personenstandsregister mit elektronischem Mitteilungsverkehr",
            "status": "active",
            "operator": "Stadt Koblenz",
        },
        {
            "code": "NWR",
            "name": "Betrieb des Nationalen Waffenregisters",
            "status": "planned",
            "operator": None,
        },
    ]
    nwr = services_json(demo_file, capsys, "--date", "01.07.2027")[2]
    assert nwr["operator"] == "Stadt Ludwigshafen am Rhein"


def test_table_and_csv(demo_file: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "--db", str(demo_file), "services", "list")
    assert code == 0, err
    assert out.splitlines()[0].split() == ["Kürzel", "Name", "Status", "Betrieben", "von"]
    assert "Geplant" in out and "Stadt Koblenz" in out
    target = tmp_path / "verfahren.csv"
    code, _out, err = run(
        capsys, "--db", str(demo_file), "services", "list", "--format", "csv", "-o", str(target)
    )
    assert code == 0, err
    lines = target.read_bytes().decode("utf-8-sig").splitlines()
    assert lines[0] == "Kürzel;Name;Status;Betrieben von"
    assert lines[1] == "AUTISTA;Standesamtsverfahren AutiSta;Aktiv;Stadt Mainz"
    code, _out, err = run(
        capsys, "--db", str(demo_file), "services", "list", "--format", "csv", "-o", str(target)
    )
    assert code == 1 and "--force" in err


def test_assign_moves_the_service(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys,
        "--db", str(demo_file), "services", "assign", "epr-emv", "stadt trier",
        "--from", "01.07.2027", "--resolution", "Beschluss 3/2027",
    )  # fmt: skip
    assert code == 0, err
    assert out.strip() == (
        "Verfahren „EPR-EMV“: Stadt Koblenz betreibt bis 30.06.2027, Stadt Trier ab 01.07.2027."
    )
    assert services_json(demo_file, capsys, "--date", "2027-06-30")[1]["operator"] == (
        "Stadt Koblenz"
    )
    assert services_json(demo_file, capsys, "--date", "2027-07-01")[1]["operator"] == "Stadt Trier"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["EPR-EMV", "KommWis GmbH", "--from", "2027-07-01"],
            "Fehler: Verfahren „EPR-EMV“: KommWis GmbH kann kein Verfahren betreiben",
        ),
        (
            ["XYZ", "Stadt Trier", "--from", "2027-07-01"],
            "Fehler: Ein Verfahren mit dem Kürzel „XYZ“ gibt es nicht (vorhanden: AUTISTA, "
            "EPR-EMV, NWR).",
        ),
        (
            ["NWR", "Stadt Atlantis", "--from", "2027-07-01"],
            "Fehler: Ein Mitglied mit dem Namen oder der Nummer „Stadt Atlantis“ gibt es nicht",
        ),
    ],
)
def test_assign_refusals(
    demo_file: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, "--db", str(demo_file), "services", "assign", *argv)
    assert (code, out) == (1, "")
    assert err.startswith(message), err


def test_assign_by_number(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", str(demo_file), "members", "list", "--format", "json")
    trier = next(m["id"] for m in json.loads(out) if m["name"] == "Stadt Trier")
    code, out, err = run(
        capsys, "--db", str(demo_file), "services", "assign", "NWR", str(trier),
        "--from", "2027-07-01",
    )  # fmt: skip
    assert code == 1
    assert "Stadt Ludwigshafen am Rhein ist bereits ab dem 01.07.2027" in err
