"""SQL repositories for master data and bookkeeping rows: customers, items (stock), quotations,
periods, number sequences, idempotency keys, rebates. Reads are cached per transaction in the
unit of work's ``TxState``; see ``core.db.uow``."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, replace
from decimal import Decimal
from functools import cache, lru_cache
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, Table, bindparam, insert, select, update
from sqlalchemy.engine import Connection

from core.db import tables as t
from core.db.raw import all_rows, first_row, in_list, list_param, per_distinct, run_raw
from core.domain.catalog import Item
from core.domain.commands import OrderLineInput
from core.domain.events import PublishedEvent
from core.domain.money import quantize
from core.domain.parties import Address, Customer, PaymentTerms
from core.domain.quotations import Quotation, QuotationStatus
from core.domain.rebates import RebateAgreement, RebateMovement

if TYPE_CHECKING:
    from core.db.uow import SqlUnitOfWork, TxState


_ZERO = Decimal(0)


def norm(value: Decimal) -> Decimal:
    """A stored quantity without the storage scale's trailing zeros (10.000000 -> 10)."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def price(value: Decimal) -> Decimal:
    """A stored unit price or cost with at least two decimals (10.000000 -> 10.00, 0.125)."""
    cents = value.quantize(Decimal("0.01"))
    return cents if cents == value else value.normalize()


class SqlRepo:
    def __init__(self, uow: SqlUnitOfWork) -> None:
        self._uow = uow

    @property
    def conn(self) -> Connection:
        return self._uow.connection

    if TYPE_CHECKING:

        @property
        def tx(self) -> TxState: ...

    else:
        # the unit of work's transaction state (replaced per transaction, so read each time):
        # through a C getter, no Python frame per read (about 40 reads an order in a batch)
        tx = property(attrgetter("_uow.tx"))

    def flushed(self) -> Connection:
        """The connection, after writing deferred rows so that a query sees them."""
        self._uow.flush()
        return self._uow.connection


def _upsert(conn: Connection, table: Any, key: str, row: dict[str, Any]) -> None:
    done = conn.execute(update(table).where(table.c[key] == row[key]).values(**row)).rowcount
    if not done:
        conn.execute(insert(table).values(**row))


@cache
def _customer() -> Select[Any]:
    """One customer by account (built once, so its cache key is kept)."""
    return select(t.customers).where(t.customers.c.account == bindparam("c_account"))


@cache
def _children() -> Select[Any]:
    """The customers whose parent is one account, by account (built once)."""
    c = t.customers.c
    return select(t.customers).where(c.parent_account == bindparam("c_parent")).order_by(c.account)


@cache
def _children_of() -> Select[Any]:
    """The customers whose parent is in a list of accounts (an expanding parameter), by account
    (built once)."""
    c = t.customers.c
    parents = c.parent_account.in_(bindparam("c_parents", expanding=True))
    return select(t.customers).where(parents).order_by(c.account)


_PARENTS_PER_READ = 500


@cache
def _in_sql(dialect_name: str, table: str, columns: tuple[str, ...], key: str) -> str:
    """``SELECT columns FROM table WHERE key`` is one of a list given as one parameter (a JSON
    array on SQLite, an array on PostgreSQL)."""
    listed = ", ".join(f'"{n}"' for n in columns)
    where = in_list(dialect_name, key)
    return f'SELECT {listed} FROM "{table}" WHERE {where}'


def rows_in(
    conn: Connection, table: Table, columns: tuple[str, ...], key: str, wanted: Sequence[str]
) -> list[tuple[Any, ...]]:
    """The rows (``columns``, in that order) of ``table`` whose ``key`` is one of ``wanted``,
    in no particular order: one statement on the driver's cursor, whatever the number of
    values, each column converted by its type's own result processor, a column at a time
    (the values a ``select`` of those columns returns), once per distinct value: rows with the
    same stored JSON share one parsed value, which callers only read."""
    if not wanted:
        return []
    dialect = conn.dialect
    sql = _in_sql(dialect.name, table.name, columns, key)
    param = list_param(dialect.name, wanted)
    rows, description = run_raw(conn, sql, (param,), lambda cur: (cur.fetchall(), cur.description))
    if not rows:
        return []
    procs = [
        (n, proc)
        for n, name in enumerate(columns)
        if (proc := table.c[name].type._cached_result_processor(dialect, description[n][1]))
        is not None
    ]
    if not procs:
        return [tuple(r) for r in rows]
    cols: list[Sequence[Any]] = list(zip(*rows, strict=True))
    for n, proc in procs:  # each distinct driver value converted once (a column repeats many)
        cols[n] = per_distinct(proc, cols[n])
    return list(zip(*cols, strict=True))


