"""The batch's memos of slip costs and invoice amounts (keyed by the quantity's text) give every
line the digits the one-by-one calls give it, whatever exponents equal quantities have: a slip
and an invoice compared by ``repr`` (which shows each Decimal's digits and exponent)."""

from __future__ import annotations

from decimal import Decimal as D

from core import services as s
from core.domain.commands import InvoiceOrder, OrderLineInput, PlaceOrder, PostPackingSlip
from tests.support import order_batches as ob

QUANTITIES = [D(3), D("3.000"), D("3.0"), D("2.50"), D("2.5"), D(3), D("0.333"), D("1E+1")]


def _orders() -> list[PlaceOrder]:
    return [
        PlaceOrder("C1", (OrderLineInput("BOLT", q), OrderLineInput("WID", q)), f"PO-{n}")
        for n, q in enumerate(QUANTITIES)
    ]


def test_memoised_slips_and_invoices_have_the_one_by_one_digits() -> None:
    one, batched = ob.memory_uow(), ob.memory_uow()
    alone = []
    with one:
        for cmd in _orders():
            order = s.place_order(one, cmd)
            slip = s.post_packing_slip(one, PostPackingSlip(order.number))
            alone.append((slip, s.invoice_order(one, InvoiceOrder(order.number))))
        one.commit()
    with batched:
        placed = s.place_orders(batched, _orders())
        slips = s.post_packing_slips(batched, [PostPackingSlip(o.number) for o in placed])
        invoices = s.invoice_orders(batched, [InvoiceOrder(o.number) for o in placed])
        batched.commit()
    assert repr(list(zip(slips, invoices, strict=True))) == repr(alone)
    costs = {str(ln.quantity): ln.cost_amount for slip in slips for ln in slip.lines}
    assert len(costs) > 4  # quantities of several texts were costed
