"""An in-memory unit of work: the ports of ``core.ports`` on dictionaries.

For unit tests and dry runs. Objects are copied in and out so that a service never mutates stored
state behind the unit of work's back; entering the outermost block snapshots the state, leaving it
without commit restores it. Versions are checked on save exactly like the SQL adapter does.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any, Self

from core.clock import FixedClock
from core.domain.catalog import Item
from core.domain.documents import Invoice, PackingSlip
from core.domain.errors import ConcurrencyConflict
from core.domain.events import Event, PublishedEvent
from core.domain.journal import JournalEntry, make_journal_line
from core.domain.orders import SalesOrder
from core.domain.parties import Customer
from core.domain.quotations import Quotation
from core.domain.rebates import RebateAgreement, RebateMovement
from core.domain.receivables import ItemKind, OpenItem, Settlement
from core.domain.settings import LedgerSettings
from core.ports import Clock, SettlementValues, UnitOfWork


@dataclass
class State:
    customers: dict[str, Customer] = field(default_factory=dict)
    items: dict[str, Item] = field(default_factory=dict)
    quotations: dict[str, Quotation] = field(default_factory=dict)
    orders: dict[str, SalesOrder] = field(default_factory=dict)
    slips: dict[str, PackingSlip] = field(default_factory=dict)
    invoices: dict[str, Invoice] = field(default_factory=dict)
    open_items: dict[str, OpenItem] = field(default_factory=dict)
    settlements: list[Settlement] = field(default_factory=list)
    entries: dict[str, JournalEntry] = field(default_factory=dict)
    closed: set[tuple[int, int]] = field(default_factory=set)
    sequences: dict[str, int] = field(default_factory=dict)
    keys: dict[tuple[str, str], str] = field(default_factory=dict)
    agreements: dict[str, RebateAgreement] = field(default_factory=dict)
    movements: list[RebateMovement] = field(default_factory=list)
    outbox: list[Event] = field(default_factory=list)
    published: set[int] = field(default_factory=set)


class _Repo:
    def __init__(self, uow: MemoryUnitOfWork) -> None:
        self._uow = uow

    @property
    def s(self) -> State:
        return self._uow.state


def _versioned_save(store: dict[str, Any], obj: Any, key: str) -> None:
    current = store.get(key)
    if current is None or current.version != obj.version:
        raise ConcurrencyConflict(f"{key} was changed by another unit of work; retry.")
    obj.version += 1
    store[key] = copy.deepcopy(obj)


class MemCustomers(_Repo):
    def get(self, account: str) -> Customer | None:
        return self.s.customers.get(account)

    def put(self, customer: Customer) -> None:
        self.s.customers[customer.account] = customer

    def all(self) -> list[Customer]:
        return sorted(self.s.customers.values(), key=lambda c: c.account)

    def children(self, parent_account: str) -> list[Customer]:
        return [c for c in self.all() if c.parent_account == parent_account]

    def children_of(self, parent_accounts: Sequence[str]) -> list[Customer]:
        wanted = set(parent_accounts)
        return [c for c in self.all() if c.parent_account in wanted]

    def get_many(self, accounts: Sequence[str]) -> dict[str, Customer]:
        return {a: c for a in accounts if (c := self.s.customers.get(a)) is not None}

    def child_accounts(self, parent_accounts: Sequence[str]) -> list[tuple[str, str]]:
        return [(c.parent_account or "", c.account) for c in self.children_of(parent_accounts)]


class MemItems(_Repo):
    def get(self, sku: str) -> Item | None:
        return self.s.items.get(sku)

    def put(self, item: Item) -> None:
        self.s.items[item.sku] = item

    def all(self) -> list[Item]:
        return sorted(self.s.items.values(), key=lambda i: i.sku)

    def get_many(self, skus: Sequence[str]) -> dict[str, Item]:
        return {s: i for s in skus if (i := self.s.items.get(s)) is not None}

    def adjust_on_hand(self, sku: str, delta: Decimal, allow_negative: bool) -> bool:
        item = self.s.items[sku]
        if item.on_hand + delta < 0 and not allow_negative:
            return False
        self.s.items[sku] = replace(item, on_hand=item.on_hand + delta)
        return True


class MemQuotations(_Repo):
    def get(self, number: str) -> Quotation | None:
        return copy.deepcopy(self.s.quotations.get(number))

    def add(self, quotation: Quotation) -> None:
        self.s.quotations[quotation.number] = copy.deepcopy(quotation)

    def save(self, quotation: Quotation) -> None:
        self.add(quotation)


class MemOrders(_Repo):
    def get(self, number: str) -> SalesOrder | None:
        return copy.deepcopy(self.s.orders.get(number))

    def add(self, order: SalesOrder) -> None:
        self.s.orders[order.number] = copy.deepcopy(order)

    def save(self, order: SalesOrder) -> None:
        _versioned_save(self.s.orders, order, order.number)

    def query(self, customer: str | None = None, status: str | None = None) -> list[SalesOrder]:
        return [
            copy.deepcopy(o)
            for o in self.s.orders.values()
            if (customer is None or customer in (o.customer_account, o.invoice_account))
            and (status is None or o.status.value == status)
        ]

    def numbers_with_uninvoiced_shipments(self) -> list[str]:
        return sorted(n for n, o in self.s.orders.items() if o.to_invoice())

    def find(self, ref: str) -> list[str]:
        return sorted(
            n
            for n, o in self.s.orders.items()
            if ref in (o.number, o.po_number) or ref in o.external_refs.values()
        )


class MemPackingSlips(_Repo):
    def add(self, slip: PackingSlip) -> None:
        self.s.slips[slip.number] = slip

    def get(self, number: str) -> PackingSlip | None:
        return self.s.slips.get(number)

    def for_order(self, order_number: str) -> list[PackingSlip]:
        return sorted(
            (s for s in self.s.slips.values() if s.order_number == order_number),
            key=lambda s: s.number,
        )


class MemInvoices(_Repo):
    def add(self, invoice: Invoice) -> None:
        self.s.invoices[invoice.number] = invoice

    def get(self, number: str) -> Invoice | None:
        return self.s.invoices.get(number)

    def for_order(self, order_number: str) -> list[Invoice]:
        return sorted(
            (i for i in self.s.invoices.values() if i.order_number == order_number),
            key=lambda i: i.number,
        )

    def credits_for(self, invoice_number: str) -> list[Invoice]:
        return sorted(
            (i for i in self.s.invoices.values() if i.original_invoice == invoice_number),
            key=lambda i: i.number,
        )

    def for_customer(self, customer: str, date_from: date, date_to: date) -> list[Invoice]:
        return [
            i
            for i in self.s.invoices.values()
            if i.customer_account == customer and date_from <= i.invoice_date <= date_to
        ]


class MemOpenItems(_Repo):
    def add(self, item: OpenItem) -> None:
        self.s.open_items[item.number] = copy.deepcopy(item)

    def get(self, number: str) -> OpenItem | None:
        return copy.deepcopy(self.s.open_items.get(number))

    def save(self, item: OpenItem) -> None:
        _versioned_save(self.s.open_items, item, item.number)

    def query(self, customer: str | None = None, only_open: bool = False) -> list[OpenItem]:
        return [
            copy.deepcopy(i)
            for i in sorted(self.s.open_items.values(), key=lambda i: (i.doc_date, i.number))
            if (customer is None or i.customer_account == customer)
            and (not only_open or i.open_amount)
        ]

    def query_accounts(self, accounts: Sequence[str], only_open: bool = False) -> list[OpenItem]:
        wanted = set(accounts)
        return [
            copy.deepcopy(i)
            for i in sorted(self.s.open_items.values(), key=lambda i: (i.doc_date, i.number))
            if i.customer_account in wanted and (not only_open or i.open_amount)
        ]

    def open_by_account(self, accounts: Sequence[str]) -> dict[str, Sequence[OpenItem]]:
        found: dict[str, list[OpenItem]] = {}
        for i in self.query_accounts(accounts, only_open=True):
            found.setdefault(i.customer_account, []).append(i)
        return dict(found)

    def open_numbered(self, numbers: Sequence[str]) -> list[OpenItem]:
        wanted = set(numbers)
        return [
            copy.deepcopy(i)
            for i in sorted(self.s.open_items.values(), key=lambda i: (i.doc_date, i.number))
            if i.number in wanted and i.open_amount
        ]

    def prepayments_for_order(self, order_number: str) -> list[OpenItem]:
        return [
            copy.deepcopy(i)
            for i in sorted(self.s.open_items.values(), key=lambda i: i.number)
            if i.kind is ItemKind.PREPAYMENT and i.order_number == order_number and i.open_amount
        ]

    def find_by_reference(self, reference: str) -> list[OpenItem]:
        return [copy.deepcopy(i) for i in self.s.open_items.values() if i.reference == reference]


class MemSettlements(_Repo):
    def add(self, settlement: Settlement) -> None:
        self.s.settlements.append(settlement)

    def query(self, customer: str | None = None) -> list[Settlement]:
        return [s for s in self.s.settlements if customer is None or s.customer_account == customer]

    def for_items(self, numbers: Sequence[str]) -> list[Settlement]:
        wanted = set(numbers)
        return [s for s in self.s.settlements if s.debit_item in wanted or s.credit_item in wanted]


class MemJournal(_Repo):
    def add(self, entry: JournalEntry) -> None:
        self.s.entries[entry.number] = entry

    def get(self, number: str) -> JournalEntry | None:
        return self.s.entries.get(number)

    def for_sources(self, numbers: Sequence[str]) -> list[JournalEntry]:
        wanted = set(numbers)
        return [e for e in self.s.entries.values() if e.source_number in wanted]

    def is_reversed(self, number: str) -> bool:
        return any(e.reverses == number for e in self.s.entries.values())

    def balances(self, as_of: date | None = None) -> list[tuple[str, str, Decimal, Decimal]]:
        sums: dict[tuple[str, str], list[Decimal]] = {}
        for e in self.s.entries.values():
            if as_of is not None and e.date > as_of:
                continue
            for ln in e.lines:
                row = sums.setdefault((ln.account, ln.currency), [Decimal(0), Decimal(0)])
                row[0 if ln.amount > 0 else 1] += abs(ln.amount)
        return [(a, c, d, cr) for (a, c), (d, cr) in sorted(sums.items())]


class MemPeriods(_Repo):
    def is_closed(self, year: int, month: int) -> bool:
        return (year, month) in self.s.closed

    def close(self, year: int, month: int) -> None:
        self.s.closed.add((year, month))


class MemSequences(_Repo):
    def next(self, name: str) -> int:
        self.s.sequences[name] = self.s.sequences.get(name, 0) + 1
        return self.s.sequences[name]


class MemIdempotency(_Repo):
    def get(self, command: str, key: str) -> str | None:
        return self.s.keys.get((command, key))

    def get_many(self, command: str, keys: Sequence[str]) -> dict[str, str]:
        return {k: r for k in keys if (r := self.s.keys.get((command, k))) is not None}

    def add(self, command: str, key: str, result: str) -> None:
        if (command, key) in self.s.keys:
            raise ConcurrencyConflict(
                f"{command} {key!r} was already posted; retry to get its result."
            )
        self.s.keys[(command, key)] = result


class MemRebates(_Repo):
    def agreement(self, customer: str) -> RebateAgreement | None:
        return self.s.agreements.get(customer)

    def put_agreement(self, agreement: RebateAgreement) -> None:
        self.s.agreements[agreement.customer] = agreement

    def add_movement(self, movement: RebateMovement) -> None:
        self.s.movements.append(movement)

    def movements(self, customer: str) -> list[RebateMovement]:
        return [m for m in self.s.movements if m.customer == customer]


class MemOutbox(_Repo):
    def pending(self, names: tuple[str, ...], limit: int) -> list[PublishedEvent]:
        found = [
            PublishedEvent(n, e.name, e.payload())
            for n, e in enumerate(self.s.outbox, start=1)
            if e.name in names and n not in self.s.published
        ]
        return found[:limit]

    def mark_published(self, ids: list[int]) -> None:
        self.s.published.update(ids)


class ObjectPostingRows:
    """``PostingRows`` through any unit of work's repositories: each settlement, entry and
    event made as an object and added (``settlements.add``, ``journal.add``, ``emit``). The
    in-memory unit of work's; tests put it under the SQL one to compare its rows with the
    rows ``SqlPostingRows`` queues directly."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def settlement(self, values: SettlementValues) -> None:
        self._uow.settlements.add(Settlement(*values))

    def entry(
        self, number: str, day: date, source_type: str, source_number: str, text: str,
        currency: str, customer: str, lines: Sequence[tuple[str, Decimal]],
    ) -> None:  # fmt: skip
        made = tuple(make_journal_line(a, currency, x, customer, "") for a, x in lines)
        self._uow.journal.add(JournalEntry(number, day, source_type, source_number, made, text))

    def event(self, cls: type[Event], *values: object) -> None:
        self._uow.emit(cls(*values))


