"""Multi-row inserts for a flushing unit of work: column values go through each column type's own
bind processor (so ``Amount`` stays exact), then straight to the driver: one ``executemany`` on
SQLite, ``COPY ... FROM STDIN`` on PostgreSQL (psycopg 3).

Values are bound a column at a time (rows transposed with ``zip``), so an ``Amount`` column is
checked and scaled in one pass (``Amount.column_processor``) instead of a Python call per value,
and a date or boolean column (a batch repeats a few dates) goes through the type's processor
once per distinct value.
Both statements run on the driver's own cursor, which takes the bound rows one at a time as they
are made (SQLAlchemy's ``executemany`` would want a list of them all); driver errors are wrapped
as SQLAlchemy wraps them, so the unit of work translates them the same way."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import partial
from typing import Any

from sqlalchemy import Boolean, Date, Dialect, Table
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from core.db.types import Amount, JsonText

# binds a column; returns the same object when no value changes
Processor = Callable[[Sequence[Any]], Sequence[Any]]


def _columns(table: Table, names: Sequence[str], dialect: Dialect) -> list[tuple[int, Processor]]:
    """Per column that needs one, a function binding the whole column's values."""
    todo: list[tuple[int, Processor]] = []
    for i, n in enumerate(names):
        kind = table.c[n].type
        if isinstance(kind, Amount | JsonText):
            todo.append((i, kind.column_processor(dialect)))
        elif (p := kind._cached_bind_processor(dialect)) is not None:
            few = isinstance(kind, Date | Boolean)  # Date, not DateTime: its values repeat
            todo.append((i, partial(_distinct if few else _each, p)))
    return todo


def _each(p: Callable[[Any], Any], values: Sequence[Any]) -> list[Any]:
    return list(map(p, values))


# value types whose equal values bind alike and never equal one of another type in the set
# (a datetime is a date but binds its time too; True == 1, so no int)
_DISTINCT_TYPES: frozenset[type] = frozenset({date, bool, type(None)})


def _distinct(p: Callable[[Any], Any], values: Sequence[Any]) -> list[Any]:
    """``_each`` that calls ``p`` once per distinct value when the values are plain dates,
    booleans and None (the same results: ``p`` depends only on the value)."""
    if set(map(type, values)) <= _DISTINCT_TYPES:
        bound = {v: p(v) for v in set(values)}
        return list(map(bound.__getitem__, values))
    return _each(p, values)


def bulk_insert(
    conn: Connection, table: Table, names: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    """Insert ``rows``, tuples of the values of columns ``names`` in that order."""
    if not rows:
        return
    dialect = conn.dialect
    todo = _columns(table, names, dialect)
    data: Iterable[tuple[Any, ...]] = rows
    if todo:
        cols: list[Sequence[Any]] = list(zip(*rows, strict=True))
        changed = False
        for i, process in todo:
            bound = process(cols[i])
            if bound is not cols[i]:
                cols[i], changed = bound, True
        if changed:  # bound rows are made one at a time as the driver takes them
            data = zip(*cols, strict=True)
    quote = dialect.identifier_preparer.quote
    columns = ", ".join(quote(n) for n in names)
    raw = conn.connection.driver_connection
    assert raw is not None
    if dialect.name == "postgresql":
        sql = f"COPY {quote(table.name)} ({columns}) FROM STDIN"
    else:
        marks = ", ".join("?" for _ in names)
        sql = f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({marks})"
    try:
        if dialect.name == "postgresql":
            with raw.cursor() as cur, cur.copy(sql) as copy:
                write = copy.write_row
                for row in data:
                    write(row)
        else:
            cur = raw.cursor()
            try:
                cur.executemany(sql, data)
            finally:
                cur.close()
    except dialect.loaded_dbapi.Error as exc:  # the driver's own error: wrap it as SQLAlchemy does
        raise DBAPIError.instance(sql, None, exc, dialect.loaded_dbapi.Error) from exc
