"""Totals of the members list: every total equals the sum of the rows it stands under."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from cli_support import run
from pypdf import PdfReader

from zidkor_desktop import l10n
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.kinds import MembershipStatus, OrganisationKind
from zidkor_desktop.queries.members import list_members
from zidkor_desktop.usecases.database import DatabaseChoice, open_and_migrate
from zidkor_desktop.usecases.demo import load_demo
from zidkor_desktop.usecases.member_groups import member_groups
from zidkor_desktop.usecases.member_list import member_list_pdf
from zidkor_desktop.usecases.members import MemberInput, create_member

TODAY = date.today()


def add_applicant(db: Database) -> None:
    """An applicant (1 planned vote, 2,000.00 € due) who paid 5,000.00 € in advance."""
    create_member(
        db,
        MemberInput(
            name="Stadt Worms",
            kind=OrganisationKind.CITY,
            votes=1,
            applied_on=date(2026, 1, 5),
            capital_paid=Decimal("5000"),
            capital_paid_on=date(2026, 1, 6),
        ),
        TODAY,
        allow_overpayment=True,
    )


def money(text: str) -> Decimal:
    """'32.000,00 €' as Decimal."""
    return Decimal(text.replace("€", "").replace(".", "").replace(",", ".").strip())


@pytest.fixture(autouse=True)
def german() -> object:
    previous = l10n.current_language()
    l10n.set_language("de")
    yield
    l10n.set_language(previous)


def test_groups_total_their_own_rows(db: Database) -> None:
    load_demo(db, TODAY)
    add_applicant(db)
    rows = list_members(db, TODAY)
    groups = member_groups(rows)
    assert [len(g.rows) for g in groups] == [9, 1]
    assert sorted(r.organisation_id for g in groups for r in g.rows) == sorted(
        r.organisation_id for r in rows
    )
    for group in groups:
        assert group.capital_due == sum((r.capital_due for r in group.rows), Decimal(0))
        assert group.capital_paid == sum((r.capital_paid for r in group.rows), Decimal(0))
    # Figures from the demo (9 × 2,000 € due, 15 votes) and the applicant added above.
    assert (groups[0].capital_due, groups[0].capital_paid, groups[0].votes) == (
        Decimal("30000.00"),
        Decimal("30000.00"),
        15,
    )
    assert (groups[1].capital_due, groups[1].capital_paid, groups[1].votes) == (
        Decimal("2000.00"),
        Decimal("5000.00"),
        None,
    )
    assert groups[1].label == "1 Antragsteller"
    assert all(r.status is MembershipStatus.APPLIED for r in groups[1].rows)


AMOUNT = re.compile(r"^\s*([\d.]+,\d\d) €\s*$")


def test_pdf_totals_stand_under_their_rows(db: Database) -> None:
    load_demo(db, TODAY)
    add_applicant(db)
    pdf = member_list_pdf(db, TODAY)
    text = (PdfReader(BytesIO(pdf)).pages[0].extract_text() or "").replace("\u00a0", " ")
    cells = [c.strip() for c in text.splitlines()]
    totals = [i for i, c in enumerate(cells) if c.startswith("Summe:")]
    assert [cells[i] for i in totals] == [
        "Summe: 9 Mitglieder mit Stimmrecht",
        "Summe: 1 Antragsteller",
    ]
    worms = cells.index("Stadt Worms")
    assert totals[0] < worms < totals[1]
    assert cells[worms + 3] == "–"  # name, type, status, votes
    # Each totals line equals the amounts printed between it and the line above.
    start = cells.index("gezahlt")
    for end in totals:
        amounts = [money(c) for c in cells[start:end] if AMOUNT.match(c)]
        printed_at = [i for i in range(end + 1, end + 4) if AMOUNT.match(cells[i])]
        printed = [money(cells[i]) for i in printed_at]
        assert printed == [sum(amounts[0::2]), sum(amounts[1::2])], (cells[start:end], printed)
        start = printed_at[-1] + 1
    votes = [int(c) for c in cells[cells.index("gezahlt") : totals[0]] if c.isdigit()]
    assert cells[totals[0] + 1] == str(sum(votes)) == "15"


def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite3"
    db = open_and_migrate(DatabaseChoice(path=path)).db
    try:
        load_demo(db, TODAY)
        add_applicant(db)
    finally:
        db.dispose()
    return path


def test_cli_totals_and_dash_for_an_applicant(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = demo_file(tmp_path)
    code, out, _err = run(capsys, "--db", str(path), "members", "list")
    assert code == 0
    lines = out.replace("\u00a0", " ").splitlines()
    worms = next(line for line in lines if "Stadt Worms" in line)
    assert re.search(r"Beantragt\s+–\s", worms)
    members = [line for line in lines[2:] if re.match(r"\s*\d+\s", line)]
    totals = [line for line in lines if "Summe:" in line]
    assert len(totals) == 2
    # The applicant is listed last, right above the second totals line.
    assert members[-1] is worms
    due = [money(m) for m in (re.findall(r"[\d.]+,\d\d €", line)[0] for line in members)]
    paid = [money(m) for m in (re.findall(r"[\d.]+,\d\d €", line)[1] for line in members)]
    first = [money(a) for a in re.findall(r"[\d.]+,\d\d €", totals[0])]
    second = [money(a) for a in re.findall(r"[\d.]+,\d\d €", totals[1])]
    assert first == [sum(due[:-1]), sum(paid[:-1])]
    assert second == [due[-1], paid[-1]]
    assert "Summe: 9 Mitglieder mit Stimmrecht" in totals[0] and " 15 " in totals[0]
    code, out, _err = run(capsys, "--db", str(path), "members", "list", "--format", "json")
    votes = {item["name"]: item["votes"] for item in json.loads(out)}
    assert votes["Stadt Worms"] is None and votes["KommWis GmbH"] == 7


def test_list_output_refuses_an_existing_file_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = demo_file(tmp_path)
    target = tmp_path / "liste.csv"
    target.write_text("alt", encoding="utf-8")
    args = ("--db", str(path), "members", "list", "--format", "csv", "-o", str(target))
    code, _out, err = run(capsys, *args)
    assert code == 1
    assert err.strip() == (
        f"Fehler: Die Datei {target} ist bereits vorhanden; "
        "geben Sie --force an, um sie zu überschreiben."
    )
    assert target.read_text(encoding="utf-8") == "alt"
    code, _out, _err = run(capsys, *args, "--force")
    assert code == 0
    assert "Stadt Worms" in target.read_text(encoding="utf-8-sig")
