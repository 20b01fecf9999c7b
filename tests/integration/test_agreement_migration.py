"""Migration 0008 keeps agreements and their items, moves the statuses and enforces the new ones."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from zidkor_desktop.db import migrate
from zidkor_desktop.db.migrate import MIGRATIONS_DIR
from zidkor_desktop.db.session import Database

PARENT = re.search(
    r'^down_revision = "(\w+)"',
    (MIGRATIONS_DIR / "versions" / "0008_agreement_details.py").read_text(encoding="utf-8"),
    re.MULTILINE,
).group(1)
"""The revision before 0008 (its schema of the agreement tables is the one of 0005)."""
ROWS = [(1, "A-1", "awaiting_approval"), (2, "A-2", "terminated"), (3, "A-3", "active")]


def _fill(db: Database) -> None:
    with db.write_engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO organisation (id, name, short_name, kind, is_municipal_body, street, "
                "postcode, city, country_code, email, phone, notes, is_example, version, "
                "updated_at) VALUES (1, 'VG X', '', 'verbandsgemeinde', true, '', '', '', 'DE', "
                "'', '', '', false, 1, CURRENT_TIMESTAMP)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO customer (id, organisation_id, debtor_number, leitweg_id, "
                "einvoice_email, contact_name, invoice_address_extra, active, version, "
                "updated_at) VALUES (1, 1, '1', '', '', '', '', true, 1, CURRENT_TIMESTAMP)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO service (id, code, name, description, status, legal_basis, version, "
                "updated_at) VALUES (1, 'S', 'S', '', 'active', '', 1, CURRENT_TIMESTAMP)"
            )
        )
        for agreement_id, number, status in ROWS:
            connection.execute(
                text(
                    "INSERT INTO agreement (id, number, customer_id, service_id, title, status, "
                    "authority_file_number, notice_months, billing_rhythm, notes, is_example, "
                    "version, updated_at) VALUES (:id, :number, 1, 1, 't', :status, '', 6, "
                    "'yearly', '', false, 1, CURRENT_TIMESTAMP)"
                ),
                {"id": agreement_id, "number": number, "status": status},
            )
            connection.execute(
                text(
                    "INSERT INTO agreement_item (agreement_id, price_code, quantity, valid_from, "
                    "note) VALUES (:id, 'P', 3, '2026-01-01', '')"
                ),
                {"id": agreement_id},
            )


def test_upgrade_moves_statuses_and_keeps_items(db: Database) -> None:
    migrate.downgrade(db, PARENT)
    _fill(db)
    migrate.upgrade(db)
    with db.engine.connect() as connection:
        statuses = connection.execute(text("SELECT number, status FROM agreement ORDER BY id"))
        assert list(statuses) == [("A-1", "draft"), ("A-2", "ended"), ("A-3", "active")]
        assert connection.execute(text("SELECT count(*) FROM agreement_item")).scalar() == 3
    with pytest.raises(IntegrityError), db.write_engine.begin() as connection:
        connection.execute(text("UPDATE agreement SET status = 'terminated' WHERE id = 1"))
    with db.write_engine.begin() as connection:
        connection.execute(text("UPDATE agreement SET status = 'notice_given' WHERE id = 3"))
    migrate.downgrade(db, PARENT)
    with db.engine.connect() as connection:
        statuses = connection.execute(text("SELECT status FROM agreement ORDER BY id"))
        assert [s for (s,) in statuses] == ["draft", "terminated", "active"]
        assert connection.execute(text("SELECT count(*) FROM agreement_item")).scalar() == 3