_CUSTOMER_COLUMNS = tuple(c.name for c in t.customers.columns)  # ``_load``'s order


_NO_ADDRESS = Address()
_NO_ADDRESS_STORED = asdict(_NO_ADDRESS)  # how ``put`` stores an empty address


@lru_cache(maxsize=256)
def _terms(code: str) -> PaymentTerms:
    """``PaymentTerms.parse`` once per stored code (a ledger has a handful; terms are frozen)."""
    return PaymentTerms.parse(code)


def _address(stored: dict[str, str] | None) -> Address:
    """A stored address; the many empty ones share one (frozen) ``Address``."""
    if not stored or stored == _NO_ADDRESS_STORED:
        return _NO_ADDRESS
    return Address(**stored)


class SqlCustomers(SqlRepo):
    @staticmethod
    def _load(r: Any) -> Customer:
        """A customer from a row of ``select(t.customers)``, unpacked by position in the
        table's column order (a changed table fails loudly here)."""
        account, name, currency, terms, limit, on_hold, parent, bill_to, ship_to, tax_code = r
        return Customer(
            account,
            name,
            currency,
            _terms(terms),
            quantize(limit, currency),
            on_hold,
            parent,
            _address(bill_to),
            _address(ship_to),
            tax_code,
        )

    def get(self, account: str) -> Customer | None:
        customers = self._uow.tx.customers
        if account not in customers:
            r = self.conn.execute(_customer(), {"c_account": account}).first()
            customers[account] = self._load(r) if r else None
        return customers[account]

    def put(self, c: Customer) -> None:
        row = {
            "account": c.account,
            "name": c.name,
            "currency": c.currency,
            "terms": c.terms.code,
            "credit_limit": c.credit_limit,
            "on_hold": c.on_hold,
            "parent_account": c.parent_account,
            "bill_to": asdict(c.bill_to),
            "ship_to": asdict(c.ship_to),
            "tax_code": c.tax_code,
        }
        _upsert(self.conn, t.customers, "account", row)
        self.tx.customers[c.account] = c

    def all(self) -> list[Customer]:
        return [
            self._load(r)
            for r in self.conn.execute(select(t.customers).order_by(t.customers.c.account))
        ]

    def children(self, parent_account: str) -> list[Customer]:
        rows = self.conn.execute(_children(), {"c_parent": parent_account})
        return [self._load(r) for r in rows]

    def children_of(self, parent_accounts: Sequence[str]) -> list[Customer]:
        """Read in chunks of one statement each, then sorted by account."""
        wanted = sorted(set(parent_accounts))
        found = [
            self._load(r)
            for first in range(0, len(wanted), _PARENTS_PER_READ)
            for r in self.conn.execute(
                _children_of(), {"c_parents": wanted[first : first + _PARENTS_PER_READ]}
            )
        ]
        return sorted(found, key=lambda c: c.account)

    def child_accounts(self, parent_accounts: Sequence[str]) -> list[tuple[str, str]]:
        """(parent, account) of the customers whose parent is one of ``parent_accounts``, read
        with one statement (``rows_in``), sorted by account."""
        wanted = sorted(set(parent_accounts))
        columns = ("parent_account", "account")
        found = rows_in(self.conn, t.customers, columns, "parent_account", wanted)
        return sorted(found, key=lambda pair: pair[1])

    def get_many(self, accounts: Sequence[str]) -> dict[str, Customer]:
        """Read with one statement (``rows_in``); kept (missing ones too) like ``get``."""
        cached = self.tx.customers
        wanted = sorted({a for a in accounts if a not in cached})
        for r in rows_in(self.conn, t.customers, _CUSTOMER_COLUMNS, "account", wanted):
            cached[r[0]] = self._load(r)
        for a in wanted:
            cached.setdefault(a, None)
        return {a: c for a in accounts if (c := cached[a]) is not None}


