"""clerk decisions: deductions denied, accepted or written off, remittances applied by hand

Revision ID: g0004
Revises: g0003
Create Date: 2026-11-22 01:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "g0004"
down_revision = "g0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "gw_decisions",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True),
        sa.Column("subject", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False, server_default=""),
        sa.Column("document", sa.String(64), nullable=False, server_default=""),
        sa.Column("decided_by", sa.String(64), nullable=False, server_default=""),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_gw_decisions_subject", "gw_decisions", ["subject"])


def downgrade() -> None:
    op.drop_index("ix_gw_decisions_subject", table_name="gw_decisions")
    op.drop_table("gw_decisions")
