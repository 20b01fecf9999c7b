"""invoicing: issued invoices as frozen snapshots, billing runs, seller settings, immutability

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25 20:00:00

An invoice row is written once, when the invoice is issued (drafts live only in the preview), with
its lines, its frozen snapshot (every printed value, as JSON) and its archived files (hybrid PDF
and XML with SHA-256). From then on the database refuses every UPDATE and DELETE of invoices,
their lines, billing runs and archived invoice files (SQLite BEFORE triggers, PostgreSQL trigger
functions). A cancellation is a new invoice referring to the original; one per original.

The association settings get the legal registration identifier (EN 16931 BT-30), the scheme of
the association's electronic address (BT-34-1), the rule for months in which an agreement starts
or ends, and the default intro and closing texts of invoices. Plain ADD COLUMN only.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

REFUSAL = "invoice is issued and cannot be changed or deleted"
_FIXED_TABLES = ("invoice", "invoice_line", "billing_run")


def _settings() -> list[sa.Column]:
    return [
        sa.Column("registration_id", sa.String(60), nullable=False, server_default=""),
        sa.Column("electronic_scheme", sa.String(4), nullable=False, server_default="EM"),
        sa.Column(
            "pro_rata_rule", sa.String(20), nullable=False, server_default="per_started_month"
        ),
        sa.Column("invoice_intro", sa.Text(), nullable=False, server_default=""),
        sa.Column("invoice_closing", sa.Text(), nullable=False, server_default=""),
    ]


def _create_refusal() -> None:
    if op.get_bind().dialect.name == "postgresql":
        raise_ = f"RAISE EXCEPTION '{REFUSAL}' USING ERRCODE = 'insufficient_privilege';"
        op.execute(
            "CREATE FUNCTION invoice_read_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN {raise_} END $$"
        )
        op.execute(
            "CREATE FUNCTION archived_invoice_file_read_only() RETURNS trigger LANGUAGE plpgsql "
            f"AS $$ BEGIN IF OLD.invoice_id IS NOT NULL THEN {raise_} END IF; "
            "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$"
        )
        for table in _FIXED_TABLES:
            op.execute(
                f"CREATE TRIGGER {table}_issued_read_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION invoice_read_only()"
            )
        op.execute(
            "CREATE TRIGGER archived_invoice_file_read_only BEFORE UPDATE OR DELETE ON "
            "archived_document FOR EACH ROW EXECUTE FUNCTION archived_invoice_file_read_only()"
        )
        return
    body = f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
    for table in _FIXED_TABLES:
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_issued_no_{action.lower()} BEFORE {action} ON {table} "
                + body
            )
    for action in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER archived_invoice_file_no_{action.lower()} BEFORE {action} ON "
            f"archived_document WHEN OLD.invoice_id IS NOT NULL " + body
        )


def _drop_refusal() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in _FIXED_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_issued_read_only ON {table}")
        op.execute("DROP TRIGGER IF EXISTS archived_invoice_file_read_only ON archived_document")
        op.execute("DROP FUNCTION IF EXISTS invoice_read_only()")
        op.execute("DROP FUNCTION IF EXISTS archived_invoice_file_read_only()")
        return
    for table in (*_FIXED_TABLES, "archived_invoice_file"):
        for action in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_issued_no_{action}")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{action}")


def upgrade() -> None:
    """Apply this revision."""
    for column in _settings():
        op.add_column("association_settings", column)
    op.create_table(
        "billing_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(10), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("pro_rata_rule", sa.String(20), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_billing_run")),
    )
    op.add_column("invoice", sa.Column("snapshot", sa.Text(), nullable=False, server_default=""))
    op.add_column(
        "invoice", sa.Column("type_code", sa.String(3), nullable=False, server_default="380")
    )
    op.add_column("invoice", sa.Column("run_id", sa.Integer(), nullable=True))
    op.create_index("ix_invoice_run_id", "invoice", ["run_id"])
    op.create_index("ix_invoice_issue_date", "invoice", ["issue_date"])
    op.create_index("uq_invoice_one_cancellation", "invoice", ["original_invoice_id"], unique=True)
    op.add_column("invoice_line", sa.Column("agreement_id", sa.Integer(), nullable=True))
    op.add_column("invoice_line", sa.Column("detail", sa.Text(), nullable=False, server_default=""))
    op.create_index("ix_invoice_line_agreement_id", "invoice_line", ["agreement_id"])
    _create_refusal()


def downgrade() -> None:
    """Revert this revision."""
    _drop_refusal()
    op.drop_index("ix_invoice_line_agreement_id", "invoice_line")
    op.drop_column("invoice_line", "detail")
    op.drop_column("invoice_line", "agreement_id")
    op.drop_index("uq_invoice_one_cancellation", "invoice")
    op.drop_index("ix_invoice_issue_date", "invoice")
    op.drop_index("ix_invoice_run_id", "invoice")
    op.drop_column("invoice", "run_id")
    op.drop_column("invoice", "type_code")
    op.drop_column("invoice", "snapshot")
    op.drop_table("billing_run")
    for column in reversed(_settings()):
        op.drop_column("association_settings", column.name)
