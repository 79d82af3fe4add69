"""The SQL unit of work: one connection and one transaction per outermost ``with`` block.

Inner blocks join the outer transaction, so a batch of commands commits once. Within a
transaction the unit of work keeps an identity map of the orders, open items, customers and items
it has read or created, and it *defers* inserts: new rows wait in memory and are written with one
multi-row INSERT per table when the transaction flushes (before commit, and before any query that
must see them). Changes to rows that existed before the transaction carry an optimistic version
check: open items are written at flush, all in one executemany UPDATE whose row count must match;
other rows at once. Stock moves are summed per item and written at flush with a guard that
on-hand stays non-negative; a guard that fails means another worker took the stock first.

Database errors are translated here, in one place: unique-key and serialisation failures,
deadlocks and lock timeouts become ``ConcurrencyConflict`` (retry the command).
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any, Self

from sqlalchemy import Engine, Table, bindparam, update
from sqlalchemy.engine import Connection, RootTransaction
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from core.clock import SystemClock
from core.db import tables as t
from core.db.bulk import bulk_insert
from core.db.gc_pause import paused
from core.db.open_item_reads import COLUMNS as OPEN_ITEM_COLUMNS
from core.db.posting_rows import OUTBOX_COLUMNS, SqlPostingRows
from core.db.repo_documents import SqlOrders, SqlPackingSlips, order_rows, slip_rows
from core.db.repo_invoices import SqlInvoices, invoice_rows
from core.db.repo_ledger import (
    SqlJournal,
    SqlOpenItems,
    SqlSettlements,
    open_item_values,
    write_item_updates,
)
from core.db.repo_master import (
    SqlCustomers,
    SqlIdempotency,
    SqlItems,
    SqlOutbox,
    SqlPeriods,
    SqlQuotations,
    SqlRebates,
    SqlSequences,
)
from core.db.types import dumps_event
from core.domain.catalog import Item
from core.domain.documents import Invoice, PackingSlip
from core.domain.errors import ConcurrencyConflict
from core.domain.events import Event
from core.domain.orders import SalesOrder
from core.domain.parties import Customer
from core.domain.receivables import OpenItem
from core.domain.settings import LedgerSettings
from core.ports import Clock

_KEY_COLUMNS = ("command", "key", "result")
_CONFLICT_SQLSTATES = {"40001", "40P01", "55P03", "23505"}


def translate(exc: DBAPIError) -> Exception:
    """The ledger error for a database error, or the error itself when it is not a conflict."""
    code = getattr(exc.orig, "sqlstate", None)
    if isinstance(exc, IntegrityError) and (code in (None, "23505")):
        return ConcurrencyConflict(f"Another worker wrote the same row first; retry ({exc.orig}).")
    if code in _CONFLICT_SQLSTATES or (
        isinstance(exc, OperationalError) and "locked" in str(exc.orig)
    ):
        return ConcurrencyConflict(f"The database refused a concurrent change; retry ({exc.orig}).")
    return exc


@cache
def _sorted_tables() -> list[Table]:
    """Tables parents first (``MetaData.sorted_tables`` sorts them again on every access)."""
    return list(t.metadata.sorted_tables)


class TxState:
    """What one transaction holds in memory until it flushes."""

    def __init__(self) -> None:
        # table -> column names -> rows (tuples of the values of those columns)
        self.inserts: dict[Table, dict[tuple[str, ...], list[tuple[Any, ...]]]] = {}
        self.new_orders: dict[str, SalesOrder] = {}
        self.new_items: dict[str, OpenItem] = {}
        self.orders: dict[str, SalesOrder] = {}
        self.open_items: dict[str, OpenItem] = {}
        # open items changed in this transaction: number -> (version read, item), until flush
        self.item_updates: dict[str, tuple[int, OpenItem]] = {}
        self.customers: dict[str, Customer | None] = {}
        self.stock: dict[str, Item | None] = {}
        self.stock_delta: dict[str, Decimal] = {}
        self.closed: set[tuple[int, int]] | None = None
        self.sequences: dict[str, tuple[int, int]] = {}  # name -> (value at start, last given)
        self.keys: dict[tuple[str, str], str] = {}
        self.new_slips: list[PackingSlip] = []
        self.new_invoices: list[Invoice] = []
        self.slips_by_order: dict[str, list[PackingSlip]] = {}  # new_slips by order number
        self.invoices_by_order: dict[str, list[Invoice]] = {}  # new_invoices by order number
        # orders named by a prepayment item added in this transaction (a filter: may be stale)
        self.prepaid_orders: set[str] = set()

    def add(self, table: Table, row: dict[str, Any]) -> None:
        self.extend(table, tuple(row), [tuple(row.values())])

    def extend(self, table: Table, names: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        """Queue ``rows``: tuples of the values of columns ``names``, in that order."""
        self.inserts.setdefault(table, {}).setdefault(names, []).extend(rows)

    @property
    def dirty(self) -> bool:
        return bool(
            self.inserts
            or self.new_orders
            or self.new_items
            or self.item_updates
            or self.stock_delta
            or self.keys
            or self.new_slips
            or self.new_invoices
        )


class SqlUnitOfWork:
    def __init__(
        self, engine: Engine, settings: LedgerSettings | None = None, clock: Clock | None = None
    ) -> None:
        self.engine = engine
        self.settings = settings or LedgerSettings()
        self.clock: Clock = clock or SystemClock()
        self.tx = TxState()
        self._depth = 0
        self._conn: Connection | None = None
        self._root: RootTransaction | None = None
        self.customers = SqlCustomers(self)
        self.items = SqlItems(self)
        self.quotations = SqlQuotations(self)
        self.orders = SqlOrders(self)
        self.packing_slips = SqlPackingSlips(self)
        self.invoices = SqlInvoices(self)
        self.open_items = SqlOpenItems(self)
        self.settlements = SqlSettlements(self)
        self.journal = SqlJournal(self)
        self.periods = SqlPeriods(self)
        self.sequences = SqlSequences(self)
        self.idempotency = SqlIdempotency(self)
        self.rebates = SqlRebates(self)
        self.outbox = SqlOutbox(self)

    @property
    def connection(self) -> Connection:
        if self._conn is None:
            raise RuntimeError("use the unit of work inside a 'with' block")
        return self._conn

    def __enter__(self) -> Self:
        if self._depth == 0:
            self._conn = self.engine.connect()
            self._root = self._conn.begin()
            self.tx = TxState()
        self._depth += 1
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self._depth -= 1
        if self._depth > 0:
            return
        try:
            if self._root is not None and self._root.is_active:
                self._root.rollback()
        finally:
            assert self._conn is not None
            self._conn.close()
            self._conn = self._root = None
            self.tx = TxState()
        if isinstance(exc, DBAPIError):
            translated = translate(exc)
            if translated is not exc:
                raise translated from exc

    def commit(self) -> None:
        if self._depth != 1:
            return
        assert self._root is not None
        try:
            self.flush()
            self.sequences.write()
            self._root.commit()
        except DBAPIError as exc:
            raise translate(exc) from exc

    def rollback(self) -> None:
        if self._root is not None and self._root.is_active:
            self._root.rollback()

    def emit(self, event: Event) -> None:
        row = (event.name, dumps_event(event), False)
        self.tx.extend(t.outbox, OUTBOX_COLUMNS, [row])

    def posting_rows(self) -> SqlPostingRows:
        """The payment poster's rows, queued in this transaction until its next flush."""
        return SqlPostingRows(self)

    def flush(self) -> None:
        """Write every deferred insert and stock move; afterwards the rows are ordinary rows."""
        if not self.tx.dirty:
            return
        with paused():
            self._flush()

    def _flush(self) -> None:
        tx, conn = self.tx, self.connection
        for order in tx.new_orders.values():
            for table, names, rows in order_rows(order):
                tx.extend(table, names, rows)
        for slip in tx.new_slips:
            for table, names, rows in slip_rows(slip):
                tx.extend(table, names, rows)
        for inv in tx.new_invoices:
            for table, names, rows in invoice_rows(inv):
                tx.extend(table, names, rows)
        if tx.new_items:
            tx.extend(
                t.open_items, OPEN_ITEM_COLUMNS, list(map(open_item_values, tx.new_items.values()))
            )
        if tx.keys:
            keys = [(command, key, result) for (command, key), result in tx.keys.items()]
            tx.extend(t.idempotency_keys, _KEY_COLUMNS, keys)
        tx.new_orders, tx.new_items, tx.keys, tx.new_slips, tx.new_invoices = {}, {}, {}, [], []
        tx.slips_by_order, tx.invoices_by_order = {}, {}
        inserts, tx.inserts = tx.inserts, {}
        for table in _sorted_tables():
            for names, rows in inserts.get(table, {}).items():
                bulk_insert(conn, table, names, rows)
        updates, tx.item_updates = tx.item_updates, {}
        write_item_updates(conn, updates)
        self._flush_stock()

    def _flush_stock(self) -> None:
        deltas, self.tx.stock_delta = self.tx.stock_delta, {}
        moves = [{"s_sku": sku, "s_delta": d} for sku, d in deltas.items() if d]
        if not moves:
            return
        c = t.items.c
        stmt = (
            update(t.items)
            .where(c.sku == bindparam("s_sku"))
            .values(on_hand=c.on_hand + bindparam("s_delta", type_=c.on_hand.type))
        )
        if not self.settings.allow_negative_stock:
            stmt = stmt.where(c.on_hand + bindparam("s_delta", type_=c.on_hand.type) >= 0)
        if self.connection.execute(stmt, moves).rowcount != len(moves):
            raise ConcurrencyConflict("Another worker moved the same stock first; retry.")
