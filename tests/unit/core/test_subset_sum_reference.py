"""``find_subsets`` against the former meet-in-the-middle search, kept here as the reference:
the same solutions, completeness and step count (the steps are evidence a clerk sees) on random
values with repeats, targets and step limits that cut the search short."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from core.domain.subset_sum import MEET_IN_THE_MIDDLE, SubsetSearch, find_subsets


class _Cut(Exception):
    pass


def _half_sums(values: list[int], target: int, budget: int) -> dict[int, list[int]]:
    """Subset sums of ``values`` up to ``target`` -> up to two bit masks that make them."""
    sums, masks = [0], [0]
    for bit, value in enumerate(values):
        limit, flag = target - value, 1 << bit
        fits = [n for n, x in enumerate(sums) if x <= limit]  # the sums listed so far, in order
        sums += [sums[n] + value for n in fits]
        masks += [masks[n] | flag for n in fits]
        if len(sums) > budget:
            raise _Cut
    found: dict[int, list[int]] = {}
    for x, m in zip(sums, masks, strict=True):
        kept = found.setdefault(x, [])
        if len(kept) < 2:
            kept.append(m)
    return found


def _meet(amounts: list[int], target: int, max_steps: int) -> tuple[list[tuple[int, ...]], int]:
    """Up to two solutions as positions in ``amounts``, and the number of sums listed."""
    half = len(amounts) // 2
    left = _half_sums(amounts[:half], target, max_steps)
    right = _half_sums(amounts[half:], target, max_steps - len(left))
    found: list[tuple[int, ...]] = []
    for x, lows in left.items():
        for low in lows:
            for high in right.get(target - x, ()):
                mask = low | high << half
                found.append(tuple(p for p in range(len(amounts)) if mask >> p & 1))
                if len(found) == 2:
                    return found, len(left) + len(right)
    return found, len(left) + len(right)


def reference(values: list[int], target: int, max_steps: int) -> SubsetSearch:
    """The former search, for at most ``MEET_IN_THE_MIDDLE`` positive values."""
    order = sorted((i for i, v in enumerate(values) if 0 < v <= target), key=lambda i: -values[i])
    amounts = [values[i] for i in order]
    assert len(amounts) <= MEET_IN_THE_MIDDLE
    try:
        found, steps = _meet(amounts, target, max_steps) if target > 0 else ([], 0)
    except _Cut:
        return SubsetSearch((), False, max_steps)
    return SubsetSearch(
        tuple(sorted(tuple(sorted(order[p] for p in f)) for f in found)), True, steps
    )


VALUES = st.lists(st.integers(-5, 60), max_size=MEET_IN_THE_MIDDLE)


@settings(max_examples=1500, deadline=None)
@given(VALUES, st.integers(-5, 400), st.integers(1, 3000))
@example([10, 10, 10, 20, 20, 30], 30, 1000)  # several sums made three ways
@example([5] * 12, 25, 200_000)
@example([5] * 12, 25, 100)  # cut short
def test_find_subsets_is_the_former_search(values: list[int], target: int, steps: int) -> None:
    assert find_subsets(values, target, steps) == reference(values, target, steps)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(1, 100_000), min_size=14, max_size=MEET_IN_THE_MIDDLE), st.data())
def test_find_subsets_on_cent_amounts(values: list[int], data: st.DataObject) -> None:
    """Amounts like invoices in cents, the target a sum of some of them (or near one)."""
    chosen = data.draw(st.lists(st.sampled_from(range(len(values))), unique=True, max_size=8))
    target = sum(values[i] for i in chosen) + data.draw(st.sampled_from([0, 0, 1, -1]))
    assert find_subsets(values, target, 200_000) == reference(values, target, 200_000)
