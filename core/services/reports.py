"""Read-side use cases: open items, aging, statement, trial balance, trace."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from core.domain import reports as r
from core.domain.documents import Invoice, PackingSlip
from core.domain.errors import NotFound
from core.domain.journal import JournalEntry
from core.domain.orders import SalesOrder
from core.domain.receivables import ItemKind, OpenItem, Settlement
from core.ports import UnitOfWork


def open_items(
    uow: UnitOfWork, customer: str | None = None, as_of: date | None = None
) -> list[tuple[OpenItem, Decimal]]:
    """Items open as of the date (default today) with their open amount then."""
    with uow:
        day = as_of or uow.clock.today()
        items = uow.open_items.query(customer)
        amounts = r.open_as_of(items, uow.settlements.query(customer), day)
        return [(it, amounts[it.number]) for it in items if amounts.get(it.number)]


def aging(
    uow: UnitOfWork, customer: str | None = None, as_of: date | None = None
) -> tuple[list[str], list[r.AgingRow]]:
    with uow:
        day = as_of or uow.clock.today()
        buckets = uow.settings.aging_buckets
        rows = r.aging(
            uow.open_items.query(customer), uow.settlements.query(customer), day, buckets
        )
        return r.bucket_labels(buckets), rows


def statement(uow: UnitOfWork, customer: str, as_of: date | None = None) -> list[r.StatementLine]:
    with uow:
        if uow.customers.get(customer) is None:
            raise NotFound("Customer", customer)
        day = as_of or uow.clock.today()
        return r.statement(uow.open_items.query(customer), uow.settlements.query(customer), day)


@dataclass(frozen=True, slots=True)
class TrialBalanceRow:
    account: str
    name: str
    currency: str
    debit: Decimal
    credit: Decimal

    @property
    def balance(self) -> Decimal:
        return self.debit - self.credit


def trial_balance(uow: UnitOfWork, as_of: date | None = None) -> list[TrialBalanceRow]:
    with uow:
        chart = uow.settings.chart
        rows = []
        for account, currency, debit, credit in sorted(uow.journal.balances(as_of)):
            known = chart.get(account)
            rows.append(
                TrialBalanceRow(account, known.name if known else "", currency, debit, credit)
            )
        return rows


@dataclass(slots=True)
class Trace:
    ref: str
    orders: list[SalesOrder] = field(default_factory=list)
    packing_slips: list[PackingSlip] = field(default_factory=list)
    invoices: list[Invoice] = field(default_factory=list)
    items: list[OpenItem] = field(default_factory=list)
    settlements: list[Settlement] = field(default_factory=list)
    entries: list[JournalEntry] = field(default_factory=list)


def _seed(uow: UnitOfWork, ref: str, orders: set[str], items: set[str]) -> None:
    orders.update(uow.orders.find(ref))
    if (slip := uow.packing_slips.get(ref)) is not None:
        orders.add(slip.order_number)
    if (inv := uow.invoices.get(ref)) is not None:
        items.add(inv.number)
        if inv.original_invoice:
            items.add(inv.original_invoice)
    if (it := uow.open_items.get(ref)) is not None:
        items.add(it.number)
    items.update(
        it.number for it in uow.open_items.find_by_reference(ref) if it.kind is not ItemKind.INVOICE
    )


def trace(uow: UnitOfWork, ref: str) -> Trace:
    """Every document, settlement and entry connected to ``ref`` (any document or PO number)."""
    with uow:
        orders: set[str] = set()
        item_numbers: set[str] = set()
        _seed(uow, ref, orders, item_numbers)
        if not orders and not item_numbers:
            raise NotFound("Document or reference", ref)
        for _ in range(4):  # follow links until nothing new turns up
            before = (len(orders), len(item_numbers))
            for number in list(item_numbers):
                it = uow.open_items.get(number)
                if it and it.order_number:
                    orders.add(it.order_number)
            for o in orders:
                item_numbers.update(inv.number for inv in uow.invoices.for_order(o))
                item_numbers.update(p.number for p in uow.open_items.prepayments_for_order(o))
            for number in list(item_numbers):
                item_numbers.update(cn.number for cn in uow.invoices.credits_for(number))
            for stl in uow.settlements.for_items(sorted(item_numbers)):
                item_numbers.update(
                    x for x in (stl.debit_item, stl.credit_item, stl.deduction_item) if x
                )
            if (len(orders), len(item_numbers)) == before:
                break
        result = Trace(ref)
        result.orders = [so for n in sorted(orders) if (so := uow.orders.get(n))]
        result.packing_slips = [ps for n in sorted(orders) for ps in uow.packing_slips.for_order(n)]
        result.invoices = [inv for n in sorted(item_numbers) if (inv := uow.invoices.get(n))]
        result.items = [it for n in sorted(item_numbers) if (it := uow.open_items.get(n))]
        result.settlements = uow.settlements.for_items(sorted(item_numbers))
        sources = [
            *item_numbers,
            *(s.number for s in result.packing_slips),
            *(s.number for s in result.settlements),
        ]
        result.entries = uow.journal.for_sources(sorted(set(sources)))
        return result
