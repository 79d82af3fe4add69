"""Where each segment of a transaction set goes in its map: the validator's loop state machine.

A walk through a set follows the map as a stack of loop frames: a segment ID is looked for from
the current child forward in the innermost loop, then outward; a loop's opening segment starts a
new iteration. A ``Place`` is one state of that walk (the open loops, innermost last, and in
each the index of the child seen last); a ``Move`` is what one segment ID does from a place:
which frame it lands in, the place after it, the segment definition to check its elements
against, and the structural findings it causes, as ``Note``s to be given a location.

Whether a loop or segment went over its maximum depends on how many times in a row it came, so
a move only says which frame counts it and its limit; the walker keeps the counts. Everything
else depends on the place and the ID alone, so each move is worked out once and kept on its
place: a set is then walked with one dictionary look-up per segment. The places are bounded by
the map's shape; moves are kept only for IDs the set defines (other IDs are errors, worked out
each time), so memory stays bounded whatever the input.
"""

from __future__ import annotations

from collections.abc import Callable

from gateway.x12.specs import LoopSpec, SegmentSpec, SetSpec

#: A structural finding without its location: (problem code, sentence, segment ID, loop, AK3
#: code). The loop is the ID of the loop's opening segment, None at the set's top level.
Note = tuple[str, str, str, str | None, str]
#: True when a segment's elements are clean for its definition (see ``fastcheck``).
Checker = Callable[[list[str]], bool]
#: The checkers of a definition by number of elements (``fastcheck.Checkers``).
Checkers = dict[int, Checker]


class LoopPlan:
    """A loop spec prepared for walking: child indexes by segment ID, required children."""

    __slots__ = ("children", "index_of", "loop_id", "required")

    def __init__(self, spec: LoopSpec, top: bool) -> None:
        self.children = spec.children
        self.loop_id = None if top else spec.head.tag
        index_of: dict[str, list[int]] = {}
        for i, child in enumerate(spec.children):
            if i:
                tag = child.tag if isinstance(child, SegmentSpec) else child.head.tag
                index_of.setdefault(tag, []).append(i)
        self.index_of = {tag: tuple(found) for tag, found in index_of.items()}
        self.required = tuple(
            i for i, child in enumerate(spec.children) if i and child.usage == "R"
        )


Frames = tuple[tuple[LoopPlan, int], ...]


class Move:
    """What a segment ID does from a place (see the module docstring).

    ``depth`` is the frame the segment lands in (-1: nowhere, the segment is out of place);
    ``same`` tells that it lands on the child seen last there (so it counts as a repeat);
    ``limit`` is that child's maximum use (segment) or repeat (loop) and ``overflow`` the note
    for going over it; ``notes`` come before the segment's own findings; ``loop`` is the loop
    the segment's element findings belong to. When ``depth`` is -1 only ``after`` (the same
    place) and ``notes`` mean anything.
    """

    __slots__ = ("after", "checks", "depth", "limit", "loop", "notes", "overflow", "same", "spec")

    def __init__(
        self,
        after: Place,
        depth: int,
        notes: tuple[Note, ...],
        spec: SegmentSpec | None,
        checks: Checkers,
        same: bool,
        limit: int,
        overflow: Note,
    ) -> None:
        self.after = after
        self.depth = depth
        self.notes = notes
        self.spec = spec
        self.checks = checks
        self.same = same
        self.limit = limit
        self.overflow = overflow
        self.loop = after.frames[-1][0].loop_id


class Place:
    """One state of a walk: the open loops with the index of the child seen last in each."""

    __slots__ = ("ends", "frames", "moves")

    def __init__(self, frames: Frames) -> None:
        self.frames = frames
        self.moves: dict[str, Move] = {}
        self.ends: dict[str, tuple[Note, ...]] = {}


