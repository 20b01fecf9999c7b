"""price items: unit text and UN/ECE Rec. 20 code; published price lists read-only in the database

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 16:05:00

The enum column `unit` stays (the choice list of the program); `unit_text` is the free text the
price list prints and `unit_code` the Rec. 20 code an e-invoice needs. Existing rows get the
defaults of their unit. Triggers refuse any change to a published version and its items: on
SQLite BEFORE triggers, on PostgreSQL trigger functions. Plain ADD COLUMN and CREATE INDEX only,
no batch rebuild (so the audit_log triggers stay untouched).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

REFUSAL = "price list is published and read-only"
_DEFAULTS = {
    "workstation_month": ("je Arbeitsplatz und Monat", "C62"),
    "resident_year": ("je Einwohner und Jahr", "C62"),
    "case": ("je Vorgang", "C62"),
    "flat_year": ("pauschal je Jahr", "ANN"),
    "flat_month": ("pauschal je Monat", "MON"),
    "piece": ("je Stück", "H87"),
    "hour": ("je Stunde", "HUR"),
}
_LIST_PUBLISHED = "(SELECT status FROM price_list WHERE id = {ref}.price_list_id) = 'published'"
_SQLITE_TRIGGERS = {
    "price_list_published_no_update": "BEFORE UPDATE ON price_list WHEN OLD.status = 'published'",
    "price_list_published_no_delete": "BEFORE DELETE ON price_list WHEN OLD.status = 'published'",
    "price_item_published_no_insert": "BEFORE INSERT ON price_item WHEN "
    + _LIST_PUBLISHED.format(ref="NEW"),
    "price_item_published_no_update": "BEFORE UPDATE ON price_item WHEN "
    + _LIST_PUBLISHED.format(ref="OLD")
    + " OR "
    + _LIST_PUBLISHED.format(ref="NEW"),
    "price_item_published_no_delete": "BEFORE DELETE ON price_item WHEN "
    + _LIST_PUBLISHED.format(ref="OLD"),
}
_PG_FUNCTIONS = {
    "price_list_read_only": (
        "BEGIN IF OLD.status = 'published' THEN "
        f"RAISE EXCEPTION '{REFUSAL}' USING ERRCODE = 'insufficient_privilege'; END IF; "
        "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END"
    ),
    "price_item_read_only": (
        "BEGIN IF (TG_OP <> 'INSERT' AND EXISTS (SELECT 1 FROM price_list WHERE id = "
        "OLD.price_list_id AND status = 'published')) OR (TG_OP <> 'DELETE' AND EXISTS "
        "(SELECT 1 FROM price_list WHERE id = NEW.price_list_id AND status = 'published')) THEN "
        f"RAISE EXCEPTION '{REFUSAL}' USING ERRCODE = 'insufficient_privilege'; END IF; "
        "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END"
    ),
}
_PG_TRIGGERS = {
    "price_list_published_read_only": (
        "BEFORE UPDATE OR DELETE ON price_list FOR EACH ROW",
        "price_list_read_only",
    ),
    "price_item_published_read_only": (
        "BEFORE INSERT OR UPDATE OR DELETE ON price_item FOR EACH ROW",
        "price_item_read_only",
    ),
}


def _create_refusal() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, body in _PG_FUNCTIONS.items():
            op.execute(f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ {body} $$")
        for name, (when, function) in _PG_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {when} EXECUTE FUNCTION {function}()")
        return
    for name, when in _SQLITE_TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {when} BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END")


def _drop_refusal() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, (when, _function) in _PG_TRIGGERS.items():
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {when.split(' ON ')[1].split()[0]}")
        for name in _PG_FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
        return
    for name in _SQLITE_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")


def upgrade() -> None:
    """Apply this revision."""
    op.add_column(
        "price_item", sa.Column("unit_text", sa.String(120), nullable=False, server_default="")
    )
    op.add_column(
        "price_item", sa.Column("unit_code", sa.String(3), nullable=False, server_default="C62")
    )
    items = sa.table(
        "price_item", sa.column("unit"), sa.column("unit_text"), sa.column("unit_code")
    )
    for unit, (text, code) in _DEFAULTS.items():
        op.execute(
            items.update().where(items.c.unit == unit).values(unit_text=text, unit_code=code)
        )
    op.create_index("ux_price_list_valid_from", "price_list", ["valid_from"], unique=True)
    _create_refusal()


def downgrade() -> None:
    """Revert this revision."""
    _drop_refusal()
    op.drop_index("ux_price_list_valid_from", table_name="price_list")
    op.drop_column("price_item", "unit_code")
    op.drop_column("price_item", "unit_text")
