"""Packing slips: deliver now (sales and subscription orders) or receive back (returned orders).

On-hand moves in the item's base unit; the cost posts at standard cost in the accounting currency.
"""

from __future__ import annotations

from decimal import Decimal

from core.domain.catalog import ONE
from core.domain.commands import PostPackingSlip
from core.domain.documents import PackingSlip, make_packing_slip, make_slip_line
from core.domain.errors import StockShortage
from core.domain.events import PackingSlipPosted
from core.domain.money import quantum, round_to
from core.domain.posting import packing_slip_lines
from core.ports import Items, UnitOfWork
from core.services import _common as c

_ZERO = Decimal(0)  # on-hand counts are Decimals: compared with one (an int converts per compare)


class StockCount:
    """A batch's running stock per item, moved on the items once at the batch's end: by sku, in
    the order first met, [on-hand so far (None: no such item), sum of the batch's moves (None:
    none yet)]. ``slip_posted`` reads and updates ``counts`` in its line loop (one dictionary
    look-up a line, no call); ``first`` reads an item the batch has not met yet."""

    __slots__ = ("counts", "items")

    def __init__(self, items: Items) -> None:
        self.counts: dict[str, list[Decimal | None]] = {}
        self.items = items

    def first(self, sku: str) -> list[Decimal | None]:
        item = self.items.get(sku)
        count = self.counts[sku] = [None if item is None else item.on_hand, None]
        return count


def post_packing_slip(uow: UnitOfWork, cmd: PostPackingSlip) -> PackingSlip:
    with uow:
        if prev := c.replayed(uow, "post_packing_slip", cmd.idempotency_key):
            found = uow.packing_slips.get(prev)
            assert found is not None
            return found
        slip = slip_posted(uow, cmd)
        uow.commit()
        return slip


# (quantity's text, unit cost, quantum) -> the line's cost amount (rounded to the quantum: equal
# inputs give the same digits, so lines that repeat them share one object). The quantity is a
# new Decimal per line: its text (the same digits and exponent) is about 100 ns cheaper to make
# than its hash, and equal text is the same number.
CostMemo = dict[tuple[str, Decimal, Decimal], Decimal]


def slip_posted(
    uow: UnitOfWork,
    cmd: PostPackingSlip,
    stock: StockCount | None = None,
    costs: CostMemo | None = None,
) -> PackingSlip:
    """``post_packing_slip`` after its idempotency check, inside the caller's unit of work. Stock
    moves at once on the item (``Items.adjust_on_hand``), or in a batch's ``stock`` (its running
    count: a refused line names the count so far, or 0 for no such item); a batch's ``costs``
    keeps line costs for all its slips."""
    order = c.order(uow, cmd.order_number)
    day = c.on(uow, cmd.ship_date)
    c.check_open(uow, day)
    shipped = order.ship_lines(cmd.quantities)  # (order line, quantity) by line number
    settings = uow.settings
    currency = settings.accounting_currency
    unit: Decimal | None = None  # the currency's quantum, after the first stock check as before
    lines = []
    is_return = order.is_return
    items, allow_negative = uow.items, settings.allow_negative_stock
    counts = {} if stock is None else stock.counts
    for ol, qty in shipped:
        line_no = ol.line_no
        base = qty if ol.factor is ONE else qty * ol.factor  # x * 1 is x, digit for digit
        delta = base if is_return else -base
        have: Decimal | int | None
        if stock is not None:  # the batch's count, inline (a call a line otherwise)
            have, moved = count = counts.get(ol.sku) or stock.first(ol.sku)
            if have is None:
                have = 0
            elif (after := have + delta) >= _ZERO or allow_negative:
                count[0], count[1] = after, delta if moved is None else moved + delta
                have = None
        elif items.adjust_on_hand(ol.sku, delta, allow_negative):
            have = None
        else:
            found = items.get(ol.sku)
            have = found.on_hand if found else 0
        if have is not None:
            raise StockShortage(
                f"Item {ol.sku} has {have} "
                f"{ol.uom if ol.factor == 1 else 'base units'} "
                f"on hand; order {order.number} line {line_no} needs {base}."
            )
        if unit is None:
            unit = quantum(currency)
        if costs is None:
            cost = round_to(qty * ol.unit_cost, unit)
        else:
            key = (str(qty), ol.unit_cost, unit)
            known = costs.get(key)
            if known is None:
                known = costs[key] = round_to(qty * ol.unit_cost, unit)
            cost = known
        lines.append(make_slip_line(line_no, ol.sku, qty, ol.uom, base, cost))
    slip = make_packing_slip(
        c.next_number(uow, "packing_slip"),
        order.number,
        order.customer_account,
        day,
        currency,
        tuple(lines),
        order.is_return,
    )
    uow.packing_slips.add(slip)
    uow.orders.save(order)
    kind = "return receipt" if slip.is_receipt else "packing slip"
    c.post(uow, day, kind, slip.number, packing_slip_lines(slip, settings.chart))
    uow.emit(PackingSlipPosted(slip.number, order.number, slip.is_receipt))
    c.remember(uow, "post_packing_slip", cmd.idempotency_key, slip.number)
    return slip
