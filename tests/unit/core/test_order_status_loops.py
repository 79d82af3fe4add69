"""``SalesOrder._refresh`` and ``nothing_invoiced`` as plain loops: the status and the answer
are those of the ``all`` expressions they replaced, for lines with any mix of shipped,
invoiced and canceled quantities (zeros of other exponents included)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from core.domain.orders import OrderLine, OrderStatus, SalesOrder

amounts = st.sampled_from([D(0), D("0.00"), D("-0"), D(1), D("1.0"), D(2), D(3)])


def _expected(lines: list[OrderLine]) -> OrderStatus:
    if any(ln.quantity - ln.shipped - ln.canceled > 0 for ln in lines):
        return OrderStatus.OPEN
    if all(ln.shipped == 0 for ln in lines):
        return OrderStatus.CANCELED
    if all(ln.invoiced == ln.shipped for ln in lines):
        return OrderStatus.INVOICED
    return OrderStatus.DELIVERED


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(amounts, amounts, amounts, amounts), max_size=5))
def test_status_and_first_invoice_as_the_all_expressions(
    quantities: list[tuple[D, D, D, D]],
) -> None:
    lines = [
        OrderLine(n, "S", "d", q, "EA", D(1), D(1), D(1), "STD", shipped=sh, invoiced=inv,
                  canceled=ca)
        for n, (q, sh, inv, ca) in enumerate(quantities, start=1)
    ]  # fmt: skip
    order = SalesOrder("SO-1", "C1", "C1", "USD", date(2026, 1, 5), lines)
    order._refresh()
    assert order.status is _expected(lines)
    assert order.nothing_invoiced() is all(ln.invoiced == 0 for ln in lines)
