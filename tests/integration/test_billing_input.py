"""Billing-run input from the demo data, on SQLite and PostgreSQL: parts by quantity and price."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from zidkor_desktop.db.models import Organisation, Population
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.billing import BillingPeriod, InvoiceDraft, ProRataRule, billing_run
from zidkor_desktop.queries.billing_input import billing_input
from zidkor_desktop.usecases.demo import load_demo
from zidkor_desktop.usecases.pricelist import publish

TODAY = date(2026, 11, 25)


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db, TODAY)
    return db


def drafts(db: Database, period: BillingPeriod) -> list[InvoiceDraft]:
    data = billing_input(db, period)
    return billing_run(
        period,
        data.customers,
        data.agreements,
        data.prices,
        data.operators,
        ProRataRule.PER_STARTED_MONTH,
    )


def lines_of(found: list[InvoiceDraft], customer: str) -> list[tuple]:
    return [
        (ln.price_code, ln.start, ln.end, ln.quantity, ln.unit_price, ln.net)
        for d in found
        if d.customer == customer
        for ln in d.lines
    ]


def test_trier_quantity_change_gives_two_lines_in_q3(demo: Database) -> None:
    found = drafts(demo, BillingPeriod.of(2026, "Q3"))
    assert lines_of(found, "Stadt Trier") == [
        ("AUT-01", date(2026, 7, 1), date(2026, 8, 31), 12, Decimal("38.5000"), Decimal("924.00")),
        ("AUT-01", date(2026, 9, 1), date(2026, 9, 30), 15, Decimal("38.5000"), Decimal("577.50")),
        # 1,200.00 a year, a quarter of it
        ("AUT-02", date(2026, 7, 1), date(2026, 9, 30), 1, Decimal("1200.0000"), Decimal("300.00")),
    ]
    [trier] = [d for d in found if d.customer == "Stadt Trier"]
    assert trier.net == Decimal("1801.50")


def test_period_across_two_price_lists_splits_at_new_version(demo: Database) -> None:
    publish(demo, 2, date(2027, 1, 1))
    span = BillingPeriod(date(2026, 10, 1), date(2027, 3, 31))
    found = drafts(demo, span)
    assert lines_of(found, "Stadt Trier") == [
        (
            "AUT-01",
            date(2026, 10, 1),
            date(2026, 12, 31),
            15,
            Decimal("38.5000"),
            Decimal("1732.50"),
        ),
        ("AUT-01", date(2027, 1, 1), date(2027, 3, 31), 15, Decimal("41.2500"), Decimal("1856.25")),
        (
            "AUT-02",
            date(2026, 10, 1),
            date(2026, 12, 31),
            1,
            Decimal("1200.0000"),
            Decimal("300.00"),
        ),
        ("AUT-02", date(2027, 1, 1), date(2027, 3, 31), 1, Decimal("1250.0000"), Decimal("312.50")),
    ]
    # Speyer's agreement ends on 31.12.2026: only the last quarter of 2026 is charged.
    assert [(code, start, end) for code, start, end, *_ in lines_of(found, "Stadt Speyer")] == [
        ("EPR-02", date(2026, 10, 1), date(2026, 12, 31))
    ]


def test_without_new_version_the_old_prices_go_on(demo: Database) -> None:
    found = drafts(demo, BillingPeriod.of(2027, "Q1"))
    assert [ln[4] for ln in lines_of(found, "Stadt Trier")] == [
        Decimal("38.5000"),
        Decimal("1200.0000"),
    ]


def test_per_resident_items_use_each_years_figure(demo: Database) -> None:
    publish(demo, 2, date(2027, 1, 1))
    with demo.write() as session:
        org_id = session.scalar(
            select(Organisation.id).where(Organisation.name == "Stadt Bad Neuenahr-Ahrweiler")
        )
        session.add(Population(organisation_id=org_id, year=2027, residents=29000))
    found = drafts(demo, BillingPeriod(date(2026, 10, 1), date(2027, 3, 31)))
    epr = [ln for ln in lines_of(found, "Stadt Bad Neuenahr-Ahrweiler") if ln[0] == "EPR-01"]
    assert epr == [
        # 28,500 residents (figure of 2026) × 0.0450 / 4 = 320.625
        (
            "EPR-01",
            date(2026, 10, 1),
            date(2026, 12, 31),
            28500,
            Decimal("0.0450"),
            Decimal("320.63"),
        ),
        # 29,000 residents (figure of 2027) × 0.0480 / 4 = 348.00
        (
            "EPR-01",
            date(2027, 1, 1),
            date(2027, 3, 31),
            29000,
            Decimal("0.0480"),
            Decimal("348.00"),
        ),
    ]
