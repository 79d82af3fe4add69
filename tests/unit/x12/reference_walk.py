"""The validator's walk as it was before ``placement`` and ``fastcheck``: the oracle of tests.

A direct walk over a stack of loop frames that runs ``check_segment`` on every segment (with a
bounded memo); the validator must find exactly what this finds, in the same order.
"""

from __future__ import annotations

from gateway.x12.delimiters import Delimiters
from gateway.x12.elements import ElementError, check_segment
from gateway.x12.problems import Location, Problem, Severity, ak3, ak4, error
from gateway.x12.segment import Segment
from gateway.x12.specs import LoopSpec, SegmentSpec, SetSpec
from gateway.x12.validator import _ELEMENT_NAMES

_MEMO_SIZE = 4096


class _LoopPlan:
    """A loop spec prepared for walking: child indexes by tag, required children."""

    __slots__ = ("children", "index_of", "required", "spec")

    def __init__(self, spec: LoopSpec) -> None:
        self.spec = spec
        self.children = spec.children
        index_of: dict[str, list[int]] = {}
        for i, child in enumerate(spec.children):
            if i:
                tag = child.tag if isinstance(child, SegmentSpec) else child.head.tag
                index_of.setdefault(tag, []).append(i)
        self.index_of = {tag: tuple(found) for tag, found in index_of.items()}
        self.required = tuple(
            i for i, child in enumerate(spec.children) if i and child.usage == "R"
        )


class _Frame:
    __slots__ = ("counts", "index", "plan")

    def __init__(self, plan: _LoopPlan) -> None:
        self.plan = plan
        self.index = 0
        self.counts: dict[int, int] = {0: 1}


class SetValidator:
    """Validates sets of one spec; keeps no state between sets."""

    def __init__(self, spec: SetSpec) -> None:
        self.spec = spec
        self._plans: dict[int, _LoopPlan] = {}
        self._memos: dict[tuple[str, str | None], dict[tuple[object, ...], list[ElementError]]] = {}

    def memo(
        self, component: str, repetition: str | None
    ) -> dict[tuple[object, ...], list[ElementError]]:
        """Element findings of segments seen word for word before, per delimiter set (bounded).

        ``check_segment`` is a pure function of the definition and the elements, and many
        segments repeat exactly in a file (units, currencies, an item's description).
        """
        return self._memos.setdefault((component, repetition), {})

    def plan(self, loop: LoopSpec) -> _LoopPlan:
        found = self._plans.get(id(loop))
        if found is None:
            found = self._plans[id(loop)] = _LoopPlan(loop)
        return found

    def validate(
        self, segments: list[Segment], delimiters: Delimiters, has_trailer: bool = True
    ) -> list[Problem]:
        """Problems of the set ``segments`` (ST first; SE last when ``has_trailer``)."""
        if not segments:
            return []
        first = segments[0].index
        walk = _Walk(self, delimiters, first)
        body = segments[1:-1] if has_trailer else segments[1:]
        step = walk.step
        for segment in body:
            step(segment)
        end = segments[-1] if has_trailer else None
        walk.finish(end)
        return walk.problems


