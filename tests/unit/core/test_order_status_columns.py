"""An order's status and its lines by number, as ``SalesOrder`` computes them (loops that skip
the subtraction of a zero canceled quantity, a comprehension): the same results as the plain
loops kept here as the reference, duplicates and zeros of any exponent and sign included; and
whether nothing is invoiced yet (a loop over the quantities' truth) as ``all`` of comparisons."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from core.domain.orders import OrderLine, OrderStatus, SalesOrder

QTY = st.sampled_from(
    [Decimal(0), Decimal("0.00"), Decimal("-0"), Decimal(1), Decimal("1.0"), Decimal(2), Decimal(3)]
)


@st.composite
def orders(draw: st.DrawFn) -> SalesOrder:
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        q, s, i, c = draw(QTY), draw(QTY), draw(QTY), draw(QTY)
        no = draw(st.integers(1, 4))  # numbers may repeat
        line = OrderLine(no, f"S{no}", "d", q, "EA", Decimal(1), Decimal(1), Decimal(1), "STD")
        line.shipped, line.invoiced, line.canceled = s, i, c
        lines.append(line)
    return SalesOrder("SO-1", "C", "C", "USD", date(2026, 1, 5), lines)


def reference_status(order: SalesOrder) -> OrderStatus:
    lines = order.lines
    if any(ln.quantity - ln.shipped - ln.canceled > 0 for ln in lines):
        return OrderStatus.OPEN
    if all(ln.shipped == 0 for ln in lines):
        return OrderStatus.CANCELED
    if all(ln.invoiced == ln.shipped for ln in lines):
        return OrderStatus.INVOICED
    return OrderStatus.DELIVERED


@given(orders())
def test_status_as_the_loops_give_it(order: SalesOrder) -> None:
    order._refresh()
    assert order.status is reference_status(order)


@given(orders())
def test_lines_by_number_keep_the_first_of_a_number(order: SalesOrder) -> None:
    found: dict[int, OrderLine] = {}
    for ln in order.lines:
        found.setdefault(ln.line_no, ln)
    got = order.lines_by_no()
    assert got.keys() == found.keys()
    assert all(got[n] is found[n] for n in found)


@given(orders())
def test_nothing_invoiced_when_every_invoiced_quantity_is_zero(order: SalesOrder) -> None:
    assert order.nothing_invoiced() is all(ln.invoiced == 0 for ln in order.lines)
