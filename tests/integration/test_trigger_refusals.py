"""A change the database's own triggers refuse is told in German, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from zidkor_desktop.db import refusals
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import RuleViolation
from zidkor_desktop.usecases.demo import load_demo
from zidkor_desktop.usecases.errors import translate

MIGRATIONS = Path(__file__).resolve().parents[2] / "zidkor_desktop" / "db" / "migrations"


def test_every_trigger_refusal_of_the_migrations_is_known() -> None:
    found = set()
    for path in (MIGRATIONS / "versions").glob("0*.py"):
        match = re.search(r'^REFUSAL = "([^"]+)"', path.read_text(encoding="utf-8"), re.M)
        if match:
            found.add(match.group(1))
    assert found == set(refusals.TRIGGER_REFUSALS)


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db, date(2026, 11, 25))
    return db


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        (
            "UPDATE price_item SET unit_price = 1 WHERE price_list_id ="
            " (SELECT id FROM price_list WHERE version_no = 1)",
            "Diese Fassung des Entgeltverzeichnisses ist veröffentlicht",
        ),
        (
            "UPDATE statute_section SET heading = 'x' WHERE version_id ="
            " (SELECT id FROM statute_version WHERE version_no = 1)",
            "Diese Fassung der Verbandsordnung ist beschlossen",
        ),
        ("DELETE FROM audit_log", "Das Änderungsprotokoll kann nicht geändert werden"),
    ],
)
def test_a_trigger_refusal_is_told_in_german(demo: Database, statement: str, expected: str) -> None:
    with pytest.raises(Exception) as raised, demo.write() as session:
        session.execute(text(statement))
    error = translate(raised.value)
    assert isinstance(error, RuleViolation)
    assert str(error).startswith(expected), str(error)
