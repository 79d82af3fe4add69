"""open items by account, doc date and number on SQLite (cash application's read needs no sort)

Cash application reads the open items of a batch's payers with one statement, ordered by
account, doc date and number (``open_item_reads.read_open_by_account``). Through the index on
the account alone SQLite sorted each account's rows in a temporary B-tree; through
``ix_open_items_account_date_number`` it reads them in that order (about 2.9 to 2.3 us a row
fetched). Only SQLite: PostgreSQL's read of many accounts sorts on the server either way, and
another index there would be one more to maintain on every inserted item.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 17:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

INDEX = "ix_open_items_account_date_number"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.create_index(INDEX, "open_items", ["customer_account", "doc_date", "number"])


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.drop_index(INDEX, table_name="open_items")
