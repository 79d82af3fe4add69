"""The open items of many customer accounts (or of many numbers) in one read, for cash
application.

A batch of remittances reads tens of items per payer, most of which it only looks at. The rows
come from the driver's own cursor (no SQLAlchemy row per item) and are converted a column at a
time: on SQLite dates and ``Amount`` integers directly (as those types store them), otherwise
through the columns' own result processors; amounts are rounded to the item's currency and the
items are built with one call per row. Dates are converted once per distinct value, and on
SQLite a read of one currency converts each distinct stored amount once. On PostgreSQL the
items of given numbers are read joined to the numbers (found through the primary key).
``read_open_by_account`` reads a batch's accounts for the matcher: on SQLite as rows (through
the index of migration 0005, in account order without a sort) from which an item is built only
when the matcher asks for it (``core.domain.lazy_items``). Those rows are the six columns the
matcher scans and the other nine as one JSON array (``PACKED``): the driver fetches each column
on its own (about 1,100 instructions a column, a release of the GIL and SQLite's mutex among
them), and SQLite's ``json_array`` of the nine costs less than half of their columns; an item
is built for about a quarter of the rows. Same items, same order, same values as
``select(open_items) ... order by doc_date, number`` (tests/integration/core/
test_open_item_reads_db.py, which also checks that the columns are ``OpenItem``'s fields).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from itertools import repeat
from operator import itemgetter
from typing import Any

from sqlalchemy import Date, Dialect
from sqlalchemy.engine import Connection

from core.db import tables as t
from core.db.raw import in_list, list_param, per_distinct, run_raw
from core.db.types import SCALE, Amount
from core.domain.lazy_items import ItemRows, LazyItems
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
# the lazy read's row (SQLite): the columns the matcher scans or checks on every row, then the
# others packed in one JSON array, in this order (``_row_builder`` unpacks them so)
SCANNED = ("number", "customer_account", "reference", "order_number", "currency", "open_amount")
PACKED = tuple(n for n in COLUMNS if n not in SCANNED)
_TEXTS = tuple(map(itemgetter, range(len(SCANNED))))


@cache
def _sql(
    dialect_name: str, only_open: bool, key: str = "customer_account", by_account: bool = False
) -> str:
    """The statement; the wanted values of ``key`` (accounts or numbers) are one parameter (a
    JSON array on SQLite, an array on PostgreSQL); ``by_account``: the lazy read's columns
    (``SCANNED`` and ``PACKED``, SQLite's ``json_array``), ordered by account first."""
    columns = ", ".join(f'"{n}"' for n in COLUMNS)
    if by_account:  # the lazy read (SQLite): see SCANNED and PACKED
        packed = ", ".join(f'"{n}"' for n in PACKED)
        columns = ", ".join([*(f'"{n}"' for n in SCANNED), f"json_array({packed})"])
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
    order = "customer_account, doc_date, number" if by_account else "doc_date, number"
    return f"SELECT {columns} FROM {source}{where} ORDER BY {order}"


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


class _Converted(dict[Any, Any]):
    """Driver value -> ``convert`` of it, each distinct value converted once."""

    def __init__(self, convert: Callable[[Any], Any]) -> None:
        super().__init__()
        self.convert = convert

    def __missing__(self, value: Any) -> Any:
        found = self[value] = self.convert(value)
        return found


def _rounded(quantum: Decimal, proc: Callable[[Any], Any] | None) -> _Converted:
    """Driver value -> its amount (``proc`` of it, when given) rounded half up to one quantum,
    each distinct value once. SQLite's integer millionths are scaled and rounded in one step
    (no call of ``_millionths``: the lazy builder misses on about a third of its look-ups, as
    most items' amounts are their own)."""
    if proc is _millionths:

        def convert(value: Any) -> Decimal:
            return Decimal(int(value)).scaleb(-SCALE).quantize(quantum, ROUND_HALF_UP)

    else:

        def convert(value: Any) -> Decimal:
            number: Decimal = value if proc is None else proc(value)
            return number.quantize(quantum, ROUND_HALF_UP)

    return _Converted(convert)


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
    rounded = _rounded(quantum, proc)
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


def read_open_by_account(
    conn: Connection, accounts: Sequence[str], keep: Callable[[OpenItem], OpenItem]
) -> dict[str, Sequence[OpenItem]]:
    """The open items of each of ``accounts`` that has any, each account's by doc date and
    number; an item whose open amount rounds to zero in its currency is not open here (as
    the matcher's index skips it). On SQLite (integer amounts) they are ``LazyItems``: the
    rows (``SCANNED`` and ``PACKED``) are fetched ordered by account, only numbers,
    references and order numbers are taken out, and an item is built (as ``_read`` builds
    it, then passed through ``keep``) when first asked for. Elsewhere the items are built at
    once and grouped."""
    dialect = conn.dialect
    if dialect.name != "sqlite" or _processors(dialect, _NO_TYPE_CODES) != _SQLITE_PROCESSORS:
        # PostgreSQL, or SQLite's columns not as _row_builder reads them: built at once
        return _grouped(_read(conn, "customer_account", accounts, True), keep)
    sql = _sql(dialect.name, True, "customer_account", by_account=True)
    param = list_param(dialect.name, accounts)
    rows = run_raw(conn, sql, (param,), lambda cur: cur.fetchall())
    if not rows:
        return {}
    rows = _open_rows(rows)
    numbers, owners, references, orders = (list(map(g, rows)) for g in _TEXTS[:4])
    items = ItemRows(rows, _row_builder(keep))
    spans: dict[str, Sequence[OpenItem]] = {}
    start = 0
    for account, count in Counter(owners).items():  # rows of an account are adjacent
        stop = start + count
        spans[account] = LazyItems(
            items, list(range(start, stop)), numbers[start:stop], references[start:stop],
            orders[start:stop],
        )  # fmt: skip
        start = stop
    return spans


def _grouped(
    items: list[OpenItem], keep: Callable[[OpenItem], OpenItem]
) -> dict[str, Sequence[OpenItem]]:
    """The items that are open in their currency, through ``keep``, by account."""
    found: dict[str, list[OpenItem]] = {}
    for i in items:
        if i.open_amount:
            found.setdefault(i.customer_account, []).append(keep(i))
    return dict(found)


def _open_rows(rows: list[Any]) -> list[Any]:
    """The rows whose open amount (SQLite's integer millionths) does not round to zero in the
    row's currency (half up: a value rounds to zero when twice it is below the quantum)."""
    currency, open_amount = _TEXTS[4], _TEXTS[5]
    least = min(map(abs, map(open_amount, rows)))
    if least * 2 >= max(map(_millionths_per_unit, set(map(currency, rows)))):
        return rows  # the usual case: every one is open
    return [r for r in rows if abs(open_amount(r)) * 2 >= _millionths_per_unit(currency(r))]


@cache
def _millionths_per_unit(currency: str) -> int:
    """The smallest amount of ``currency`` in millionths (1 below a millionth)."""
    return int(10 ** max(0, SCALE - exponent(currency)))


def _sqlite_processors() -> dict[int, Callable[[Any], Any]]:
    """What ``_processors`` gives on SQLite: the dates from ISO text (the discount date may be
    NULL), the amounts from integer millionths; no other column is converted."""
    on = COLUMNS.index
    found: dict[int, Callable[[Any], Any]] = dict.fromkeys(
        (on("amount"), on("open_amount"), on("cash_discount")), _millionths
    )
    found[on("doc_date")] = found[on("due_date")] = date.fromisoformat
    found[on("discount_date")] = _iso_date
    return found


_SQLITE_PROCESSORS = _sqlite_processors()
# the driver's column types as sqlite3 describes a statement's columns: none
_NO_TYPE_CODES = [(name, None) for name in COLUMNS]


def _row_builder(keep: Callable[[OpenItem], OpenItem]) -> Callable[[Sequence[Any]], OpenItem]:
    """Row of the lazy read (``SCANNED``, then ``PACKED`` as a JSON array: texts, integers
    and null as stored) -> item with the values ``_read`` gives it on SQLite
    (``_SQLITE_PROCESSORS``), passed through ``keep``: amounts scaled from integer millionths
    and rounded half up to the row's currency (``_rounded``: each distinct stored
    amount of a currency once, as an open amount is mostly its item's amount and discounts are
    few), dates converted once per distinct value."""
    dates, maybe_dates = _Converted(date.fromisoformat), _Converted(_iso_date)
    kinds, rounded = _KINDS, dict[str, _Converted]()
    unpack = json.JSONDecoder().raw_decode  # SQLite's array as it is: no ``loads`` checks

    def build(row: Sequence[Any]) -> OpenItem:
        number, owner, reference, order_number, currency, open_amount, packed = row
        (kind, account, doc_date, due_date, amount, discount_date, cash_discount, reason,
         version), _ = unpack(packed)  # fmt: skip
        amounts = rounded.get(currency)
        if amounts is None:
            amounts = rounded[currency] = _rounded(_quantum(currency), _millionths)
        return keep(
            OpenItem(
                number,
                kinds[kind],
                owner,
                currency,
                account,
                dates[doc_date],
                dates[due_date],
                amounts[amount],
                amounts[open_amount],
                maybe_dates[discount_date],
                amounts[cash_discount],
                order_number,
                reference,
                reason,
                version,
            )
        )

    return build
