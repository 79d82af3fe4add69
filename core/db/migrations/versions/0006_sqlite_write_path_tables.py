"""open items, settlements and packing slips without rowid on SQLite

Open items, settlements and packing slips are found by their text number (their primary key),
never by a rowid, so on SQLite they become ``WITHOUT ROWID`` tables like the head tables
(0003): a new row is one entry in the primary-key B-tree instead of a rowid row plus a
primary-key index entry, and an open item's update by number is one search of that B-tree
instead of the index's and then the table's. Settlements point at open items and packing-slip
lines at packing slips, so each table is made again under its own name with the foreign-key
checks deferred to the commit (``core.db.migrations.sqlite_rebuild``). PostgreSQL has no
rowid: nothing changes there.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-08 01:00:00
"""

from __future__ import annotations

from alembic import op

from core.db.migrations.sqlite_rebuild import rebuild_tables

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TABLES = ("open_items", "settlements", "packing_slips")
# index name -> (table, columns)
DROPPED = {
    "ix_open_items_customer_account": ("open_items", ["customer_account"]),
    "ix_journal_lines_account_currency": ("journal_lines", ["account", "currency"]),
    "ix_orders_customer_account": ("orders", ["customer_account"]),
}


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    for name, (table, _) in DROPPED.items():
        op.drop_index(name, table_name=table)
    rebuild_tables(conn, TABLES, without_rowid=True)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    rebuild_tables(conn, TABLES, without_rowid=False)
    for name, (table, columns) in DROPPED.items():
        op.create_index(name, table, columns)
