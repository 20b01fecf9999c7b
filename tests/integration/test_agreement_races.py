"""Two clerks at once: processes racing `zidkor agreements quantity` and `activate`.

Each process pauses between reading the agreement and writing; without the write lock both
would read the old quantity history (two open periods from the same day) or both activate. The
lock lets the second see the first one's change, so it is refused with the rule's message.
"""

from __future__ import annotations

from datetime import date

import pytest
from race_support import race

from zidkor_desktop.db.session import Database
from zidkor_desktop.queries.agreements import (
    agreement_detail,
    agreement_id_by_number,
    list_agreements,
)
from zidkor_desktop.usecases.agreements import AgreementInput, create_agreement
from zidkor_desktop.usecases.demo import load_demo

LAUNCHER = """
import sys, time
from zidkor_desktop import cli
import zidkor_desktop.cli.agreements, zidkor_desktop.db.models
import zidkor_desktop.usecases.agreements as agreements

for name in ("plan_quantity", "check_activation"):
    def slow(*args, _checked=getattr(agreements, name), **kwargs):
        result = _checked(*args, **kwargs)
        time.sleep(0.4)  # between reading and writing: both would read the old state
        return result
    setattr(agreements, name, slow)
time.sleep(max(0.0, float(sys.argv[1]) - time.time()))
sys.exit(cli.main(sys.argv[2:]))
"""
TODAY = date(2026, 11, 25)


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db, TODAY)
    return db


def test_quantity_changes_from_the_same_day_are_serialised(demo: Database, db_url: str) -> None:
    results = race(
        LAUNCHER,
        db_url,
        ["agreements", "quantity", "SV-2014-004", "AUT-01", "16", "--from", "2027-01-01"],
        ["agreements", "quantity", "SV-2014-004", "AUT-01", "17", "--from", "2027-01-01"],
    )
    codes = sorted(r.returncode for r in results)
    assert codes == [0, 1], [(r.stdout, r.stderr) for r in results]
    loser = next(r for r in results if r.returncode == 1)
    assert "bereits eine Menge ab 01.01.2027" in loser.stderr
    history = agreement_detail(demo, agreement_id_by_number(demo, "SV-2014-004"), TODAY).history
    aut = [(h.valid_from, h.valid_until) for h in history if h.price_code == "AUT-01"]
    assert aut == [
        (date(2014, 4, 1), date(2026, 8, 31)),
        (date(2026, 9, 1), date(2026, 12, 31)),
        (date(2027, 1, 1), None),
    ]


def test_activation_is_serialised(demo: Database, db_url: str) -> None:
    speyer = next(r for r in list_agreements(demo, TODAY) if r.customer == "Stadt Speyer")
    create_agreement(
        demo,
        AgreementInput(
            number="SV-2027-030",
            customer_id=speyer.customer_id,
            service_id=speyer.service_id,
            title="Servicevereinbarung",
            valid_from=date(2027, 1, 1),
        ),
    )
    results = race(
        LAUNCHER,
        db_url,
        ["agreements", "activate", "SV-2027-030"],
        ["agreements", "activate", "SV-2027-030"],
    )
    assert sorted(r.returncode for r in results) == [0, 1], [r.stderr for r in results]
    loser = next(r for r in results if r.returncode == 1)
    assert "ist kein Entwurf (Aktiv)" in loser.stderr
