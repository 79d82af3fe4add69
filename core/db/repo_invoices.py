"""SQL repository for invoices, free-text invoices and credit notes (append-only; new ones wait
in the transaction until it flushes)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import Table, and_, select

from core.db import tables as t
from core.db.repo_master import SqlRepo, norm, price
from core.db.types import rebuild
from core.domain.charges import AppliedCharge
from core.domain.documents import Invoice, InvoiceKind, InvoiceLine
from core.domain.money import quantize

Rows = list[tuple[Table, tuple[str, ...], list[tuple[Any, ...]]]]


_LINE_COLUMNS = (
    "invoice_number", "line_no", "description", "quantity", "uom", "unit_price", "line_amount",
    "allowance_amount", "charge_amount", "net_amount", "tax_code", "tax_rate", "tax_amount",
    "account", "sku", "gtin", "order_line_no", "external_line_ref", "allowances",
)  # fmt: skip


def invoice_rows(inv: Invoice) -> Rows:
    """The rows of a new invoice: (table, column names, value tuples) per table."""
    net, tax = inv.net_total, inv.tax_total  # inv.total is net + tax: sum the lines once
    head = {
        "number": inv.number,
        "kind": inv.kind.value,
        "customer_account": inv.customer_account,
        "currency": inv.currency,
        "invoice_date": inv.invoice_date,
        "due_date": inv.due_date,
        "terms": inv.terms,
        "discount_date": inv.discount_date,
        "cash_discount": inv.cash_discount,
        "order_number": inv.order_number,
        "order_customer": inv.order_customer,
        "po_number": inv.po_number,
        "packing_slips": list(inv.packing_slips),
        "charges": list(inv.charges),
        "original_invoice": inv.original_invoice,
        "reason": inv.reason,
        "external_refs": inv.external_refs,
        "net_total": net,
        "tax_total": tax,
        "total": net + tax,
    }
    n = inv.number
    lines = [
        (
            n,
            ln.line_no,
            ln.description,
            ln.quantity,
            ln.uom,
            ln.unit_price,
            ln.line_amount,
            ln.allowance_amount,
            ln.charge_amount,
            ln.net_amount,
            ln.tax_code,
            ln.tax_rate,
            ln.tax_amount,
            ln.account,
            ln.sku,
            ln.gtin,
            ln.order_line_no,
            ln.external_line_ref,
            list(ln.allowances) if ln.allowances else None,  # no list made for none
        )
        for ln in inv.lines
    ]
    return [
        (t.invoices, tuple(head), [tuple(head.values())]),
        (t.invoice_lines, _LINE_COLUMNS, lines),
    ]


class SqlInvoices(SqlRepo):
    def add(self, inv: Invoice) -> None:
        self.tx.new_invoices.append(inv)
        self.tx.invoices_by_order.setdefault(inv.order_number, []).append(inv)

    def _load(self, where: Any) -> list[Invoice]:
        heads = self.conn.execute(
            select(t.invoices).where(where).order_by(t.invoices.c.number)
        ).all()
        if not heads:
            return []
        cur = {h.number: h.currency for h in heads}
        lc = t.invoice_lines.c
        lines: dict[str, list[InvoiceLine]] = {}
        q = (
            select(t.invoice_lines)
            .where(lc.invoice_number.in_(list(cur)))
            .order_by(lc.invoice_number, lc.line_no)
        )
        for r in self.conn.execute(q):
            c = cur[r.invoice_number]
            lines.setdefault(r.invoice_number, []).append(
                InvoiceLine(
                    r.line_no,
                    r.description,
                    norm(r.quantity),
                    r.uom,
                    price(r.unit_price),
                    quantize(r.line_amount, c),
                    quantize(r.allowance_amount, c),
                    quantize(r.charge_amount, c),
                    quantize(r.net_amount, c),
                    r.tax_code,
                    norm(r.tax_rate),
                    quantize(r.tax_amount, c),
                    r.account,
                    r.sku,
                    r.gtin,
                    r.order_line_no,
                    r.external_line_ref,
                    tuple(_charge(a, c) for a in rebuild(r.allowances, AppliedCharge)),
                )
            )
        return [
            Invoice(
                h.number,
                InvoiceKind(h.kind),
                h.customer_account,
                h.currency,
                h.invoice_date,
                h.due_date,
                tuple(lines.get(h.number, [])),
                h.terms,
                h.discount_date,
                quantize(h.cash_discount, h.currency),
                h.order_number,
                h.order_customer,
                h.po_number,
                tuple(h.packing_slips or ()),
                tuple(_charge(a, h.currency) for a in rebuild(h.charges, AppliedCharge)),
                h.original_invoice,
                h.reason,
                dict(h.external_refs or {}),
            )
            for h in heads
        ]

    def _with_new(
        self,
        where: Any,
        keep: Callable[[Invoice], bool],
        new: list[Invoice] | None = None,  # the new invoices that may qualify (default: all)
    ) -> list[Invoice]:
        stored = [] if where is None else self._load(where)
        candidates = self.tx.new_invoices if new is None else new
        return sorted(stored + [i for i in candidates if keep(i)], key=lambda i: i.number)

    def get(self, number: str) -> Invoice | None:
        found = self._with_new(t.invoices.c.number == number, lambda i: i.number == number)
        return found[0] if found else None

    def for_order(self, order_number: str) -> list[Invoice]:
        if not order_number:
            return []
        new_order = order_number in self.tx.new_orders  # not written yet: nothing stored
        where = None if new_order else t.invoices.c.order_number == order_number
        new = self.tx.invoices_by_order.get(order_number, [])
        return self._with_new(where, lambda i: i.order_number == order_number, new)

    def credits_for(self, invoice_number: str) -> list[Invoice]:
        return self._with_new(
            t.invoices.c.original_invoice == invoice_number,
            lambda i: i.original_invoice == invoice_number,
        )

    def for_customer(self, customer: str, date_from: date, date_to: date) -> list[Invoice]:
        c = t.invoices.c
        where = and_(
            c.customer_account == customer, c.invoice_date >= date_from, c.invoice_date <= date_to
        )
        return self._with_new(
            where,
            lambda i: i.customer_account == customer and date_from <= i.invoice_date <= date_to,
        )


def _charge(a: AppliedCharge, currency: str) -> AppliedCharge:
    return AppliedCharge(
        a.is_charge,
        a.reason,
        quantize(a.amount, currency),
        a.tax_code,
        norm(a.tax_rate),
        quantize(a.tax_amount, currency),
    )
