"""Invoices: from an order's shipped quantities, free text, and credit notes against invoices.

An order invoice settles the order's prepayments automatically (D365 prepayment linked to a sales
order); a credit note against an invoice settles that invoice as far as it is still open.
"""

from __future__ import annotations

from datetime import date

from core.domain.billing import (
    PriceMemo,
    credit_from_invoice,
    invoice_from_order,
)
from core.domain.billing import (
    free_text_invoice as build_free_text,
)
from core.domain.commands import FreeTextInvoice, InvoiceOrder, IssueCreditNote
from core.domain.documents import Invoice
from core.domain.errors import RuleViolation
from core.ports import UnitOfWork
from core.services import _common as c
from core.services.settlement import settle_items


def invoice_order(uow: UnitOfWork, cmd: InvoiceOrder) -> Invoice:
    with uow:
        if prev := c.replayed(uow, "invoice_order", cmd.idempotency_key):
            return c.invoice(uow, prev)
        inv = order_invoiced(uow, cmd)
        uow.commit()
        return inv


def order_invoiced(uow: UnitOfWork, cmd: InvoiceOrder, memo: PriceMemo | None = None) -> Invoice:
    """``invoice_order`` after its idempotency check, inside the caller's unit of work; ``memo``
    keeps line amounts for the invoices of a batch (``invoice_from_order``)."""
    order = c.order(uow, cmd.order_number)
    quantities = order.to_invoice_lines()  # (order line, quantity) by line number
    payer = c.customer(uow, order.invoice_account)
    first = order.nothing_invoiced()
    already = {ps for inv in uow.invoices.for_order(order.number) for ps in inv.packing_slips}
    slips = [s.number for s in uow.packing_slips.for_order(order.number) if s.number not in already]
    number = (
        c.next_number(uow, "credit_note" if order.is_return else "invoice") if quantities else ""
    )
    day = c.on(uow, cmd.invoice_date)
    inv = invoice_from_order(
        order, quantities, payer, uow.settings,
        number=number, on=day, packing_slips=slips, first=first, memo=memo,
    )  # fmt: skip
    order.mark_lines_invoiced(quantities)
    uow.orders.save(order)
    item = c.record_invoice(uow, inv)
    if not inv.is_credit:
        for prepayment in uow.open_items.prepayments_for_order(order.number):
            if item.open_amount <= 0:
                break
            settle_items(uow, item, prepayment, day)
    c.remember(uow, "invoice_order", cmd.idempotency_key, inv.number)
    return inv


def invoice_all_shipped(uow: UnitOfWork, invoice_date: date | None = None) -> list[Invoice]:
    """Invoice every order with shipped, uninvoiced quantities, each in its own transaction."""
    with uow:
        numbers = uow.orders.numbers_with_uninvoiced_shipments()
    return [invoice_order(uow, InvoiceOrder(n, invoice_date)) for n in numbers]


def free_text_invoice(uow: UnitOfWork, cmd: FreeTextInvoice) -> Invoice:
    with uow:
        if prev := c.replayed(uow, "free_text_invoice", cmd.idempotency_key):
            return c.invoice(uow, prev)
        cust = c.customer(uow, cmd.customer)
        payer = c.customer(uow, cust.invoice_account)
        number = c.next_number(uow, "credit_note" if cmd.credit else "invoice")
        lines = [(ln.account, ln.amount, ln.description, ln.tax_code) for ln in cmd.lines]
        day = c.on(uow, cmd.invoice_date)
        inv = build_free_text(
            payer, lines, uow.settings, number=number, on=day, credit=cmd.credit, reason=cmd.reason
        )
        c.record_invoice(uow, inv)
        c.remember(uow, "free_text_invoice", cmd.idempotency_key, inv.number)
        uow.commit()
        return inv


def issue_credit_note(uow: UnitOfWork, cmd: IssueCreditNote) -> Invoice:
    with uow:
        if prev := c.replayed(uow, "credit_note", cmd.idempotency_key):
            return c.invoice(uow, prev)
        original = c.invoice(uow, cmd.invoice_number)
        payer = c.customer(uow, original.customer_account)
        day = c.on(uow, cmd.credit_date)
        note = credit_from_invoice(
            original, uow.settings, payer, quantities=cmd.quantities, amount=cmd.amount,
            number=c.next_number(uow, "credit_note"), on=day, reason=cmd.reason,
        )  # fmt: skip
        credited = sum((cn.total for cn in uow.invoices.credits_for(original.number)), note.total)
        if credited > original.total:
            raise RuleViolation(
                "OVER_CREDIT",
                f"Invoice {original.number} totals {original.total}; credit notes would "
                f"total {credited}.",
            )
        credit_item = c.record_invoice(uow, note)
        debit_item = c.item(uow, original.number)
        if debit_item.open_amount > 0:
            settle_items(uow, debit_item, credit_item, day)
        c.remember(uow, "credit_note", cmd.idempotency_key, note.number)
        uow.commit()
        return note
