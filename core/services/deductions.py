"""Deduction items: short pays a payer explained (820 ADX reason codes), and how they end.

A deduction item is a debit on the customer-deductions account, as in the D365 deduction
workbench. A clerk accepts the claim with a credit note (a free-text credit note on the
sales-allowances account, zero-rated because the amount deducted is already gross, settled
against the item), or writes it off with a reason (``core.services.settlement.write_off``). A
denied deduction stays open: the customer still owes it.
"""

from __future__ import annotations

from core.domain.billing import free_text_invoice as build_free_text
from core.domain.commands import AcceptDeduction
from core.domain.documents import Invoice
from core.domain.errors import RuleViolation
from core.domain.receivables import ItemKind, OpenItem
from core.ports import UnitOfWork
from core.services import _common as c
from core.services.settlement import settle_items


def open_deductions(uow: UnitOfWork, customer: str | None = None) -> list[OpenItem]:
    """Deduction items with something still open, oldest first."""
    with uow:
        items = uow.open_items.query(customer, only_open=True)
    found = [i for i in items if i.kind is ItemKind.DEDUCTION and i.open_amount > 0]
    return sorted(found, key=lambda i: (i.doc_date, i.number))


def accept_deduction(uow: UnitOfWork, cmd: AcceptDeduction) -> Invoice:
    with uow:
        if prev := c.replayed(uow, "accept_deduction", cmd.idempotency_key):
            return c.invoice(uow, prev)
        item = c.item(uow, cmd.item_number)
        if item.kind is not ItemKind.DEDUCTION or item.open_amount <= 0:
            raise RuleViolation("DEDUCTION", f"{item.number} is not an open deduction item.")
        zero = next((t.code for t in uow.settings.tax_codes.values() if t.rate == 0), None)
        if zero is None:
            raise RuleViolation(
                "TAX_CODE", "A zero-rated tax code is needed to credit a deduction."
            )
        payer = c.customer(uow, item.customer_account)
        day = c.on(uow, cmd.credit_date)
        reason = cmd.reason or item.reason
        text = f"Deduction {item.number} accepted" + (f" ({reason})" if reason else "")
        account = uow.settings.chart.for_role("allowances")
        note = build_free_text(
            payer, [(account, item.open_amount, text, zero)], uow.settings,
            number=c.next_number(uow, "credit_note"), on=day, credit=True, reason=reason,
        )  # fmt: skip
        credit = c.record_invoice(uow, note)
        settle_items(uow, item, credit, day, reason=reason)
        c.remember(uow, "accept_deduction", cmd.idempotency_key, note.number)
        uow.commit()
        return note
