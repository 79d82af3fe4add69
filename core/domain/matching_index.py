"""An index of open items for remittance matching: by exact number, by normalised number key
(``core.domain.references``), by purchase-order / sales-order key and by customer account.

Built once per batch (``OpenItemIndex.build``) and only read by the matcher; the items are not
copied and never changed. The key maps are built on first use. Pure, standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import compress
from operator import attrgetter

from core.domain.lazy_items import LazyItems
from core.domain.receivables import OpenItem
from core.domain.references import key_function, keys_function
from core.domain.remittance import ZERO

ORDER_PREFIXES = ("PO",)  # not SO: SO-000123 must not fold to 123, a PO number
SCAN_AT_MOST = 200  # items an order lookup scans rather than build the order map
_order_key = key_function(ORDER_PREFIXES)
_order_keys = keys_function(ORDER_PREFIXES)
_number, _open_amount = attrgetter("number"), attrgetter("open_amount")
_reference, _order_number = attrgetter("reference"), attrgetter("order_number")
_ASCII_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_ALNUM_PAIRS = frozenset(a + b for a in _ASCII_ALNUM for b in _ASCII_ALNUM)


def _endings(key: str) -> tuple[frozenset[str], frozenset[str], int]:
    """What a text's end must be for its key to be ``key`` (not empty): a key is a tail of
    the text's letters and digits upper-cased, so when the text's last two characters (one
    for a key of one) are ASCII letters or digits (``ends``: the text's end is in it) they are
    the key's last ones in some case (``agree``). Texts whose end is not in ``ends`` have to be
    folded. Returns (agree, ends, -length of the end)."""
    return _endings_of(key[-2:])


@lru_cache(maxsize=4096)
def _endings_of(key: str) -> tuple[frozenset[str], frozenset[str], int]:
    """``_endings`` of a key's last two characters (all it depends on), worked out once per
    ending: a matcher scans a payer's items for one or two keys per remittance line."""
    if len(key) < 2:
        return frozenset((key, key.lower())), _ASCII_ALNUM, -1
    a, b = key[-2], key[-1]
    la, lb = a.lower(), b.lower()
    return frozenset((a + b, a + lb, la + b, la + lb)), _ALNUM_PAIRS, -2


def longest_first(prefixes: Iterable[str]) -> tuple[str, ...]:
    if isinstance(prefixes, tuple):
        return _longest_first(prefixes)
    return tuple(sorted({p.upper() for p in prefixes}, key=len, reverse=True))


@lru_cache(maxsize=64)
def _longest_first(prefixes: tuple[str, ...]) -> tuple[str, ...]:
    """``longest_first`` of the settings' tuple, once (an index is built per payer)."""
    return tuple(sorted({p.upper() for p in prefixes}, key=len, reverse=True))


class _Multi:
    """A key -> items map that keeps one item without a list (most keys have one): ``one``
    holds the first item of each key, ``many`` the first and every later addition of another
    item, for the keys that have them."""

    __slots__ = ("many", "one")

    def __init__(self) -> None:
        self.one: dict[str, OpenItem] = {}
        self.many: dict[str, list[OpenItem]] = {}

    def get(self, key: str) -> list[OpenItem]:
        if key in self.many:
            return self.many[key]
        item = self.one.get(key)
        return [item] if item is not None else []


class _Numbered(Mapping[str, OpenItem]):
    """Number -> item of a ``LazyItems``: row positions by number, the item built when looked
    up (through the rows directly: a look-up per remittance line)."""

    __slots__ = ("_at", "_item")

    def __init__(self, items: LazyItems) -> None:
        self._item = items.rows.item
        self._at = dict(zip(items.numbers, items.positions, strict=True))

    def __getitem__(self, number: str) -> OpenItem:
        return self._item(self._at[number])

    def get(self, number: str, default: OpenItem | None = None) -> OpenItem | None:  # type: ignore[override]
        k = self._at.get(number)
        return default if k is None else self._item(k)

    def __contains__(self, number: object) -> bool:
        return number in self._at

    def __iter__(self) -> Iterator[str]:
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)


