"""Bounded subset-sum for rule SUBSET_SUM: which open items add up to a payment.

Amounts are integers (minor units). The search counts solutions up to two (two is enough to
call a result ambiguous). Up to ``MEET_IN_THE_MIDDLE`` values it lists the sums of each half
and pairs them (at most 2 x 2^(n/2) sums); beyond, it walks a memo of (position, remaining
amount) states. Either stops after ``max_steps`` sums or states; a search cut short is reported
as incomplete and must not auto-post.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SubsetSearch:
    solutions: tuple[tuple[int, ...], ...]  # indexes into the values given, at most two
    complete: bool  # False: the step limit cut the search short
    steps: int


MEET_IN_THE_MIDDLE = 24


class _Cut(Exception):
    pass


def _half_sums(values: list[int], target: int, budget: int) -> list[int]:
    """Subset sums of ``values`` up to ``target``, in the order listed, each packed with its
    bit mask in one integer (the sum above the ``len(values)`` mask bits: the packed order is
    the sums' order, and adding a value and its bit is one addition)."""
    width = len(values)
    low = (1 << width) - 1
    packed = [0]
    for bit, value in enumerate(values):
        limit, add = (target - value) << width | low, value << width | 1 << bit
        packed += [p + add for p in packed if p <= limit]  # the sums listed so far, in order
        if len(packed) > budget:
            raise _Cut
    return packed


def _masks(packed: list[int], sums: list[int], width: int, x: int) -> list[int]:
    """The first two masks (in the order listed) of the subsets that sum to ``x``; ``sums``
    are the sums of ``packed`` (``p >> width``), searched by ``list.index``."""
    found: list[int] = []
    start = 0
    low = (1 << width) - 1
    while len(found) < 2:
        try:
            start = sums.index(x, start)
        except ValueError:
            break
        found.append(packed[start] & low)
        start += 1
    return found


def _meet(amounts: list[int], target: int, max_steps: int) -> tuple[list[tuple[int, ...]], int]:
    """Up to two solutions as positions in ``amounts``, and the number of distinct sums."""
    half = len(amounts) // 2
    width = len(amounts) - half
    left = _half_sums(amounts[:half], target, max_steps)
    sums = [p >> half for p in left]
    listed = len(set(sums))
    right = _half_sums(amounts[half:], target, max_steps - listed)
    right_sums = [p >> width for p in right]
    other = set(right_sums)
    steps = listed + len(other)
    found: list[tuple[int, ...]] = []
    for x in dict.fromkeys([x for x in sums if target - x in other]):  # first listed first
        for low in _masks(left, sums, half, x):
            for high in _masks(right, right_sums, width, target - x):
                mask = low | high << half
                found.append(tuple(p for p in range(len(amounts)) if mask >> p & 1))
                if len(found) == 2:
                    return found, steps
    return found, steps


def find_subsets(values: Sequence[int], target: int, max_steps: int) -> SubsetSearch:
    """Up to two sets of indexes of positive ``values`` summing to ``target``."""
    order = sorted((i for i, v in enumerate(values) if 0 < v <= target), key=lambda i: -values[i])
    amounts = [values[i] for i in order]
    if len(amounts) <= MEET_IN_THE_MIDDLE:
        try:
            found, steps = _meet(amounts, target, max_steps) if target > 0 else ([], 0)
        except _Cut:
            return SubsetSearch((), False, max_steps)
        return SubsetSearch(_as_indexes(order, found), True, steps)
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
            solutions.append(chosen)
            return
        walk(pos + 1, rest - amounts[pos], (*chosen, pos))
        walk(pos + 1, rest, chosen)

    if total:
        walk(0, target, ())
    return SubsetSearch(_as_indexes(order, solutions), True, len(memo))


def _as_indexes(order: list[int], found: list[tuple[int, ...]]) -> tuple[tuple[int, ...], ...]:
    """Positions in the sorted amounts back to indexes of the values given, sorted."""
    return tuple(sorted(tuple(sorted(order[p] for p in f)) for f in found))
