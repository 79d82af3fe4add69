"""Make a SQLite table again with or without a rowid, keeping its rows and indexes (migrations
0003 and 0006).

SQLite cannot switch a table's rowid on or off in place, so the table is made again from its
stored DDL. Other tables' foreign keys may point at it: it cannot be renamed away (SQLite would
point those foreign keys at the new name) and dropping it with its rows would break them.
Foreign keys cannot be switched off inside a migration's transaction; instead their checks are
deferred to the commit (``PRAGMA defer_foreign_keys``, reset when the transaction ends). The
rows are kept in a temporary copy, the table is dropped and made again under its own name, the
rows go back (which satisfies every referencing row again, so the commit finds nothing broken)
and its indexes are made again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import text
from sqlalchemy.engine import Connection

_SUFFIX = " WITHOUT ROWID"


def rebuild_tables(conn: Connection, tables: Iterable[str], without_rowid: bool) -> None:
    """On SQLite, ``rebuild`` each of ``tables`` with or without a rowid, the foreign-key checks
    deferred to the commit of the current transaction; elsewhere nothing."""
    if conn.dialect.name != "sqlite":
        return
    conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    for table in tables:
        rebuild(conn, table, without_rowid)


def rebuild(conn: Connection, table: str, without_rowid: bool) -> None:
    """Make ``table`` again from its stored DDL with or without a rowid, keeping rows and
    indexes, while other tables' foreign keys point at it (their checks deferred first). A
    table already as wanted is left alone."""
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
