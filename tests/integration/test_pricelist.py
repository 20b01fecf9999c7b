"""Price-list versions on SQLite and PostgreSQL: new draft, save items, publish, delete, compare."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select, text

from zidkor_desktop.db.models import PriceList
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import ConcurrentChange, NotFound, RuleViolation, ValidationError
from zidkor_desktop.domain.kinds import BillingRhythm, PriceUnit, TaxCategory
from zidkor_desktop.domain.pricelist import ItemDraft
from zidkor_desktop.queries.price_versions import compare_versions, list_versions, version_items
from zidkor_desktop.usecases.demo import load_demo
from zidkor_desktop.usecases.pricelist import delete_draft, new_version, publish, save_items

TODAY = date(2026, 11, 25)


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db, TODAY)
    return db


def drafts_of(db: Database, number: int) -> tuple[list[ItemDraft], int]:
    """A version's items as the editor would hold them, and its lock counter."""
    rows = version_items(db, number)
    version = next(v.version for v in list_versions(db) if v.version_no == number)
    return [
        ItemDraft(
            r.position,
            r.code,
            r.service_id,
            r.title,
            r.unit,
            r.unit_price,
            r.tax_category,
            r.billing_rhythm,
            r.description,
            r.unit_text,
            r.unit_code,
            r.tax_note,
        )
        for r in rows
    ], version


def test_demo_has_published_2026_and_draft_2027(demo: Database) -> None:
    versions = list_versions(demo)
    assert [(v.version_no, v.status.value, v.valid_from, v.valid_until) for v in versions] == [
        (1, "published", date(2026, 1, 1), None),
        (2, "draft", None, None),
    ]
    assert versions[1].based_on == 1
    items = version_items(demo, 1)
    assert [(i.code, i.unit_text, i.unit_code) for i in items][:3] == [
        ("AUT-01", "je Arbeitsplatz und Monat", "C62"),
        ("AUT-02", "pauschal je Jahr", "ANN"),
        ("EPR-01", "je Einwohner und Jahr", "C62"),
    ]
    assert version_items(demo, day=TODAY) == items
    with pytest.raises(NotFound, match=r"keine Fassung 7"):
        version_items(demo, 7)


def test_new_version_copies_the_version_in_force(demo: Database) -> None:
    number = new_version(demo, TODAY)
    assert number == 3
    copy = version_items(demo, 3)
    original = version_items(demo, 1)
    assert [replace(r, version_no=1) for r in copy] == original
    assert list_versions(demo)[2].based_on == 1
    assert new_version(demo, TODAY, source_no=2) == 4
    assert [r.code for r in version_items(demo, 4)] == [r.code for r in version_items(demo, 2)]
    with pytest.raises(NotFound, match=r"^Heute gilt kein Entgeltverzeichnis"):
        new_version(demo, date(2025, 6, 1))


def test_save_items_adds_changes_removes_and_reorders(demo: Database) -> None:
    items, version = drafts_of(demo, 2)
    first, second, *rest = items
    new = ItemDraft(
        9, "NEU-1", first.service_id, "Neue Leistung", PriceUnit.CASE, "1.234,5678",
        TaxCategory.STANDARD, BillingRhythm.MONTHLY,
    )  # fmt: skip
    changed = [replace(second, position=1), replace(first, position=2, unit_price="40,1"), new]
    new_lock = save_items(demo, 2, changed, version)
    assert new_lock > version
    rows = version_items(demo, 2)
    assert [(r.position, r.code, r.unit_price) for r in rows] == [
        (1, "AUT-02", Decimal("1250.0000")),
        (2, "AUT-01", Decimal("40.1000")),
        (9, "NEU-1", Decimal("1234.5678")),
    ]
    assert (rows[2].unit_text, rows[2].unit_code, rows[2].tax_rate) == ("je Vorgang", "C62", 19)
    with pytest.raises(ConcurrentChange, match=r"zwischenzeitlich"):
        save_items(demo, 2, rest, version)  # stale lock counter
    assert len(version_items(demo, 2)) == 3


def test_save_items_refuses_invalid_rows_and_changes_nothing(demo: Database) -> None:
    items, version = drafts_of(demo, 2)
    broken = [*items[:2], replace(items[2], unit_price="0,12345")]
    with pytest.raises(ValidationError, match=r"^Position 3, Preis: „0,12345“"):
        save_items(demo, 2, broken, version)
    duplicate = [*items, replace(items[0], position=99)]
    with pytest.raises(ValidationError, match=r"^Position 99, Kürzel: „AUT-01“"):
        save_items(demo, 2, duplicate, version)
    ghost = [replace(items[0], service_id=99999)]
    with pytest.raises(ValidationError, match=r"^Position 1, Verfahren"):
        save_items(demo, 2, ghost, version)
    assert drafts_of(demo, 2) == (items, version)


def test_published_version_is_read_only_in_the_use_case(demo: Database) -> None:
    items, version = drafts_of(demo, 1)
    with pytest.raises(RuleViolation, match=r"Fassung 1 .*veröffentlicht"):
        save_items(demo, 1, items[:1], version)
    with pytest.raises(RuleViolation, match=r"veröffentlicht"):
        publish(demo, 1, date(2028, 1, 1))
    with pytest.raises(RuleViolation, match=r"veröffentlicht"):
        delete_draft(demo, 1)
    assert drafts_of(demo, 1) == (items, version)


