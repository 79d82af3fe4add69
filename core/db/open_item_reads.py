"""The open items of many customer accounts (or of many numbers) in one read, for cash
application.

A batch of remittances reads tens of items per payer, most of which it only looks at. The rows
come from the driver's own cursor (no SQLAlchemy row per item) and are converted a column at a
time: on SQLite dates and ``Amount`` integers directly (as those types store them), otherwise
through the columns' own result processors; amounts are rounded to the item's currency and the
items are built with one call per row. Dates are converted once per distinct value, and on
SQLite a read of one currency converts each distinct stored amount once. On PostgreSQL the
items of given numbers are read joined to the numbers (found through the primary key). Same
items, same order, same values as
``select(open_items) ... order by doc_date, number`` (tests/integration/core/
test_open_item_reads_db.py, which also checks that the columns are ``OpenItem``'s fields).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from itertools import repeat
from typing import Any

from sqlalchemy import Date, Dialect
from sqlalchemy.engine import Connection

from core.db import tables as t
from core.db.raw import in_list, list_param, per_distinct, run_raw
from core.db.types import SCALE, Amount
from core.domain.money import exponent
from core.domain.receivables import ItemKind, OpenItem

# the table's columns, in the order of OpenItem's fields
COLUMNS = (
    "number",
    "kind",
    "customer_account",
    "currency",
    "account",
    "doc_date",
    "due_date",
    "amount",
    "open_amount",
    "discount_date",
    "cash_discount",
    "order_number",
    "reference",
    "reason",
    "version",
)
_AMOUNT_POSITIONS = tuple(COLUMNS.index(n) for n in ("amount", "open_amount", "cash_discount"))
_CURRENCY = COLUMNS.index("currency")
_DATE_POSITIONS = frozenset(COLUMNS.index(n) for n in ("doc_date", "due_date", "discount_date"))
_KINDS = {k.value: k for k in ItemKind}


@cache
def _sql(dialect_name: str, only_open: bool, key: str = "customer_account") -> str:
    """The statement; the wanted values of ``key`` (accounts or numbers) are one parameter (a
    JSON array on SQLite, an array on PostgreSQL)."""
    columns = ", ".join(f'"{n}"' for n in COLUMNS)
    source, conds = "open_items", []
    if key == "number" and dialect_name != "sqlite":
        # joined to the numbers (distinct), so each is found through the primary key: as
        # "number = ANY(...)" PostgreSQL scanned the whole table (134 to 181 ms against 30 for
        # 4,000 numbers of a million items); an account's items are many, and there the
        # (parallel) scan is the quicker plan
        source = "unnest(%s::text[]) AS wanted(v) JOIN open_items ON number = wanted.v"
    else:
        conds.append(in_list(dialect_name, key))
    if only_open:
        conds.append("open_amount != 0")
    where = f" WHERE {' AND '.join(conds)}" if conds else ""
    return f"SELECT {columns} FROM {source}{where} ORDER BY doc_date, number"


def _millionths(value: int) -> Decimal:
    """An ``Amount`` as SQLite stores it (an integer of millionths), as ``Amount`` reads it."""
    return Decimal(int(value)).scaleb(-SCALE)


def _iso_date(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _processors(dialect: Dialect, description: Sequence[Any]) -> dict[int, Callable[[Any], Any]]:
    """Column position -> result processor, for the columns the driver does not return as the
    ledger's values (``description``: the cursor's, for the driver's column types). SQLite's
    dates are ISO text (SQLAlchemy's storage format for ``Date``), read by ``fromisoformat``;
    its amounts are integers of millionths (``core.db.types.Amount``)."""
    found: dict[int, Callable[[Any], Any]] = {}
    for n, name in enumerate(COLUMNS):
        kind = t.open_items.c[name].type
        if dialect.name == "sqlite" and isinstance(kind, Date):
            found[n] = _iso_date if t.open_items.c[name].nullable else date.fromisoformat
        elif dialect.name == "sqlite" and isinstance(kind, Amount):
            found[n] = _millionths
        elif isinstance(kind, Amount) and _driver_decimals(kind, dialect, description[n][1]):
            found[n] = Decimal  # what Amount.process_result_value does, mapped in C
        elif (proc := kind._cached_result_processor(dialect, description[n][1])) is not None:
            found[n] = proc
    return found


def _driver_decimals(kind: Amount, dialect: Dialect, coltype: Any) -> bool:
    """Whether the driver's values of an ``Amount`` column reach ``Amount.process_result_value``
    as they are (its implementation type has no result processor of its own here): then that
    method is ``Decimal(value)`` on every value but None, which the column never holds."""
    impl = kind.load_dialect_impl(dialect)
    return impl.result_processor(dialect, coltype) is None


@cache
def _quantum(currency: str) -> Decimal:
    return Decimal(1).scaleb(-exponent(currency))


def _amounts(
    values: Sequence[Any], quanta: Iterable[Decimal], proc: Callable[[Any], Any] | None
) -> list[Decimal]:
    """The column's values as Decimals rounded half up to their currency's quantum (as
    ``quantize`` does), mapped in C: SQLite's integer millionths are scaled back directly,
    another driver's values go through the column's processor if it has one."""
    if proc is _millionths:
        whole = map(Decimal, map(int, values))
        numbers: Iterable[Decimal] = map(Decimal.scaleb, whole, repeat(-SCALE))
    else:
        numbers = values if proc is None else map(proc, values)
    return list(map(Decimal.quantize, numbers, quanta, repeat(ROUND_HALF_UP)))


class _Rounded(dict[Any, Decimal]):
    """Driver value -> its amount rounded to one quantum, each missing one computed once."""

    def __init__(self, quantum: Decimal, proc: Callable[[Any], Any] | None) -> None:
        super().__init__()
        self.quantum, self.proc = quantum, proc

    def __missing__(self, value: Any) -> Decimal:
        number: Decimal = value if self.proc is None else self.proc(value)
        found = self[value] = number.quantize(self.quantum, ROUND_HALF_UP)
        return found


def _one_currency_amounts(
    cols: list[Sequence[Any]], quantum: Decimal, procs: dict[int, Callable[[Any], Any]]
) -> None:
    """The amount columns of rows of one currency, in place: ``amount`` as ``_amounts`` makes
    it, then the open amount and the cash discount through a map of the driver values already
    converted (an item's open amount is mostly its amount, its discount one of a few): the
    same Decimals, as the rounded value depends only on the driver value and the quantum.
    Used for SQLite's integers only: hashing PostgreSQL's new Decimals costs more than
    converting them."""
    first, *rest = _AMOUNT_POSITIONS
    proc = procs.pop(first, None)
    amounts = _amounts(cols[first], repeat(quantum), proc)
    rounded = _Rounded(quantum, proc)
    rounded.update(zip(cols[first], amounts, strict=True))
    cols[first] = amounts
    for n in rest:
        own = procs.pop(n, None)
        if own is proc:
            cols[n] = list(map(rounded.__getitem__, cols[n]))
        else:  # another conversion (not seen on SQLite or psycopg): as _amounts does it
            cols[n] = _amounts(cols[n], repeat(quantum), own)


def read_open_items(conn: Connection, accounts: Sequence[str], only_open: bool) -> list[OpenItem]:
    """The items of ``accounts`` (open ones only with ``only_open``) by doc date and number."""
    return _read(conn, "customer_account", accounts, only_open)


def read_open_numbers(conn: Connection, numbers: Sequence[str]) -> list[OpenItem]:
    """The open items among ``numbers`` (the others are not open or not ours), by doc date
    and number."""
    return _read(conn, "number", numbers, True)


def _read(conn: Connection, key: str, wanted: Sequence[str], only_open: bool) -> list[OpenItem]:
    dialect = conn.dialect
    sql = _sql(dialect.name, only_open, key)
    # distinct numbers on PostgreSQL, where they are joined to the table
    distinct = wanted if dialect.name == "sqlite" else list(dict.fromkeys(wanted))
    param = list_param(dialect.name, distinct)
    rows, description = run_raw(conn, sql, (param,), lambda cur: (cur.fetchall(), cur.description))
    if not rows:
        return []
    cols: list[Sequence[Any]] = list(zip(*rows, strict=True))
    procs = _processors(dialect, description)
    currencies = set(cols[_CURRENCY])
    if len(currencies) == 1 and procs.get(_AMOUNT_POSITIONS[0]) is _millionths:
        _one_currency_amounts(cols, _quantum(currencies.pop()), procs)
    else:
        quanta = list(map(_quantum, cols[_CURRENCY]))
        for n in _AMOUNT_POSITIONS:
            cols[n] = _amounts(cols[n], quanta, procs.pop(n, None))
    for n, proc in procs.items():
        if n in _DATE_POSITIONS:  # a read repeats few dates: each distinct one converted once
            cols[n] = per_distinct(proc, cols[n])
        else:
            cols[n] = list(map(proc, cols[n]))
    cols[1] = list(map(_KINDS.__getitem__, cols[1]))
    return list(map(OpenItem, *cols))
