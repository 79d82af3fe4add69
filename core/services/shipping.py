"""Packing slips: deliver now (sales and subscription orders) or receive back (returned orders).

On-hand moves in the item's base unit; the cost posts at standard cost in the accounting currency.
"""

from __future__ import annotations

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


def post_packing_slip(uow: UnitOfWork, cmd: PostPackingSlip) -> PackingSlip:
    with uow:
        if prev := c.replayed(uow, "post_packing_slip", cmd.idempotency_key):
            found = uow.packing_slips.get(prev)
            assert found is not None
            return found
        order = c.order(uow, cmd.order_number)
        day = c.on(uow, cmd.ship_date)
        c.check_open(uow, day)
        shipped = order.ship(cmd.quantities)
        settings = uow.settings
        currency = settings.accounting_currency
        unit: Decimal | None = None  # the currency's quantum, after the first stock check as before
        lines = []
        items, is_return, allow_negative = uow.items, order.is_return, settings.allow_negative_stock
        for line_no, qty in sorted(shipped.items()):
            ol = order.line(line_no)
            base = qty if ol.factor is ONE else qty * ol.factor  # x * 1 is x, digit for digit
            delta = base if is_return else -base
            if not items.adjust_on_hand(ol.sku, delta, allow_negative):
                have = uow.items.get(ol.sku)
                raise StockShortage(
                    f"Item {ol.sku} has {have.on_hand if have else 0} "
                    f"{ol.uom if ol.factor == 1 else 'base units'} "
                    f"on hand; order {order.number} line {line_no} needs {base}."
                )
            if unit is None:
                unit = quantum(currency)
            lines.append(
                PackingSlipLine(
                    line_no, ol.sku, qty, ol.uom, base, round_to(qty * ol.unit_cost, unit)
                )
            )
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
        uow.commit()
        return slip
