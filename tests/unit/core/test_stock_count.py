"""A batch's stock count (``StockCount``), read and updated inline by ``slip_posted``: the running
count per item across the batch's slips, the refusal naming the count so far (0 for an item
that is not there), negative stock when the settings allow it, and the moves summed per item
for the batch's end."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from core import services as s
from core.domain.catalog import Item
from core.domain.commands import OrderLineInput, PlaceOrder, PostPackingSlip
from core.domain.errors import StockShortage
from core.domain.parties import Customer
from core.domain.settings import LedgerSettings
from core.memory import MemoryUnitOfWork
from core.services.shipping import StockCount, slip_posted


def _uow(allow_negative: bool = False) -> MemoryUnitOfWork:
    uow = MemoryUnitOfWork(LedgerSettings(allow_negative_stock=allow_negative))
    s.put_customers(uow, [Customer("C1", "One", "USD")])
    s.put_items(
        uow,
        [
            Item("WID", "Widget", D("10.00"), D("6.00"), on_hand=D(10)),
            Item("GAD", "Gadget", D("25.00"), D("15.00"), on_hand=D(3)),
        ],
    )
    return uow


def _order(uow: MemoryUnitOfWork, *lines: tuple[str, int]) -> str:
    given = tuple(OrderLineInput(sku, D(qty)) for sku, qty in lines)
    return s.place_order(uow, PlaceOrder("C1", given)).number


def test_counts_run_through_the_slips_and_are_moved_per_item() -> None:
    uow = _uow()
    first, second = _order(uow, ("WID", 4), ("GAD", 1)), _order(uow, ("WID", 5))
    stock = StockCount(uow.items)
    slip_posted(uow, PostPackingSlip(first), stock)
    slip_posted(uow, PostPackingSlip(second), stock)
    assert stock.counts == {"WID": [D(1), D(-9)], "GAD": [D(2), D(-1)]}
    item = uow.items.get("WID")
    assert item is not None and item.on_hand == D(10)  # not moved until the batch ends


def test_a_refusal_names_the_count_so_far() -> None:
    uow = _uow()
    first, second = _order(uow, ("WID", 7)), _order(uow, ("WID", 4))
    stock = StockCount(uow.items)
    slip_posted(uow, PostPackingSlip(first), stock)
    with pytest.raises(StockShortage, match=r"Item WID has 3 EA on hand; .* needs 4\."):
        slip_posted(uow, PostPackingSlip(second), stock)
    assert stock.counts == {"WID": [D(3), D(-7)]}  # the refused line changed nothing


def test_an_item_that_is_not_there_is_refused_with_zero() -> None:
    class NoItems:
        def get(self, sku: str) -> None:
            return None

    uow = _uow()
    number = _order(uow, ("GAD", 1))
    stock = StockCount(NoItems())  # type: ignore[arg-type]
    with pytest.raises(StockShortage, match="Item GAD has 0 EA on hand"):
        slip_posted(uow, PostPackingSlip(number), stock)
    assert stock.counts == {"GAD": [None, None]}


def test_negative_stock_when_allowed() -> None:
    uow = _uow(allow_negative=True)
    number = _order(uow, ("GAD", 5))
    stock = StockCount(uow.items)
    slip_posted(uow, PostPackingSlip(number), stock)
    assert stock.counts == {"GAD": [D(-2), D(-5)]}


def test_the_batch_moves_what_it_counted() -> None:
    uow = _uow()
    numbers = [_order(uow, ("WID", 4), ("GAD", 1)), _order(uow, ("WID", 5))]
    s.post_packing_slips(uow, [PostPackingSlip(n) for n in numbers])
    wid, gad = uow.items.get("WID"), uow.items.get("GAD")
    assert wid is not None and gad is not None and (wid.on_hand, gad.on_hand) == (D(1), D(2))
