"""``ExactIndex``: a match that needs nothing but items looked up by the numbers the lines name
is the match of the payer's full index; any other look-up raises ``NeedsAllItems`` (and
``apply_remittances`` then reads all the payer's items)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from core.domain.matching import match_indexed, match_remittance
from core.domain.matching_index import ExactIndex, NeedsAllItems, OpenItemIndex
from core.domain.receivables import OpenItem
from core.domain.remittance import MatchSettings
from tests.support.remittances import Book, generate

SETTINGS = MatchSettings()


def _by_account(book: Book) -> dict[str, list[OpenItem]]:
    found: dict[str, list[OpenItem]] = {}
    for item in book.items:
        found.setdefault(item.customer_account, []).append(item)
    return found


def test_every_lookup_but_by_number_raises() -> None:
    book = generate(seed=5, remittances=3, distractors=2)
    index = ExactIndex.build(book.items, SETTINGS.prefixes)
    first = book.items[0]
    assert index.by_number[first.number] is first
    for ask in (
        lambda: index.with_key("123"),
        lambda: index.with_keys(["123"]),
        lambda: index.by_key,
        lambda: index.by_order,
        lambda: index.for_order("PO-1"),
        lambda: index.for_accounts([first.customer_account]),
    ):
        with pytest.raises(NeedsAllItems):
            ask()


def test_a_match_that_completes_on_the_named_items_is_the_full_match() -> None:
    """Over a generated book with every kind of line: each remittance matched on only the items
    its references name either raises or gives exactly the full index's result; enough of them
    complete for the shortcut to matter."""
    book = generate(seed=11, remittances=600, distractors=6)
    items_of = _by_account(book)
    by_number = {i.number: i for i in book.items}
    completed = raised = 0
    for case in book.cases:
        remittance = case.remittance
        accounts = book.accounts_of(remittance.payer_account)
        mine = [i for a in sorted(accounts) for i in items_of.get(a, [])]
        full = match_remittance(remittance, mine, accounts, SETTINGS)
        named = [
            i
            for ln in remittance.lines
            if (i := by_number.get(ln.reference.strip())) and i.customer_account in accounts
        ]
        try:
            quick = match_indexed(
                remittance, ExactIndex.build(named, SETTINGS.prefixes), accounts, SETTINGS
            )
        except NeedsAllItems:
            raised += 1
            continue
        completed += 1
        assert quick == full, remittance.trace
    assert completed > 100 and raised > 100


def test_an_item_of_another_customer_is_not_in_the_exact_index_of_the_payer() -> None:
    """A reference naming another customer's item: the full index of the payer does not hold
    it, so the match goes on to the other rules (and needs all items)."""
    book = generate(seed=5, remittances=40, distractors=2)
    case = next(c for c in book.cases if c.remittance.lines)
    remittance = case.remittance
    foreign = next(i for i in book.items if i.customer_account == "C99999")
    line = replace(remittance.lines[0], reference=foreign.number)
    remittance = replace(remittance, lines=(line,), payment_amount=line.amount_paid)
    accounts = book.accounts_of(remittance.payer_account)
    named = [i for i in (foreign,) if i.customer_account in accounts]
    with pytest.raises(NeedsAllItems):
        match_indexed(remittance, ExactIndex.build(named, SETTINGS.prefixes), accounts, SETTINGS)
    full = OpenItemIndex.build(
        [i for i in book.items if i.customer_account in accounts], SETTINGS.prefixes
    )
    assert foreign.number not in full.by_number
