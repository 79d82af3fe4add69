"""leases: one worker at a time per job or channel

Revision ID: g0002
Revises: g0001
Create Date: 2026-11-22 00:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "g0002"
down_revision = "g0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "gw_leases",
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("holder", sa.String(length=120), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )


def downgrade() -> None:
    op.drop_table("gw_leases")
