"""The matcher on generated remittances with known truth (tests/support/remittances.py): at
least 95 % of the lines post on their own, none of them wrongly, every trap is held back, and
the near-reference suggestions put the right invoice first."""

from __future__ import annotations

from collections import Counter

import pytest

from core.domain.matching import match_indexed
from core.domain.matching_index import OpenItemIndex
from core.domain.remittance import LineDecision, MatchSettings, MatchStatus
from tests.support.remittances import Book, Truth, generate


def _judged(book: Book) -> list[tuple[Truth, LineDecision]]:
    settings = MatchSettings()
    index = OpenItemIndex.build(book.items, settings.prefixes)
    pairs: list[tuple[Truth, LineDecision]] = []
    for case in book.cases:
        accounts = book.accounts_of(case.remittance.payer_account)
        result = match_indexed(case.remittance, index, accounts, settings)
        by_line = {d.line_index: d for d in result.decisions}
        pairs.extend((truth, by_line[truth.line_index]) for truth in case.truths)
    return pairs


def _wrong(truth: Truth, decision: LineDecision) -> bool:
    if decision.status is not MatchStatus.AUTO:
        return False
    posted = sorted(a.item_number for a in decision.allocations)
    return not truth.auto or posted != sorted(truth.items)


@pytest.mark.parametrize("seed", [820, 4010])
def test_straight_through_rate_and_no_wrong_match(seed: int) -> None:
    pairs = _judged(generate(seed=seed, remittances=1_000))
    auto = sum(d.status is MatchStatus.AUTO for _, d in pairs)
    wrong = [(t, d) for t, d in pairs if _wrong(t, d)]
    traps = [(t, d) for t, d in pairs if not t.auto]
    rate = auto / len(pairs)
    print(
        f"\nseed {seed}: {len(pairs)} lines, auto {auto} ({rate:.2%}), wrong {len(wrong)}, "
        f"traps {len(traps)} held back {sum(d.status is not MatchStatus.AUTO for _, d in traps)}"
    )
    assert wrong == []
    assert rate >= 0.95
    assert len(traps) > 0 and all(d.status is not MatchStatus.AUTO for _, d in traps)


def test_every_scenario_occurs_and_clean_ones_post() -> None:
    pairs = _judged(generate(seed=7, remittances=1_000))
    seen = Counter(t.scenario for t, _ in pairs)
    posted = Counter(t.scenario for t, d in pairs if d.status is MatchStatus.AUTO)
    for scenario in ("exact", "normalised", "po", "po_all", "discount_in_time", "adx",
                     "overpay", "parent_for_store", "embedded", "same_amount_named",
                     "collision_by_amount", "subset"):  # fmt: skip
        assert seen[scenario] > 0, scenario
        assert posted[scenario] == seen[scenario], scenario
    for trap in ("late_discount", "transposed", "unknown", "collision_same_amount",
                 "store_account_item", "subset_twin"):  # fmt: skip
        assert seen[trap] > 0 and posted[trap] == 0, trap


def test_trap_codes_and_suggestions() -> None:
    pairs = _judged(generate(seed=11, remittances=1_000))
    codes = {(t.scenario, d.code) for t, d in pairs if not t.auto}
    assert {s for s, _ in codes} >= {"late_discount", "transposed", "unknown"}
    expected = {
        "late_discount": "RMT_LATE_DISCOUNT",
        "transposed": "RMT_NEAR_REFERENCE",
        "unknown": "RMT_UNKNOWN_INVOICE",
        "collision_same_amount": "RMT_AMBIGUOUS",
        "store_account_item": "RMT_CROSS_ACCOUNT",
        "subset_twin": "RMT_AMBIGUOUS",
    }
    assert all(code == expected[s] for s, code in codes)
    near = [(t, d) for t, d in pairs if t.scenario == "transposed"]
    assert all(d.candidates[0].item_numbers == t.items for t, d in near)
