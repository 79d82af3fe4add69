"""The transaction's stock view: moving stock changes on-hand only, every other item field is
kept (the view is rebuilt field by field, so a field added to ``Item`` must be carried too)."""

from __future__ import annotations

from dataclasses import fields, replace
from decimal import Decimal

from core import services as s
from core.db.uow import SqlUnitOfWork
from core.domain.catalog import Item


def test_stock_move_keeps_every_other_field(uow: SqlUnitOfWork) -> None:
    item = Item(
        "CASE1", "Widget", Decimal("9.99"), Decimal("4.10"), "EA", Decimal(50),
        "00012345600012", {"CA": Decimal(12)}, "STD",
    )  # fmt: skip
    s.put_items(uow, [item])
    with uow:
        stored = uow.items.get("CASE1")
        assert stored is not None
        assert uow.items.adjust_on_hand("CASE1", Decimal(-12), allow_negative=False)
        moved = uow.items.get("CASE1")
        # 50 - 12 = 38 on hand; nothing else differs from the stored item
        assert moved == replace(stored, on_hand=Decimal(38))
        assert [
            f.name for f in fields(moved) if getattr(moved, f.name) != getattr(stored, f.name)
        ] == ["on_hand"]
        # a move below zero is refused and leaves the view as it was
        assert not uow.items.adjust_on_hand("CASE1", Decimal(-39), allow_negative=False)
        assert uow.items.get("CASE1") == moved
