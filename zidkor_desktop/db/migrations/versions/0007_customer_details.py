"""customer details: e-invoice address scheme, contact phone, tax number, VAT ID; population date

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 18:00:00

The electronic address of a customer (EN 16931 BT-49) is its Leitweg-ID (scheme 0204) or its
e-invoice e-mail address (scheme EM); existing customers with a Leitweg-ID get 0204, the others
EM. A population figure gets the date it refers to ("Stand"). Plain ADD COLUMN only, no batch
rebuild (so the audit_log triggers stay untouched).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.add_column(
        "customer",
        sa.Column("einvoice_scheme", sa.String(4), nullable=False, server_default="0204"),
    )
    op.add_column(
        "customer", sa.Column("contact_phone", sa.String(40), nullable=False, server_default="")
    )
    op.add_column(
        "customer", sa.Column("tax_number", sa.String(40), nullable=False, server_default="")
    )
    op.add_column("customer", sa.Column("vat_id", sa.String(20), nullable=False, server_default=""))
    customers = sa.table("customer", sa.column("leitweg_id"), sa.column("einvoice_scheme"))
    op.execute(customers.update().where(customers.c.leitweg_id == "").values(einvoice_scheme="EM"))
    op.add_column("population", sa.Column("as_of", sa.Date(), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    op.drop_column("population", "as_of")
    op.drop_column("customer", "vat_id")
    op.drop_column("customer", "tax_number")
    op.drop_column("customer", "contact_phone")
    op.drop_column("customer", "einvoice_scheme")
