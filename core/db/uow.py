"""The SQL unit of work: one connection and one transaction per outermost ``with`` block.

Inner blocks join the outer transaction (a batch of commands commits once). Events are written to
the ``outbox`` table in the same transaction as the postings. Database errors are translated here,
in one place: unique-key and serialisation failures, deadlocks and lock timeouts become
``ConcurrencyConflict`` (retry the command); everything else propagates as it is.
"""

from __future__ import annotations

from typing import Self

from sqlalchemy import Engine, insert
from sqlalchemy.engine import Connection, RootTransaction
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from core.clock import SystemClock
from core.db import tables as t
from core.db.repo_documents import SqlInvoices, SqlOrders, SqlPackingSlips
from core.db.repo_ledger import SqlJournal, SqlOpenItems, SqlSettlements
from core.db.repo_master import (
    SqlCustomers, SqlIdempotency, SqlItems, SqlPeriods, SqlQuotations, SqlRebates, SqlSequences,
)  # fmt: skip
from core.db.types import dumps
from core.domain.errors import ConcurrencyConflict
from core.domain.events import Event
from core.domain.settings import LedgerSettings
from core.ports import Clock

_CONFLICT_SQLSTATES = {"40001", "40P01", "55P03", "23505"}


def translate(exc: DBAPIError) -> Exception:
    """The ledger error for a database error, or the error itself when it is not a conflict."""
    code = getattr(exc.orig, "sqlstate", None)
    if isinstance(exc, IntegrityError) and (code in (None, "23505")):
        return ConcurrencyConflict(f"Another worker wrote the same row first; retry ({exc.orig}).")
    if code in _CONFLICT_SQLSTATES or (isinstance(exc, OperationalError) and "locked" in str(exc.orig)):
        return ConcurrencyConflict(f"The database refused a concurrent change; retry ({exc.orig}).")
    return exc


class SqlUnitOfWork:
    def __init__(self, engine: Engine, settings: LedgerSettings | None = None, clock: Clock | None = None) -> None:
        self.engine = engine
        self.settings = settings or LedgerSettings()
        self.clock: Clock = clock or SystemClock()
        self._depth = 0
        self._conn: Connection | None = None
        self._tx: RootTransaction | None = None
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

    @property
    def connection(self) -> Connection:
        if self._conn is None:
            raise RuntimeError("use the unit of work inside a 'with' block")
        return self._conn

    def __enter__(self) -> Self:
        if self._depth == 0:
            self._conn = self.engine.connect()
            self._tx = self._conn.begin()
        self._depth += 1
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self._depth -= 1
        if self._depth > 0:
            return
        try:
            if self._tx is not None and self._tx.is_active:
                self._tx.rollback()
        finally:
            assert self._conn is not None
            self._conn.close()
            self._conn = self._tx = None
        if isinstance(exc, DBAPIError):
            translated = translate(exc)
            if translated is not exc:
                raise translated from exc

    def commit(self) -> None:
        if self._depth != 1:
            return
        assert self._tx is not None
        try:
            self._tx.commit()
        except DBAPIError as exc:
            raise translate(exc) from exc

    def rollback(self) -> None:
        if self._tx is not None and self._tx.is_active:
            self._tx.rollback()

    def emit(self, event: Event) -> None:
        self.connection.execute(insert(t.outbox).values(name=event.name, payload=dumps(event.payload()), published=False))
