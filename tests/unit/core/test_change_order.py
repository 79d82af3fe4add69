"""Changing an open order from an 850 change (04) or replace (05)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from core import services as s
from core.domain.commands import ChangeOrder, OrderLineInput, PlaceOrder, PostPackingSlip
from core.domain.errors import RuleViolation
from core.domain.orders import OrderStatus
from core.memory import MemoryUnitOfWork
from tests.support.ledger_scenario import master_data


@pytest.fixture
def uow() -> MemoryUnitOfWork:
    uow = MemoryUnitOfWork()
    master_data(uow)
    s.place_order(
        uow,
        PlaceOrder(
            "C1",
            (
                OrderLineInput("WID", D(10), external_line_ref="1"),
                OrderLineInput("GAD", D(4), external_line_ref="2"),
            ),
            po_number="PO-9",
            order_date=date(2026, 1, 5),
        ),
    )
    s.post_packing_slip(uow, PostPackingSlip("SO-000001", {1: D(6)}, date(2026, 1, 5)))
    return uow


def test_change_quantities_prices_and_add_a_line(uow: MemoryUnitOfWork) -> None:
    order = s.change_order(
        uow,
        ChangeOrder(
            "SO-000001",
            (
                OrderLineInput("WID", D(8), external_line_ref="1"),
                OrderLineInput("GAD", D(5), D("24.00"), external_line_ref="2"),
                OrderLineInput("WID", D(2), external_line_ref="3"),
            ),
            idempotency_key="850-change-1",
        ),
    )
    assert [(ln.line_no, ln.quantity, ln.unit_price, ln.remaining) for ln in order.lines] == [
        (1, D(8), D("10.00"), D(2)),
        (2, D(5), D("24.00"), D(5)),
        (3, D(2), D("10.00"), D(2)),
    ]
    again = s.change_order(
        uow,
        ChangeOrder(
            "SO-000001",
            (OrderLineInput("WID", D(99), external_line_ref="1"),),
            idempotency_key="850-change-1",
        ),
    )
    assert again.line(1).quantity == D(8)  # a replay changes nothing


def test_never_below_what_shipped(uow: MemoryUnitOfWork) -> None:
    with pytest.raises(RuleViolation, match="less than the 6 already shipped"):
        s.change_order(
            uow, ChangeOrder("SO-000001", (OrderLineInput("WID", D(5), external_line_ref="1"),))
        )
    order = uow.orders.get("SO-000001")
    assert order is not None and order.line(1).quantity == D(10)  # refused as a whole


def test_replace_cancels_the_remainder_of_lines_not_listed(uow: MemoryUnitOfWork) -> None:
    order = s.change_order(
        uow,
        ChangeOrder(
            "SO-000001", (OrderLineInput("WID", D(6), external_line_ref="1"),), replace=True
        ),
    )
    assert (order.line(2).canceled, order.line(2).remaining) == (D(4), D(0))
    assert order.status is OrderStatus.DELIVERED  # WID 6 of 6 shipped, GAD canceled


def test_the_same_po_line_cannot_change_item(uow: MemoryUnitOfWork) -> None:
    with pytest.raises(RuleViolation, match="names GAD"):
        s.change_order(
            uow, ChangeOrder("SO-000001", (OrderLineInput("GAD", D(10), external_line_ref="1"),))
        )
