"""payments: a ledger of entries per invoice, bank statement entries, reminders

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-25 21:00:00

A payment row is an entry of the customer's account against one invoice: a payment received, its
reversal (a counter-entry with a reason, referring to it), a transfer of a credit to another
invoice, or a refund. Entries are never changed or deleted (SQLite BEFORE triggers, PostgreSQL
trigger functions). Entries from a bank statement carry the bank's reference, unique, so a
statement imported twice books nothing twice. Bank entries not matched stay in bank_entry to be
assigned later. Reminders (Zahlungserinnerung, 1. and 2. Mahnung) record their invoices with the
open amount and level; their PDF is archived like an invoice's.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

REFUSAL = "payment entries are final: they cannot be changed or deleted"
_FIXED = ("payment", "reminder", "reminder_item")


def _create_refusal() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION payment_read_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"RAISE EXCEPTION '{REFUSAL}' USING ERRCODE = 'insufficient_privilege'; END $$"
        )
        for table in _FIXED:
            op.execute(
                f"CREATE TRIGGER {table}_final BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION payment_read_only()"
            )
        op.execute(
            "CREATE TRIGGER archived_reminder_final BEFORE UPDATE OR DELETE ON archived_document "
            "FOR EACH ROW WHEN (OLD.reminder_id IS NOT NULL) EXECUTE FUNCTION payment_read_only()"
        )
        return
    for table in _FIXED:
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_final_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
            )
    for action in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER archived_reminder_final_no_{action.lower()} BEFORE {action} ON "
            "archived_document WHEN OLD.reminder_id IS NOT NULL "
            f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
        )


def _drop_refusal() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS archived_reminder_final ON archived_document")
        for table in _FIXED:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_final ON {table}")
        op.execute("DROP FUNCTION IF EXISTS payment_read_only()")
        return
    for table in (*_FIXED, "archived_reminder"):
        for action in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_final_no_{action}")


def upgrade() -> None:
    """Apply this revision."""
    op.add_column(
        "payment", sa.Column("kind", sa.String(12), nullable=False, server_default="payment")
    )
    op.add_column("payment", sa.Column("reverses_id", sa.Integer(), nullable=True))
    op.add_column("payment", sa.Column("bank_reference", sa.String(120), nullable=True))
    op.add_column("payment", sa.Column("reason", sa.Text(), nullable=False, server_default=""))
    op.create_index("uq_payment_bank_reference", "payment", ["bank_reference"], unique=True)
    op.create_index("uq_payment_one_reversal", "payment", ["reverses_id"], unique=True)
    op.add_column("membership", sa.Column("capital_payment_id", sa.Integer(), nullable=True))
    op.add_column(
        "association_settings",
        sa.Column("reminder_fee", sa.BigInteger(), nullable=False, server_default="0"),
    )
    op.create_table(
        "bank_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bank_reference", sa.String(120), nullable=False),
        sa.Column("statement", sa.String(120), nullable=False, server_default=""),
        sa.Column("booked_on", sa.Date(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("debtor_name", sa.String(200), nullable=False, server_default=""),
        sa.Column("debtor_iban", sa.String(34), nullable=False, server_default=""),
        sa.Column("remittance", sa.Text(), nullable=False, server_default=""),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_entry")),
        sa.UniqueConstraint("bank_reference", name=op.f("uq_bank_entry_bank_reference")),
    )
    op.create_table(
        "reminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("fee", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder")),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisation.id"], name=op.f("fk_reminder_organisation_id")
        ),
    )
    op.create_table(
        "reminder_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reminder_id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("open_amount", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder_item")),
        sa.ForeignKeyConstraint(
            ["reminder_id"], ["reminder.id"], name=op.f("fk_reminder_item_reminder_id")
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"], ["invoice.id"], name=op.f("fk_reminder_item_invoice_id")
        ),
    )
    op.create_index("ix_reminder_item_invoice_id", "reminder_item", ["invoice_id"])
    op.add_column("archived_document", sa.Column("reminder_id", sa.Integer(), nullable=True))
    _create_refusal()


def downgrade() -> None:
    """Revert this revision."""
    _drop_refusal()
    op.drop_column("archived_document", "reminder_id")
    op.drop_index("ix_reminder_item_invoice_id", "reminder_item")
    op.drop_table("reminder_item")
    op.drop_table("reminder")
    op.drop_table("bank_entry")
    op.drop_column("association_settings", "reminder_fee")
    op.drop_column("membership", "capital_payment_id")
    op.drop_index("uq_payment_one_reversal", "payment")
    op.drop_index("uq_payment_bank_reference", "payment")
    op.drop_column("payment", "reason")
    op.drop_column("payment", "bank_reference")
    op.drop_column("payment", "reverses_id")
    op.drop_column("payment", "kind")