class OpenItemIndex:
    """The open items by number and by account at once; by reference key and by order key
    when first asked (many remittances only ever look an item up by its number, so the keys,
    the costly part, are often not needed). Same lists, in the same order, either way.

    Given a ``LazyItems`` (open items only, as its reader promises), the index scans its
    numbers, references and order numbers and builds only the items it returns; a map of
    every item (by key, by order, by account) builds them all."""

    __slots__ = (
        "_by_account", "_by_key", "_by_order", "_fold", "_items", "_numbers", "by_number",
        "prefixes",
    )  # fmt: skip

    def __init__(self, prefixes: tuple[str, ...], open_items: Sequence[OpenItem]) -> None:
        self.prefixes = prefixes
        self._fold = key_function(prefixes)
        self._items = open_items
        self.by_number: Mapping[str, OpenItem]
        if isinstance(open_items, LazyItems):
            self._numbers = open_items.numbers
            self.by_number = _Numbered(open_items)
        else:
            self._numbers = list(map(_number, open_items))
            self.by_number = dict(zip(self._numbers, open_items, strict=True))
        self._by_account: dict[str, list[OpenItem]] | None = None
        self._by_key: _Multi | None = None
        self._by_order: _Multi | None = None

    @classmethod
    def build(cls, items: Iterable[OpenItem], prefixes: Sequence[str]) -> OpenItemIndex:
        """Index ``items`` (open debit and credit items; closed ones are skipped)."""
        if isinstance(items, LazyItems):
            return cls(longest_first(prefixes), items)
        if not isinstance(items, (list, tuple)):
            items = list(items)
        return cls(longest_first(prefixes), list(compress(items, map(_open_amount, items))))

    @property
    def _open(self) -> Sequence[OpenItem]:
        """Every item (a ``LazyItems`` built in full, once)."""
        if isinstance(self._items, LazyItems):
            self._items = list(self._items)
        return self._items

    def _texts(self) -> tuple[Sequence[str], Sequence[str]]:
        """The items' references and order numbers, in the items' order."""
        items = self._items
        if isinstance(items, LazyItems):
            return items.references, items.order_numbers
        return list(map(_reference, items)), list(map(_order_number, items))

    @property
    def by_account(self) -> dict[str, list[OpenItem]]:
        """Items by customer account, each list in the order given."""
        if self._by_account is None:
            found: dict[str, list[OpenItem]] = {}
            for item in self._open:
                found.setdefault(item.customer_account, []).append(item)
            self._by_account = found
        return self._by_account

    @property
    def by_key(self) -> _Multi:
        """Items by ``reference_key`` of their number."""
        if self._by_key is None:
            found, items = _Multi(), self._open
            keys = keys_function(self.prefixes)(self._numbers)
            one = found.one = dict(zip(reversed(keys), reversed(items), strict=True))  # firsts
            if len(one) < len(keys):  # some keys of several items: the later ones, in order
                many = found.many
                for k, item in zip(keys, items, strict=True):
                    if (first := one[k]) is not item:
                        many.setdefault(k, [first]).append(item)
            self._by_key = found
        return self._by_key

    @property
    def by_order(self) -> _Multi:
        """Debit items by the order key of their purchase-order reference and of their sales
        order number (when it differs)."""
        if self._by_order is None:
            refs, orders = self._texts()  # before _open: a lazy index's own lists
            found, items = _Multi(), self._open
            one, many = found.one, found.many
            first_of = one.setdefault
            pos, sos = _order_keys(refs), _order_keys(orders)  # "" for an empty text
            for item, po, so, kp, ks in zip(items, refs, orders, pos, sos, strict=True):
                if item.amount > ZERO:
                    if po and (first := first_of(kp, item)) is not item:
                        many.setdefault(kp, [first]).append(item)
                    if so and so != po and (first := first_of(ks, item)) is not item:
                        many.setdefault(ks, [first]).append(item)
            self._by_order = found
        return self._by_order

    def key(self, text: str) -> str:
        return self._fold(text)

    def with_key(self, key: str) -> list[OpenItem]:
        """``by_key.get(key)``. A small index that has not built ``by_key`` is scanned instead:
        only a number that may fold to the key (its last character) has its key computed."""
        if not key or self._by_key is not None or len(self._items) > SCAN_AT_MOST:
            return self.by_key.get(key)
        fold, items = self._fold, self._items
        agree, ends, cut = _endings(key)
        found = [
            items[k]
            for k, number in enumerate(self._numbers)
            if ((end := number[cut:]) in agree or end not in ends) and fold(number) == key
        ]
        # as _Multi keeps them: the first item, then every later addition of another item
        return found[:1] + [i for i in found[1:] if i is not found[0]] if found else found

    def with_keys(self, keys: Iterable[str]) -> list[OpenItem]:
        """The items of every key in turn (the map built: many look-ups)."""
        found = self.by_key
        return [i for k in keys for i in found.get(k)]

    def for_order(self, reference: str) -> list[OpenItem]:
        """``by_order.get`` of the reference's order key. A small index (one payer's items)
        that has not built ``by_order`` is scanned instead: only a purchase or sales order that
        may fold to the key (``may_fold_to``) has its key computed. Same items, same order."""
        fold = _order_key
        wanted = fold(reference)
        if not wanted or self._by_order is not None or len(self._items) > SCAN_AT_MOST:
            return self.by_order.get(wanted)
        agree, ends, cut = _endings(wanted)  # may_fold_to, inline: the text's end
        # the items one of whose orders may fold to the key (the others add nothing below)
        refs, orders = self._texts()
        maybe = [
            k
            for k, (po, so) in enumerate(zip(refs, orders, strict=True))
            if (end := po[cut:]) in agree
            or (end not in ends and end)
            or (end := so[cut:]) in agree
            or (end not in ends and end)
        ]
        found: list[OpenItem] = []
        for k in maybe:  # the item itself (built if lazy) only when an order folds to the key
            po, so = refs[k], orders[k]
            by_po = po and ((end := po[cut:]) in agree or end not in ends) and fold(po) == wanted
            by_so = (
                so
                and so != po
                and ((end := so[cut:]) in agree or end not in ends)
                and fold(so) == wanted
            )
            if (by_po or by_so) and (item := self._items[k]).amount > ZERO:
                if by_po:
                    found.append(item)
                if by_so:
                    found.append(item)
        # as _Multi keeps them: the first item, then every later addition of another item
        return found[:1] + [i for i in found[1:] if i is not found[0]]

    def for_accounts(self, accounts: Iterable[str]) -> list[OpenItem]:
        found: list[OpenItem] = []
        for account in sorted(accounts):
            found.extend(self.by_account.get(account, []))
        return found


class NeedsAllItems(Exception):
    """The matcher asked an ``ExactIndex`` for something only the payer's full index holds."""


class ExactIndex(OpenItemIndex):
    """An index of only the items some references name exactly (by number), for remittances
    whose lines all carry our numbers: it answers ``by_number``, and any other look-up (keys,
    orders, an account's items) raises ``NeedsAllItems``. A match that ran to the end on it
    looked up nothing else, so it is the match the payer's full index gives; one that raised
    is run again on the full index."""

    __slots__ = ()

    @property
    def by_key(self) -> _Multi:
        raise NeedsAllItems("reference keys")

    @property
    def by_order(self) -> _Multi:
        raise NeedsAllItems("order keys")

    def with_key(self, key: str) -> list[OpenItem]:
        raise NeedsAllItems("reference keys")

    def for_order(self, reference: str) -> list[OpenItem]:
        raise NeedsAllItems("order keys")

    def for_accounts(self, accounts: Iterable[str]) -> list[OpenItem]:
        raise NeedsAllItems("the accounts' items")
