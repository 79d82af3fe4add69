"""Packing slips: deliver now (sales and subscription orders) or receive back (returned orders).

On-hand moves in the item's base unit; the cost posts at standard cost in the accounting currency.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from core.domain.catalog import ONE
from core.domain.commands import PostPackingSlip
from core.domain.documents import PackingSlip, PackingSlipLine
from core.domain.errors import StockShortage
from core.domain.events import PackingSlipPosted
from core.domain.money import quantum, round_to
from core.domain.posting import packing_slip_lines
from core.ports import UnitOfWork
from core.services import _common as c

# Moves stock for a slip line: (sku, delta in base units) -> None when moved, else the on-hand
# the refusal names (the item's, or 0 when there is none).
TakeStock = Callable[[str, Decimal], Decimal | int | None]


def post_packing_slip(uow: UnitOfWork, cmd: PostPackingSlip) -> PackingSlip:
    with uow:
        if prev := c.replayed(uow, "post_packing_slip", cmd.idempotency_key):
            found = uow.packing_slips.get(prev)
            assert found is not None
            return found
        items, allow_negative = uow.items, uow.settings.allow_negative_stock

        def take(sku: str, delta: Decimal) -> Decimal | int | None:
            if items.adjust_on_hand(sku, delta, allow_negative):
                return None
            have = items.get(sku)
            return have.on_hand if have else 0

        slip = slip_posted(uow, cmd, take)
        uow.commit()
        return slip


# (quantity, unit cost, quantum) -> the line's cost amount (rounded to the quantum: equal
# inputs give the same digits, so lines that repeat them share one object)
CostMemo = dict[tuple[Decimal, Decimal, Decimal], Decimal]


def slip_posted(
    uow: UnitOfWork, cmd: PostPackingSlip, take: TakeStock, costs: CostMemo | None = None
) -> PackingSlip:
    """``post_packing_slip`` after its idempotency check, inside the caller's unit of work; stock
    moves through ``take`` (the item's on-hand at once, or a batch's running count); ``costs``
    may be shared by the slips of a batch."""
    costs = {} if costs is None else costs
    order = c.order(uow, cmd.order_number)
    day = c.on(uow, cmd.ship_date)
    c.check_open(uow, day)
    shipped = order.ship(cmd.quantities)
    settings = uow.settings
    currency = settings.accounting_currency
    unit: Decimal | None = None  # the currency's quantum, after the first stock check as before
    lines = []
    is_return, by_no = order.is_return, order.lines_by_no()
    for line_no, qty in sorted(shipped.items()):
        ol = by_no.get(line_no) or order.line(line_no)
        base = qty if ol.factor is ONE else qty * ol.factor  # x * 1 is x, digit for digit
        have = take(ol.sku, base if is_return else -base)
        if have is not None:
            raise StockShortage(
                f"Item {ol.sku} has {have} "
                f"{ol.uom if ol.factor == 1 else 'base units'} "
                f"on hand; order {order.number} line {line_no} needs {base}."
            )
        if unit is None:
            unit = quantum(currency)
        key = (qty, ol.unit_cost, unit)
        cost = costs.get(key)
        if cost is None:
            cost = costs[key] = round_to(qty * ol.unit_cost, unit)
        lines.append(PackingSlipLine(line_no, ol.sku, qty, ol.uom, base, cost))
    slip = PackingSlip(
        c.next_number(uow, "packing_slip"),
        order.number,
        order.customer_account,
        day,
        currency,
        tuple(lines),
        is_receipt=order.is_return,
    )
    uow.packing_slips.add(slip)
    uow.orders.save(order)
    kind = "return receipt" if slip.is_receipt else "packing slip"
    c.post(uow, day, kind, slip.number, packing_slip_lines(slip, settings.chart))
    uow.emit(PackingSlipPosted(slip.number, order.number, slip.is_receipt))
    c.remember(uow, "post_packing_slip", cmd.idempotency_key, slip.number)
    return slip
