"""statute versions: publication, settings of the version; adopted versions read-only

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 17:20:00

A statute version carries where it was published and the settings the rest of the program reads
(capital per vote, quorum rule, majorities, invitation period); existing rows get the defaults of
the law. Triggers refuse, once a version has left the draft stage: changing its text, its
settings or its adoption; deleting it; any change to its sections; going back to draft; and
changing a step's date or reference once recorded. The remaining steps (approval, publication,
entry into force) may still be recorded. On SQLite BEFORE triggers, on PostgreSQL trigger
functions; plain ADD COLUMN only (the audit_log triggers stay untouched).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

REFUSAL = "statute version is adopted and read-only"


def _settings() -> list[sa.Column]:
    """The new columns (fresh objects: a column belongs to one table)."""
    return [
        sa.Column("published_in", sa.String(200), nullable=False, server_default=""),
        sa.Column("capital_per_vote", sa.BigInteger(), nullable=False, server_default="200000"),
        sa.Column("quorum_rule", sa.String(30), nullable=False, server_default="members_and_votes"),
        sa.Column(
            "second_invitation_reduced", sa.Boolean(), nullable=False, server_default=sa.true()
        ),
        sa.Column("excluded_reduce_base", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("ordinary_majority", sa.String(30), nullable=False, server_default="present"),
        sa.Column(
            "amendment_majority", sa.String(40), nullable=False, server_default="two_thirds_votes"
        ),
        sa.Column(
            "accession_majority",
            sa.String(40),
            nullable=False,
            server_default="two_thirds_votes_majority_members",
        ),
        sa.Column(
            "task_change_majority",
            sa.String(40),
            nullable=False,
            server_default="two_thirds_votes_two_thirds_members",
        ),
        sa.Column("unanimity_rule", sa.String(30), nullable=False, server_default="all_statutory"),
        sa.Column("invitation_days", sa.Integer(), nullable=False, server_default="4"),
    ]


_SETTING_NAMES = [c.name for c in _settings()]
# Fixed once the version has left the draft stage.
_FROZEN = [
    "version_no", "title", "based_on_id", "adopted_on", "adoption_ref",
    *(c for c in _SETTING_NAMES if c != "published_in"),
]  # fmt: skip
# Steps after the adoption: may be recorded once, then fixed.
_STEPS = ["approved_on", "approval_file_number", "published_on", "published_in", "in_force_from"]


def _changed(column: str, dialect: str) -> str:
    distinct = "IS DISTINCT FROM" if dialect == "postgresql" else "IS NOT"
    return f"NEW.{column} {distinct} OLD.{column}"


def _version_refused(dialect: str) -> str:
    """Condition (on OLD and NEW) under which an update of a non-draft version is refused."""
    parts = [_changed(c, dialect) for c in _FROZEN]
    parts.append("NEW.status = 'draft'")
    for column in _STEPS:
        empty = "NULL" if column.endswith(("_on", "_from")) else "''"
        recorded = f"OLD.{column} IS NOT NULL" if empty == "NULL" else f"OLD.{column} <> ''"
        parts.append(f"({recorded} AND {_changed(column, dialect)})")
    return "OLD.status <> 'draft' AND (" + " OR ".join(parts) + ")"


_VERSION_FIXED = "(SELECT status FROM statute_version WHERE id = {ref}.version_id) <> 'draft'"


def _sqlite_triggers() -> dict[str, str]:
    return {
        "statute_version_adopted_no_update": "BEFORE UPDATE ON statute_version WHEN "
        + _version_refused("sqlite"),
        "statute_version_adopted_no_delete": "BEFORE DELETE ON statute_version WHEN "
        "OLD.status <> 'draft'",
        "statute_section_adopted_no_insert": "BEFORE INSERT ON statute_section WHEN "
        + _VERSION_FIXED.format(ref="NEW"),
        "statute_section_adopted_no_update": "BEFORE UPDATE ON statute_section WHEN "
        + _VERSION_FIXED.format(ref="OLD")
        + " OR "
        + _VERSION_FIXED.format(ref="NEW"),
        "statute_section_adopted_no_delete": "BEFORE DELETE ON statute_section WHEN "
        + _VERSION_FIXED.format(ref="OLD"),
    }


_RAISE = f"RAISE EXCEPTION '{REFUSAL}' USING ERRCODE = 'insufficient_privilege';"
_RETURN = "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END"


def _pg_functions() -> dict[str, str]:
    return {
        "statute_version_read_only": (
            f"BEGIN IF TG_OP = 'DELETE' AND OLD.status <> 'draft' THEN {_RAISE} END IF; "
            f"IF TG_OP = 'UPDATE' AND {_version_refused('postgresql')} THEN {_RAISE} END IF; "
            + _RETURN
        ),
        "statute_section_read_only": (
            "BEGIN IF (TG_OP <> 'INSERT' AND EXISTS (SELECT 1 FROM statute_version WHERE id = "
            "OLD.version_id AND status <> 'draft')) OR (TG_OP <> 'DELETE' AND EXISTS "
            "(SELECT 1 FROM statute_version WHERE id = NEW.version_id AND status <> 'draft')) "
            f"THEN {_RAISE} END IF; " + _RETURN
        ),
    }


_PG_TRIGGERS = {
    "statute_version_adopted_read_only": (
        "BEFORE UPDATE OR DELETE ON statute_version FOR EACH ROW",
        "statute_version_read_only",
    ),
    "statute_section_adopted_read_only": (
        "BEFORE INSERT OR UPDATE OR DELETE ON statute_section FOR EACH ROW",
        "statute_section_read_only",
    ),
}


def _create_refusal() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, body in _pg_functions().items():
            op.execute(f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ {body} $$")
        for name, (when, function) in _PG_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {when} EXECUTE FUNCTION {function}()")
        return
    for name, when in _sqlite_triggers().items():
        op.execute(f"CREATE TRIGGER {name} {when} BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END")


def _drop_refusal() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, (when, _function) in _PG_TRIGGERS.items():
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {when.split(' ON ')[1].split()[0]}")
        for name in _pg_functions():
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
        return
    for name in _sqlite_triggers():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")


def upgrade() -> None:
    """Apply this revision."""
    for column in _settings():
        op.add_column("statute_version", column)
    _create_refusal()


def downgrade() -> None:
    """Revert this revision."""
    _drop_refusal()
    for name in reversed(_SETTING_NAMES):
        op.drop_column("statute_version", name)
