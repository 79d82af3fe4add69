"""The cash-application benchmark's yardstick: the bare dictionary match, best of its runs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import bench.matching as bm


def test_yardstick_counts_references_that_are_item_numbers() -> None:
    book = bm.build(200, 2_000, 820)
    numbers = {i.number for i in book.items}
    expected = sum(ln.reference in numbers for c in book.cases for ln in c.remittance.lines)
    _, found = bm.bare_match(book, runs=1)
    assert found == expected
    assert 0 < found < sum(len(c.remittance.lines) for c in book.cases)


def test_yardstick_keeps_the_fastest_run(monkeypatch: pytest.MonkeyPatch) -> None:
    # three runs lasting 3, 1 and 2 seconds by the clock the bench reads
    ticks: Iterator[float] = iter([0.0, 3.0, 10.0, 11.0, 20.0, 22.0])
    monkeypatch.setattr(bm.time, "perf_counter", lambda: next(ticks))
    seconds, _ = bm.bare_match(bm.build(20, 200, 820), runs=3)
    assert seconds == 1.0
