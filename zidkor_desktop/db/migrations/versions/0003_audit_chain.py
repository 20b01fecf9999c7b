"""audit log: hash chain, computer name, append-only

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 14:50:00

Adds the computer name and the hash chain to the audit log, hashes the existing entries in id
order (so ``zidkor audit verify`` passes after the upgrade) and makes the database refuse UPDATE
and DELETE on the table: triggers on SQLite, a trigger function on PostgreSQL (TRUNCATE too).
A later migration that rebuilds audit_log on SQLite (batch mode) must re-create the triggers.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from zidkor_desktop.db.audit_chain import GENESIS, entry_hash
from zidkor_desktop.db.base import UtcDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

REFUSAL = "audit_log is append-only: entries cannot be changed or deleted"

_SQLITE_TRIGGERS = {
    "audit_log_no_update": "BEFORE UPDATE",
    "audit_log_no_delete": "BEFORE DELETE",
}
_PG_FUNCTION = "audit_log_append_only"
_PG_TRIGGERS = {
    "audit_log_no_change": "BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW",
    "audit_log_no_truncate": "BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT",
}


def _audit_table() -> sa.Table:
    return sa.table(
        "audit_log",
        sa.column("id", sa.Integer),
        sa.column("at", UtcDateTime()),
        sa.column("user", sa.String),
        sa.column("host", sa.String),
        sa.column("action", sa.String),
        sa.column("entity", sa.String),
        sa.column("entity_id", sa.String),
        sa.column("field", sa.String),
        sa.column("old_value", sa.Text),
        sa.column("new_value", sa.Text),
        sa.column("prev_hash", sa.String),
        sa.column("hash", sa.String),
    )


def _hash_existing_entries() -> None:
    """Chain the entries written before this revision, oldest first."""
    table = _audit_table()
    connection = op.get_bind()
    previous = GENESIS
    rows = connection.execute(sa.select(table).order_by(table.c.id)).mappings().all()
    for row in rows:
        entry = {**row, "host": row["host"] or ""}
        digest = entry_hash(entry, previous)
        connection.execute(
            table.update()
            .where(table.c.id == row["id"])
            .values(host=entry["host"], prev_hash=previous, hash=digest)
        )
        previous = digest


def _create_refusal() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"CREATE FUNCTION {_PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{REFUSAL}' USING ERRCODE = 'insufficient_privilege'; END $$"
        )
        for name, when in _PG_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {when} EXECUTE FUNCTION {_PG_FUNCTION}()")
        return
    for name, when in _SQLITE_TRIGGERS.items():
        op.execute(
            f"CREATE TRIGGER {name} {when} ON audit_log BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
        )


def _drop_refusal() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name in _PG_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON audit_log")
        op.execute(f"DROP FUNCTION IF EXISTS {_PG_FUNCTION}()")
        return
    for name in _SQLITE_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("host", sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
    _hash_existing_entries()
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.alter_column("host", existing_type=sa.String(length=120), nullable=False)
        batch_op.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column("hash", existing_type=sa.String(length=64), nullable=False)
    _create_refusal()


def downgrade() -> None:
    """Revert this revision."""
    _drop_refusal()
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("hash")
        batch_op.drop_column("prev_hash")
        batch_op.drop_column("host")
