"""meetings: numbers, invitations, public items, exclusions, effects, tracking, signed minutes

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-25 23:00:00

A meeting gets its number (e.g. "2/2026"), the urgency of a short invitation and the meeting
without quorum it is the second invitation for, and the state of its minutes (draft, signed,
approved). Agenda items are public or not, carry the effect their resolution has (consent to an
accession or exit, adoption of a statute or price-list version, approval of earlier minutes) and
when it was applied, the objections to minutes, and who carries the resolution out by when.
Attendance names the representative casting the member's votes; a member may be excluded from an
item for a conflict of interest. The majority "change of the association's tasks" is added to the
agenda item's check (on SQLite by copying the table; its block votes are kept aside meanwhile).

Once the minutes are signed, the meeting's record is read-only: the database refuses changes to
the meeting's facts, its items (except the tracking of resolutions), attendance, exclusions and
votes, and to the archived minutes (SQLite BEFORE triggers, PostgreSQL trigger functions).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

REFUSAL = "the minutes of this meeting are signed: its record is read-only"
_OLD_MAJORITIES = "'simple', 'two_thirds_statutory', 'two_thirds_and_members', 'unanimous', 'none'"
_MAJORITIES = (
    "'simple', 'two_thirds_statutory', 'two_thirds_and_members', 'task_change', 'unanimous', 'none'"
)
_MEETING_FACTS = (
    "number", "title", "held_on", "starts_at", "ends_at", "place", "chair_name", "minute_taker",
    "invited_on", "urgent", "urgency_reason", "second_invitation_of_id",
)  # fmt: skip
_ITEM_FACTS = (
    "meeting_id", "position", "title", "explanation", "resolution_text", "majority", "outcome",
    "effect_kind", "effect_target_id", "public", "effect_valid_from", "effect_applied_at",
    "objections", "objection_decision",
)  # fmt: skip
# How each child table finds its meeting's minutes status (SQLite; {row} is NEW or OLD).
_STATUS_OF = {
    "agenda_item": "(SELECT minutes_status FROM meeting WHERE id = {row}.meeting_id)",
    "attendance": "(SELECT minutes_status FROM meeting WHERE id = {row}.meeting_id)",
    "block_vote": (
        "(SELECT m.minutes_status FROM meeting m JOIN agenda_item a ON a.meeting_id = m.id "
        "WHERE a.id = {row}.agenda_item_id)"
    ),
    "conflict_exclusion": (
        "(SELECT m.minutes_status FROM meeting m JOIN agenda_item a ON a.meeting_id = m.id "
        "WHERE a.id = {row}.agenda_item_id)"
    ),
}


def _create_lock_sqlite() -> None:
    body = f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
    facts = ", ".join(_MEETING_FACTS)
    op.execute(
        f"CREATE TRIGGER meeting_signed_no_update BEFORE UPDATE OF {facts} ON meeting "
        f"WHEN OLD.minutes_status <> 'draft' {body}"
    )
    op.execute(
        "CREATE TRIGGER meeting_signed_no_reopen BEFORE UPDATE OF minutes_status ON meeting "
        f"WHEN OLD.minutes_status <> 'draft' AND NEW.minutes_status = 'draft' {body}"
    )
    op.execute(
        "CREATE TRIGGER meeting_signed_no_delete BEFORE DELETE ON meeting "
        f"WHEN OLD.minutes_status <> 'draft' {body}"
    )
    for table, status in _STATUS_OF.items():
        columns = f"OF {', '.join(_ITEM_FACTS)} " if table == "agenda_item" else ""
        op.execute(
            f"CREATE TRIGGER {table}_signed_no_update BEFORE UPDATE {columns}ON {table} "
            f"WHEN {status.format(row='OLD')} <> 'draft' {body}"
        )
        op.execute(
            f"CREATE TRIGGER {table}_signed_no_delete BEFORE DELETE ON {table} "
            f"WHEN {status.format(row='OLD')} <> 'draft' {body}"
        )
        op.execute(
            f"CREATE TRIGGER {table}_signed_no_insert BEFORE INSERT ON {table} "
            f"WHEN {status.format(row='NEW')} <> 'draft' {body}"
        )
    for action in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER archived_minutes_no_{action.lower()} BEFORE {action} ON "
            f"archived_document WHEN OLD.meeting_id IS NOT NULL {body}"
        )


def _create_lock_postgresql() -> None:
    raise_ = f"RAISE EXCEPTION '{REFUSAL}' USING ERRCODE = 'insufficient_privilege';"
    old_facts = ", ".join(f"OLD.{c}" for c in _MEETING_FACTS)
    new_facts = ", ".join(f"NEW.{c}" for c in _MEETING_FACTS)
    op.execute(
        "CREATE FUNCTION meeting_signed_read_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF OLD.minutes_status <> 'draft' THEN "
        f"IF TG_OP = 'DELETE' THEN {raise_} END IF; "
        f"IF ROW({old_facts}) IS DISTINCT FROM ROW({new_facts}) "
        f"OR NEW.minutes_status = 'draft' THEN {raise_} END IF; "
        "END IF; IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$"
    )
    op.execute(
        "CREATE TRIGGER meeting_signed_read_only BEFORE UPDATE OR DELETE ON meeting "
        "FOR EACH ROW EXECUTE FUNCTION meeting_signed_read_only()"
    )
    old_items = ", ".join(f"OLD.{c}" for c in _ITEM_FACTS)
    new_items = ", ".join(f"NEW.{c}" for c in _ITEM_FACTS)
    op.execute(
        "CREATE FUNCTION meeting_child_read_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "DECLARE item_id integer; meeting_no integer; status text; BEGIN "
        "IF TG_TABLE_NAME IN ('agenda_item', 'attendance') THEN "
        "  IF TG_OP = 'INSERT' THEN meeting_no := NEW.meeting_id; "
        "  ELSE meeting_no := OLD.meeting_id; END IF; "
        "ELSE "
        "  IF TG_OP = 'INSERT' THEN item_id := NEW.agenda_item_id; "
        "  ELSE item_id := OLD.agenda_item_id; END IF; "
        "  SELECT a.meeting_id INTO meeting_no FROM agenda_item a WHERE a.id = item_id; "
        "END IF; "
        "SELECT m.minutes_status INTO status FROM meeting m WHERE m.id = meeting_no; "
        "IF status IS NOT NULL AND status <> 'draft' THEN "
        "  IF TG_TABLE_NAME <> 'agenda_item' OR TG_OP <> 'UPDATE' THEN "
        f"   {raise_} "
        f"  ELSIF ROW({old_items}) IS DISTINCT FROM ROW({new_items}) THEN {raise_} "
        "  END IF; "
        "END IF; "
        "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$"
    )
    for table in _STATUS_OF:
        op.execute(
            f"CREATE TRIGGER {table}_signed_read_only BEFORE INSERT OR UPDATE OR DELETE ON "
            f"{table} FOR EACH ROW EXECUTE FUNCTION meeting_child_read_only()"
        )
    op.execute(
        "CREATE FUNCTION archived_minutes_read_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN IF OLD.meeting_id IS NOT NULL THEN {raise_} END IF; "
        "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$"
    )
    op.execute(
        "CREATE TRIGGER archived_minutes_read_only BEFORE UPDATE OR DELETE ON archived_document "
        "FOR EACH ROW EXECUTE FUNCTION archived_minutes_read_only()"
    )


def _drop_lock() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS archived_minutes_read_only ON archived_document")
        op.execute("DROP FUNCTION IF EXISTS archived_minutes_read_only()")
        for table in _STATUS_OF:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_signed_read_only ON {table}")
        op.execute("DROP FUNCTION IF EXISTS meeting_child_read_only()")
        op.execute("DROP TRIGGER IF EXISTS meeting_signed_read_only ON meeting")
        op.execute("DROP FUNCTION IF EXISTS meeting_signed_read_only()")
        return
    names = ["meeting_signed_no_update", "meeting_signed_no_reopen", "meeting_signed_no_delete"]
    names += ["archived_minutes_no_update", "archived_minutes_no_delete"]
    names += [f"{t}_signed_no_{a}" for t in _STATUS_OF for a in ("update", "delete", "insert")]
    for name in names:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")


def _set_majorities(allowed: str) -> None:
    """Replace the check of agenda_item.majority (SQLite copies the table: keep its votes)."""
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.execute("CREATE TEMP TABLE kept_block_vote AS SELECT * FROM block_vote")
    with op.batch_alter_table("agenda_item") as batch:
        batch.drop_constraint(op.f("ck_agenda_item_majority_valid"), type_="check")
        batch.create_check_constraint("majority_valid", f"majority IN ({allowed})")
    if sqlite:
        op.execute("DELETE FROM block_vote")
        op.execute("INSERT INTO block_vote SELECT * FROM kept_block_vote")
        op.execute("DROP TABLE kept_block_vote")


def _flag(name: str) -> sa.Column:
    return sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false())


def upgrade() -> None:
    """Apply this revision."""
    _set_majorities(_MAJORITIES)
    op.add_column("meeting", sa.Column("number", sa.String(20), nullable=False, server_default=""))
    op.execute("UPDATE meeting SET number = CAST(id AS VARCHAR(20))")
    op.create_index("uq_meeting_number", "meeting", ["number"], unique=True)
    op.add_column("meeting", _flag("urgent"))
    op.add_column(
        "meeting", sa.Column("urgency_reason", sa.Text(), nullable=False, server_default="")
    )
    op.add_column("meeting", sa.Column("second_invitation_of_id", sa.Integer(), nullable=True))
    statuses = "minutes_status IN ('draft', 'signed', 'approved')"
    if op.get_bind().dialect.name == "postgresql":
        op.add_column(
            "meeting",
            sa.Column("minutes_status", sa.String(12), nullable=False, server_default="draft"),
        )
        op.create_check_constraint("minutes_status_valid", "meeting", statuses)
    else:
        op.execute(
            "ALTER TABLE meeting ADD COLUMN minutes_status VARCHAR(12) DEFAULT 'draft' NOT NULL "
            f"CONSTRAINT ck_meeting_minutes_status_valid CHECK ({statuses})"
        )
    op.add_column("meeting", sa.Column("minutes_signed_on", sa.Date(), nullable=True))
    op.add_column("meeting", sa.Column("minutes_approved_on", sa.Date(), nullable=True))
    op.add_column("meeting", sa.Column("minutes_approved_by_item_id", sa.Integer(), nullable=True))
    item_columns = [
        sa.Column("public", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("effect_valid_from", sa.Date(), nullable=True),
        sa.Column("effect_applied_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("objections", sa.Text(), nullable=False, server_default=""),
        sa.Column("objection_decision", sa.Text(), nullable=False, server_default=""),
        sa.Column("assignee", sa.String(120), nullable=False, server_default=""),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("done_note", sa.Text(), nullable=False, server_default=""),
    ]
    for column in item_columns:
        op.add_column("agenda_item", column)
    op.add_column(
        "attendance",
        sa.Column("voting_representative", sa.String(120), nullable=False, server_default=""),
    )
    op.add_column("membership", sa.Column("exit_resolution_on", sa.Date(), nullable=True))
    op.create_table(
        "conflict_exclusion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_conflict_exclusion_agenda_item_id_agenda_item"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_conflict_exclusion_organisation_id_organisation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflict_exclusion")),
        sa.UniqueConstraint(
            "agenda_item_id",
            "organisation_id",
            name=op.f("uq_conflict_exclusion_agenda_item_id_organisation_id"),
        ),
    )
    op.add_column("archived_document", sa.Column("meeting_id", sa.Integer(), nullable=True))
    op.create_index("ix_archived_document_meeting_id", "archived_document", ["meeting_id"])
    if op.get_bind().dialect.name == "postgresql":
        _create_lock_postgresql()
    else:
        _create_lock_sqlite()


def downgrade() -> None:
    """Revert this revision."""
    _drop_lock()
    op.drop_index("ix_archived_document_meeting_id", "archived_document")
    op.drop_column("archived_document", "meeting_id")
    op.drop_table("conflict_exclusion")
    op.drop_column("membership", "exit_resolution_on")
    op.drop_column("attendance", "voting_representative")
    for name in (
        "done_note", "done_on", "due_on", "assignee", "objection_decision", "objections",
        "effect_applied_at", "effect_valid_from", "public",
    ):  # fmt: skip
        op.drop_column("agenda_item", name)
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint(op.f("ck_meeting_minutes_status_valid"), "meeting", type_="check")
    op.drop_index("uq_meeting_number", "meeting")
    for name in (
        "minutes_approved_by_item_id", "minutes_approved_on", "minutes_signed_on",
        "minutes_status", "second_invitation_of_id", "urgency_reason", "urgent", "number",
    ):  # fmt: skip
        op.drop_column("meeting", name)
    _set_majorities(_OLD_MAJORITIES)