class SqlItems(SqlRepo):
    @staticmethod
    def _load(r: Any) -> Item:
        conv = {k: Decimal(v) for k, v in (r.conversions or {}).items()}
        return Item(
            r.sku,
            r.description,
            price(r.unit_price),
            price(r.unit_cost),
            r.uom,
            norm(r.on_hand),
            r.gtin,
            conv,
            r.tax_code,
        )

    def _fetch(self, skus: Iterable[str]) -> None:
        wanted = [s for s in skus if s not in self.tx.stock]
        if not wanted:
            return
        found = {
            r.sku: self._load(r)
            for r in self.conn.execute(select(t.items).where(t.items.c.sku.in_(wanted)))
        }
        for sku in wanted:
            self.tx.stock[sku] = found.get(sku)

    def get(self, sku: str) -> Item | None:
        """The item with its on-hand as this transaction has moved it so far."""
        stock = self._uow.tx.stock
        if sku not in stock:
            self._fetch([sku])
        return stock[sku]

    def get_many(self, skus: Sequence[str]) -> dict[str, Item]:
        skus = list(skus)
        self._fetch(skus)
        return {s: item for s in skus if (item := self.get(s)) is not None}

    def put(self, i: Item) -> None:
        self._uow.flush()
        row = {
            "sku": i.sku,
            "description": i.description,
            "uom": i.uom,
            "unit_price": i.unit_price,
            "unit_cost": i.unit_cost,
            "on_hand": i.on_hand,
            "gtin": i.gtin,
            "conversions": {k: str(v) for k, v in i.conversions.items()},
            "tax_code": i.tax_code,
        }
        _upsert(self.conn, t.items, "sku", row)
        self.tx.stock[i.sku] = i

    def all(self) -> list[Item]:
        return [
            self._load(r) for r in self.flushed().execute(select(t.items).order_by(t.items.c.sku))
        ]

    def adjust_on_hand(self, sku: str, delta: Decimal, allow_negative: bool) -> bool:
        tx = self._uow.tx
        item = tx.stock[sku] if sku in tx.stock else self.get(sku)
        if item is None:
            return False
        on_hand = item.on_hand + delta
        if on_hand < 0 and not allow_negative:
            return False
        deltas = tx.stock_delta
        deltas[sku] = deltas.get(sku, _ZERO) + delta
        tx.stock[sku] = Item(  # dataclasses.replace(item, on_hand=...) without its cost
            item.sku,
            item.description,
            item.unit_price,
            item.unit_cost,
            item.uom,
            on_hand,
            item.gtin,
            item.conversions,
            item.tax_code,
        )
        return True


class SqlQuotations(SqlRepo):
    def get(self, number: str) -> Quotation | None:
        r = (
            self.flushed()
            .execute(select(t.quotations).where(t.quotations.c.number == number))
            .first()
        )
        if r is None:
            return None
        lines = tuple(
            OrderLineInput(
                ln["sku"],
                Decimal(ln["quantity"]),
                Decimal(ln["unit_price"]) if ln["unit_price"] is not None else None,
                ln["uom"],
                ln["external_line_ref"],
                ln["tax_code"],
            )
            for ln in r.lines
        )
        return Quotation(
            r.number,
            r.customer_account,
            r.quote_date,
            lines,
            r.po_number,
            QuotationStatus(r.status),
            r.order_number,
        )

    @staticmethod
    def _row(q: Quotation) -> dict[str, Any]:
        return {
            "number": q.number,
            "customer_account": q.customer_account,
            "quote_date": q.quote_date,
            "po_number": q.po_number,
            "status": q.status.value,
            "order_number": q.order_number,
            "lines": [replace(ln, allowances=()) for ln in q.lines],
        }

    def add(self, quotation: Quotation) -> None:
        self.conn.execute(insert(t.quotations).values(**self._row(quotation)))

    def save(self, quotation: Quotation) -> None:
        _upsert(self.conn, t.quotations, "number", self._row(quotation))


