"""Multi-row inserts for a flushing unit of work: column values go through each column type's own
bind processor (so ``Amount`` stays exact), then straight to the driver: one ``executemany`` on
SQLite, ``COPY ... FROM STDIN`` on PostgreSQL (psycopg 3)."""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from sqlalchemy import Table
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError


def bulk_insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    dialect = conn.dialect
    names = list(rows[0])
    procs = [(i, table.c[n].type._cached_bind_processor(dialect)) for i, n in enumerate(names)]
    todo = [(i, p) for i, p in procs if p is not None]
    get = itemgetter(*names)
    data: list[tuple[Any, ...]] = []
    for r in rows:
        values = list(get(r)) if len(names) > 1 else [get(r)]
        for i, p in todo:
            values[i] = p(values[i])
        data.append(tuple(values))
    quote = dialect.identifier_preparer.quote
    columns = ", ".join(quote(n) for n in names)
    if dialect.name == "postgresql":
        raw = conn.connection.driver_connection
        assert raw is not None
        sql = f"COPY {quote(table.name)} ({columns}) FROM STDIN"
        try:
            with raw.cursor() as cur, cur.copy(sql) as copy:
                for row in data:
                    copy.write_row(row)
        except (
            dialect.loaded_dbapi.Error
        ) as exc:  # the driver's own error: wrap it like SQLAlchemy does
            raise DBAPIError.instance(sql, None, exc, dialect.loaded_dbapi.Error) from exc
        return
    marks = ", ".join("?" for _ in names)
    conn.exec_driver_sql(f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({marks})", data)
