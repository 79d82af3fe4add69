"""One-row reads straight on the driver's cursor, for the few hot reads of a command.

SQLAlchemy spends about 25 us per ``execute`` (execution context, result object, parameter
processing) on a read that costs SQLite 2 us. ``first_row`` compiles a statement once per
dialect and runs it on the connection's own DBAPI connection, in the same transaction. It is
meant for statements whose parameters and result columns need no type processing (strings and
integers); driver errors are wrapped as SQLAlchemy wraps them, so ``translate`` still applies.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Dialect
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import Select


@lru_cache(maxsize=64)  # a few statements times the engines' dialects
def _compiled(stmt: Select[Any], dialect: Dialect) -> tuple[str, tuple[str, ...] | None]:
    """The SQL text of ``stmt`` for ``dialect`` and, for a positional paramstyle, the order of
    its parameter names."""
    compiled = stmt.compile(dialect=dialect)
    order = tuple(compiled.positiontup or ()) if compiled.positional else None
    return str(compiled), order


def first_row(
    conn: Connection, stmt: Select[Any], params: Mapping[str, Any]
) -> tuple[Any, ...] | None:
    """The first row of ``stmt`` (built once by the caller) with ``params``, or None."""
    dialect = conn.dialect
    sql, order = _compiled(stmt, dialect)
    args: Any = params if order is None else tuple(params[n] for n in order)
    raw = conn.connection.driver_connection
    assert raw is not None
    try:
        cur = raw.cursor()
        try:
            cur.execute(sql, args)
            row = cur.fetchone()
        finally:
            cur.close()
    except dialect.loaded_dbapi.Error as exc:  # the driver's own error: wrap it as SQLAlchemy does
        raise DBAPIError.instance(sql, args, exc, dialect.loaded_dbapi.Error) from exc
    return None if row is None else tuple(row)


def all_rows(conn: Connection, sql: str, args: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Every row of ``sql`` (SQL text in the driver's own parameter style, for one dialect)
    with ``args``, on the connection's DBAPI connection, in the same transaction."""
    dialect = conn.dialect
    raw = conn.connection.driver_connection
    assert raw is not None
    try:
        cur = raw.cursor()
        try:
            cur.execute(sql, args)
            rows = cur.fetchall()
        finally:
            cur.close()
    except dialect.loaded_dbapi.Error as exc:  # the driver's own error: wrap it as SQLAlchemy does
        raise DBAPIError.instance(sql, args, exc, dialect.loaded_dbapi.Error) from exc
    return [tuple(row) for row in rows]
