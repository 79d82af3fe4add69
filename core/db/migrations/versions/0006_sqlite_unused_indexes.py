"""indexes no query needs dropped on SQLite

Three indexes serve no query on SQLite and cost an entry on every row inserted:
``ix_open_items_customer_account`` (an account's items are found through 0005's index by
account, doc date and number, which leads with the same column),
``ix_journal_lines_account_currency`` (the trial balance reads every line: a scan of the table
with a sort took less than a walk of the index with a look-up of each line) and
``ix_orders_customer_account`` (an order's customer is looked for together with its invoice
account, which has no index, so the table is scanned either way).
PostgreSQL keeps all three: nothing changes there.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-08 01:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# index name -> (table, columns)
DROPPED = {
    "ix_open_items_customer_account": ("open_items", ["customer_account"]),
    "ix_journal_lines_account_currency": ("journal_lines", ["account", "currency"]),
    "ix_orders_customer_account": ("orders", ["customer_account"]),
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name, (table, _) in DROPPED.items():
        op.drop_index(name, table_name=table)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name, (table, columns) in DROPPED.items():
        op.create_index(name, table, columns)
