"""``services.orders.order_lines`` stores an order line's fields itself (no ``__init__`` call):
the lines are those ``OrderLine``'s constructor makes from the same parts, every field set, one
by one and with a batch's memo of item parts, and refusals are the same."""

from __future__ import annotations

import dataclasses
from decimal import Decimal as D

import pytest

from core import services as s
from core.domain.catalog import Item
from core.domain.charges import AllowanceCharge
from core.domain.commands import OrderLineInput
from core.domain.errors import RuleViolation
from core.domain.orders import OrderLine
from core.domain.parties import Customer
from core.memory import MemoryUnitOfWork
from core.services.orders import PartsMemo, order_lines

CUSTOMER = Customer("C1", "One", "USD", tax_code="STD")
GIVEN = (
    OrderLineInput("WID", D(3)),
    OrderLineInput("WID", D("2.5"), D("99.00"), "CA", external_line_ref="7"),
    OrderLineInput("GAD", D(1), allowances=(AllowanceCharge(False, "95", percent=D(5)),)),
    OrderLineInput("WID", D(4), tax_code="EXEMPT"),
)


def unit_of_work() -> MemoryUnitOfWork:
    uow = MemoryUnitOfWork()
    items = [
        Item("WID", "Widget", D("10.00"), D("6.00"), "EA", D(40), conversions={"CA": D(12)}),
        Item("GAD", "Gadget", D("4.50"), D("2.00"), "EA", D(9), gtin="00012345678905"),
    ]
    s.put_items(uow, items)
    return uow


def constructed(uow: MemoryUnitOfWork, first_no: int) -> list[OrderLine]:
    """The lines by ``OrderLine``'s constructor, from the item, unit and tax code."""
    lines = []
    for no, given in enumerate(GIVEN, start=first_no):
        item = uow.items.get(given.sku)
        assert item is not None
        factor = item.factor(given.uom)
        price = item.unit_price * factor if given.unit_price is None else given.unit_price
        lines.append(
            OrderLine(
                no, item.sku, item.description, given.quantity, given.uom or item.uom, price,
                item.unit_cost * factor, factor, given.tax_code or item.tax_code or "STD",
                item.gtin, given.external_line_ref, given.allowances,
            )
        )  # fmt: skip
    return lines


@pytest.mark.parametrize("memo", [False, True])
@pytest.mark.parametrize("first_no", [1, 5])
def test_lines_are_the_constructors(memo: bool, first_no: int) -> None:
    uow = unit_of_work()
    parts: PartsMemo | None = {} if memo else None
    with uow:
        got = order_lines(uow, GIVEN, CUSTOMER, set(), parts, first_no)
        again = order_lines(uow, GIVEN, CUSTOMER, set(), parts, first_no)
        want = constructed(uow, first_no)
    names = [f.name for f in dataclasses.fields(OrderLine)]
    for line in [*got, *again]:
        assert type(line) is OrderLine
        assert all(hasattr(line, name) for name in names)  # every slot set
    assert repr(got) == repr(again) == repr(want)
    assert got == want


@pytest.mark.parametrize("memo", [False, True])
def test_refusals_are_the_same(memo: bool) -> None:
    uow = unit_of_work()
    parts: PartsMemo | None = {} if memo else None
    with uow:
        order_lines(uow, GIVEN, CUSTOMER, set(), parts)
        with pytest.raises(RuleViolation, match=r"Line 2 \(WID\): quantity 0 must be positive"):
            order_lines(uow, (GIVEN[0], OrderLineInput("WID", D(0))), CUSTOMER, set(), parts)
        with pytest.raises(RuleViolation, match=r"Line 1 \(GAD\): unit price -1 cannot be"):
            order_lines(
                uow, (OrderLineInput("GAD", D(1), unit_price=D(-1)),), CUSTOMER, set(), parts
            )
