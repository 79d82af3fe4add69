"""Multi-row inserts for a flushing unit of work: column values go through each column type's own
bind processor (so ``Amount`` stays exact), then straight to the driver: ``INSERT`` statements of
several rows each through ``executemany`` on SQLite, ``COPY ... FROM STDIN`` on PostgreSQL
(psycopg 3).

Values are bound a column at a time (rows transposed with ``zip``), so an ``Amount`` column is
checked and scaled in one pass (``Amount.column_processor``) instead of a Python call per value,
and a date or boolean column (a batch repeats a few dates) goes through the type's processor
once per distinct value. Both statements run on the driver's own cursor, which takes the bound
rows (or groups of them) as they are made (SQLAlchemy's ``executemany`` would want a list of
them all); driver errors are wrapped as SQLAlchemy wraps them (naming the one-row statement), so
the unit of work translates them the same way.

On SQLite one ``INSERT`` carries up to ``SQLITE_ROWS`` rows in its ``VALUES`` list (at most
``SQLITE_PARAMS`` values): the driver steps one statement per group of rows instead of one per
row, which takes about a quarter off SQLite's share of a flush; a statement's values are laid
out from the bound columns, a slice per column. The rows go in in the same order and each is
checked as before; a failing row fails its statement, and the unit of work rolls the whole
transaction back either way. A batch is split into groups of ``SQLITE_ROWS``, then 16, 4 and 1
rows, so each table needs only a few statement texts (the driver caches them).

A column whose bound values all bind alike (one object, or equal texts, integers or NULLs: a
unit, a tax code, an account, a currency, a zero amount) is bound once per statement: every
row names the same numbered parameter (``?1`` ...), the other columns follow (``?k+1``
onwards). The driver copies each text value it binds and looks a NULL up as a value to adapt,
so this takes about a third of the binding off a batch of order, slip and invoice lines; the
stored rows are the same."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from functools import cache, partial
from operator import is_
from typing import Any

from sqlalchemy import Boolean, Date, Dialect, Table
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from core.db.types import Amount, JsonText, one_object

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
    if one_object(values):  # one call
        return [p(values[0])] * len(values)
    if set(map(type, values)) <= _DISTINCT_TYPES:
        bound = {v: p(v) for v in set(values)}
        return list(map(bound.__getitem__, values))
    return _each(p, values)


# rows per SQLite INSERT, and the values one statement may bind (999: the lowest limit SQLite
# has been built with; newer builds allow 32,766)
SQLITE_ROWS = 50
SQLITE_PARAMS = 999
_SQLITE_REST = (16, 4, 1)  # the groups a batch's last rows go in


def sqlite_groups(count: int, width: int, shared: int = 0) -> list[tuple[int, int]]:
    """How ``count`` rows of ``width`` values are written on SQLite: (rows per statement,
    statements) pairs, largest first, together exactly ``count`` rows; ``shared`` values more
    are bound once per statement."""
    per = max(1, min(SQLITE_ROWS, (SQLITE_PARAMS - shared) // max(width, 1)))
    groups = []
    for size in (per, *(r for r in _SQLITE_REST if r < per)):
        times, count = divmod(count, size)
        if times:
            groups.append((size, times))
    return groups


def _sqlite_insert(
    cur: Any,
    head: str,
    marks: str,
    cols: Sequence[Sequence[Any]],
    count: int,
    known: frozenset[int] | set[int] = frozenset(),
) -> None:
    """Insert ``count`` rows given as columns: ``head`` is ``INSERT INTO t (cols) VALUES``,
    ``marks`` one row's ``(?, ...)``. A statement's values are laid out a column at a time
    (a slice assignment per column) rather than row by row. A column whose bound values all
    bind as its first (``_binds_as_first``: a unit, a currency, an account, NULL) is bound once
    per statement as a numbered parameter every row names (``_shared_layout``); ``known`` names
    columns found so while binding, which are not scanned again."""
    if count > 1:
        same = tuple(j for j, col in enumerate(cols) if j in known or _binds_as_first(col))
        if same:
            _sqlite_insert_shared(cur, head, cols, count, same)
            return
    width, start = len(cols), 0
    for size, times in sqlite_groups(count, width):
        sql = f"{head} {', '.join([marks] * size)}"
        end = start + size * times
        if size == 1:
            cur.executemany(sql, zip(*(c[start:end] for c in cols), strict=True))
        else:
            cur.executemany(sql, _flat(cols, start, end, size))
        start = end


def _binds_as_first(col: Sequence[Any]) -> bool:
    """True when every value of a bound column binds as its first, so the column can be bound
    once per statement: a text or NULL column whose values all equal the first (only a ``str``
    equals a ``str``, and binds its text; only None equals None), found by ``list.count`` in C
    (identity is compared first: about 1 ns a value, where the identity scan of
    ``one_object`` takes about 40); any other column when it holds one object."""
    first = col[0]
    if first is None or type(first) is str:
        return _all_equal(col)
    return one_object(col)


def _all_equal(col: Sequence[Any]) -> bool:
    """True when every value of ``col`` (not empty) equals its first; the last is compared
    first, so a column that varies is mostly told apart by one comparison."""
    first = col[0]
    return bool(col[-1] == first) and col.count(first) == len(col)


def _one_number(values: Sequence[Any]) -> bool:
    """True when an ``Amount`` column to bind on SQLite holds one number: every value a Decimal
    or an int (no bool, no float) equal to the first, so each binds to the first's millionths
    (or is refused as the first is). Tried where the first object is also the middle and the
    last one (mostly a column of one object: a zero, a rate, a shared quantity), where a count
    (identity compared first) and a type scan cost about a third of the identity scan."""
    first = values[0]
    return (
        values[-1] is first
        and values[len(values) // 2] is first
        and values.count(first) == len(values)
        and set(map(type, values)) <= _DECIMAL_OR_INT
    )


_DECIMAL_OR_INT: frozenset[type] = frozenset({Decimal, int})


@cache
def _shared_layout(width: int, same: tuple[int, ...], size: int) -> str:
    """The ``VALUES`` list of ``size`` rows of ``width`` columns where the columns ``same``
    name parameters ``?1`` ... ``?k`` (bound once) and the others ``?k+1`` onwards, row after
    row (the order ``_flat`` lays them out after the shared ones)."""
    shared = {j: i + 1 for i, j in enumerate(same)}
    rest = [j for j in range(width) if j not in shared]
    first = len(same) + 1
    rows = []
    for r in range(size):
        at = {j: first + r * len(rest) + i for i, j in enumerate(rest)}
        rows.append("(" + ", ".join(f"?{shared.get(j) or at[j]}" for j in range(width)) + ")")
    return ", ".join(rows)


def _sqlite_insert_shared(
    cur: Any, head: str, cols: Sequence[Sequence[Any]], count: int, same: tuple[int, ...]
) -> None:
    """``_sqlite_insert`` of rows whose columns ``same`` each hold one object throughout."""
    consts = [cols[j][0] for j in same]
    varying = [col for j, col in enumerate(cols) if j not in same]
    width, start = len(cols), 0
    for size, times in sqlite_groups(count, len(varying), len(same)):
        sql = f"{head} {_shared_layout(width, same, size)}"
        end = start + size * times
        cur.executemany(sql, _flat(varying, start, end, size, consts))
        start = end


def _flat(
    cols: Sequence[Sequence[Any]], start: int, end: int, size: int, first: Sequence[Any] = ()
) -> Iterator[list[Any]]:
    """The values of rows ``start`` to ``end`` in groups of ``size`` rows, row after row, each
    group after the values ``first``."""
    width, k = len(cols), len(first)
    for at in range(start, end, size):
        values: list[Any] = [None] * (k + size * width)
        values[:k] = first
        for j, col in enumerate(cols):
            values[k + j :: width] = col[at : at + size]
        yield values


def _bound_before(values: Sequence[Any], done: list[tuple[Sequence[Any], Sequence[Any]]]) -> Any:
    """The bound values of an ``Amount`` column bound before whose values are the same objects,
    row for row, as ``values`` (a slip line's quantity and base quantity, an order line's picked
    and shipped quantities): binding is a function of the value, so they bind alike, and the
    second column costs a scan instead of a ``str`` per new Decimal. None when there is none."""
    for seen, bound in done:
        if len(seen) == len(values) and all(map(is_, seen, values)):
            return bound
    return None


def bulk_insert(
    conn: Connection, table: Table, names: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    """Insert ``rows``, tuples of the values of columns ``names`` in that order."""
    if not rows:
        return
    dialect = conn.dialect
    sqlite = dialect.name == "sqlite"  # an Amount column bound there holds ints and NULLs
    todo = _columns(table, names, dialect)
    data: Iterable[tuple[Any, ...]] = rows
    cols: list[Sequence[Any]] | None = None
    known: set[int] = set()  # columns that bind alike throughout, found while binding
    if todo:
        cols = list(zip(*rows, strict=True))
        changed = False
        amounts = {i for i, n in enumerate(names) if isinstance(table.c[n].type, Amount)}
        done: list[tuple[Sequence[Any], Sequence[Any]]] = []  # Amount columns bound so far
        for i, process in todo:
            values = cols[i]
            # bound once (the same value and error as a whole column); only None equals None
            first = values[0]
            if (
                _all_equal(values)
                if first is None
                else (sqlite and i in amounts and _one_number(values)) or one_object(values)
            ):
                cols[i], changed = [process(values[:1])[0]] * len(values), True
                known.add(i)
                continue
            bound = _bound_before(values, done) if i in amounts else None
            if bound is None:
                bound = process(values)
                if i in amounts:
                    done.append((values, bound))
            if bound is not values:
                cols[i], changed = bound, True
                if sqlite and i in amounts and _all_equal(bound):
                    known.add(i)  # equal ints (or NULLs) bind alike: bound once
        if changed:  # bound rows are made one at a time as the driver takes them
            data = zip(*cols, strict=True)
    quote = dialect.identifier_preparer.quote
    columns = ", ".join(quote(n) for n in names)
    raw = conn.connection.driver_connection
    assert raw is not None
    if dialect.name == "postgresql":
        sql = f"COPY {quote(table.name)} ({columns}) FROM STDIN"
    else:
        marks = f"({', '.join('?' for _ in names)})"
        head = f"INSERT INTO {quote(table.name)} ({columns}) VALUES"
        sql = f"{head} {marks}"
    try:
        if dialect.name == "postgresql":
            with raw.cursor() as cur, cur.copy(sql) as copy:
                write = copy.write_row
                for row in data:
                    write(row)
        else:
            cur = raw.cursor()
            try:
                if cols is None and set(map(len, rows)) == {len(names)}:
                    cols = list(zip(*rows, strict=True))
                # each row its own values, none shifted (zip(strict=True) made the columns of
                # rows of one width)
                if cols is not None and len(cols) == len(names):
                    _sqlite_insert(cur, head, marks, cols, len(rows), known)
                else:  # the driver refuses the row with the wrong count, as before
                    cur.executemany(sql, data)
            finally:
                cur.close()
    except dialect.loaded_dbapi.Error as exc:  # the driver's own error: wrap it as SQLAlchemy does
        raise DBAPIError.instance(sql, None, exc, dialect.loaded_dbapi.Error) from exc
