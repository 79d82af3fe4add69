"""SQL repositories for orders (versioned, identity-mapped) and packing slips (append-only; new
ones wait in the transaction until it flushes)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Table, and_, or_, select, update
from sqlalchemy.sql.expression import bindparam

from core.db import tables as t
from core.db.repo_master import SqlRepo, norm, price
from core.db.types import rebuild
from core.domain.charges import AllowanceCharge
from core.domain.documents import PackingSlip, PackingSlipLine
from core.domain.errors import ConcurrencyConflict
from core.domain.money import quantize
from core.domain.orders import DocumentStatus, OrderLine, OrderStatus, OrderType, SalesOrder

_PROGRESS = ("picked", "shipped", "invoiced", "canceled")
Rows = list[tuple[Table, tuple[str, ...], list[tuple[Any, ...]]]]


def _head(o: SalesOrder) -> dict[str, Any]:
    return {
        "customer_account": o.customer_account,
        "invoice_account": o.invoice_account,
        "currency": o.currency,
        "order_date": o.order_date,
        "order_type": o.order_type.value,
        "po_number": o.po_number,
        "status": o.status.value,
        "document_status": o.document_status.value,
        "charges": list(o.charges) or None,
        "cycle": o.cycle,
    }


_LINE_COLUMNS = (
    "order_number", "line_no", "sku", "description", "quantity", "uom", "unit_price",
    "unit_cost", "factor", "tax_code", "gtin", "external_line_ref", "allowances", *_PROGRESS,
)  # fmt: skip
_SLIP_COLUMNS = (
    "number",
    "order_number",
    "customer_account",
    "ship_date",
    "currency",
    "is_receipt",
)
_SLIP_LINE_COLUMNS = (
    "slip_number", "line_no", "sku", "quantity", "uom", "base_quantity", "cost_amount",
)  # fmt: skip


def order_rows(o: SalesOrder) -> Rows:
    """The rows of a new order: (table, column names, value tuples) per table."""
    n = o.number
    lines = [
        (
            n,
            ln.line_no,
            ln.sku,
            ln.description,
            ln.quantity,
            ln.uom,
            ln.unit_price,
            ln.unit_cost,
            ln.factor,
            ln.tax_code,
            ln.gtin,
            ln.external_line_ref,
            list(ln.allowances) if ln.allowances else None,  # no list made for none
            ln.picked,
            ln.shipped,
            ln.invoiced,
            ln.canceled,
        )
        for ln in o.lines
    ]
    head = {"number": n, "version": o.version, **_head(o)}
    rows: Rows = [
        (t.orders, tuple(head), [tuple(head.values())]),
        (t.order_lines, _LINE_COLUMNS, lines),
    ]
    if o.external_refs:
        refs = [(n, k, v) for k, v in o.external_refs.items()]
        rows.append((t.order_refs, ("order_number", "name", "value"), refs))
    return rows


def slip_rows(s: PackingSlip) -> Rows:
    """The rows of a new packing slip: (table, column names, value tuples) per table."""
    head = (s.number, s.order_number, s.customer_account, s.ship_date, s.currency, s.is_receipt)
    n = s.number
    lines = [
        (n, ln.line_no, ln.sku, ln.quantity, ln.uom, ln.base_quantity, ln.cost_amount)
        for ln in s.lines
    ]
    return [
        (t.packing_slips, _SLIP_COLUMNS, [head]),
        (t.packing_slip_lines, _SLIP_LINE_COLUMNS, lines),
    ]


class SqlOrders(SqlRepo):
    def get(self, number: str) -> SalesOrder | None:
        if number not in self.tx.orders:
            found = self._load([number])
            if not found:
                return None
            self.tx.orders[number] = found[0]
        return self.tx.orders[number]

    def _load(self, numbers: Sequence[str]) -> list[SalesOrder]:
        heads = self.conn.execute(select(t.orders).where(t.orders.c.number.in_(numbers))).all()
        if not heads:
            return []
        lc, rc = t.order_lines.c, t.order_refs.c
        lines: dict[str, list[OrderLine]] = {}
        q = (
            select(t.order_lines)
            .where(lc.order_number.in_(numbers))
            .order_by(lc.order_number, lc.line_no)
        )
        for r in self.conn.execute(q):
            lines.setdefault(r.order_number, []).append(
                OrderLine(
                    r.line_no,
                    r.sku,
                    r.description,
                    norm(r.quantity),
                    r.uom,
                    price(r.unit_price),
                    price(r.unit_cost),
                    norm(r.factor),
                    r.tax_code,
                    r.gtin,
                    r.external_line_ref,
                    rebuild(r.allowances, AllowanceCharge),
                    norm(r.picked),
                    norm(r.shipped),
                    norm(r.invoiced),
                    norm(r.canceled),
                )
            )
        refs: dict[str, dict[str, str]] = {}
        for r in self.conn.execute(select(t.order_refs).where(rc.order_number.in_(numbers))):
            refs.setdefault(r.order_number, {})[r.name] = r.value
        return [
            SalesOrder(
                h.number,
                h.customer_account,
                h.invoice_account,
                h.currency,
                h.order_date,
                lines.get(h.number, []),
                OrderType(h.order_type),
                h.po_number,
                OrderStatus(h.status),
                DocumentStatus(h.document_status),
                refs.get(h.number, {}),
                rebuild(h.charges, AllowanceCharge),
                h.cycle,
                h.version,
            )
            for h in heads
        ]

    def add(self, o: SalesOrder) -> None:
        self.tx.new_orders[o.number] = o
        self.tx.orders[o.number] = o

    def save(self, o: SalesOrder) -> None:
        """Write status and line progress if nobody changed the order since it was read."""
        if o.number in self.tx.new_orders:
            self.tx.new_orders[o.number] = self.tx.orders[o.number] = o
            return
        c = t.orders.c
        stmt = (
            update(t.orders)
            .where(c.number == o.number, c.version == o.version)
            .values(version=o.version + 1, **_head(o))
        )
        if self.conn.execute(stmt).rowcount != 1:
            raise ConcurrencyConflict(f"Order {o.number} was changed by another worker; retry.")
        o.version += 1
        self.tx.orders[o.number] = o
        lc = t.order_lines.c
        self.conn.execute(
            update(t.order_lines)
            .where(
                and_(lc.order_number == bindparam("o_number"), lc.line_no == bindparam("o_line"))
            )
            .values({k: bindparam(k, type_=lc[k].type) for k in _PROGRESS}),
            [
                dict(o_number=o.number, o_line=ln.line_no, **{k: getattr(ln, k) for k in _PROGRESS})
                for ln in o.lines
            ],
        )

    def query(self, customer: str | None = None, status: str | None = None) -> list[SalesOrder]:
        conn = self.flushed()
        q = select(t.orders.c.number).order_by(t.orders.c.number)
        if customer:
            q = q.where(
                or_(t.orders.c.customer_account == customer, t.orders.c.invoice_account == customer)
            )
        if status:
            q = q.where(t.orders.c.status == status)
        numbers = list(conn.execute(q).scalars())
        found = {
            o.number: o
            for i in range(0, len(numbers), 500)
            for o in self._load(numbers[i : i + 500])
        }
        return [self.tx.orders.get(n, found[n]) for n in numbers]

    def numbers_with_uninvoiced_shipments(self) -> list[str]:
        lc = t.order_lines.c
        q = (
            select(lc.order_number)
            .where(lc.shipped > lc.invoiced)
            .distinct()
            .order_by(lc.order_number)
        )
        return list(self.flushed().execute(q).scalars())

    def find(self, ref: str) -> list[str]:
        conn = self.flushed()
        c, rc = t.orders.c, t.order_refs.c
        direct = select(c.number).where(or_(c.number == ref, c.po_number == ref))
        by_ref = select(rc.order_number).where(rc.value == ref)
        return sorted(set(conn.execute(direct).scalars()) | set(conn.execute(by_ref).scalars()))


class SqlPackingSlips(SqlRepo):
    def add(self, s: PackingSlip) -> None:
        self.tx.new_slips.append(s)
        self.tx.slips_by_order.setdefault(s.order_number, []).append(s)

    def _load(self, where: Any) -> list[PackingSlip]:
        heads = self.conn.execute(
            select(t.packing_slips).where(where).order_by(t.packing_slips.c.number)
        ).all()
        if not heads:
            return []
        lc = t.packing_slip_lines.c
        lines: dict[str, list[PackingSlipLine]] = {}
        q = (
            select(t.packing_slip_lines)
            .where(lc.slip_number.in_([h.number for h in heads]))
            .order_by(lc.slip_number, lc.line_no)
        )
        for r in self.conn.execute(q):
            lines.setdefault(r.slip_number, []).append(
                PackingSlipLine(
                    r.line_no,
                    r.sku,
                    norm(r.quantity),
                    r.uom,
                    norm(r.base_quantity),
                    quantize(r.cost_amount, heads[0].currency),
                )
            )
        return [
            PackingSlip(
                h.number,
                h.order_number,
                h.customer_account,
                h.ship_date,
                h.currency,
                tuple(lines.get(h.number, [])),
                h.is_receipt,
            )
            for h in heads
        ]

    def _with_new(
        self,
        stored: list[PackingSlip],
        keep: Callable[[PackingSlip], bool],
        new: list[PackingSlip] | None = None,  # the new slips that may qualify (default: all)
    ) -> list[PackingSlip]:
        candidates = self.tx.new_slips if new is None else new
        return sorted(stored + [s for s in candidates if keep(s)], key=lambda s: s.number)

    def get(self, number: str) -> PackingSlip | None:
        found = self._with_new(
            self._load(t.packing_slips.c.number == number), lambda s: s.number == number
        )
        return found[0] if found else None

    def for_order(self, order_number: str) -> list[PackingSlip]:
        # an order not yet written has no stored slips: skip the query
        stored = (
            []
            if order_number in self.tx.new_orders
            else self._load(t.packing_slips.c.order_number == order_number)
        )
        new = self.tx.slips_by_order.get(order_number, [])
        return self._with_new(stored, lambda s: s.order_number == order_number, new)