class _Walk:
    __slots__ = (
        "component",
        "first",
        "memo",
        "owner",
        "problems",
        "repetition",
        "spec",
        "stack",
    )

    def __init__(self, owner: SetValidator, delimiters: Delimiters, first: int) -> None:
        self.owner = owner
        self.spec = owner.spec
        self.component = delimiters.component
        self.repetition = delimiters.repetition
        self.memo = owner.memo(delimiters.component, delimiters.repetition)
        self.first = first
        self.stack = [_Frame(owner.plan(owner.spec.root))]
        self.problems: list[Problem] = []

    def _where(self, segment: Segment, tag: str | None = None, **extra: object) -> Location:
        loop = self.stack[-1].plan.spec
        loop_id = loop.head.tag if len(self.stack) > 1 else None
        return Location(
            segment.offset,
            segment.line,
            segment.index,
            tag or segment.tag,
            segment.index - self.first + 1,
            loop=loop_id,
            **extra,  # type: ignore[arg-type]
        )

    def step(self, segment: Segment) -> None:
        tag = segment.elements[0]
        stack = self.stack
        for depth in range(len(stack) - 1, -1, -1):
            frame = stack[depth]
            candidates = frame.plan.index_of.get(tag)
            if candidates is None:
                continue
            start = frame.index or 1
            for i in candidates:
                if i >= start:
                    break
            else:
                continue
            if depth < len(stack) - 1:
                self._leave(depth, segment)
            if i > frame.index + 1 and frame.plan.required:
                self._missing_between(frame, i, segment)
            count = frame.counts.get(i, 0) + 1 if i == frame.index else 1
            frame.counts[i] = count
            frame.index = i
            child = frame.plan.children[i]
            if isinstance(child, SegmentSpec):
                if count > child.max_use:
                    self._segment_error(
                        segment,
                        "5",
                        f"{tag} appears more than its maximum of {child.max_use} times here",
                    )
                spec = child
            else:
                stack.append(_Frame(self.owner.plan(child)))
                if count > child.repeat:
                    self._segment_error(
                        segment,
                        "4",
                        f"loop {tag} occurs more than its maximum of {child.repeat} times",
                    )
                spec = child.head
            elements = segment.elements
            memo = self.memo
            key = (id(spec), *elements)
            found = memo.get(key)
            if found is None:
                found = check_segment(spec, elements, self.component, self.repetition)
                if len(memo) >= _MEMO_SIZE:
                    memo.clear()
                memo[key] = found
            if found:
                self._report(found, segment)
            return
        self._unplaced(segment)

    def _leave(self, depth: int, segment: Segment) -> None:
        """Close the frames deeper than ``depth``, reporting their missing mandatory parts."""
        stack = self.stack
        while len(stack) > depth + 1:
            frame = stack.pop()
            if frame.plan.required:
                self._missing_between(frame, len(frame.plan.children), segment)

    def _missing_between(self, frame: _Frame, stop: int, segment: Segment) -> None:
        children = frame.plan.children
        for i in frame.plan.required:
            if i <= frame.index:
                continue
            if i >= stop:
                break
            child = children[i]
            if frame.counts.get(i, 0) == 0:
                head = child if isinstance(child, SegmentSpec) else child.head
                what = "segment" if isinstance(child, SegmentSpec) else "loop"
                self.problems.append(
                    error(
                        "SYN_SEGMENT_MISSING",
                        f"mandatory {what} {head.tag} ({head.name}) is missing before "
                        f"{segment.tag}",
                        self._where(segment, head.tag),
                        ak3("3"),
                    )
                )

    def _unplaced(self, segment: Segment) -> None:
        tag = segment.tag
        if tag not in self.spec.segment_tags:
            code, message = "6", f"{tag} is not a segment of transaction set {self.spec.set_id}"
            name = "SYN_SEGMENT_NOT_IN_SET"
        elif self._seen_earlier(tag):
            code, message = "7", f"{tag} is out of order here"
            name = "SYN_SEGMENT_OUT_OF_ORDER"
        else:
            code, message = "2", f"{tag} is not expected here"
            name = "SYN_SEGMENT_UNEXPECTED"
        self.problems.append(error(name, message, self._where(segment), ak3(code)))

    def _seen_earlier(self, tag: str) -> bool:
        for frame in self.stack:
            for child in frame.plan.children[: frame.index + 1]:
                head = child if isinstance(child, SegmentSpec) else child.children[0]
                if isinstance(head, SegmentSpec) and head.tag == tag:
                    return True
        return False

    def _segment_error(self, segment: Segment, code: str, message: str) -> None:
        names = {"4": "SYN_LOOP_OVER_MAXIMUM", "5": "SYN_SEGMENT_OVER_MAXIMUM"}
        self.problems.append(error(names[code], message, self._where(segment), ak3(code)))

    def _report(self, found: list[ElementError], segment: Segment) -> None:
        for code, message, position, component, reference, value in found:
            self.problems.append(
                Problem(
                    _ELEMENT_NAMES[code],
                    message,
                    Severity.ERROR,
                    self._where(segment, element=position, component=component),
                    ak4(code),
                    reference or None,
                    value,
                )
            )

    def finish(self, trailer: Segment | None) -> None:
        anchor = trailer or Segment(["SE"], 0, self.first, 0)
        self._leave(0, anchor)
        root = self.stack[0]
        children = root.plan.children
        self._missing_between(root, len(children) - 1, anchor)  # the last child is SE
