"""PostgreSQL writes sent ahead in psycopg's pipeline mode, on the caller's thread.

A unit of work that is told it may write its rows so far (``flush_behind``) sends them as
statements without waiting for their results: the server inserts while the caller goes on
matching and posting, and the results are taken at the next step that needs the connection
(a read, the commit, a rollback). The rows are bound here, on the caller's thread, as a flush
binds them (each column by its type's own processor), so no second thread competes for the GIL.

``COPY`` cannot run in pipeline mode, so each table's rows go in with one ``INSERT INTO t
(cols) SELECT * FROM unnest(...)`` per column list: one array per column. A column of plain
values (text, integers, Decimals, dates, booleans, NULLs) is sent as one text, its values'
texts joined by a separator character and split by ``string_to_array`` on the server, then
cast to the column's type without its length or scale; the assignment to the column checks and
rounds as ``COPY`` does (a text too long is refused, not cut). Joining costs the client a
fraction of what adapting a list as an array does. A column with other values, or a text that
holds a separator, goes as a list adapted by psycopg. The texts are those psycopg's ``COPY``
sends (``str`` of a number, ISO dates, ``t``/``f``), so the stored rows are the same.

A statement that fails aborts the rest of the pipeline; its error is raised when the results
are taken (``finish``), as the driver's error wrapped by SQLAlchemy, so the unit of work
translates it as before. The open-item update's row count is checked there too: a stale
version is a ``ConcurrencyConflict`` before anything commits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Dialect, Table
from sqlalchemy.exc import DBAPIError

from core.db.bulk import _columns
from core.domain.errors import ConcurrencyConflict

SEP = "\x1f"  # between a column's values (the ASCII unit separator)
NULL = "\x1e"  # a NULL value (the record separator: a field of just this is NULL)
_SPLIT = "string_to_array(%s, chr(31), chr(30))"


def _bool_text(value: bool) -> str:
    return "t" if value else "f"


# value type -> its text as the server reads it (``type(v)``: a datetime or a bool never
# passes as a date or an int)
_TEXT: dict[type, Any] = {
    str: str,
    int: str,
    Decimal: str,
    date: date.isoformat,
    bool: _bool_text,
}
_NUMBERS: frozenset[type] = frozenset({int, Decimal})
_NONE = type(None)


def joined(values: Sequence[Any]) -> str | None:
    """The values of one column as one text (``SEP`` between values, ``NULL`` for None) that
    ``string_to_array(text, chr(31), chr(30))`` splits back into the same values; None when a
    value has no such text (another type, a text holding either character, a single empty
    text, which would split into no element)."""
    kinds = set(map(type, values))
    nones = _NONE in kinds
    kinds.discard(_NONE)
    if not kinds:
        return None
    if len(kinds) == 1:
        (kind,) = kinds
        text_of = _TEXT.get(kind)
    else:
        text_of = str if kinds <= _NUMBERS else None
    if text_of is None:
        return None
    if nones:
        parts = [NULL if v is None else text_of(v) for v in values]
    elif text_of is str and kinds == {str}:
        parts = values  # type: ignore[assignment]
    else:
        parts = list(map(text_of, values))
    text = SEP.join(parts)
    if text.count(SEP) != len(values) - 1 or text.count(NULL) != (
        sum(v is None for v in values) if nones else 0
    ):
        return None
    if not text and len(values) == 1:
        return None
    return text


_TYPMOD = re.compile(r"\(.*\)")


def element_type(table: Table, name: str, dialect: Dialect) -> str:
    """The SQL type a column's array is cast to: the column's type without length or scale
    (the assignment to the column applies those, as it does to ``COPY``'s values)."""
    return _TYPMOD.sub("", table.c[name].type.compile(dialect=dialect)).strip()


def insert_statement(
    table: Table, names: Sequence[str], cols: Sequence[Sequence[Any]], dialect: Dialect
) -> tuple[str, list[Any]]:
    """``INSERT INTO table (names) SELECT * FROM unnest(...)`` of bound columns ``cols`` and its
    parameters: per column a joined text split on the server, or a list when it has none."""
    quote = dialect.identifier_preparer.quote
    arrays: list[str] = []
    params: list[Any] = []
    for name, values in zip(names, cols, strict=True):
        kind = element_type(table, name, dialect)
        text = joined(values)
        if text is None:
            arrays.append(f"%s::{kind}[]")
            params.append(list(values))
        else:
            arrays.append(f"{_SPLIT}::{kind}[]")
            params.append(text)
    columns = ", ".join(quote(n) for n in names)
    sql = f"INSERT INTO {quote(table.name)} ({columns}) SELECT * FROM unnest({', '.join(arrays)})"
    return sql, params


def bound_columns(
    table: Table, names: Sequence[str], rows: Sequence[tuple[Any, ...]], dialect: Dialect
) -> list[Sequence[Any]]:
    """The rows as columns, each bound by its type's own processor (as ``bulk_insert`` binds
    them: the same checks, the same values)."""
    cols: list[Sequence[Any]] = list(zip(*rows, strict=True))
    for i, process in _columns(table, names, dialect):
        cols[i] = process(cols[i])
    return cols


class Pipelined:
    """Statements sent in pipeline mode on a psycopg connection, their results taken at
    ``finish``. The connection stays in pipeline mode until ``finish`` or ``discard``; the
    caller uses it for nothing else meanwhile."""

    def __init__(self, raw: Any, dialect: Dialect) -> None:
        self._dialect = dialect
        self._raw = raw
        self._mode: AbstractContextManager[Any] = raw.pipeline()
        self._mode.__enter__()
        self._cursor = raw.cursor()
        self._checks: list[tuple[Any, int, str]] = []  # cursor, rows it must change, message
        self._last = ""  # the last statement sent, named by an error

    def send(self, sql: str, params: Sequence[Any]) -> None:
        """Send ``sql`` without waiting for its result."""
        self._last = sql
        try:
            self._cursor.execute(sql, params)
        except self._dialect.loaded_dbapi.Error as exc:
            raise DBAPIError.instance(sql, None, exc, self._dialect.loaded_dbapi.Error) from exc

    def insert(self, table: Table, names: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
        """Send the insert of ``rows`` (tuples of the values of columns ``names``)."""
        if rows:
            cols = bound_columns(table, names, rows, self._dialect)
            self.send(*insert_statement(table, names, cols, self._dialect))

    def send_counted(self, sql: str, params: Sequence[Any], expected: int, message: str) -> None:
        """Send ``sql``, which must change ``expected`` rows: ``finish`` raises
        ``ConcurrencyConflict(message)`` when it changed another number."""
        cursor = self._raw.cursor()
        self._last = sql
        try:
            cursor.execute(sql, params)
        except self._dialect.loaded_dbapi.Error as exc:
            raise DBAPIError.instance(sql, None, exc, self._dialect.loaded_dbapi.Error) from exc
        self._checks.append((cursor, expected, message))

    def finish(self) -> None:
        """Take every result: leave pipeline mode, raising the first failed statement's error
        (wrapped as SQLAlchemy wraps it), then check the counted statements' row counts."""
        try:
            self._mode.__exit__(None, None, None)
            counts = [(c.rowcount, expected, message) for c, expected, message in self._checks]
        except self._dialect.loaded_dbapi.Error as exc:
            sql = self._last
            raise DBAPIError.instance(sql, None, exc, self._dialect.loaded_dbapi.Error) from exc
        finally:
            self._close()
        for count, expected, message in counts:
            if count != expected:
                raise ConcurrencyConflict(message)

    def discard(self) -> None:
        """Leave pipeline mode, dropping any error (the transaction is rolled back next)."""
        try:
            self._mode.__exit__(None, None, None)
        except Exception:
            pass
        finally:
            self._close()

    def _close(self) -> None:
        for cursor in (self._cursor, *(c for c, _, _ in self._checks)):
            cursor.close()
