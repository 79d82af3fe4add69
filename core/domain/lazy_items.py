"""Open items kept as the few texts the matcher scans, each item built on first access.

Cash application reads tens of open items per payer and looks most of them up only by number,
reference or order number; few are ever judged, allocated or settled. ``ItemRows`` holds a
read's rows and builds an item from its row when it is first asked for (the same object every
time after); ``LazyItems`` is a sequence of some of those rows (a payer's accounts) with their
numbers, references and order numbers as plain lists, so an index can scan those texts and
build only the items it finds (``core.domain.matching_index``). Iterating builds every item.
Pure, standard library only; how a row becomes an item is the reader's (``build``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, overload

from core.domain.receivables import OpenItem


class ItemRows:
    """The rows of one read: row position -> its item, built from the row once by ``build``."""

    __slots__ = ("_build", "_built", "_rows")

    def __init__(self, rows: Sequence[Any], build: Callable[[Any], OpenItem]) -> None:
        self._rows, self._build = rows, build
        self._built: list[OpenItem | None] = [None] * len(rows)

    def item(self, position: int) -> OpenItem:
        found = self._built[position]
        if found is None:
            found = self._built[position] = self._build(self._rows[position])
        return found


class LazyItems(Sequence[OpenItem]):
    """Some rows of an ``ItemRows`` in a given order, as items built on first access; the
    numbers, references and order numbers of the rows, in the same order, without building."""

    __slots__ = ("numbers", "order_numbers", "positions", "references", "rows")

    def __init__(
        self, rows: ItemRows, positions: list[int], numbers: list[str],
        references: list[str], order_numbers: list[str],
    ) -> None:  # fmt: skip
        self.rows, self.positions = rows, positions
        self.numbers, self.references, self.order_numbers = numbers, references, order_numbers

    def __len__(self) -> int:
        return len(self.positions)

    @overload
    def __getitem__(self, k: int) -> OpenItem: ...
    @overload
    def __getitem__(self, k: slice) -> list[OpenItem]: ...
    def __getitem__(self, k: int | slice) -> OpenItem | list[OpenItem]:
        if isinstance(k, slice):
            return list(map(self.rows.item, self.positions[k]))
        return self.rows.item(self.positions[k])

    def __iter__(self) -> Iterator[OpenItem]:
        return map(self.rows.item, self.positions)


def joined(parts: Sequence[Sequence[OpenItem]]) -> Sequence[OpenItem]:
    """The items of ``parts`` one after the other: still lazy when every part is a
    ``LazyItems`` of the same rows, else a list (which builds them)."""
    parts = [p for p in parts if p]
    lazy = [p for p in parts if isinstance(p, LazyItems)]
    if len(lazy) != len(parts) or len({id(p.rows) for p in lazy}) > 1:
        return [i for p in parts for i in p]
    if len(lazy) == 1:
        return lazy[0]
    if not lazy:
        return []
    return LazyItems(
        lazy[0].rows,
        [k for p in lazy for k in p.positions],
        [n for p in lazy for n in p.numbers],
        [r for p in lazy for r in p.references],
        [o for p in lazy for o in p.order_numbers],
    )
