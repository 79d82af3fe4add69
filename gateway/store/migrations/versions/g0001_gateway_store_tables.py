"""gateway store tables

Revision ID: g0001
Revises:
Create Date: 2026-11-22 00:07:27.071354
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "g0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "gw_control_numbers",
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("sender", sa.String(length=40), nullable=False),
        sa.Column("receiver", sa.String(length=40), nullable=False),
        sa.Column("next_value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "sender", "receiver"),
    )
    op.create_table(
        "gw_files",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("direction", sa.String(length=3), nullable=False),
        sa.Column("channel", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=512), nullable=False),
        sa.Column("partner_id", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column(
            "duplicate_of", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["duplicate_of"],
            ["gw_files.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("gw_files", schema=None) as batch_op:
        batch_op.create_index("ix_gw_files_sha256", ["sha256"], unique=False)
        batch_op.create_index("ix_gw_files_status", ["status"], unique=False)

    op.create_table(
        "gw_interchanges",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("file_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("direction", sa.String(length=3), nullable=False),
        sa.Column("sender", sa.String(length=40), nullable=False),
        sa.Column("receiver", sa.String(length=40), nullable=False),
        sa.Column("control_number", sa.String(length=9), nullable=False),
        sa.Column("version", sa.String(length=5), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "duplicate_of", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.ForeignKeyConstraint(
            ["duplicate_of"],
            ["gw_interchanges.id"],
        ),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["gw_files.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("gw_interchanges", schema=None) as batch_op:
        batch_op.create_index(
            "ix_gw_interchanges_key", ["sender", "receiver", "control_number"], unique=False
        )

    op.create_table(
        "gw_outbound",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("partner_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("business_key", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=80), nullable=False),
        sa.Column("file_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("channel", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("receipt", sa.String(length=255), nullable=False),
        sa.Column("interchange_control", sa.String(length=9), nullable=False),
        sa.Column("group_control", sa.String(length=9), nullable=False),
        sa.Column("ack_deadline", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["gw_files.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source", "kind", name="uq_gw_outbound_source"),
    )
    with op.batch_alter_table("gw_outbound", schema=None) as batch_op:
        batch_op.create_index("ix_gw_outbound_state", ["state"], unique=False)

    op.create_table(
        "gw_groups",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "interchange_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("functional_id", sa.String(length=2), nullable=False),
        sa.Column("control_number", sa.String(length=9), nullable=False),
        sa.Column("version", sa.String(length=12), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["interchange_id"],
            ["gw_interchanges.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "gw_sets",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("group_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("set_id", sa.String(length=3), nullable=False),
        sa.Column("control_number", sa.String(length=9), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("business_key", sa.String(length=64), nullable=False),
        sa.Column("document", sa.String(length=64), nullable=False),
        sa.Column("first_segment", sa.Integer(), nullable=False),
        sa.Column("last_segment", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["gw_groups.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("gw_sets", schema=None) as batch_op:
        batch_op.create_index("ix_gw_sets_business_key", ["business_key"], unique=False)
        batch_op.create_index("ix_gw_sets_status", ["status"], unique=False)

    op.create_table(
        "gw_exceptions",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("partner_id", sa.String(length=64), nullable=False),
        sa.Column("file_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column(
            "set_row_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("archive_hash", sa.String(length=64), nullable=False),
        sa.Column("segment", sa.String(length=3), nullable=False),
        sa.Column("segment_index", sa.Integer(), nullable=True),
        sa.Column("element", sa.Integer(), nullable=True),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("business_key", sa.String(length=64), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["gw_files.id"],
        ),
        sa.ForeignKeyConstraint(
            ["set_row_id"],
            ["gw_sets.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("gw_exceptions", schema=None) as batch_op:
        batch_op.create_index("ix_gw_exceptions_state", ["state"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("gw_exceptions", schema=None) as batch_op:
        batch_op.drop_index("ix_gw_exceptions_state")

    op.drop_table("gw_exceptions")
    with op.batch_alter_table("gw_sets", schema=None) as batch_op:
        batch_op.drop_index("ix_gw_sets_status")
        batch_op.drop_index("ix_gw_sets_business_key")

    op.drop_table("gw_sets")
    op.drop_table("gw_groups")
    with op.batch_alter_table("gw_outbound", schema=None) as batch_op:
        batch_op.drop_index("ix_gw_outbound_state")

    op.drop_table("gw_outbound")
    with op.batch_alter_table("gw_interchanges", schema=None) as batch_op:
        batch_op.drop_index("ix_gw_interchanges_key")

    op.drop_table("gw_interchanges")
    with op.batch_alter_table("gw_files", schema=None) as batch_op:
        batch_op.drop_index("ix_gw_files_status")
        batch_op.drop_index("ix_gw_files_sha256")

    op.drop_table("gw_files")
    op.drop_table("gw_control_numbers")
