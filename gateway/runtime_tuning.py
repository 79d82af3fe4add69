"""Process-wide settings of a long-running gateway process: the cyclic garbage collector.

The ledger's units of work make many short-lived objects (order lines, journal lines, row
tuples) and keep a batch's documents alive until the flush; with Python's default thresholds the
collector runs a young pass every 700 allocations and keeps re-scanning the modules, classes and
configuration loaded at start-up in its full passes. ``tune_gc`` is called once start-up is
done: ``gc.freeze()`` moves everything alive then into the permanent generation (never scanned
again), and a higher young-generation threshold makes the young passes rarer. Collection stays
on: cycles are still found, only less often. Settings of the process, so they belong to the
application (``o2c run``, ``o2c demo``), not to the ledger library.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass

YOUNG_THRESHOLD = 50_000
"""Allocations (net of frees) between two young-generation passes (Python's default is 700)."""


@dataclass(frozen=True, slots=True)
class GcSettings:
    """The collector's thresholds after ``tune_gc`` and how many objects it froze."""

    thresholds: tuple[int, int, int]
    frozen: int


def tune_gc(young_threshold: int = YOUNG_THRESHOLD) -> GcSettings:
    """Freeze the objects alive now and raise the young-generation threshold (the older
    generations' thresholds stay as they are). Returns the settings now in force."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(young_threshold, middle, old)
    return GcSettings(gc.get_threshold(), gc.get_freeze_count())
