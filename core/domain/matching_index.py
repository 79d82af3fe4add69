"""An index of open items for remittance matching: by exact number, by normalised number key
(``core.domain.references``), by purchase-order / sales-order key and by customer account.

Built once per batch (``OpenItemIndex.build``) and only read by the matcher; the items are not
copied and never changed. Pure, standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from core.domain.receivables import OpenItem
from core.domain.references import reference_key

ORDER_PREFIXES = ("PO",)  # not SO: SO-000123 must not fold to 123, a PO number


def longest_first(prefixes: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({p.upper() for p in prefixes}, key=len, reverse=True))


class _Multi:
    """A key -> items map that keeps one item without a list (most keys have one)."""

    __slots__ = ("many", "one")

    def __init__(self) -> None:
        self.one: dict[str, OpenItem] = {}
        self.many: dict[str, list[OpenItem]] = {}

    def add(self, key: str, item: OpenItem) -> None:
        first = self.one.setdefault(key, item)
        if first is not item:
            self.many.setdefault(key, [first]).append(item)

    def get(self, key: str) -> list[OpenItem]:
        if key in self.many:
            return self.many[key]
        item = self.one.get(key)
        return [item] if item is not None else []


@dataclass(frozen=True, slots=True)
class OpenItemIndex:
    prefixes: tuple[str, ...]
    by_number: dict[str, OpenItem]
    by_key: _Multi
    by_order: _Multi
    by_account: dict[str, list[OpenItem]]

    @classmethod
    def build(cls, items: Iterable[OpenItem], prefixes: Sequence[str]) -> OpenItemIndex:
        """Index ``items`` (open debit and credit items; closed ones are skipped)."""
        ordered = longest_first(prefixes)
        by_number: dict[str, OpenItem] = {}
        by_key, by_order = _Multi(), _Multi()
        by_account: dict[str, list[OpenItem]] = {}
        key, orders = reference_key, ORDER_PREFIXES
        for item in items:
            if not item.open_amount:
                continue
            by_number[item.number] = item
            by_key.add(key(item.number, ordered), item)
            by_account.setdefault(item.customer_account, []).append(item)
            if item.amount > 0:
                po, so = item.reference, item.order_number
                if po:
                    by_order.add(key(po, orders), item)
                if so and so != po:
                    by_order.add(key(so, orders), item)
        return cls(ordered, by_number, by_key, by_order, by_account)

    def key(self, text: str) -> str:
        return reference_key(text, self.prefixes)

    def with_key(self, key: str) -> list[OpenItem]:
        return self.by_key.get(key)

    def for_order(self, reference: str) -> list[OpenItem]:
        return self.by_order.get(reference_key(reference, ORDER_PREFIXES))

    def for_accounts(self, accounts: Iterable[str]) -> list[OpenItem]:
        found: list[OpenItem] = []
        for account in sorted(accounts):
            found.extend(self.by_account.get(account, []))
        return found
