"""SQL repositories for the sub-ledger and the general ledger: open items (versioned,
identity-mapped), settlements and journal entries (append-only, deferred until flush), and the
trial balance aggregation."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Connection,
    Select,
    Update,
    bindparam,
    case,
    func,
    or_,
    select,
    type_coerce,
    update,
)

from core.db import tables as t
from core.db.open_item_reads import read_open_by_account, read_open_items, read_open_numbers
from core.db.raw import run_raw
from core.db.repo_master import SqlRepo
from core.db.types import Amount
from core.domain.errors import ConcurrencyConflict
from core.domain.journal import JournalEntry, JournalLine
from core.domain.money import quantize
from core.domain.receivables import ItemKind, OpenItem, Settlement

if TYPE_CHECKING:
    from core.db.uow import TxState


def open_item_values(i: OpenItem) -> tuple[Any, ...]:
    """An item's row: its values in the order of ``open_item_reads.COLUMNS`` (the
    table's columns, which are ``OpenItem``'s fields)."""
    return (
        i.number, i.kind.value, i.customer_account, i.currency, i.account, i.doc_date,
        i.due_date, i.amount, i.open_amount, i.discount_date, i.cash_discount, i.order_number,
        i.reference, i.reason, i.version,
    )  # fmt: skip


@cache
def _prepayments() -> Select[Any]:
    """Unsettled prepayments of one order (built once, so its cache key is kept)."""
    c = t.open_items.c
    return select(t.open_items).where(
        c.kind == ItemKind.PREPAYMENT.value,
        c.order_number == bindparam("p_order"),
        c.open_amount != 0,
    )


@cache
def _by_number() -> Select[Any]:
    """One open item by number (built once, so its cache key is kept)."""
    return select(t.open_items).where(t.open_items.c.number == bindparam("p_number"))


@cache
def _versioned_update() -> Update:
    """The open amount and version of one item, written only while its stored version is the
    one the transaction read (built once)."""
    c = t.open_items.c
    return (
        update(t.open_items)
        .where(c.number == bindparam("p_number"), c.version == bindparam("p_read"))
        .values(
            open_amount=bindparam("p_open", type_=c.open_amount.type),
            version=bindparam("p_version", type_=c.version.type),
        )
    )


# PostgreSQL: every changed item in one statement, the new values as arrays joined by number;
# the numbers are given once more as ``= ANY`` so the rows are found through the primary key
# (joined alone, the planner may walk the whole key index to merge)
_PG_UPDATE = (
    "UPDATE open_items AS o SET open_amount = v.open_amount, version = v.version"
    " FROM unnest(%s::varchar[], %s::integer[], %s::numeric[], %s::integer[])"
    " AS v(number, read, open_amount, version)"
    " WHERE o.number = v.number AND o.version = v.read AND o.number = ANY(%s::varchar[])"
)


def write_item_updates(conn: Connection, updates: dict[str, tuple[int, OpenItem]]) -> None:
    """The deferred open-amount changes (number -> (version read, item)): on PostgreSQL one
    UPDATE joined to the values as arrays (one round trip), elsewhere one executemany UPDATE;
    a row whose version moved since it was read is a ``ConcurrencyConflict``."""
    if not updates:
        return
    if conn.dialect.name == "postgresql":
        updated = _pg_update(conn, updates)
    elif conn.dialect.name == "sqlite":
        updated = _sqlite_update(conn, updates)
    else:
        rows = [
            {"p_number": n, "p_read": read, "p_open": i.open_amount, "p_version": i.version}
            for n, (read, i) in updates.items()
        ]
        updated = conn.execute(_versioned_update(), rows).rowcount
    if updated != len(updates):
        raise ConcurrencyConflict("An open item was settled by another worker; retry.")


_SQLITE_UPDATE = (
    "UPDATE open_items SET open_amount = ?, version = ? WHERE number = ? AND version = ?"
)


def _sqlite_update(conn: Connection, updates: dict[str, tuple[int, OpenItem]]) -> int:
    """``_versioned_update`` as one ``executemany`` on the driver's cursor (no SQLAlchemy
    parameter processing per row); the amounts are bound a column at a time by the column's
    own type (``Amount.column_processor``: the same checks and stored integers). Rows updated."""
    amount = t.open_items.c.open_amount.type
    assert isinstance(amount, Amount)
    bound = amount.column_processor(conn.dialect)([i.open_amount for _, i in updates.values()])
    rows = zip(
        bound,
        [i.version for _, i in updates.values()],
        updates,
        [read for read, _ in updates.values()],
        strict=True,
    )
    return int(run_raw(conn, _SQLITE_UPDATE, rows, lambda cur: cur.rowcount, many=True))


def _pg_update(conn: Connection, updates: dict[str, tuple[int, OpenItem]]) -> int:
    """``_PG_UPDATE`` on the driver's cursor; the amounts go through the column's own bind
    processing (the same checks as any other write). Rows updated."""
    amount = t.open_items.c.open_amount.type
    assert isinstance(amount, Amount)
    # the column's own checks, a column at a time (``Amount.column_processor``)
    amounts = amount.column_processor(conn.dialect)([i.open_amount for _, i in updates.values()])
    numbers = list(updates)
    args = (
        numbers,
        [read for read, _ in updates.values()],
        list(amounts),
        [i.version for _, i in updates.values()],
        numbers,
    )
    return int(run_raw(conn, _PG_UPDATE, args, lambda cur: cur.rowcount))


class SqlOpenItems(SqlRepo):
    @staticmethod
    def _load(r: Any) -> OpenItem:
        """An item from a row of ``select(t.open_items)``, unpacked by position in the table's
        column order (much faster than a row's attributes; a changed table fails loudly here)."""
        (
            number, kind, customer, q, account, doc_date, due_date, amount, open_amount,
            discount_date, cash_discount, order_number, reference, reason, version,
        ) = r  # fmt: skip
        return OpenItem(
            number,
            ItemKind(kind),
            customer,
            q,
            account,
            doc_date,
            due_date,
            quantize(amount, q),
            quantize(open_amount, q),
            discount_date,
            quantize(cash_discount, q),
            order_number,
            reference,
            reason,
            version,
        )

    def add(self, i: OpenItem) -> None:
        tx = self._uow.tx
        self._new(tx, i)
        tx.open_items[i.number] = i

    @staticmethod
    def _new(tx: TxState, i: OpenItem) -> None:
        tx.new_items[i.number] = i
        if i.kind is ItemKind.PREPAYMENT:
            tx.prepaid_orders.add(i.order_number)

    def get(self, number: str) -> OpenItem | None:
        cached = self._uow.tx.open_items  # holds items only, never None
        found = cached.get(number)
        if found is None:
            r = self.conn.execute(_by_number(), {"p_number": number}).first()
            if r is None:
                return None
            found = cached[number] = self._load(r)
        return found

    def save(self, i: OpenItem) -> None:
        """Keep the new open amount until flush, which writes it if nobody settled the item
        since it was read (``write_item_updates``); the version moves on by one now."""
        tx, number = self._uow.tx, i.number
        if number in tx.new_items:
            self._new(tx, i)
            tx.open_items[number] = i
            return
        updates = tx.item_updates
        pending = updates.get(number)
        if pending is not None and pending[1].version != i.version:
            raise ConcurrencyConflict(f"Open item {number} was settled by another worker; retry.")
        read = i.version if pending is None else pending[0]
        i.version += 1
        updates[number] = (read, i)
        tx.open_items[number] = i

    def _select(self, *where: Any) -> list[OpenItem]:
        c = t.open_items.c
        q = select(t.open_items).where(*where).order_by(c.doc_date, c.number)
        return [
            self.tx.open_items.get(r.number) or self._load(r) for r in self.flushed().execute(q)
        ]

    def query(self, customer: str | None = None, only_open: bool = False) -> list[OpenItem]:
        c = t.open_items.c
        conds = []
        if customer:
            conds.append(c.customer_account == customer)
        if only_open:
            conds.append(c.open_amount != 0)
        return self._select(*conds)

    def query_accounts(self, accounts: Sequence[str], only_open: bool = False) -> list[OpenItem]:
        """Items of ``accounts`` by (doc date, number), read with one statement on the driver's
        own cursor and built column by column (``open_item_reads``). The items are kept in the
        transaction's identity map: an item it already holds is returned as it is."""
        wanted = sorted(set(accounts))
        if not wanted:
            return []
        conn = self.flushed()
        cached = self.tx.open_items
        return [cached.setdefault(i.number, i) for i in read_open_items(conn, wanted, only_open)]

    def open_by_account(self, accounts: Sequence[str]) -> dict[str, Sequence[OpenItem]]:
        """The open items of each account that has any, by (doc date, number), in one read on
        the driver's cursor; on SQLite each item is built when first asked for
        (``read_open_by_account``). The items are kept in the transaction's identity map when
        built: an item it already holds is returned as it is."""
        wanted = sorted(set(accounts))
        if not wanted:
            return {}
        conn = self.flushed()
        cached = self.tx.open_items

        def keep(item: OpenItem) -> OpenItem:
            return cached.setdefault(item.number, item)

        return read_open_by_account(conn, wanted, keep)

    def open_numbered(self, numbers: Sequence[str]) -> list[OpenItem]:
        """The open items among ``numbers``, by (doc date, number), in one read on the driver's
        cursor like ``query_accounts``, and kept in the transaction's identity map the same way."""
        wanted = sorted(set(numbers))
        if not wanted:
            return []
        conn = self.flushed()
        cached = self.tx.open_items
        return [cached.setdefault(i.number, i) for i in read_open_numbers(conn, wanted)]

    def prepayments_for_order(self, order_number: str) -> list[OpenItem]:
        """Unsettled prepayments of the order, without flushing (the invoice path is hot)."""
        stored = (
            []
            if order_number in self.tx.new_orders  # an order not yet written has no stored items
            else [
                self.tx.open_items.get(r.number) or self._load(r)
                for r in self.conn.execute(_prepayments(), {"p_order": order_number})
            ]
        )
        new = (
            [
                i
                for i in self.tx.new_items.values()
                if i.kind is ItemKind.PREPAYMENT
                and i.order_number == order_number
                and i.open_amount
            ]
            if order_number in self.tx.prepaid_orders  # else no new prepayment names the order
            else []
        )
        changed = [  # changed in this transaction, not yet written: the stored row may be 0
            i
            for _, i in self.tx.item_updates.values()
            if i.kind is ItemKind.PREPAYMENT and i.order_number == order_number
        ]
        found = {i.number: i for i in [*stored, *new, *changed] if i.open_amount}
        return [found[n] for n in sorted(found)]

    def find_by_reference(self, reference: str) -> list[OpenItem]:
        return self._select(t.open_items.c.reference == reference)


SETTLEMENT_COLUMNS = (
    "number", "settle_date", "customer_account", "currency", "debit_item", "credit_item",
    "amount", "discount", "write_off", "overpay_write_off", "deduction", "deduction_item",
    "reason",
)  # fmt: skip


class SqlSettlements(SqlRepo):
    @staticmethod
    def _load(r: Any) -> Settlement:
        q = r.currency
        return Settlement(
            r.number,
            r.settle_date,
            r.customer_account,
            q,
            r.debit_item,
            r.credit_item,
            quantize(r.amount, q),
            quantize(r.discount, q),
            quantize(r.write_off, q),
            quantize(r.overpay_write_off, q),
            quantize(r.deduction, q),
            r.deduction_item,
            r.reason,
        )

    def add(self, s: Settlement) -> None:
        row = (
            s.number, s.settle_date, s.customer_account, s.currency, s.debit_item,
            s.credit_item, s.amount, s.discount, s.write_off, s.overpay_write_off,
            s.deduction, s.deduction_item, s.reason,
        )  # fmt: skip
        self.tx.extend(t.settlements, SETTLEMENT_COLUMNS, [row])

    def query(self, customer: str | None = None) -> list[Settlement]:
        q = select(t.settlements).order_by(t.settlements.c.number)
        if customer:
            q = q.where(t.settlements.c.customer_account == customer)
        return [self._load(r) for r in self.flushed().execute(q)]

    def for_items(self, numbers: Sequence[str]) -> list[Settlement]:
        c = t.settlements.c
        q = (
            select(t.settlements)
            .where(or_(c.debit_item.in_(numbers), c.credit_item.in_(numbers)))
            .order_by(c.number)
        )
        return [self._load(r) for r in self.flushed().execute(q)]


ENTRY_COLUMNS = ("number", "entry_date", "source_type", "source_number", "text", "reverses")
JOURNAL_LINE_COLUMNS = (
    "entry_number", "line_no", "account", "currency", "amount", "customer", "text",
)  # fmt: skip


# the longest text a journal entry keeps (its column's length); a longer one is cut to it
ENTRY_TEXT_LENGTH = 400


def entry_head(
    number: str, day: date, source_type: str, source_number: str, text: str,
    reverses: str | None,
) -> tuple[Any, ...]:  # fmt: skip
    """A journal entry's row, in the order of ``ENTRY_COLUMNS``."""
    return (number, day, source_type, source_number, text[:ENTRY_TEXT_LENGTH], reverses)


class SqlJournal(SqlRepo):
    def add(self, e: JournalEntry) -> None:
        n = e.number
        head = entry_head(n, e.date, e.source_type, e.source_number, e.text, e.reverses)
        self.tx.extend(t.journal_entries, ENTRY_COLUMNS, [head])
        lines = [
            (n, i, ln.account, ln.currency, ln.amount, ln.customer, ln.text)
            for i, ln in enumerate(e.lines, start=1)
        ]
        self.tx.extend(t.journal_lines, JOURNAL_LINE_COLUMNS, lines)

    def _load(self, where: Any) -> list[JournalEntry]:
        conn = self.flushed()
        heads = conn.execute(
            select(t.journal_entries).where(where).order_by(t.journal_entries.c.number)
        ).all()
        if not heads:
            return []
        lc = t.journal_lines.c
        lines: dict[str, list[JournalLine]] = {}
        q = (
            select(t.journal_lines)
            .where(lc.entry_number.in_([h.number for h in heads]))
            .order_by(lc.entry_number, lc.line_no)
        )
        for r in conn.execute(q):
            lines.setdefault(r.entry_number, []).append(
                JournalLine(
                    r.account, r.currency, quantize(r.amount, r.currency), r.customer, r.text
                )
            )
        return [
            JournalEntry(
                h.number,
                h.entry_date,
                h.source_type,
                h.source_number,
                tuple(lines[h.number]),
                h.text,
                h.reverses,
            )
            for h in heads
        ]

    def get(self, number: str) -> JournalEntry | None:
        return next(iter(self._load(t.journal_entries.c.number == number)), None)

    def for_sources(self, numbers: Sequence[str]) -> list[JournalEntry]:
        return self._load(t.journal_entries.c.source_number.in_(numbers))

    def is_reversed(self, number: str) -> bool:
        c = t.journal_entries.c
        return (
            self.flushed().execute(select(c.number).where(c.reverses == number)).first() is not None
        )

    def balances(self, as_of: date | None = None) -> list[tuple[str, str, Decimal, Decimal]]:
        lc, ec = t.journal_lines.c, t.journal_entries.c
        debit = type_coerce(func.sum(case((lc.amount > 0, lc.amount), else_=0)), Amount)
        credit = type_coerce(func.sum(case((lc.amount < 0, -lc.amount), else_=0)), Amount)
        q = (
            select(lc.account, lc.currency, debit, credit)
            .group_by(lc.account, lc.currency)
            .order_by(lc.account, lc.currency)
        )
        if as_of is not None:
            q = q.select_from(t.journal_lines.join(t.journal_entries)).where(ec.entry_date <= as_of)
        rows = self.flushed().execute(q).all()
        return [(a, cur, quantize(d or 0, cur), quantize(cr or 0, cur)) for a, cur, d, cr in rows]