class SqlPeriods(SqlRepo):
    def is_closed(self, year: int, month: int) -> bool:
        tx = self._uow.tx
        if tx.closed is None:
            c = t.closed_periods.c
            tx.closed = {(y, m) for y, m in self.conn.execute(select(c.year, c.month))}
        return (year, month) in tx.closed

    def close(self, year: int, month: int) -> None:
        if not self.is_closed(year, month):
            self.conn.execute(insert(t.closed_periods).values(year=year, month=month))
            assert self.tx.closed is not None
            self.tx.closed.add((year, month))


# PostgreSQL: the counters a transaction moved, written in one statement (one round trip at
# commit instead of one per counter; their rows are locked since the first number was taken)
_PG_WRITE_SEQUENCES = (
    "UPDATE number_sequences AS s SET next_value = v.last"
    " FROM unnest(%s::varchar[], %s::bigint[]) AS v(name, last) WHERE s.name = v.name"
)


# the first number a transaction takes from a counter: a no-op UPDATE that locks the counter's
# row and returns its value, on the driver's cursor (SQLAlchemy's execute of a built UPDATE
# costs about 100 times what the statement costs SQLite), in each driver's parameter style
_TAKE_SEQUENCE = {
    "sqlite": "UPDATE number_sequences SET next_value = next_value WHERE name = ?"
    " RETURNING next_value",
    "postgresql": "UPDATE number_sequences SET next_value = next_value WHERE name = %s"
    " RETURNING next_value",
}
# SQLite: the counters a transaction moved, one executemany on the driver's cursor
_SQLITE_WRITE_SEQUENCE = "UPDATE number_sequences SET next_value = ? WHERE name = ?"


class SqlSequences(SqlRepo):
    """Gap-free counters. The first number a transaction takes locks the counter's row (an
    UPDATE), later ones count in memory, and the last one is written back before commit; a
    rollback therefore gives every number back."""

    def next(self, name: str) -> int:
        sequences = self._uow.tx.sequences
        taken = sequences.get(name)  # one look-up for a counter already taken from
        if taken is None:
            value = self._take(name)
            if value is None:
                self.conn.execute(insert(t.number_sequences).values(name=name, next_value=0))
                value = 0
            taken = (int(value), int(value))
        start, last = taken
        last += 1
        sequences[name] = (start, last)
        return last

    def _take(self, name: str) -> Any:
        """The stored value of counter ``name``, its row locked by a no-op UPDATE; None when
        there is no such counter."""
        conn = self.conn
        sql = _TAKE_SEQUENCE[conn.dialect.name]  # the ledger runs on these two (make_engine)
        row = run_raw(conn, sql, (name,), lambda cur: cur.fetchone())
        return None if row is None else row[0]

    def write(self) -> None:
        """The last number of each counter the transaction took from: on PostgreSQL several
        counters in one statement (``_PG_WRITE_SEQUENCES``), on SQLite one ``executemany`` on
        the driver's cursor, else one UPDATE each."""
        moved = {name: last for name, (start, last) in self.tx.sequences.items() if last != start}
        dialect = self.conn.dialect.name
        if len(moved) > 1 and dialect == "postgresql":
            args = (list(moved), list(moved.values()))
            run_raw(self.conn, _PG_WRITE_SEQUENCES, args, lambda cur: cur.rowcount)
        elif moved and dialect == "sqlite":
            rows = [(last, name) for name, last in moved.items()]
            run_raw(self.conn, _SQLITE_WRITE_SEQUENCE, rows, lambda cur: cur.rowcount, many=True)
        else:
            c = t.number_sequences.c
            for name, last in moved.items():
                self.conn.execute(
                    update(t.number_sequences).where(c.name == name).values(next_value=last)
                )
        self.tx.sequences.clear()


@cache
def _key_result() -> Select[tuple[str]]:
    """The stored result of a command key, built once: a reused statement keeps its cache key."""
    c = t.idempotency_keys.c
    return select(c.result).where(c.command == bindparam("k_command"), c.key == bindparam("k_key"))


@cache
def _key_results() -> Select[tuple[str, str]]:
    """The stored (key, result) of a list of a command's keys (an expanding parameter)."""
    c = t.idempotency_keys.c
    keys = c.key.in_(bindparam("k_keys", expanding=True))
    return select(c.key, c.result).where(c.command == bindparam("k_command"), keys)


