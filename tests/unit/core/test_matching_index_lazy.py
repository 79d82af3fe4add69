"""The matcher's index builds its key maps on first use and answers an order lookup by a scan
before it has built the order map (``OpenItemIndex.for_order``, ``may_fold_to``): the answers
must be those of the maps built at once, item for item and in the same order, and so must the
matches."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from core.domain.matching import match_indexed, match_remittance
from core.domain.matching_index import ORDER_PREFIXES, OpenItemIndex, _endings
from core.domain.receivables import OpenItem
from core.domain.references import may_fold_to, reference_key
from core.domain.remittance import MatchSettings
from tests.support.remittances import generate

texts = st.text(alphabet="PO0123-/ #abcINVSı²ß9", max_size=12)


@settings(max_examples=500, deadline=None)
@given(text=texts, prefixes=st.sampled_from([(), ORDER_PREFIXES, ("INVOICENO", "INV", "#")]))
def test_a_text_may_always_fold_to_its_own_key(text: str, prefixes: tuple[str, ...]) -> None:
    key = reference_key(text, prefixes)
    if key:
        assert may_fold_to(text, key)


def _orders_at_once(index: OpenItemIndex, reference: str) -> list[OpenItem]:
    return index.by_order.get(reference_key(reference, ORDER_PREFIXES))


@settings(max_examples=200, deadline=None)
@given(
    refs=st.lists(st.tuples(texts, texts), min_size=1, max_size=8),
    asked=st.lists(texts, min_size=1, max_size=5),
)
def test_order_lookup_by_scan_is_the_order_map(
    refs: list[tuple[str, str]], asked: list[str]
) -> None:
    """Items whose purchase and sales orders collide (the same item twice under one key, two
    items under one key, credits left out) are found as the order map finds them."""
    book = generate(seed=3, remittances=2, distractors=0)
    base = book.items[0]
    items = [
        replace(base, number=f"INV-{n}", reference=po, order_number=so,
                amount=Decimal(-5) if n % 5 == 4 else base.amount)
        for n, (po, so) in enumerate(refs)
    ]  # fmt: skip
    for reference in asked:
        lazy = OpenItemIndex.build(items, ("INV",))
        eager = OpenItemIndex.build(items, ("INV",))
        assert lazy.for_order(reference) == _orders_at_once(eager, reference)


def test_generated_book_matches_the_same_with_either_index() -> None:
    """Every order reference of a generated book, looked up by scan and by map; and each
    remittance matched on its payer's items the same with maps built lazily or at once."""
    book = generate(seed=11, remittances=300, distractors=3)
    by_account: dict[str, list[OpenItem]] = {}
    for item in book.items:
        by_account.setdefault(item.customer_account, []).append(item)
    others = [r for i in book.items[:40] for r in (i.reference, i.order_number)]
    for items in by_account.values():  # one payer's items at a time: small enough to scan
        lazy = OpenItemIndex.build(items, ("INV",))
        eager = OpenItemIndex.build(items, ("INV",))
        eager.by_order  # noqa: B018 - build the order map first
        for reference in [r for i in items for r in (i.reference, i.order_number)] + others:
            assert lazy.for_order(reference) == eager.for_order(reference)
    prefixes = MatchSettings().prefixes
    for items in by_account.values():  # reference keys: scanned (lazy) and from the map
        eager = OpenItemIndex.build(items, prefixes)
        eager.by_key  # noqa: B018 - build the key map first
        refs = [i.number for i in items] + [i.number for i in book.items[:40]] + ["", "-", "0"]
        for key in {eager.key(r) for r in refs} | {eager.key(r) + "1" for r in refs}:
            scanned = OpenItemIndex.build(items, prefixes).with_key(key)
            assert scanned == eager.with_key(key) == eager.by_key.get(key)
            both = OpenItemIndex.build(items, prefixes).with_keys([key, "1"])
            assert both == eager.with_key(key) + eager.with_key("1")
    s = MatchSettings()
    for case in book.cases:
        accounts = book.accounts_of(case.remittance.payer_account)
        own = [i for a in sorted(accounts) for i in by_account.get(a, [])]
        built = OpenItemIndex.build(own, s.prefixes)
        built.by_key, built.by_order  # noqa: B018 - both maps built before matching
        lazily = match_remittance(case.remittance, own, accounts, s)
        assert lazily == match_indexed(case.remittance, built, accounts, s)


wide = st.text(alphabet="PO0123-/ #abcINVSı²ß9٣ﬀ", max_size=12)


@settings(max_examples=1_500, deadline=None)
@given(text=wide, prefixes=st.sampled_from([(), ORDER_PREFIXES, ("INVOICENO", "INV", "#")]))
def test_a_text_always_ends_as_its_key_allows(text: str, prefixes: tuple[str, ...]) -> None:
    """The scans skip a text whose last one or two characters rule its key out
    (``_endings``): never one whose key it is."""
    key = reference_key(text, prefixes)
    if key:
        agree, ends, cut = _endings(key)
        assert text[cut:] in agree or text[cut:] not in ends


@settings(max_examples=300, deadline=None)
@given(
    numbers=st.lists(wide, min_size=1, max_size=8),
    asked=st.lists(wide, min_size=1, max_size=4),
    prefixes=st.sampled_from([(), ORDER_PREFIXES, ("INVOICENO", "INV", "#")]),
)
def test_key_lookup_by_scan_is_the_key_map(
    numbers: list[str], asked: list[str], prefixes: tuple[str, ...]
) -> None:
    book = generate(seed=3, remittances=2, distractors=0)
    items = [replace(book.items[0], number=n) for n in numbers]
    for text in [*asked, *numbers]:  # the numbers' own keys too
        eager = OpenItemIndex.build(items, prefixes)
        key = eager.key(text)
        assert OpenItemIndex.build(items, prefixes).with_key(key) == eager.by_key.get(key)
