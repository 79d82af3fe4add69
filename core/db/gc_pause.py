"""Keep the cyclic garbage collector out of a unit of work's flush.

A flush makes tens of thousands of short-lived tuples (row values, transposed columns) that are
freed by reference counting as soon as the driver has them; none of them forms a cycle. While
they are alive they still count as allocations, so the collector runs young-generation passes
and, now and then, a full pass over every live object of the batch. ``paused`` switches
automatic collection off for the block and back on afterwards, only if it was on (nested or
concurrent pauses never switch it on early for a caller that had it off).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
