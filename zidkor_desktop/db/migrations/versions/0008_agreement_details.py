"""agreement details: public announcement, notice date, statuses, editable template sections

Revision ID: 0008
Revises: 0006 (written on 0005; it relies on nothing after 0005, chained after the
statute revision when main was merged)
Create Date: 2026-11-25 18:00:00

Adds the announcement of the authority's approval and the day notice was given to the agreement
table, the table of the agreement text's sections (the office edits them; the program ships the
default text and uses it while the table is empty), and moves the agreement statuses to
draft / active / notice_given / ended (awaiting_approval becomes draft, terminated becomes ended),
and makes (agreement, item, valid-from) unique: one quantity per item and day.

The status CHECK constraint is replaced without a table rebuild: a rebuild on SQLite drops the
table, which with foreign keys on would cascade-delete the agreement items. SQLite therefore gets
the documented writable_schema edit of the table's CHECK clause (the stored rows are updated to
values the new clause allows in the same transaction); PostgreSQL drops and adds the constraint.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

CHECK = "ck_agreement_status_valid"
OLD_VALUES = ("draft", "awaiting_approval", "active", "terminated")
NEW_VALUES = ("draft", "active", "notice_given", "ended")
UP_MAP = {"awaiting_approval": "draft", "terminated": "ended"}
DOWN_MAP = {"notice_given": "active", "ended": "terminated"}


def _clause(values: tuple[str, ...]) -> str:
    return "status IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def _sqlite_replace_check(old: tuple[str, ...], new: tuple[str, ...]) -> None:
    """Edit the CHECK clause in SQLite's schema table (sqlite.org/lang_altertable.html § 7)."""
    bind = op.get_bind()
    sql = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'agreement'"
    ).scalar_one()
    if sql.count(_clause(old)) != 1:
        raise RuntimeError("agreement table: status CHECK clause not found as expected")
    schema_version = bind.exec_driver_sql("PRAGMA schema_version").scalar_one()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    bind.exec_driver_sql(
        "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'agreement'",
        (sql.replace(_clause(old), _clause(new)),),
    )
    bind.exec_driver_sql(f"PRAGMA schema_version = {int(schema_version) + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema = OFF")


def _move_statuses(mapping: dict[str, str]) -> None:
    agreement = sa.table("agreement", sa.column("status"))
    for old, new in mapping.items():
        op.execute(agreement.update().where(agreement.c.status == old).values(status=new))


def _replace_check(old: tuple[str, ...], new: tuple[str, ...], mapping: dict[str, str]) -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_replace_check(old, new)
        _move_statuses(mapping)
        check = op.get_bind().exec_driver_sql("PRAGMA integrity_check").scalar_one()
        if check != "ok":
            raise RuntimeError(f"integrity check after the schema edit: {check}")
        return
    op.drop_constraint(op.f(CHECK), "agreement", type_="check")
    _move_statuses(mapping)
    op.create_check_constraint(op.f(CHECK), "agreement", _clause(new))


def upgrade() -> None:
    """Apply this revision."""
    op.add_column("agreement", sa.Column("announced_on", sa.Date(), nullable=True))
    op.add_column(
        "agreement",
        sa.Column("announced_in", sa.String(200), nullable=False, server_default=""),
    )
    op.add_column("agreement", sa.Column("notice_given_on", sa.Date(), nullable=True))
    _replace_check(OLD_VALUES, NEW_VALUES, UP_MAP)
    op.create_index(
        "ux_agreement_item_code_from",
        "agreement_item",
        ["agreement_id", "price_code", "valid_from"],
        unique=True,
    )
    op.create_table(
        "agreement_template_section",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("heading", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_template_section")),
        sa.UniqueConstraint("key", name=op.f("uq_agreement_template_section_key")),
        sa.UniqueConstraint("position", name=op.f("uq_agreement_template_section_position")),
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table("agreement_template_section")
    op.drop_index("ux_agreement_item_code_from", table_name="agreement_item")
    _replace_check(NEW_VALUES, OLD_VALUES, DOWN_MAP)
    op.drop_column("agreement", "notice_given_on")
    op.drop_column("agreement", "announced_in")
    op.drop_column("agreement", "announced_on")
