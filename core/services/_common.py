"""Helpers shared by the use cases: dates, numbers, idempotency, posting, invoices as open items."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from core.domain.documents import Invoice
from core.domain.errors import ClosedPeriod, NotFound, RuleViolation
from core.domain.events import CreditNotePosted, InvoicePosted
from core.domain.journal import JournalEntry, JournalLine
from core.domain.orders import SalesOrder
from core.domain.parties import Customer
from core.domain.posting import invoice_lines
from core.domain.receivables import ItemKind, OpenItem
from core.ports import UnitOfWork

PREFIXES = {
    "quotation": "QT",
    "order": "SO",
    "packing_slip": "PS",
    "invoice": "INV",
    "credit_note": "CN",
    "payment": "PAY",
    "settlement": "STL",
    "deduction": "DED",
    "journal": "JE",
    "write_off": "WO",
}


def on(uow: UnitOfWork, given: date | None) -> date:
    return given or uow.clock.today()


def next_number(uow: UnitOfWork, sequence: str) -> str:
    return f"{PREFIXES[sequence]}-{uow.sequences.next(sequence):06d}"


def customer(uow: UnitOfWork, account: str) -> Customer:
    found = uow.customers.get(account)
    if found is None:
        raise NotFound("Customer", account)
    return found


def order(uow: UnitOfWork, number: str) -> SalesOrder:
    found = uow.orders.get(number)
    if found is None:
        raise NotFound("Order", number)
    return found


def invoice(uow: UnitOfWork, number: str) -> Invoice:
    found = uow.invoices.get(number)
    if found is None:
        raise NotFound("Invoice", number)
    return found


def item(uow: UnitOfWork, number: str) -> OpenItem:
    found = uow.open_items.get(number)
    if found is None:
        raise NotFound("Open item", number)
    return found


def check_open(uow: UnitOfWork, day: date) -> None:
    if uow.periods.is_closed(day.year, day.month):
        raise ClosedPeriod(
            f"Period {day.year}-{day.month:02d} is closed; nothing can be posted on {day}."
        )


def post(
    uow: UnitOfWork,
    day: date,
    source_type: str,
    source_number: str,
    lines: Sequence[JournalLine],
    *,
    text: str = "",
) -> JournalEntry | None:
    """Post a balanced entry (None when every line nets to zero)."""
    if not lines:
        return None
    check_open(uow, day)
    entry = JournalEntry(
        next_number(uow, "journal"), day, source_type, source_number, tuple(lines), text
    )
    uow.journal.add(entry)
    return entry


def record_invoice(uow: UnitOfWork, inv: Invoice) -> OpenItem:
    """Store an invoice or credit note, open its item on AR, post it and announce it."""
    total = inv.total  # a sum over the lines: taken once
    if total <= 0 and not inv.is_credit:
        raise RuleViolation(
            "ZERO_INVOICE", f"Invoice {inv.number} would total {total}; nothing to invoice."
        )
    check_open(uow, inv.invoice_date)
    sign = -1 if inv.is_credit else 1
    open_item = OpenItem(
        inv.number,
        ItemKind.CREDIT_NOTE if inv.is_credit else ItemKind.INVOICE,
        inv.customer_account,
        inv.currency,
        uow.settings.chart.for_role("ar"),
        inv.invoice_date,
        inv.due_date,
        sign * total,
        sign * total,
        inv.discount_date,
        inv.cash_discount,
        inv.order_number,
        inv.po_number,
    )
    uow.invoices.add(inv)
    uow.open_items.add(open_item)
    post(uow, inv.invoice_date, inv.kind.value, inv.number, invoice_lines(inv, uow.settings))
    if inv.is_credit:
        uow.emit(
            CreditNotePosted(
                inv.number, inv.customer_account, inv.original_invoice, inv.currency, total
            )
        )
    else:
        uow.emit(
            InvoicePosted(inv.number, inv.customer_account, inv.order_number, inv.currency, total)
        )
    return open_item


def replayed(uow: UnitOfWork, command: str, key: str | None) -> str | None:
    return uow.idempotency.get(command, key) if key else None


def remember(uow: UnitOfWork, command: str, key: str | None, result: str) -> None:
    if key:
        uow.idempotency.add(command, key, result)
