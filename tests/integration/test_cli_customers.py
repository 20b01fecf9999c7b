"""`zidkor customers list|add|edit` on the demo data: the dialog's fields and rules on the CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from cli_support import run

from zidkor_desktop.db.session import open_database, sqlite_url
from zidkor_desktop.domain.customers import AddressScheme, PopulationFigure
from zidkor_desktop.domain.leitweg import make_leitweg_id
from zidkor_desktop.usecases.customers import CustomerRecord, get_customer

LEITWEG = make_leitweg_id("071405001", "ZIDKOR")


@pytest.fixture
def demo_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "zidkor.sqlite3"
    code, _out, err = run(capsys, "--db", str(path), "init", "--demo")
    assert code == 0, err
    return path


def stored(path: Path, customer_id: int) -> CustomerRecord:
    db = open_database(sqlite_url(path))
    try:
        return get_customer(db, customer_id)
    finally:
        db.dispose()


def listed(path: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    code, out, err = run(capsys, "--db", str(path), "customers", "list", "--format", "json")
    assert code == 0, err
    return json.loads(out)


def test_list_as_json_on_the_demo_data(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    customers = listed(demo_file, capsys)
    assert [c["name"] for c in customers][:3] == [
        "Stadt Bad Neuenahr-Ahrweiler",
        "Stadt Speyer",
        "Stadt Trier",
    ]
    trier = next(c for c in customers if c["name"] == "Stadt Trier")
    assert {"id", "name", "type", "leitweg_id", "email", "member"} <= trier.keys()
    assert (trier["type"], trier["member"], trier["leitweg_id"], trier["email"]) == (
        "city",
        True,
        make_leitweg_id("07211000", "ZIDKOR"),
        "rechnungseingang@trier.example",
    )
    gerolstein = next(c for c in customers if c["name"] == "Verbandsgemeinde Gerolstein")
    assert (gerolstein["type"], gerolstein["member"]) == ("verbandsgemeinde", False)


def test_list_as_table_and_csv_in_german(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run(capsys, "--db", str(demo_file), "customers", "list")
    assert code == 0
    assert out.splitlines()[0].split()[:3] == ["Nr.", "Debitor-Nr.", "Name"]
    assert "Verbandsgemeinde Gerolstein" in out
    code, out, _err = run(capsys, "--db", str(demo_file), "customers", "list", "--format", "csv")
    assert code == 0
    assert out.lstrip("\ufeff").startswith("Nr.;Debitor-Nr.;Name;Art;Mitglied;Leitweg-ID")


def test_add_with_every_field_and_a_mistyped_check_digit_first(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = LEITWEG[:-2] + ("38" if LEITWEG[-2:] != "38" else "39")
    base = [
        "--db", str(demo_file), "customers", "add",
        "--name", "Verbandsgemeinde Musterland",
        "--kind", "verbandsgemeinde",
        "--street", "Rathausplatz 1",
        "--postcode", "56001",
        "--city", "Musterland",
        "--address-extra", "Standesamt",
        "--contact-name", "Frau Beispiel",
        "--phone", "02600 12-0",
        "--email", "rechnung@vg-musterland.example",
        "--tax-number", "22/650/12345",
        "--vat-id", "DE123456789",
        "--population", "2026", "21.400", "Statistisches Landesamt RLP", "31.12.2025",
    ]  # fmt: skip
    code, _out, err = run(capsys, *base, "--leitweg-id", wrong)
    assert code == 1
    assert f"--leitweg-id: Leitweg-ID „{wrong}“: Prüfziffer falsch: erwartet {LEITWEG[-2:]}" in err
    assert len(listed(demo_file, capsys)) == 5
    code, out, err = run(capsys, *base, "--leitweg-id", LEITWEG)
    assert code == 0, err
    assert "Debitorennummer 10103" in out
    new = next(c for c in listed(demo_file, capsys) if c["name"] == "Verbandsgemeinde Musterland")
    data = stored(demo_file, int(new["id"])).data  # type: ignore[arg-type]
    assert (data.leitweg_id, data.scheme, data.debtor_number) == (
        LEITWEG,
        AddressScheme.LEITWEG_ID,
        "10103",
    )
    assert (data.tax_number, data.vat_id, data.contact_phone) == (
        "22/650/12345",
        "DE123456789",
        "02600 12-0",
    )
    assert data.populations == [
        PopulationFigure(2026, 21400, "Statistisches Landesamt RLP", date(2025, 12, 31))
    ]


def test_add_a_member_as_customer(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(
        capsys, "--db", str(demo_file), "customers", "add", "--member", "stadt mainz",
        "--scheme", "EM", "--email", "rechnung@mainz.example",
    )  # fmt: skip
    assert code == 0, err
    mainz = next(c for c in listed(demo_file, capsys) if c["name"] == "Stadt Mainz")
    assert (mainz["member"], mainz["leitweg_id"], mainz["scheme"]) == (True, "", "EM")
    code, _out, err = run(
        capsys, "--db", str(demo_file), "customers", "add", "--member", "Stadt Mainz",
        "--scheme", "EM", "--email", "rechnung@mainz.example",
    )  # fmt: skip
    assert code == 1
    assert "--member: Stadt Mainz ist bereits Kunde" in err


def test_edit_changes_only_the_given_fields(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gerolstein = next(
        c for c in listed(demo_file, capsys) if c["name"] == "Verbandsgemeinde Gerolstein"
    )
    customer_id = int(gerolstein["id"])  # type: ignore[arg-type]
    before = stored(demo_file, customer_id).data
    code, out, err = run(
        capsys, "--db", str(demo_file), "customers", "edit", str(customer_id),
        "--contact-name", "Herr Beispiel",
        "--population", "2027", "31200", "Statistisches Landesamt RLP", "2026-06-30",
        "--remove-population", "2025",
    )  # fmt: skip
    assert code == 0, err
    assert "gespeichert" in out
    after = stored(demo_file, customer_id).data
    assert after.contact_name == "Herr Beispiel"
    assert (after.leitweg_id, after.street) == (before.leitweg_id, before.street)
    assert [f.year for f in after.populations] == [2026, 2027]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--leitweg-id", "07-ZIDKOR"], "--leitweg-id: Leitweg-ID „07-ZIDKOR“:"),
        (["--vat-id", "DE1"], "--vat-id: USt-IdNr. „DE1“"),
        (["--email", "rechnung"], "--email: E-Mail für E-Rechnungen:"),
        (["--debtor-number", "10001"], "--debtor-number: Die Debitorennummer 10001 ist bereits"),
        (["--remove-population", "1999"], "--remove-population: Für 1999"),
        (["--population", "2026", "31000", "", "31.12.2025"], "--population: Einwohnerzahl 2026"),
    ],
)
def test_edit_refusals_name_the_option(
    demo_file: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    gerolstein = next(
        c for c in listed(demo_file, capsys) if c["name"] == "Verbandsgemeinde Gerolstein"
    )
    code, _out, err = run(
        capsys, "--db", str(demo_file), "customers", "edit", str(gerolstein["id"]), *args
    )
    assert code == 1, err
    assert message in err


def test_edit_of_a_member_customers_address_points_to_the_members_area(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trier = next(c for c in listed(demo_file, capsys) if c["name"] == "Stadt Trier")
    code, _out, err = run(
        capsys, "--db", str(demo_file), "customers", "edit", str(trier["id"]), "--street", "X 1"
    )
    assert code == 1
    assert "zidkor members edit" in err


def test_edit_of_an_unknown_customer_and_without_fields(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(
        capsys, "--db", str(demo_file), "customers", "edit", "999", "--phone", "1"
    )
    assert (code, "keinen Kunden mit der Nummer 999" in err) == (1, True)
    code, _out, err = run(capsys, "--db", str(demo_file), "customers", "edit", "1")
    assert (code, "Nichts zu ändern" in err) == (2, True)
