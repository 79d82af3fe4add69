"""Items built on first access (``core.domain.lazy_items``) and the matcher's index over them:
each item is built once and only when asked for, and an index of lazy items answers every
look-up, and every match, with the items an index of the built list gives."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from core.domain.lazy_items import ItemRows, LazyItems, joined
from core.domain.matching import match_indexed, match_remittance
from core.domain.matching_index import OpenItemIndex
from core.domain.receivables import OpenItem
from core.domain.remittance import MatchSettings
from tests.support.remittances import generate


class _Counted:
    """Rows of ``items`` whose builds are counted."""

    def __init__(self, items: list[OpenItem]) -> None:
        self.items, self.built = items, [0] * len(items)
        self.rows = ItemRows(list(range(len(items))), self._build)

    def _build(self, k: int) -> OpenItem:
        self.built[k] += 1
        return replace(self.items[k])  # a new object, as a reader's build makes one

    def lazy(self, positions: list[int]) -> LazyItems:
        items = [self.items[k] for k in positions]
        return LazyItems(
            self.rows, positions, [i.number for i in items], [i.reference for i in items],
            [i.order_number for i in items],
        )  # fmt: skip


def test_an_item_is_built_once_when_first_asked_for() -> None:
    book = generate(seed=5, remittances=3, distractors=2)
    rows = _Counted(book.items[:6])
    part = rows.lazy([4, 1, 2])
    assert rows.built == [0] * 6 and len(part) == 3
    first = part[0]
    assert first == book.items[4] and rows.built == [0, 0, 0, 0, 1, 0]
    assert part[0] is first and next(iter(part)) is first and rows.built[4] == 1
    assert part[1:] == [book.items[1], book.items[2]]
    assert rows.built == [0, 1, 1, 0, 1, 0]
    assert rows.lazy([4])[0] is first  # the same rows: the same item in every part


def test_joined_parts_of_the_same_rows_stay_lazy() -> None:
    book = generate(seed=5, remittances=3, distractors=2)
    rows = _Counted(book.items[:6])
    a, b = rows.lazy([0, 1]), rows.lazy([3])
    both = joined([a, (), b, []])
    assert isinstance(both, LazyItems) and both.positions == [0, 1, 3]
    assert both.numbers == [book.items[k].number for k in (0, 1, 3)]
    assert rows.built == [0] * 6
    assert joined([(), a]) is a
    assert joined([]) == [] and joined([(), []]) == []
    other = _Counted(book.items[:6]).lazy([2])
    mixed = joined([a, other])
    assert mixed == [book.items[0], book.items[1], book.items[2]]
    assert joined([a, [book.items[5]]]) == [book.items[0], book.items[1], book.items[5]]


def test_an_index_of_lazy_items_answers_as_one_of_the_items() -> None:
    """Per payer of a generated book: numbers, reference keys, orders and accounts looked up
    on lazy items and on the list give equal items; a number or key lookup builds only what
    it returns; each remittance matches the same."""
    book = generate(seed=11, remittances=300, distractors=3)
    items = [i for i in book.items if i.open_amount]
    s = MatchSettings()
    by_account: dict[str, list[int]] = {}
    for k, item in enumerate(items):
        by_account.setdefault(item.customer_account, []).append(k)
    others = [r for i in items[:40] for r in (i.number, i.reference, i.order_number)]
    for case in book.cases:
        accounts = book.accounts_of(case.remittance.payer_account)
        positions = [k for a in sorted(accounts) for k in by_account.get(a, [])]
        own = [items[k] for k in positions]
        rows = _Counted(items)
        lazy = OpenItemIndex.build(rows.lazy(positions), s.prefixes)
        eager = OpenItemIndex.build(own, s.prefixes)
        texts = [r for i in own for r in (i.number, i.reference, i.order_number)] + others
        for text in texts:
            assert lazy.by_number.get(text) == eager.by_number.get(text)
            assert (text in lazy.by_number) is (text in eager.by_number)
            found = lazy.with_key(lazy.key(text))
            assert found == eager.with_key(eager.key(text))
            assert lazy.for_order(text) == eager.for_order(text)
        assert sum(rows.built) <= len(own)  # each built at most once
        assert all(rows.built[k] == 0 for k in set(range(len(items))) - set(positions))
        assert lazy.for_accounts(accounts) == eager.for_accounts(accounts)
        assert lazy.with_keys(["1", lazy.key(own[0].number) if own else ""]) == eager.with_keys(
            ["1", eager.key(own[0].number) if own else ""]
        )
        rows = _Counted(items)
        assert match_remittance(case.remittance, rows.lazy(positions), accounts, s) == (
            match_indexed(case.remittance, OpenItemIndex.build(own, s.prefixes), accounts, s)
        )


def test_a_number_lookup_builds_only_that_item() -> None:
    book = generate(seed=5, remittances=20, distractors=4)
    items = [i for i in book.items if i.open_amount][:30]
    rows = _Counted(items)
    index = OpenItemIndex.build(rows.lazy(list(range(len(items)))), ("INV",))
    assert index.by_number[items[7].number] == items[7]
    assert index.by_number.get("none") is None and len(index.by_number) == len(items)
    assert list(index.by_number) == [i.number for i in items]
    assert rows.built == [1 if k == 7 else 0 for k in range(len(items))]


def test_an_order_lookup_builds_only_items_one_of_whose_orders_folds_to_the_key() -> None:
    book = generate(seed=5, remittances=2, distractors=0)
    base = book.items[0]
    refs = [("PO-1", "SO-1"), ("PO-21", ""), ("po 1", "PO-1"), ("X", "1"), ("PO-1", "")]
    items = [
        replace(base, number=f"INV-{n}", reference=po, order_number=so,
                amount=Decimal(-5) if n == 4 else base.amount)
        for n, (po, so) in enumerate(refs)
    ]  # fmt: skip
    rows = _Counted(items)
    found = OpenItemIndex.build(rows.lazy(list(range(len(items)))), ("INV",)).for_order("PO 1")
    assert found == OpenItemIndex.build(items, ("INV",)).for_order("PO 1")
    assert [i.number for i in found] == [
        "INV-0",
        "INV-2",
        "INV-2",
        "INV-3",
    ]  # as the map keeps them
    # INV-1 ends as the key does but folds to 21: not built; INV-4 (a credit) is, to tell it
    assert rows.built == [1, 0, 1, 1, 1]