class PlaceMap:
    """The places and moves of one set spec, built on first use; ``start`` is just after ST.

    ``checkers`` gives the element checkers of a segment definition, kept on the moves.
    """

    def __init__(self, spec: SetSpec, checkers: Callable[[SegmentSpec], Checkers]) -> None:
        self.spec = spec
        self.checkers = checkers
        self._plans: dict[int, LoopPlan] = {}
        self._places: dict[Frames, Place] = {}
        self.start = self._place(((self._plan(spec.root), 0),))
        self.depth = _depth(spec.root)

    def _plan(self, loop: LoopSpec) -> LoopPlan:
        found = self._plans.get(id(loop))
        if found is None:
            found = self._plans[id(loop)] = LoopPlan(loop, loop is self.spec.root)
        return found

    def _place(self, frames: Frames) -> Place:
        found = self._places.get(frames)
        if found is None:
            found = self._places[frames] = Place(frames)
        return found

    def move(self, place: Place, tag: str) -> Move:
        """The move of segment ID ``tag`` from ``place`` (kept when the set defines ``tag``)."""
        found = place.moves.get(tag)
        if found is None:
            found = self._work_out(place, tag)
            if tag in self.spec.segment_tags:
                place.moves[tag] = found
        return found

    def end(self, place: Place, tag: str) -> tuple[Note, ...]:
        """The notes when the set ends at ``place`` with a trailer of ID ``tag`` (SE)."""
        found = place.ends.get(tag)
        if found is None:
            frames = list(place.frames)
            notes: list[Note] = []
            _leave(frames, 0, tag, notes)
            root, index = frames[0]
            _missing(root, index, len(root.children) - 1, tag, frames, notes)  # last is SE
            found = tuple(notes)
            if tag == "SE":
                place.ends[tag] = found
        return found

    def _work_out(self, place: Place, tag: str) -> Move:
        frames = list(place.frames)
        notes: list[Note] = []
        for depth in range(len(frames) - 1, -1, -1):
            plan, index = frames[depth]
            candidates = plan.index_of.get(tag)
            if candidates is None:
                continue
            start = index or 1
            for i in candidates:
                if i >= start:
                    break
            else:
                continue
            _leave(frames, depth, tag, notes)
            if i > index + 1 and plan.required:
                _missing(plan, index, i, tag, frames, notes)
            frames[depth] = (plan, i)
            child = plan.children[i]
            if isinstance(child, SegmentSpec):
                spec, limit, code = child, child.max_use, "5"
                message = f"{tag} appears more than its maximum of {limit} times here"
            else:
                frames.append((self._plan(child), 0))
                spec, limit, code = child.head, child.repeat, "4"
                message = f"loop {tag} occurs more than its maximum of {limit} times"
            name = "SYN_SEGMENT_OVER_MAXIMUM" if code == "5" else "SYN_LOOP_OVER_MAXIMUM"
            overflow = (name, message, tag, frames[-1][0].loop_id, code)
            after = self._place(tuple(frames))
            checks = self.checkers(spec)
            return Move(after, depth, tuple(notes), spec, checks, i == index, limit, overflow)
        note = self._unplaced(place, tag)
        return Move(place, -1, (note,), None, {}, False, 0, note)

    def _unplaced(self, place: Place, tag: str) -> Note:
        loop = place.frames[-1][0].loop_id
        if tag not in self.spec.segment_tags:
            message = f"{tag} is not a segment of transaction set {self.spec.set_id}"
            return ("SYN_SEGMENT_NOT_IN_SET", message, tag, loop, "6")
        if _seen_earlier(place.frames, tag):
            return ("SYN_SEGMENT_OUT_OF_ORDER", f"{tag} is out of order here", tag, loop, "7")
        return ("SYN_SEGMENT_UNEXPECTED", f"{tag} is not expected here", tag, loop, "2")


def _leave(frames: list[tuple[LoopPlan, int]], depth: int, tag: str, notes: list[Note]) -> None:
    """Close the frames deeper than ``depth``, noting their missing mandatory parts."""
    while len(frames) > depth + 1:
        plan, index = frames.pop()
        if plan.required:
            _missing(plan, index, len(plan.children), tag, frames, notes)


def _missing(
    plan: LoopPlan,
    index: int,
    stop: int,
    tag: str,
    frames: list[tuple[LoopPlan, int]],
    notes: list[Note],
) -> None:
    """Note the required children of ``plan`` after ``index`` and before ``stop``.

    A frame's index only moves forward, so nothing after it has been seen yet.
    """
    loop = frames[-1][0].loop_id
    for i in plan.required:
        if i <= index:
            continue
        if i >= stop:
            break
        child = plan.children[i]
        head = child if isinstance(child, SegmentSpec) else child.head
        what = "segment" if isinstance(child, SegmentSpec) else "loop"
        message = f"mandatory {what} {head.tag} ({head.name}) is missing before {tag}"
        notes.append(("SYN_SEGMENT_MISSING", message, head.tag, loop, "3"))


def _seen_earlier(frames: Frames, tag: str) -> bool:
    for plan, index in frames:
        for child in plan.children[: index + 1]:
            head = child if isinstance(child, SegmentSpec) else child.children[0]
            if isinstance(head, SegmentSpec) and head.tag == tag:
                return True
    return False


def _depth(loop: LoopSpec) -> int:
    """How many frames a walk through ``loop`` can have open at once."""
    inner = [_depth(child) for child in loop.children if isinstance(child, LoopSpec)]
    return 1 + max(inner, default=0)