def test_publish_needs_a_later_start(demo: Database) -> None:
    for day in (date(2026, 1, 1), date(2025, 1, 1)):
        with pytest.raises(ValidationError, match=r"nach dem 01.01.2026"):
            publish(demo, 2, day)
    publish(demo, 2, date(2027, 1, 1), "Beschluss 4/2026")
    versions = list_versions(demo)
    assert [(v.status.value, v.valid_from, v.valid_until) for v in versions] == [
        ("published", date(2026, 1, 1), date(2026, 12, 31)),
        ("published", date(2027, 1, 1), None),
    ]
    assert version_items(demo, day=date(2026, 12, 31))[0].version_no == 1
    assert version_items(demo, day=date(2027, 1, 1))[0].version_no == 2
    assert new_version(demo, date(2027, 2, 1)) == 3
    _empty, lock = drafts_of(demo, 3)
    save_items(demo, 3, [], lock)
    with pytest.raises(ValidationError, match=r"leeres"):
        publish(demo, 3, date(2028, 1, 1))


def test_delete_draft(demo: Database) -> None:
    delete_draft(demo, 2)
    assert [v.version_no for v in list_versions(demo)] == [1]
    with pytest.raises(NotFound):
        delete_draft(demo, 2)


def test_compare_demo_versions(demo: Database) -> None:
    result = compare_versions(demo, 1, 2)
    assert [c for c, _t, _p in result.added] == ["EPR-04"]
    assert [c for c, _t, _p in result.removed] == ["EPR-03"]
    assert [(c.code, c.old_price, c.new_price, c.percent) for c in result.changed] == [
        ("AUT-01", Decimal("38.5"), Decimal("41.25"), Decimal("7.14")),
        ("AUT-02", Decimal("1200"), Decimal("1250"), Decimal("4.17")),
        ("EPR-01", Decimal("0.045"), Decimal("0.048"), Decimal("6.67")),
    ]
    # (2.75/38.5 + 50/1200 + 0.003/0.045 + 0) / 4 * 100, computed by hand: 4.4948...
    assert result.average_percent == Decimal("4.49")


# --- the database's own refusal (plain SQL, bypassing the use cases) ---


def _published_id(db: Database) -> int:
    with db.sessions() as session:
        return session.scalar(select(PriceList.id).where(PriceList.version_no == 1))


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE price_list SET title = 'x' WHERE id = :id",
        "UPDATE price_list SET status = 'draft' WHERE id = :id",
        "DELETE FROM price_list WHERE id = :id",
        "UPDATE price_item SET unit_price = 1 WHERE price_list_id = :id",
        "DELETE FROM price_item WHERE price_list_id = :id",
        "INSERT INTO price_item (price_list_id, position, code, service_id, title, description,"
        " unit, unit_text, unit_code, unit_price, tax_category, tax_rate, tax_note, billing_rhythm)"
        " SELECT :id, 50, 'X-1', service_id, 'x', '', unit, '', 'C62', 1, tax_category, 0, 'n',"
        " billing_rhythm FROM price_item WHERE price_list_id = :id AND position = 1",
        "UPDATE price_item SET price_list_id = :id WHERE price_list_id <> :id",
    ],
)
def test_triggers_refuse_changes_to_a_published_version(demo: Database, statement: str) -> None:
    list_id = _published_id(demo)
    with (
        pytest.raises(Exception, match=r"published and read-only"),
        demo.write_engine.begin() as connection,
    ):
        connection.execute(text(statement), {"id": list_id})
    assert drafts_of(demo, 1)[0] and len(version_items(demo, 1)) == 5


def test_triggers_let_drafts_change(demo: Database) -> None:
    with demo.write_engine.begin() as connection:
        draft = connection.scalar(text("SELECT id FROM price_list WHERE version_no = 2"))
        connection.execute(
            text("UPDATE price_item SET unit_price = 2 WHERE price_list_id = :d"), {"d": draft}
        )
        connection.execute(text("UPDATE price_list SET title = 'y' WHERE id = :d"), {"d": draft})
        connection.execute(
            text("UPDATE price_list SET status = 'published', valid_from = :v WHERE id = :d"),
            {"d": draft, "v": date(2027, 1, 1)},
        )
    with (
        pytest.raises(Exception, match=r"published and read-only"),
        demo.write_engine.begin() as connection,
    ):
        connection.execute(text("DELETE FROM price_item WHERE price_list_id = :d"), {"d": draft})


def test_two_published_versions_never_share_a_start(demo: Database) -> None:
    with pytest.raises(Exception, match=r"(?i)unique"), demo.write_engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE price_list SET status = 'published', valid_from = :v WHERE version_no = 2"
            ),
            {"v": date(2026, 1, 1)},
        )


def test_migration_0005_fills_units_of_existing_items(demo: Database) -> None:
    from zidkor_desktop.db.migrate import downgrade, upgrade

    before = [(r.code, r.unit_text, r.unit_code) for r in version_items(demo, 1)]
    downgrade(demo, "0004")
    with demo.write_engine.begin() as connection:  # no triggers in 0004: the list may change
        connection.execute(text("UPDATE price_item SET title = title || '!'"))
    upgrade(demo)
    assert [(r.code, r.unit_text, r.unit_code) for r in version_items(demo, 1)] == before
    assert before[4] == ("EPR-03", "je Stück", "H87")
    with (
        pytest.raises(Exception, match=r"published and read-only"),
        demo.write_engine.begin() as connection,
    ):
        connection.execute(text("UPDATE price_item SET title = 'x'"))
