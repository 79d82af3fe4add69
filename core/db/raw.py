"""Statements straight on the driver's cursor, for the hot reads and writes of the ledger.

SQLAlchemy spends about 25 us per ``execute`` (execution context, result object, parameter
processing) on a read that costs SQLite 2 us. ``run_raw`` runs SQL text on the connection's own
DBAPI connection, in the same transaction, and wraps driver errors as SQLAlchemy wraps them, so
``translate`` still applies. ``first_row`` compiles a statement once per dialect and returns its
first row; ``all_rows`` returns every row of dialect-specific text. They are meant for
statements whose parameters and result columns need no type processing (strings, integers),
or whose callers convert them (``open_item_reads``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Any, TypeVar

from sqlalchemy import Dialect
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import Select

T = TypeVar("T")


@lru_cache(maxsize=64)  # a few statements times the engines' dialects
def _compiled(stmt: Select[Any], dialect: Dialect) -> tuple[str, tuple[str, ...] | None]:
    """The SQL text of ``stmt`` for ``dialect`` and, for a positional paramstyle, the order of
    its parameter names."""
    compiled = stmt.compile(dialect=dialect)
    order = tuple(compiled.positiontup or ()) if compiled.positional else None
    return str(compiled), order


def run_raw(
    conn: Connection, sql: str, args: Any, take: Callable[[Any], T], *, many: bool = False
) -> T:  # fmt: skip
    """Run ``sql`` (text in the driver's own parameter style) with ``args`` on the connection's
    DBAPI connection, in the same transaction, and return what ``take`` takes from the cursor
    before it is closed (rows, a row count). With ``many``, ``args`` is an iterable of rows
    and the statement runs once per row (``executemany``)."""
    dialect = conn.dialect
    raw = conn.connection.driver_connection
    assert raw is not None
    try:
        cur = raw.cursor()
        try:
            if many:
                cur.executemany(sql, args)
            else:
                cur.execute(sql, args)
            return take(cur)
        finally:
            cur.close()
    except dialect.loaded_dbapi.Error as exc:  # the driver's own error: wrap it as SQLAlchemy does
        raise DBAPIError.instance(sql, args, exc, dialect.loaded_dbapi.Error) from exc


def first_row(
    conn: Connection, stmt: Select[Any], params: Mapping[str, Any]
) -> tuple[Any, ...] | None:
    """The first row of ``stmt`` (built once by the caller) with ``params``, or None."""
    sql, order = _compiled(stmt, conn.dialect)
    args: Any = params if order is None else tuple(params[n] for n in order)
    row = run_raw(conn, sql, args, lambda cur: cur.fetchone())
    return None if row is None else tuple(row)


def all_rows(conn: Connection, sql: str, args: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Every row of ``sql`` (text in the driver's own parameter style, for one dialect) with
    ``args``, in the connection's transaction."""
    return [tuple(row) for row in run_raw(conn, sql, args, lambda cur: cur.fetchall())]


def in_list(dialect_name: str, key: str) -> str:
    """The condition "``key`` is one of a list given as one parameter": a JSON array read by
    ``json_each`` on SQLite, an array on PostgreSQL (``list_param`` makes the parameter)."""
    if dialect_name == "sqlite":
        return f'"{key}" IN (SELECT value FROM json_each(?))'
    return f'"{key}" = ANY(%s)'


def list_param(dialect_name: str, values: Sequence[Any]) -> Any:
    """The one parameter of ``in_list``: a JSON array on SQLite, a list on PostgreSQL."""
    return json.dumps(list(values)) if dialect_name == "sqlite" else list(values)


def per_distinct(convert: Callable[[Any], T], values: Sequence[Any]) -> list[T]:
    """``convert`` of each of ``values`` (hashable driver values), called once per distinct
    value: a column of a read repeats few dates, amounts and stored texts."""
    found = {v: convert(v) for v in set(values)}
    return list(map(found.__getitem__, values))
