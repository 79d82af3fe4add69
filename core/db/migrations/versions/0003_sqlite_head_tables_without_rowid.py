"""head tables without rowid on SQLite

Orders, invoices and journal entries are found by their text number (their primary key), never by
a rowid, so on SQLite they become ``WITHOUT ROWID`` tables like their lines (0002): a new row is
one entry in the primary-key B-tree instead of a rowid row plus a primary-key index entry; their
secondary indexes now hold the number instead of a rowid. PostgreSQL has no rowid: nothing
changes there.

Other tables' foreign keys point at these, so each is made again under its own name with the
foreign-key checks deferred to the commit (``core.db.migrations.sqlite_rebuild``): rows and
indexes are kept.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 03:05:00
"""

from __future__ import annotations

from alembic import op

from core.db.migrations.sqlite_rebuild import rebuild_tables

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TABLES = ("orders", "invoices", "journal_entries")


def upgrade() -> None:
    rebuild_tables(op.get_bind(), TABLES, without_rowid=True)


def downgrade() -> None:
    rebuild_tables(op.get_bind(), TABLES, without_rowid=False)
