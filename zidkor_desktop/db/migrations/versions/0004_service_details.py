"""service details: legal basis or notes, start date

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 15:35:00

Adds two columns to the service table only (plain ADD/DROP COLUMN; no batch rebuild, so the
append-only triggers of audit_log stay untouched).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.add_column("service", sa.Column("legal_basis", sa.Text(), nullable=False, server_default=""))
    op.add_column("service", sa.Column("started_on", sa.Date(), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    op.drop_column("service", "started_on")
    op.drop_column("service", "legal_basis")
