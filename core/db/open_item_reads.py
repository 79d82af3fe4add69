"""The open items of many customer accounts in one read, for cash application.

A batch of remittances reads tens of items per payer, most of which it only looks at. The rows
come from the driver's own cursor (no SQLAlchemy row per item) and are converted a column at a
time with the columns' own result processors (so dates and ``Amount`` come back exactly as an
ordinary read returns them), then amounts are rounded to the item's currency and the items are
built with one call per row. Same items, same order, same values as
``select(open_items) ... order by doc_date, number``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

from sqlalchemy import Date, Dialect
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from core.db import tables as t
from core.domain.money import exponent
from core.domain.receivables import ItemKind, OpenItem

_COLUMNS = (
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
)  # fmt: skip  (the order of OpenItem's fields)
_AMOUNT_POSITIONS = tuple(_COLUMNS.index(n) for n in ("amount", "open_amount", "cash_discount"))
_CURRENCY = _COLUMNS.index("currency")
_KINDS = {k.value: k for k in ItemKind}


@cache
def _sql(dialect_name: str, only_open: bool) -> str:
    """The statement; the accounts are one parameter (a JSON array on SQLite, an array on
    PostgreSQL)."""
    columns = ", ".join(f'"{n}"' for n in _COLUMNS)
    if dialect_name == "sqlite":
        where = "customer_account IN (SELECT value FROM json_each(?))"
    else:
        where = "customer_account = ANY(%s)"
    if only_open:
        where += " AND open_amount != 0"
    return f"SELECT {columns} FROM open_items WHERE {where} ORDER BY doc_date, number"


def _iso_date(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _processors(dialect: Dialect, description: Sequence[Any]) -> dict[int, Callable[[Any], Any]]:
    """Column position -> result processor, for the columns the driver does not return as the
    ledger's values (``description``: the cursor's, for the driver's column types). SQLite's
    dates are ISO text (SQLAlchemy's storage format for ``Date``), read by ``fromisoformat``."""
    found: dict[int, Callable[[Any], Any]] = {}
    for n, name in enumerate(_COLUMNS):
        kind = t.open_items.c[name].type
        if dialect.name == "sqlite" and isinstance(kind, Date):
            found[n] = _iso_date
        elif (proc := kind._cached_result_processor(dialect, description[n][1])) is not None:
            found[n] = proc
    return found


@cache
def _quantum(currency: str) -> Decimal:
    return Decimal(1).scaleb(-exponent(currency))


def _amounts(
    values: Sequence[Any],
    currencies: Sequence[str],
    proc: Callable[[Any], Any] | None,
    memo: dict[tuple[Any, str], Decimal],
) -> list[Decimal]:
    """The column's values as Decimals rounded half up to their currency (``quantize``); a
    stored value met before in the same currency (an open amount equal to the amount, a zero
    discount) is converted once (``memo``)."""
    out: list[Decimal] = []
    append, get, quantum = out.append, memo.get, _quantum
    for v, c in zip(values, currencies, strict=True):
        found = get((v, c))
        if found is None:
            number = v if proc is None else proc(v)
            found = memo[(v, c)] = number.quantize(quantum(c), ROUND_HALF_UP)
        append(found)
    return out


def read_open_items(conn: Connection, accounts: Sequence[str], only_open: bool) -> list[OpenItem]:
    """The items of ``accounts`` (open ones only with ``only_open``) by doc date and number."""
    dialect = conn.dialect
    sql = _sql(dialect.name, only_open)
    param = json.dumps(list(accounts)) if dialect.name == "sqlite" else list(accounts)
    raw = conn.connection.driver_connection
    assert raw is not None
    cur = raw.cursor()
    try:
        cur.execute(sql, (param,))
        rows = cur.fetchall()
        description = cur.description
    except dialect.loaded_dbapi.Error as exc:  # wrapped as SQLAlchemy wraps it (core.db.bulk)
        raise DBAPIError.instance(sql, None, exc, dialect.loaded_dbapi.Error) from exc
    finally:
        cur.close()
    if not rows:
        return []
    cols: list[Sequence[Any]] = list(zip(*rows, strict=True))
    procs = _processors(dialect, description)
    currencies = cols[_CURRENCY]
    memo: dict[tuple[Any, str], Decimal] = {}
    for n in _AMOUNT_POSITIONS:
        cols[n] = _amounts(cols[n], currencies, procs.pop(n, None), memo)
    for n, proc in procs.items():
        cols[n] = list(map(proc, cols[n]))
    cols[1] = list(map(_KINDS.__getitem__, cols[1]))
    return list(map(OpenItem, *cols))
