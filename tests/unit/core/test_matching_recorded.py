"""The matcher's decisions on a generated book are the ones recorded before its fourth
performance round (2026-12-07): every ``MatchResult`` (rules, evidence, ranked candidates,
allocations, amounts down to their exponents) printed with ``repr`` and hashed, once matched on
an index of the whole book and once per payer as ``apply_remittances`` does it (first on the
items the references name, ``ExactIndex``, else on all the payer's items). A change to what the
matcher decides changes the digest; a change meant to decide the same must keep it."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from core.domain.matching import match_indexed, match_named, match_remittance
from core.domain.matching_index import ExactIndex, NeedsAllItems, OpenItemIndex
from core.domain.receivables import OpenItem
from core.domain.remittance import ZERO, MatchResult, MatchSettings, RemittanceInput
from tests.support.remittances import Book, generate

WHOLE_BOOK = "52d2df30bfd8ca610db417a39f57318202daa6b7bbc333378e7e9c7caee7dbb7"
PER_PAYER = "7f6c8c2a3826ec918d54d2c0c4026597afba314aaedc708dddd48aa03f638ece"


def _digest(results: list[MatchResult]) -> str:
    return hashlib.sha256("\n".join(map(repr, results)).encode()).hexdigest()


def _exact_references(remittance: RemittanceInput) -> set[str] | None:
    """As ``apply_remittances`` chose them when the digests were recorded: the references of a
    remittance with lines, none of them a purchase order, that cover the payment."""
    lines = remittance.lines
    if not lines or any(ln.qualifier == "PO" for ln in lines):
        return None
    if sum((ln.amount_paid for ln in lines), ZERO) < remittance.payment_amount:
        return None
    return {ln.reference.strip() for ln in lines}


def _book() -> Book:
    return generate(seed=820, remittances=1_500, distractors=6)


def test_whole_book_index_decides_as_recorded() -> None:
    book, settings = _book(), MatchSettings()
    index = OpenItemIndex.build(book.items, settings.prefixes)
    results = [
        match_indexed(c.remittance, index, book.accounts_of(c.remittance.payer_account), settings)
        for c in book.cases
    ]
    assert _digest(results) == WHOLE_BOOK


def _per_payer(named_first: bool) -> list[MatchResult]:
    book, settings = _book(), MatchSettings()
    invoiced = {c.account: c.invoice_account for c in book.customers}
    by_account: dict[str, list[OpenItem]] = {}
    for item in sorted(book.items, key=lambda i: (i.doc_date, i.number)):
        by_account.setdefault(item.customer_account, []).append(item)
    by_number = {i.number: i for i in book.items if i.open_amount}
    results = []
    for case in book.cases:
        payer = invoiced[case.remittance.payer_account]
        remittance, accounts = (
            replace(case.remittance, payer_account=payer),
            book.accounts_of(payer),
        )
        refs = _exact_references(remittance)
        if refs is not None:
            named = [
                i
                for r in sorted(refs)
                if (i := by_number.get(r)) and i.customer_account in accounts
            ]
            if named_first:  # as apply_remittances now asks
                result = match_named(remittance, named, refs, accounts, settings)
                if result is not None:
                    results.append(result)
                    continue
            else:
                try:
                    index = ExactIndex.build(named, settings.prefixes)
                    results.append(match_indexed(remittance, index, accounts, settings))
                    continue
                except NeedsAllItems:
                    pass
        items = [i for a in sorted(accounts) for i in by_account.get(a, [])]
        results.append(match_remittance(remittance, items, accounts, settings))
    return results


def test_per_payer_match_decides_as_recorded() -> None:
    assert _digest(_per_payer(named_first=False)) == PER_PAYER


def test_match_named_decides_as_recorded() -> None:
    """``match_named`` (which does not try a remittance whose references name items not read)
    gives the same results."""
    assert _digest(_per_payer(named_first=True)) == PER_PAYER
