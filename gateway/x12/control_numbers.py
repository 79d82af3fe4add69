"""Control numbers for what we send: ISA13, GS06 and ST02, per partner pair, never reused.

``ControlNumbers`` is the interface; the database backs it in production (allocated in the
transaction that records the outbound interchange). ``MemoryControlNumbers`` serves tests and
the command line, where nothing is sent.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Literal, Protocol

Kind = Literal["interchange", "group", "set", "sscc"]
#: The largest value of each kind (ISA13 has 9 digits, GS06 9, ST02 9; SSCC serials 9 digits
#: after a 7-digit GS1 company prefix).
LIMITS: dict[str, int] = {
    "interchange": 999_999_999,
    "group": 999_999_999,
    "set": 999_999_999,
    "sscc": 999_999_999,
}


class ControlNumbers(Protocol):
    def next(self, kind: Kind, sender: str, receiver: str) -> int:
        """The next number of ``kind`` for the pair (sender, receiver), never given before."""
        ...


class MemoryControlNumbers:
    """Counters in memory, starting at ``start``; wraps to 1 after the 9-digit limit."""

    def __init__(self, start: int = 1) -> None:
        self._next: dict[tuple[str, str, str], int] = defaultdict(lambda: start)

    def next(self, kind: Kind, sender: str, receiver: str) -> int:
        key = (kind, sender, receiver)
        value = self._next[key]
        self._next[key] = value + 1 if value < LIMITS[kind] else 1
        return value