# The stored results of many keys of one command. As ``key IN (...)`` PostgreSQL may find the
# command's rows through the primary key and test every one against every key given (it did
# while the table's statistics were those of an empty table: 1,000 keys against 46,000 rows
# took 2.5 s); joined to the keys as an array it hashes them or looks each one up.
_PG_KEY_RESULTS = (
    "SELECT w.key, k.result FROM unnest(%s::varchar[]) AS w(key)"
    " JOIN idempotency_keys AS k ON k.command = %s AND k.key = w.key"
)
# SQLite: the keys as one JSON array, each looked up through the primary key (command, key)
_SQLITE_KEY_RESULTS = (
    'SELECT "key", result FROM idempotency_keys'
    ' WHERE command = ? AND "key" IN (SELECT value FROM json_each(?))'
)


class SqlIdempotency(SqlRepo):
    def get(self, command: str, key: str) -> str | None:
        keys = self._uow.tx.keys
        if (command, key) in keys:
            return keys[(command, key)]
        row = first_row(self.conn, _key_result(), {"k_command": command, "k_key": key})
        return None if row is None else str(row[0])

    def add(self, command: str, key: str, result: str) -> None:
        self.tx.keys[(command, key)] = result

    def get_many(self, command: str, keys: Sequence[str]) -> dict[str, str]:
        """Keys this transaction added, and the stored ones: on PostgreSQL in one statement
        joined to the keys as an array (``_PG_KEY_RESULTS``), on SQLite in one statement with
        the keys as a JSON array, elsewhere in chunks of one statement."""
        known = {k: r for k in keys if (r := self.tx.keys.get((command, k))) is not None}
        wanted = sorted({k for k in keys if k not in known})
        if wanted and self.conn.dialect.name == "postgresql":
            known.update(all_rows(self.conn, _PG_KEY_RESULTS, (wanted, command)))
            return known
        if wanted and self.conn.dialect.name == "sqlite":
            args = (command, json.dumps(wanted))
            known.update(all_rows(self.conn, _SQLITE_KEY_RESULTS, args))
            return known
        for first in range(0, len(wanted), _PARENTS_PER_READ):
            params = {"k_command": command, "k_keys": wanted[first : first + _PARENTS_PER_READ]}
            known.update((k, r) for k, r in self.conn.execute(_key_results(), params))
        return known


class SqlRebates(SqlRepo):
    def agreement(self, customer: str) -> RebateAgreement | None:
        c = t.rebate_agreements.c
        r = self.conn.execute(select(t.rebate_agreements).where(c.customer == customer)).first()
        return RebateAgreement(r.customer, norm(r.percent)) if r else None

    def put_agreement(self, agreement: RebateAgreement) -> None:
        _upsert(
            self.conn,
            t.rebate_agreements,
            "customer",
            {"customer": agreement.customer, "percent": agreement.percent},
        )

    def add_movement(self, m: RebateMovement) -> None:
        self.tx.add(
            t.rebate_movements,
            {
                "document": m.document,
                "customer": m.customer,
                "currency": m.currency,
                "amount": m.amount,
                "moved_on": m.on,
                "date_from": m.date_from,
                "date_to": m.date_to,
            },
        )

    def movements(self, customer: str) -> list[RebateMovement]:
        c = t.rebate_movements.c
        rows = self.flushed().execute(
            select(t.rebate_movements).where(c.customer == customer).order_by(c.document)
        )
        return [
            RebateMovement(
                r.document,
                r.customer,
                r.currency,
                quantize(r.amount, r.currency),
                r.moved_on,
                r.date_from,
                r.date_to,
            )
            for r in rows
        ]


class SqlOutbox(SqlRepo):
    """The event outbox, written by ``emit`` in the posting's own transaction."""

    def pending(self, names: tuple[str, ...], limit: int) -> list[PublishedEvent]:
        c = t.outbox.c
        query = (
            select(t.outbox)
            .where(c.published.is_(False) & c.name.in_(names))
            .order_by(c.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return [
            PublishedEvent(int(r.id), r.name, json.loads(r.payload))
            for r in self.flushed().execute(query)
        ]

    def mark_published(self, ids: list[int]) -> None:
        if ids:
            self.flushed().execute(
                update(t.outbox).where(t.outbox.c.id.in_(ids)).values(published=True)
            )
