"""What a packing slip and an invoice take from an order as (line, quantity) pairs
(``SalesOrder.ship_lines``, ``to_invoice_lines``, ``mark_lines_invoiced``): the same as the
dictionaries by line number they replace (``ship``, ``to_invoice``, ``mark_invoiced``) looked up
by number, for lines numbered in order (the short way) and for numbers out of order or repeated
(the long way), with the same errors."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.domain.errors import InvalidState, RuleViolation
from core.domain.orders import (
    DocumentStatus,
    OrderLine,
    OrderType,
    SalesOrder,
    numbered_in_order,
)

QTY = st.sampled_from([Decimal(0), Decimal("0.00"), Decimal(1), Decimal("1.0"), Decimal(3)])
Pairs = list[tuple[OrderLine, Decimal]]


@st.composite
def orders(draw: st.DrawFn) -> SalesOrder:
    count = draw(st.integers(1, 6))
    if draw(st.booleans()):
        numbers = list(range(1, count + 1))  # as orders are made
    else:
        numbers = draw(st.lists(st.integers(1, 4), min_size=count, max_size=count))
    lines = []
    for no in numbers:
        ordered, shipped, invoiced = draw(QTY), draw(QTY), draw(QTY)
        line = OrderLine(no, f"S{no}", "d", ordered + shipped, "EA", Decimal(1), Decimal(1),
                         Decimal(1), "STD")  # fmt: skip
        line.shipped = line.picked = shipped + invoiced
        line.invoiced = invoiced
        lines.append(line)
    kind = draw(st.sampled_from([OrderType.SALES, OrderType.SUBSCRIPTION]))
    return SalesOrder("SO-1", "C", "C", "USD", date(2026, 1, 5), lines, kind)


def by_number(order: SalesOrder, quantities: dict[int, Decimal]) -> Pairs:
    """The former way: the quantities sorted by number, each with the number's first line."""
    by_no = order.lines_by_no()
    return [(by_no[no], qty) for no, qty in sorted(quantities.items())]


def same_pairs(got: Pairs, want: Pairs, order: SalesOrder, twin: SalesOrder) -> None:
    """The pairs name the same lines (by position, across the two copies) and quantities."""
    assert [order.lines.index(ln) for ln, _ in got] == [twin.lines.index(ln) for ln, _ in want]
    assert [repr(q) for _, q in got] == [repr(q) for _, q in want]


def outcome(act: object) -> tuple[object, ...]:
    assert callable(act)
    try:
        return ("ok", act())
    except (InvalidState, RuleViolation) as exc:
        return (type(exc), str(exc))


@given(orders())
def test_lines_to_invoice_are_to_invoice_by_number(order: SalesOrder) -> None:
    same_pairs(order.to_invoice_lines(), by_number(order, order.to_invoice()), order, order)


@given(orders())
def test_marking_the_lines_invoiced_is_marking_to_invoice(order: SalesOrder) -> None:
    twin = copy.deepcopy(order)
    got = outcome(lambda: order.mark_lines_invoiced(order.to_invoice_lines()))
    want = outcome(lambda: twin.mark_invoiced(twin.to_invoice()))
    assert got == want
    assert repr(order) == repr(twin)


@given(orders(), st.data())
def test_shipped_lines_are_what_ship_gives_by_number(
    order: SalesOrder, data: st.DataObject
) -> None:
    quantities = None
    if data.draw(st.booleans()):
        numbers = [ln.line_no for ln in order.lines]
        quantities = data.draw(st.dictionaries(st.sampled_from(numbers), QTY, max_size=4))
    twin = copy.deepcopy(order)
    got = outcome(lambda: order.ship_lines(quantities))
    want = outcome(lambda: twin.ship(quantities))
    assert repr(order) == repr(twin)
    if got[0] != "ok":
        assert got == want
        return
    assert want[0] == "ok"
    shipped = want[1]
    assert isinstance(shipped, dict)
    same_pairs(got[1], by_number(twin, shipped), order, twin)  # type: ignore[arg-type]


def line(no: int) -> OrderLine:
    return OrderLine(no, "S", "d", Decimal(1), "EA", Decimal(1), Decimal(1), Decimal(1), "STD")


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [([], True), ([1], True), ([1, 2, 3], True), ([2, 5, 9], True), ([1, 1], False),
     ([1, 3, 2], False), ([2, 1], False)],
)  # fmt: skip
def test_numbered_in_order(numbers: list[int], expected: bool) -> None:
    assert numbered_in_order([line(no) for no in numbers]) is expected


def test_document_status_ranks_follow_declaration_order() -> None:
    assert [status.rank for status in DocumentStatus] == list(range(len(DocumentStatus)))
