"""customers by parent account; open items leave room for their updates on PostgreSQL

Cash application reads the store accounts of every payer of a batch
(``SqlCustomers.child_accounts``: ``WHERE parent_account IN (...)``). Without an index each read
scanned the whole customer table; at a hundred thousand customers that was most of the time the
read took. The index ``ix_customers_parent_account`` serves it (and ``children``).

On PostgreSQL an open item is written once and then updated by each settlement (its open amount
and version, neither indexed). With pages packed full, every such update had to put the new row
version on another page and add an entry to each of the table's four indexes; with a fill factor
of 90 the new version usually fits on the same page and no index changes (a heap-only update).
The setting applies to pages written from now on. SQLite has no such setting.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 05:20:00
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

OPEN_ITEMS_FILLFACTOR = 90


def upgrade() -> None:
    op.create_index(
        op.f("ix_customers_parent_account"), "customers", ["parent_account"], unique=False
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"ALTER TABLE open_items SET (fillfactor = {OPEN_ITEMS_FILLFACTOR})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE open_items RESET (fillfactor)")
    op.drop_index(op.f("ix_customers_parent_account"), table_name="customers")
