"""line tables without rowid on SQLite

The document lines, journal lines and idempotency keys are found by their composite primary
key and never by a rowid, so on SQLite they become ``WITHOUT ROWID`` tables: a row is one entry
in the primary-key B-tree instead of a rowid row plus a separate primary-key index. Each table is
rebuilt with its own stored DDL (plus ``WITHOUT ROWID``), its rows copied and its indexes made
again. PostgreSQL has no rowid: nothing changes there.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 02:30:00
"""

from __future__ import annotations

import re

from alembic import op
from sqlalchemy import text
from sqlalchemy.engine import Connection

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TABLES = (
    "order_lines",
    "packing_slip_lines",
    "invoice_lines",
    "journal_lines",
    "idempotency_keys",
)
_SUFFIX = " WITHOUT ROWID"


def _rebuild(conn: Connection, table: str, without_rowid: bool) -> None:
    """Recreate ``table`` from its stored DDL with or without a rowid, keeping rows and indexes."""
    ddl = conn.execute(
        text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :n"), {"n": table}
    ).scalar_one()
    indexes = list(
        conn.execute(
            text(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :n "
                "AND sql IS NOT NULL"
            ),
            {"n": table},
        ).scalars()
    )
    body = ddl.removesuffix(_SUFFIX)
    if (body != ddl) == without_rowid:
        return  # already as wanted
    head = re.match(rf'CREATE TABLE ("?){table}\1 \(', body)  # quoted once renamed
    if head is None:
        raise RuntimeError(f"unexpected DDL for {table}: {ddl[:60]!r}")
    temp = f"_rebuild_{table}"
    new_ddl = f"CREATE TABLE {temp} (" + body[head.end() :]
    conn.exec_driver_sql(new_ddl + (_SUFFIX if without_rowid else ""))
    conn.exec_driver_sql(f"INSERT INTO {temp} SELECT * FROM {table}")
    conn.exec_driver_sql(f"DROP TABLE {table}")
    conn.exec_driver_sql(f"ALTER TABLE {temp} RENAME TO {table}")
    for index in indexes:
        conn.exec_driver_sql(index)


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    for table in TABLES:
        _rebuild(conn, table, without_rowid=True)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    for table in TABLES:
        _rebuild(conn, table, without_rowid=False)
