"""Command line without a database: parsing, GUI start, exit codes, list formats (CSV defused)."""

from __future__ import annotations

import argparse
import csv
import gettext
import io
import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from zidkor_desktop import __version__, cli, l10n
from zidkor_desktop.cli.output import Cell, Column, ListFormat, render_list
from zidkor_desktop.domain.kinds import MembershipStatus, OrganisationKind
from zidkor_desktop.options import LaunchOptions
from zidkor_desktop.usecases.database import DatabaseChoice


@pytest.fixture(autouse=True)
def _no_language_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZIDKOR_LANG", raising=False)
    monkeypatch.delenv("ZIDKOR_DB", raising=False)


class GuiRecorder:
    """Stands in for the program window: remembers the options it was started with."""

    def __init__(self, exit_code: int = 0) -> None:
        self.calls: list[LaunchOptions] = []
        self.exit_code = exit_code

    def __call__(self, options: LaunchOptions) -> int:
        self.calls.append(options)
        return self.exit_code


# --- GUI start and global options ---------------------------------------------------------------


def test_no_command_starts_the_gui_with_the_parsed_options(tmp_path: Path) -> None:
    gui = GuiRecorder(exit_code=7)
    code = cli.main(["--db", str(tmp_path / "v.sqlite3"), "--lang", "en"], start_gui=gui)
    assert code == 7
    assert gui.calls == [
        LaunchOptions(choice=DatabaseChoice(path=tmp_path / "v.sqlite3"), language="en")
    ]


def test_gui_gets_no_language_unless_one_is_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    gui = GuiRecorder()
    assert cli.main([], start_gui=gui) == 0
    assert gui.calls == [LaunchOptions(choice=DatabaseChoice(), language=None)]
    monkeypatch.setenv("ZIDKOR_LANG", "en")
    cli.main(["--db-url", "postgresql+psycopg://clerk@server/zidkor"], start_gui=gui)
    assert gui.calls[-1] == LaunchOptions(
        choice=DatabaseChoice(url="postgresql+psycopg://clerk@server/zidkor"), language="en"
    )


def test_without_a_gui_the_program_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([]) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert "zidkor --help" in err and "Traceback" not in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"ZIDKOR Desktop {__version__}"


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--lang", "en", "--help"]) == 0
    out = capsys.readouterr().out
    for command in ("init", "members", "backup", "restore", "self-test", "--db-url"):
        assert command in out


def test_global_options_work_after_the_command_too(tmp_path: Path) -> None:
    args = cli.build_parser().parse_args(["members", "list", "--db", str(tmp_path / "a")])
    assert args.db == tmp_path / "a" and args.format == "table"
    args = cli.build_parser().parse_args(["--db", str(tmp_path / "b"), "members", "list"])
    assert args.db == tmp_path / "b"


@pytest.mark.parametrize(
    "argv",
    [
        ["no-such-command"],
        ["members"],
        ["restore"],
        ["members", "list", "--format", "xml"],
        ["--lang", "fr", "members", "list"],
        ["--db", "a.sqlite3", "--db-url", "sqlite:///b.sqlite3", "members", "list"],
    ],
)
def test_usage_errors_exit_2_without_traceback(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(argv, start_gui=GuiRecorder()) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert err.strip() and "Traceback" not in err


def test_bad_language_in_the_environment_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ZIDKOR_LANG", "fr")
    assert cli.main(["--version"]) == cli.EXIT_USAGE
    assert "ZIDKOR_LANG" in capsys.readouterr().err


def test_unexpected_errors_exit_3_with_a_short_note(capsys: pytest.CaptureFixture[str]) -> None:
    def broken_gui(options: LaunchOptions) -> int:
        raise RuntimeError("kaputt")

    assert cli.main([], start_gui=broken_gui) == cli.EXIT_UNEXPECTED
    err = capsys.readouterr().err
    assert "RuntimeError" in err and "kaputt" in err and "Traceback" not in err
    assert cli.main(["--debug"], start_gui=broken_gui) == cli.EXIT_UNEXPECTED
    assert "Traceback" in capsys.readouterr().err


def test_main_leaves_language_and_argparse_as_it_found_them() -> None:
    before = l10n.current_language()
    cli.main(["--lang", "en", "--version"])
    cli.main(["--lang", "de", "no-such-command"])
    assert l10n.current_language() == before
    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]


# --- list formats ------------------------------------------------------------------------------


@dataclass
class Row:
    name: str
    kind: OrganisationKind
    status: MembershipStatus
    votes: int
    amount: Decimal
    since: date | None


COLUMNS = [
    Column("name", "Name", lambda r: r.name),
    Column("type", "Type", lambda r: r.kind),
    Column("status", "Status", lambda r: r.status),
    Column("votes", "Votes", lambda r: r.votes),
    Column("amount", "Amount", lambda r: r.amount),
    Column("since", "Since", lambda r: r.since),
]
ROWS = [
    Row("=1+1", OrganisationKind.CITY, MembershipStatus.ACTIVE, 1, Decimal("1234.5"), None),
    Row(
        'Stadt; "Süd"',
        OrganisationKind.COMPANY,
        MembershipStatus.APPLIED,
        7,
        Decimal("-3"),
        date(2026, 11, 25),
    ),
]


def test_json_keeps_amounts_exact_and_values_language_neutral() -> None:
    data = json.loads(render_list(ListFormat.JSON, COLUMNS, ROWS).decode("utf-8"))
    assert data[0] == {
        "name": "=1+1",
        "type": "city",
        "status": "active",
        "votes": 1,
        "amount": "1234.50",
        "since": None,
    }
    assert data[1]["amount"] == "-3.00" and data[1]["since"] == "2026-11-25"


def test_csv_is_excel_ready_and_defused() -> None:
    l10n.set_language("de")
    raw = render_list(ListFormat.CSV, COLUMNS, ROWS)
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel detects the encoding
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 3 and len(rows[0]) == len(COLUMNS)
    assert rows[1][0] == "'=1+1"
    assert rows[1][3:6] == ["1", "1234,50", ""]
    assert rows[2][0] == 'Stadt; "Süd"'  # quoted by the csv module, not broken up
    assert rows[2][4:6] == ["-3,00", "25.11.2026"]  # numbers stay numbers, not "'-3,00"


def test_table_aligns_amounts_and_prints_totals() -> None:
    l10n.set_language("de")
    footer: list[Cell] = ["Summe", None, None, 8, Decimal("1231.50"), None]
    text = render_list(ListFormat.TABLE, COLUMNS, ROWS, footer).decode("utf-8")
    lines = text.rstrip("\n").split("\n")
    assert len(lines) == 2 + len(ROWS) + 2
    assert "1.234,50\u00a0€" in lines[2] and "-3,00\u00a0€" in lines[3]
    assert lines[-1].startswith("Summe") and lines[-1].endswith("1.231,50\u00a0€")
    ends = {line.rfind("€") for line in (lines[2], lines[3], lines[-1])}
    assert len(ends) == 1  # right-aligned amounts end in the same column
