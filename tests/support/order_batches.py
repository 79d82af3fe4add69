"""Generated order cycles posted one by one and through the batch services (``place_orders``,
``post_packing_slips``, ``invoice_orders``, ``record_payments``): shared by the in-memory and
the database tests.

Each unit of work takes a batch of orders through the four steps. The orders mix customers
(one a store invoiced to its parent), tax codes, units (a box of 12), given prices, line
allowances, header charges, returned orders and partial shipments; payments pay in full, take
the cash discount, pay part or pay on account. Some commands reuse an idempotency key given
earlier in the same batch or in an earlier one (a replay returns the earlier result). The
commands of a step are made from the results of the step before, so both paths are fed the
same commands as long as they return the same results.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal as D
from random import Random
from typing import Any

from sqlalchemy import select

from core import services as s
from core.db import tables as t
from core.db.uow import SqlUnitOfWork
from core.domain.catalog import Item
from core.domain.charges import AllowanceCharge
from core.domain.commands import (
    Application,
    ClosePeriod,
    InvoiceOrder,
    OrderLineInput,
    PlaceOrder,
    PostPackingSlip,
    RecordPayment,
)
from core.domain.documents import Invoice
from core.domain.orders import OrderType, SalesOrder
from core.domain.parties import Customer, PaymentTerms
from core.memory import MemoryUnitOfWork
from core.ports import UnitOfWork

DAY = date(2026, 1, 5)
ITEMS = (
    Item("WID", "Widget", D("10.00"), D("6.00"), on_hand=D(100000)),
    Item("GAD", "Gadget", D("25.00"), D("15.00"), on_hand=D(100000), gtin="00012345678905"),
    Item("BOLT", "Bolt", D("0.35"), D("0.1234"), on_hand=D(500000), conversions={"BOX": D(12)}),
    Item("BOOK", "Book", D("19.99"), D("7.50"), on_hand=D(100000), tax_code="REDUCED"),
    Item("SVC", "Service", D("120.00"), D("0"), uom="HR", on_hand=D(100000), tax_code="EXEMPT"),
)
CUSTOMERS = (
    Customer("C1", "One", "USD", PaymentTerms.parse("2/10 net 30"), tax_code="STD"),
    Customer("C2", "Two", "USD", PaymentTerms.parse("net 30"), tax_code="REDUCED"),
    Customer("S1", "Store of One", "USD", parent_account="C1", tax_code="STD"),
)


def seed(uow: UnitOfWork, items: Sequence[Item] = ITEMS) -> None:
    s.put_customers(uow, list(CUSTOMERS))
    s.put_items(uow, list(items))


def _line(rng: Random) -> OrderLineInput:
    item = rng.choice(ITEMS)
    qty = rng.choice((D(1), D(2), D("2.5"), D(3), D(10)))
    uom = "BOX" if item.conversions and rng.random() < 0.5 else None
    price = rng.choice((None, None, None, D("9.50"), D("0.3333")))
    tax = rng.choice((None, None, None, "EXEMPT"))
    allowances: tuple[AllowanceCharge, ...] = ()
    if rng.random() < 0.2:
        allowances = (
            AllowanceCharge(False, "PROMO", percent=D(10))
            if rng.random() < 0.5
            else AllowanceCharge(False, "FIXED", amount=D("0.05")),
        )
    ref = f"{rng.randrange(1, 99)}" if rng.random() < 0.3 else ""
    return OrderLineInput(item.sku, qty, price, uom, ref, tax, allowances)


def _key(rng: Random, prefix: str, n: object) -> str | None:
    return None if rng.random() < 0.15 else f"{prefix}:{n}"


def _resend(rng: Random, cmds: list[Any], sent: list[Any]) -> list[Any]:
    """``cmds`` with, one in ten, a keyed command sent before (in this batch or an earlier one)
    sent again after it: a replay, which returns the earlier result."""
    out = []
    for cmd in cmds:
        out.append(cmd)
        if cmd.idempotency_key:
            sent.append(cmd)
        if sent and rng.random() < 0.1:
            out.append(rng.choice(sent))
    return out


def place_commands(rng: Random, first: int, size: int) -> list[PlaceOrder]:
    cmds = []
    for n in range(first, first + size):
        lines = tuple(_line(rng) for _ in range(rng.randrange(1, 6)))
        charges = (AllowanceCharge(True, "FREIGHT", amount=D("5.00")),) if n % 4 == 0 else ()
        kind = OrderType.RETURN if n % 11 == 5 else OrderType.SALES
        cmds.append(
            PlaceOrder(
                rng.choice(("C1", "C2", "S1")),
                lines,
                f"PO-{n}",
                kind,
                {"ST": f"store-{n % 3}"} if n % 5 == 0 else {},
                charges,
                confirm=n % 2 == 0,
                idempotency_key=_key(rng, "850", n),
            )
        )
    return cmds


def _fresh(results: Sequence[Any], seen: set[str]) -> list[Any]:
    """The results not returned before (a replay returns an earlier one); ``seen`` grows."""
    return [r for r in results if not (r.number in seen or seen.add(r.number))]


def slip_commands(rng: Random, orders: Sequence[SalesOrder]) -> list[PostPackingSlip]:
    cmds = []
    for order in orders:
        quantities = None
        if rng.random() < 0.3:  # part of the first line only
            ln = order.lines[0]
            quantities = {ln.line_no: ln.quantity / 2}
        cmds.append(
            PostPackingSlip(
                order.number, quantities, idempotency_key=_key(rng, "856", order.number)
            )
        )
    return cmds


def payment_commands(rng: Random, invoices: Sequence[Invoice]) -> list[RecordPayment]:
    cmds = []
    for inv in invoices:
        if inv.is_credit:
            continue
        roll = rng.random()
        if roll < 0.4:
            amount, apply = inv.total, (Application(inv.number),)
        elif roll < 0.6:
            discounted = inv.total - inv.cash_discount
            amount, apply = discounted, (Application(inv.number, discounted, in_full=True),)
        elif roll < 0.8:
            half = (inv.total / 2).quantize(D("0.01"))
            amount, apply = half, (Application(inv.number, half),)
        else:
            amount, apply = D("50.00"), ()
        cmds.append(
            RecordPayment(
                inv.customer_account,
                amount,
                f"CHK-{inv.number}",
                apply=apply,
                idempotency_key=_key(rng, "PAY", inv.number),
            )
        )
    return cmds


Steps = dict[str, Callable[[UnitOfWork, Sequence[Any]], list[Any]]]

ONE_BY_ONE: Steps = {
    "place": lambda uow, cmds: [s.place_order(uow, c) for c in cmds],
    "ship": lambda uow, cmds: [s.post_packing_slip(uow, c) for c in cmds],
    "invoice": lambda uow, cmds: [s.invoice_order(uow, c) for c in cmds],
    "pay": lambda uow, cmds: [s.record_payment(uow, c) for c in cmds],
}
BATCHES: Steps = {
    "place": s.place_orders,
    "ship": s.post_packing_slips,
    "invoice": s.invoice_orders,
    "pay": s.record_payments,
}


def cycle(
    uow: UnitOfWork, steps: Steps, *, seed: int = 3, orders: int = 60, size: int = 20
) -> list[str]:
    """Every batch of orders through the four steps, each batch one unit of work (joined to the
    caller's when there is one); the numbers every call returned, in order."""
    rng = Random(seed)
    sent: dict[str, list[Any]] = {"place": [], "ship": [], "invoice": [], "pay": []}
    seen: dict[str, set[str]] = {"place": set(), "invoice": set()}
    numbers: list[str] = []
    for first in range(0, orders, size):
        with uow:
            cmds = _resend(rng, place_commands(rng, first, size), sent["place"])
            placed = steps["place"](uow, cmds)
            new_orders = _fresh(placed, seen["place"])
            cmds = _resend(rng, slip_commands(rng, new_orders), sent["ship"])
            slips = steps["ship"](uow, cmds)
            cmds = [
                InvoiceOrder(o.number, idempotency_key=_key(rng, "810", o.number))
                for o in new_orders
            ]
            invoices = steps["invoice"](uow, _resend(rng, cmds, sent["invoice"]))
            cmds = _resend(
                rng, payment_commands(rng, _fresh(invoices, seen["invoice"])), sent["pay"]
            )
            paid = steps["pay"](uow, cmds)
            uow.commit()
        numbers += [r.number for r in (*placed, *slips, *invoices, *paid)]
    return numbers


def keyed_cycle(uow: UnitOfWork) -> list[str]:
    """Ten orders through the four batch steps, every command with a key; sent again, each
    step returns what it returned the first time and posts nothing."""
    line = (OrderLineInput("WID", D(2)), OrderLineInput("BOLT", D(1), uom="BOX"))
    placed = s.place_orders(
        uow, [PlaceOrder("C1", line, idempotency_key=f"o{n}") for n in range(10)]
    )
    slips = s.post_packing_slips(
        uow, [PostPackingSlip(o.number, idempotency_key=f"s{o.number}") for o in placed]
    )
    invoices = s.invoice_orders(
        uow, [InvoiceOrder(o.number, idempotency_key=f"i{o.number}") for o in placed]
    )
    paid = s.record_payments(
        uow,
        [
            RecordPayment(
                "C1",
                i.total,
                i.number,
                apply=(Application(i.number),),
                idempotency_key=f"p{i.number}",
            )
            for i in invoices
        ],
    )
    return [r.number for r in (*placed, *slips, *invoices, *paid)]


@dataclass(frozen=True)
class Stored:
    """Every row of every table (the outbox without its generated id, in id order)."""

    tables: dict[str, list[tuple[Any, ...]]]


def stored(uow: SqlUnitOfWork) -> Stored:
    """What the unit of work's transaction holds, flushed and with its number sequences
    written: read inside the transaction."""
    with uow:
        uow.flush()
        uow.sequences.write()
        conn = uow.connection
        tables = {}
        for table in t.metadata.sorted_tables:
            if table.name == "outbox":
                rows = conn.execute(select(t.outbox).order_by(t.outbox.c.id)).all()
                tables[table.name] = [tuple(r)[1:] for r in rows]
                continue
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            tables[table.name] = [tuple(r) for r in rows]
    return Stored(tables)


def memory_uow() -> MemoryUnitOfWork:
    uow = MemoryUnitOfWork()
    seed(uow)
    return uow


# Refusals: each scenario seeds the ledger (committed) and returns the commands of one step
# whose one-by-one calls are refused part-way, with the batch service of that step.

LOW = Item("LOW", "Scarce", D("4.00"), D("1.00"), on_hand=D(5))


def _placed(uow: UnitOfWork, *lines: tuple[str, D]) -> list[SalesOrder]:
    cmds = [
        PlaceOrder("C1", (OrderLineInput(sku, qty),), f"PO-{sku}-{n}")
        for n, (sku, qty) in enumerate(lines)
    ]
    return s.place_orders(uow, cmds)


def unknown_customer(uow: UnitOfWork) -> tuple[str, list[Any]]:
    line = (OrderLineInput("WID", D(2)),)
    return "place", [
        PlaceOrder("C1", line, idempotency_key="k1"),
        PlaceOrder("NOPE", line),
        PlaceOrder("C2", line),
    ]


def unknown_item(uow: UnitOfWork) -> tuple[str, list[Any]]:
    good, bad = (
        (OrderLineInput("WID", D(2)),),
        (OrderLineInput("WID", D(1)), OrderLineInput("NOPE", D(1))),
    )
    return "place", [
        PlaceOrder("C1", good),
        PlaceOrder("C2", bad, idempotency_key="k2"),
        PlaceOrder("C1", good),
    ]


def bad_quantity(uow: UnitOfWork) -> tuple[str, list[Any]]:
    good, bad = (
        (OrderLineInput("WID", D(2)),),
        (OrderLineInput("WID", D(1)), OrderLineInput("WID", D(0))),
    )
    return "place", [PlaceOrder("C1", good), PlaceOrder("C1", bad)]


def negative_price(uow: UnitOfWork) -> tuple[str, list[Any]]:
    good = (OrderLineInput("WID", D(2)),)
    bad = (OrderLineInput("WID", D(1)), OrderLineInput("GAD", D(1), D("-1.00")))
    return "place", [PlaceOrder("C1", good), PlaceOrder("C1", bad), PlaceOrder("C1", good)]


def bad_unit(uow: UnitOfWork) -> tuple[str, list[Any]]:
    good = (OrderLineInput("BOLT", D(2), uom="BOX"),)
    bad = (OrderLineInput("BOLT", D(1), uom="CASE"),)
    return "place", [PlaceOrder("C1", good), PlaceOrder("C1", bad)]


def unknown_tax_code(uow: UnitOfWork) -> tuple[str, list[Any]]:
    good = (OrderLineInput("WID", D(2), tax_code="STD"),)
    bad = (OrderLineInput("WID", D(1), tax_code="NOPE"),)
    return "place", [PlaceOrder("C1", good), PlaceOrder("C2", bad)]


def closed_period(uow: UnitOfWork) -> tuple[str, list[Any]]:
    orders = _placed(uow, ("WID", D(2)), ("GAD", D(1)), ("WID", D(1)))
    s.close_period(uow, ClosePeriod(2025, 12))
    return "ship", [
        PostPackingSlip(orders[0].number, idempotency_key="s1"),
        PostPackingSlip(orders[1].number, ship_date=date(2025, 12, 31)),
        PostPackingSlip(orders[2].number),
    ]


def stock_shortage(uow: UnitOfWork) -> tuple[str, list[Any]]:
    s.put_items(uow, [LOW])
    orders = _placed(uow, ("LOW", D(3)), ("WID", D(1)), ("LOW", D(3)))
    return "ship", [PostPackingSlip(o.number) for o in orders]


def nothing_to_invoice(uow: UnitOfWork) -> tuple[str, list[Any]]:
    orders = _placed(uow, ("WID", D(2)), ("GAD", D(1)))
    s.post_packing_slips(uow, [PostPackingSlip(orders[0].number)])
    return "invoice", [InvoiceOrder(o.number) for o in orders]


def unknown_invoice(uow: UnitOfWork) -> tuple[str, list[Any]]:
    orders = _placed(uow, ("WID", D(2)))
    s.post_packing_slips(uow, [PostPackingSlip(orders[0].number)])
    (inv,) = s.invoice_orders(uow, [InvoiceOrder(orders[0].number)])
    return "pay", [
        RecordPayment("C1", D(10), "A", apply=(Application(inv.number, D(10)),)),
        RecordPayment("C1", D(10), "B", apply=(Application("INV-999999"),)),
    ]


REFUSALS = (
    unknown_customer, unknown_item, bad_quantity, negative_price, bad_unit, unknown_tax_code,
    closed_period, stock_shortage,
    nothing_to_invoice, unknown_invoice,
)  # fmt: skip