class MemoryUnitOfWork:
    def __init__(self, settings: LedgerSettings | None = None, clock: Clock | None = None) -> None:
        self.settings = settings or LedgerSettings()
        self.clock: Clock = clock or FixedClock(date(2026, 1, 5))
        self.state = State()
        self._depth = 0
        self._snapshot: State | None = None
        self._pending: list[Event] = []
        self.customers = MemCustomers(self)
        self.items = MemItems(self)
        self.quotations = MemQuotations(self)
        self.orders = MemOrders(self)
        self.packing_slips = MemPackingSlips(self)
        self.invoices = MemInvoices(self)
        self.open_items = MemOpenItems(self)
        self.settlements = MemSettlements(self)
        self.journal = MemJournal(self)
        self.periods = MemPeriods(self)
        self.sequences = MemSequences(self)
        self.idempotency = MemIdempotency(self)
        self.rebates = MemRebates(self)
        self.outbox = MemOutbox(self)

    def __enter__(self) -> Self:
        if self._depth == 0:
            self._snapshot = copy.deepcopy(self.state)
            self._pending = []
        self._depth += 1
        return self

    def __exit__(self, *exc: object) -> None:
        self._depth -= 1
        if self._depth == 0 and self._snapshot is not None:
            self.rollback()

    def commit(self) -> None:
        if self._depth == 1:
            self.state.outbox.extend(self._pending)
            self._pending = []
            self._snapshot = None

    def rollback(self) -> None:
        if self._snapshot is not None:
            self.state = self._snapshot
            self._snapshot = None
            self._pending = []

    def emit(self, event: Event) -> None:
        self._pending.append(event)

    def posting_rows(self) -> ObjectPostingRows:
        return ObjectPostingRows(self)
