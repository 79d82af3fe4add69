"""An X12 segment as read from a file: its elements and where it stands."""

from __future__ import annotations


class Segment:
    """One segment: ``elements[0]`` is the segment ID, ``elements[n]`` is element ``nn``.

    ``offset`` is the byte offset of its first character in the file, ``index`` its position
    among the file's segments (from 0) and ``line`` the 1-based line it starts on. Elements are
    the raw strings between element separators; composites and repetitions are split only by
    code that knows the element's definition (``components``, ``repeats``).

    A plain slotted class rather than a dataclass: the tokenizer makes millions of them.
    Treat instances as immutable.
    """

    __slots__ = ("elements", "index", "line", "offset")

    def __init__(self, elements: list[str], offset: int = 0, index: int = 0, line: int = 1) -> None:
        self.elements = elements
        self.offset = offset
        self.index = index
        self.line = line

    @property
    def tag(self) -> str:
        return self.elements[0]

    def get(self, position: int) -> str:
        """Element ``position`` (1-based), or ``""`` when the segment is shorter."""
        elements = self.elements
        return elements[position] if position < len(elements) else ""

    def components(self, position: int, separator: str) -> list[str]:
        """The components of composite element ``position``."""
        return self.get(position).split(separator)

    def repeats(self, position: int, separator: str | None) -> list[str]:
        """The repetitions of element ``position`` (one value when there is no separator)."""
        value = self.get(position)
        return value.split(separator) if separator else [value]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Segment):
            return NotImplemented
        return self.elements == other.elements

    def __hash__(self) -> int:
        return hash(tuple(self.elements))

    def __repr__(self) -> str:
        return f"Segment({'*'.join(self.elements)!r}, index={self.index}, line={self.line})"
