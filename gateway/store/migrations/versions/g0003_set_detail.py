"""set detail: figures kept with a transaction set (cash application of an 820)

Revision ID: g0003
Revises: g0002
Create Date: 2026-11-22 01:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "g0003"
down_revision = "g0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("gw_sets") as batch:
        batch.add_column(sa.Column("detail", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("gw_sets") as batch:
        batch.drop_column("detail")
