"""Bounded subset-sum for rule SUBSET_SUM: which open items add up to a payment.

Amounts are integers (minor units). The search counts solutions up to two (two is enough to
call a result ambiguous) with a memo of (position, remaining amount) states and stops after
``max_steps`` states; a search cut short is reported as incomplete and must not auto-post.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SubsetSearch:
    solutions: tuple[tuple[int, ...], ...]  # indexes into the values given, at most two
    complete: bool  # False: the step limit cut the search short
    steps: int


class _Cut(Exception):
    pass


def find_subsets(values: Sequence[int], target: int, max_steps: int) -> SubsetSearch:
    """Up to two sets of indexes of positive ``values`` summing to ``target``."""
    order = sorted((i for i, v in enumerate(values) if 0 < v <= target), key=lambda i: -values[i])
    amounts = [values[i] for i in order]
    suffix = [0] * (len(amounts) + 1)
    for pos in range(len(amounts) - 1, -1, -1):
        suffix[pos] = suffix[pos + 1] + amounts[pos]
    memo: dict[tuple[int, int], int] = {}

    def count(pos: int, rest: int) -> int:
        if rest == 0:
            return 1
        if rest < 0 or rest > suffix[pos]:
            return 0
        state = (pos, rest)
        if state in memo:
            return memo[state]
        if len(memo) >= max_steps:
            raise _Cut
        found = min(2, count(pos + 1, rest - amounts[pos]) + count(pos + 1, rest))
        memo[state] = found
        return found

    try:
        total = count(0, target) if target > 0 else 0
    except _Cut:
        return SubsetSearch((), False, len(memo))
    solutions: list[tuple[int, ...]] = []

    def walk(pos: int, rest: int, chosen: tuple[int, ...]) -> None:
        if len(solutions) >= 2 or count(pos, rest) == 0:
            return
        if rest == 0:
            solutions.append(tuple(sorted(order[p] for p in chosen)))
            return
        walk(pos + 1, rest - amounts[pos], (*chosen, pos))
        walk(pos + 1, rest, chosen)

    if total:
        walk(0, target, ())
    return SubsetSearch(tuple(solutions), True, len(memo))
