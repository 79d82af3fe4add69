"""The payment poster's settlements, journal entries and events queued as rows (``PostingRows``
of ``core.ports`` for the SQL unit of work).

The poster gives the values of what it posts; they go straight into the transaction's lists of
rows, the same lists ``SqlSettlements.add``, ``SqlJournal.add`` and ``SqlUnitOfWork.emit``
extend, in the same column order, so the flush writes the same rows in the same order (an
outbox row's position gives its id). What is saved per row: the ``Settlement``, ``JournalEntry``
with its ``JournalLine``s and event objects (made, checked and taken apart again at once), and
the table and column look-ups of each ``extend``. An entry's balance is not checked again: the
poster gives only entries that balance by construction (a payment's two lines, an amount and
its negation), which ``JournalEntry`` accepts unchanged.

A flush (and a new transaction) replaces the transaction's lists. A value queues into the lists
it last found, after checking that they are still the transaction's (one identity test): when a
read flushed or a new transaction began in between, it takes the new lists, so no row goes into
a list that has already been written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy import Table

from core.db import tables as t
from core.db.repo_ledger import (
    ENTRY_COLUMNS,
    JOURNAL_LINE_COLUMNS,
    SETTLEMENT_COLUMNS,
    entry_head,
)
from core.db.types import dumps_event_values
from core.domain.events import Event
from core.ports import SettlementValues

OUTBOX_COLUMNS = ("name", "payload", "published")

Inserts = dict[Table, dict[tuple[str, ...], list[tuple[Any, ...]]]]


def queued(inserts: Inserts, table: Table, names: tuple[str, ...]) -> list[tuple[Any, ...]]:
    """The transaction's list of rows of ``table`` for columns ``names`` (made when missing):
    the list ``TxState.extend`` extends."""
    return inserts.setdefault(table, {}).setdefault(names, [])


class _HoldsRows(Protocol):
    """The SQL unit of work as seen from here: its transaction's rows waiting for the flush."""

    @property
    def tx(self) -> _TxRows: ...


class _TxRows(Protocol):
    @property
    def inserts(self) -> Inserts: ...


class SqlPostingRows:
    """``PostingRows`` on the rows a SQL transaction holds until its flush (see the module)."""

    __slots__ = ("_entry", "_inserts", "_lines", "_outbox", "_settlement", "_uow")

    def __init__(self, uow: _HoldsRows) -> None:
        self._uow = uow
        self._bind(uow.tx.inserts)

    def _bind(self, inserts: Inserts) -> None:
        """Queue into the lists of ``inserts`` (the transaction's now)."""
        self._inserts = inserts
        self._settlement = queued(inserts, t.settlements, SETTLEMENT_COLUMNS).append
        self._entry = queued(inserts, t.journal_entries, ENTRY_COLUMNS).append
        self._lines = queued(inserts, t.journal_lines, JOURNAL_LINE_COLUMNS).extend
        self._outbox = queued(inserts, t.outbox, OUTBOX_COLUMNS).append

    def settlement(self, values: SettlementValues) -> None:
        """``SqlSettlements.add`` of ``Settlement(*values)``: its fields are the columns."""
        if (now := self._uow.tx.inserts) is not self._inserts:
            self._bind(now)
        self._settlement(values)

    def entry(
        self, number: str, day: date, source_type: str, source_number: str, text: str,
        currency: str, customer: str, lines: Sequence[tuple[str, Decimal]],
    ) -> None:  # fmt: skip
        """``SqlJournal.add`` of the entry (its head, then its lines numbered from 1)."""
        if (now := self._uow.tx.inserts) is not self._inserts:
            self._bind(now)
        self._entry(entry_head(number, day, source_type, source_number, text, None))
        self._lines(
            [
                (number, n, account, currency, amount, customer, "")
                for n, (account, amount) in enumerate(lines, start=1)
            ]
        )

    def event(self, cls: type[Event], *values: object) -> None:
        """``SqlUnitOfWork.emit`` of ``cls(*values)``: its name, its ``dumps_event`` text."""
        if (now := self._uow.tx.inserts) is not self._inserts:
            self._bind(now)
        write: Callable[..., str] = dumps_event_values(cls)
        self._outbox((cls.__name__, write(*values), False))
