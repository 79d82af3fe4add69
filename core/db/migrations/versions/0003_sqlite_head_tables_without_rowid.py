"""head tables without rowid on SQLite

Orders, invoices and journal entries are found by their text number (their primary key), never by
a rowid, so on SQLite they become ``WITHOUT ROWID`` tables like their lines (0002): a new row is
one entry in the primary-key B-tree instead of a rowid row plus a primary-key index entry; their
secondary indexes now hold the number instead of a rowid. PostgreSQL has no rowid: nothing
changes there.

Other tables' foreign keys point at these, so a table cannot be renamed away (SQLite would point
the foreign keys at the new name) and dropping it with its rows would break them. Foreign keys
cannot be switched off inside the migration's transaction; instead their checks are deferred to
the commit (``PRAGMA defer_foreign_keys``, reset when the transaction ends): each table's rows are
kept in a temporary copy, the table is dropped and made again under its own name from its
stored DDL, the rows go back (which satisfies every referencing row again, so the commit finds
nothing broken) and its indexes are made again.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 03:05:00
"""

from __future__ import annotations

import re

from alembic import op
from sqlalchemy import text
from sqlalchemy.engine import Connection

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TABLES = ("orders", "invoices", "journal_entries")
_SUFFIX = " WITHOUT ROWID"


def _rebuild(conn: Connection, table: str, without_rowid: bool) -> None:
    """Make ``table`` again from its stored DDL with or without a rowid, keeping rows and
    indexes, while other tables' foreign keys point at it."""
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
    if re.match(rf'CREATE TABLE ("?){table}\1 \(', body) is None:
        raise RuntimeError(f"unexpected DDL for {table}: {ddl[:60]!r}")
    copy = f"temp._rows_{table}"
    conn.exec_driver_sql(f"CREATE TABLE {copy} AS SELECT * FROM {table}")
    conn.exec_driver_sql(f"DROP TABLE {table}")
    conn.exec_driver_sql(body + (_SUFFIX if without_rowid else ""))
    conn.exec_driver_sql(f"INSERT INTO {table} SELECT * FROM {copy}")
    conn.exec_driver_sql(f"DROP TABLE {copy}")
    for index in indexes:
        conn.exec_driver_sql(index)


def _rebuild_all(without_rowid: bool) -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    for table in TABLES:
        _rebuild(conn, table, without_rowid)


def upgrade() -> None:
    _rebuild_all(without_rowid=True)


def downgrade() -> None:
    _rebuild_all(without_rowid=False)
