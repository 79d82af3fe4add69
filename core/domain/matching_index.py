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

ORDER_PREFIXES = ("PO", "SO")


def longest_first(prefixes: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({p.upper() for p in prefixes}, key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class OpenItemIndex:
    prefixes: tuple[str, ...]
    by_number: dict[str, OpenItem]
    by_key: dict[str, list[OpenItem]]
    by_order: dict[str, list[OpenItem]]
    by_account: dict[str, list[OpenItem]]

    @classmethod
    def build(cls, items: Iterable[OpenItem], prefixes: Sequence[str]) -> OpenItemIndex:
        """Index ``items`` (open debit and credit items; closed ones are skipped)."""
        ordered = longest_first(prefixes)
        by_number: dict[str, OpenItem] = {}
        by_key: dict[str, list[OpenItem]] = {}
        by_order: dict[str, list[OpenItem]] = {}
        by_account: dict[str, list[OpenItem]] = {}
        for item in items:
            if not item.open_amount:
                continue
            by_number[item.number] = item
            by_key.setdefault(reference_key(item.number, ordered), []).append(item)
            by_account.setdefault(item.customer_account, []).append(item)
            if item.is_debit:
                for ref in {item.reference, item.order_number}:
                    if ref:
                        by_order.setdefault(reference_key(ref, ORDER_PREFIXES), []).append(item)
        return cls(ordered, by_number, by_key, by_order, by_account)

    def key(self, text: str) -> str:
        return reference_key(text, self.prefixes)

    def with_key(self, key: str) -> list[OpenItem]:
        return self.by_key.get(key, [])

    def for_order(self, reference: str) -> list[OpenItem]:
        return self.by_order.get(reference_key(reference, ORDER_PREFIXES), [])

    def for_accounts(self, accounts: Iterable[str]) -> list[OpenItem]:
        found: list[OpenItem] = []
        for account in sorted(accounts):
            found.extend(self.by_account.get(account, []))
        return found
