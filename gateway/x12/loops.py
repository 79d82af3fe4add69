"""Loop depth of segments, for display: which segments open loops in the common retail sets.

A small table per transaction set (X12 004010 and 005010 layouts of 810, 820, 850, 855, 856,
997 and 999): each loop-opening segment with the loops it may sit in, innermost first (``""``
for the set's top level). This serves ``o2c x12 show`` only; validation uses the maps in
schemas/x12. In an 856 the HL loops nest by HL02, the parent's HL01.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from gateway.x12.segment import Segment

_DETAIL = ("PO1", "IT1", "ENT", "RMR", "")
LOOP_HEADS: dict[str, dict[str, tuple[str, ...]]] = {
    "850": {
        "N9": ("PO1", ""),
        "N1": ("PO1", ""),
        "PO1": ("",),
        "PID": ("PO1",),
        "SAC": ("PO1", ""),
        "SLN": ("PO1",),
        "SCH": ("PO1",),
        "CTT": ("",),
    },
    "855": {"N1": ("PO1", ""), "PO1": ("",), "ACK": ("PO1",), "PID": ("PO1",), "CTT": ("",)},
    "856": {"HL": ("",), "N1": ("HL",), "CTT": ("",)},
    "810": {
        "N1": ("IT1", ""),
        "IT1": ("",),
        "PID": ("IT1",),
        "SAC": ("IT1", ""),
        "SLN": ("IT1",),
        "CTT": ("",),
    },
    "820": {
        "N1": ("ENT", ""),
        "ENT": ("",),
        "NM1": ("ENT",),
        "ADX": ("RMR", "ENT", ""),
        "RMR": ("ENT", ""),
        "IT1": ("RMR",),
    },
    "997": {"AK2": ("",), "AK3": ("AK2",)},
    "999": {"AK2": ("",), "IK3": ("AK2",)},
}


class LoopTracker:
    """Follows one transaction set segment by segment and tells each segment's loop depth."""

    def __init__(self, set_id: str) -> None:
        self._heads = LOOP_HEADS.get(set_id, {})
        self._stack: list[str] = []
        self._hl_depth: dict[str, int] = {}

    def depth(self, segment: Segment) -> int:
        """The loop depth of ``segment`` (0 = set level), given the segments before it."""
        tag = segment.tag
        stack = self._stack
        if tag in ("ST", "SE"):
            stack.clear()
            return 0
        parents = self._heads.get(tag)
        if parents is None:
            return len(stack)
        if tag == "HL":
            parent = segment.get(2)
            depth = self._hl_depth.get(parent, 0) + 1 if parent else 1
            self._hl_depth[segment.get(1)] = depth
            self._stack = ["HL"] * depth
            return depth - 1
        for parent in parents:
            if parent == "":
                stack.clear()
                break
            if parent in stack:
                last = len(stack) - 1 - stack[::-1].index(parent)
                del stack[last + 1 :]
                break
        else:
            stack.clear()
        depth = len(stack)
        stack.append(tag)
        return depth


def loop_depths(set_id: str, segments: Iterable[Segment]) -> Iterator[tuple[Segment, int]]:
    """Each segment of a transaction set (ST..SE) with its loop depth (0 = set level)."""
    tracker = LoopTracker(set_id)
    for segment in segments:
        yield segment, tracker.depth(segment)
