"""Compiled transaction set definitions: loops, segments and elements as frozen records.

These are what the validator walks. They are built from pyx12-format map files by
``gateway.x12.maps``; nothing here knows about XML.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: ``max_use`` / ``repeat`` value meaning "unbounded" (``>1`` in a map).
UNBOUNDED = 1 << 30


@dataclass(frozen=True, slots=True)
class ElementSpec:
    """One simple element (or one component of a composite).

    ``data_type`` is the X12 type: AN, ID, DT, TM, R, N0..N9 or B. Lengths count what X12
    counts: characters for AN/ID, digits for numerics (no sign, no decimal point).
    """

    position: int
    reference: str
    name: str
    usage: str  # R required, S situational, N not used
    data_type: str
    min_length: int
    max_length: int
    codes: frozenset[str] | None = None
    repeat: int = 1


@dataclass(frozen=True, slots=True)
class CompositeSpec:
    position: int
    reference: str
    name: str
    usage: str
    components: tuple[ElementSpec, ...]
    repeat: int = 1


@dataclass(frozen=True, slots=True)
class SyntaxRule:
    """An X12 syntax note: kind P, R, C, L or E over 1-based element positions."""

    kind: str
    positions: tuple[int, ...]

    def __str__(self) -> str:
        return self.kind + "".join(f"{p:02d}" for p in self.positions)


@dataclass(frozen=True, slots=True)
class SegmentSpec:
    tag: str
    name: str
    usage: str
    max_use: int
    elements: tuple[ElementSpec | CompositeSpec, ...]
    syntax: tuple[SyntaxRule, ...] = ()

    @property
    def required(self) -> bool:
        return self.usage == "R"


@dataclass(frozen=True, slots=True)
class LoopSpec:
    """A loop: its first child is the segment that opens it."""

    loop_id: str
    name: str
    usage: str
    repeat: int
    children: tuple[SegmentSpec | LoopSpec, ...]

    @property
    def head(self) -> SegmentSpec:
        first = self.children[0]
        assert isinstance(first, SegmentSpec), f"loop {self.loop_id} does not open with a segment"
        return first

    @property
    def required(self) -> bool:
        return self.usage == "R"


@dataclass(frozen=True, slots=True)
class SetSpec:
    """A transaction set: the ST loop with everything between ST and SE."""

    set_id: str
    name: str
    version: str
    root: LoopSpec
    segment_tags: frozenset[str] = field(default_factory=frozenset)
