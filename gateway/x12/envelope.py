"""Interchanges, functional groups and transaction sets, read one transaction set at a time.

``read_envelopes(source)`` streams ``Event``s: an ``InterchangeStart`` at each ISA, a
``GroupStart`` at each GS, one ``TransactionSet`` (ST..SE with its segments) per set, a
``GroupEnd`` and an ``InterchangeEnd``. Only one set is held in memory at a time.

The structure checks of X12.5/X12.6 are made here, each problem on the level it concerns:
ISA13 = IEA02 (TA1 001), IEA01 = number of groups (021), IEA present (023), GS06 = GE02
(AK9 4), GE01 = number of sets (AK9 5), GE present (AK9 3), ST02 = SE02 (AK5 3), SE01 = number of
segments (AK5 4), SE present (AK5 2), ST02 unique in its group (AK5 23), ISA13 unique in the
file (TA1 025), plus the field formats of ``checks``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from gateway.digits import is_digits
from gateway.x12.checks import check_gs, check_isa, check_st
from gateway.x12.delimiters import Delimiters
from gateway.x12.problems import Location, Problem, ak5, ak9, error, ta1, warning
from gateway.x12.records import GroupHeader, InterchangeHeader, SetHeader
from gateway.x12.segment import Segment
from gateway.x12.tokenizer import Tokenizer


def _where(segment: Segment) -> Location:
    return Location(segment.offset, segment.line, segment.index, segment.tag)


@dataclass(frozen=True, slots=True)
class InterchangeStart:
    header: InterchangeHeader
    segment: Segment
    delimiters: Delimiters


@dataclass(frozen=True, slots=True)
class GroupStart:
    header: GroupHeader
    segment: Segment


@dataclass(frozen=True, slots=True)
class TransactionSet:
    """One ST..SE with its segments. ``trailer`` is None when the SE is missing."""

    header: SetHeader
    segments: list[Segment]
    trailer: Segment | None
    group: GroupHeader | None
    interchange: InterchangeHeader
    delimiters: Delimiters
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)

    def position_of(self, segment: Segment) -> int:
        """The 1-based position of ``segment`` in the set (ST is 1), as AK302 wants."""
        return segment.index - self.segments[0].index + 1


@dataclass(frozen=True, slots=True)
class GroupEnd:
    header: GroupHeader
    segment: Segment  # the GS
    trailer: Segment | None
    set_count: int
    problems: list[Problem]


@dataclass(frozen=True, slots=True)
class InterchangeEnd:
    header: InterchangeHeader
    segment: Segment  # the ISA
    trailer: Segment | None
    group_count: int
    problems: list[Problem]
    ta1: list[Segment] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class FileEnd:
    """The end of the input, with problems found after the last interchange closed."""

    problems: list[Problem]


Event = InterchangeStart | GroupStart | TransactionSet | GroupEnd | InterchangeEnd | FileEnd


@dataclass(slots=True)
class _OpenSet:
    header: SetHeader
    segments: list[Segment]
    problems: list[Problem]


@dataclass(slots=True)
class _OpenGroup:
    header: GroupHeader
    segment: Segment
    set_count: int = 0
    problems: list[Problem] = field(default_factory=list)
    set_numbers: set[str] = field(default_factory=set)


@dataclass(slots=True)
class _OpenInterchange:
    header: InterchangeHeader
    segment: Segment
    delimiters: Delimiters
    group_count: int = 0
    problems: list[Problem] = field(default_factory=list)
    ta1: list[Segment] = field(default_factory=list)
    group_numbers: set[str] = field(default_factory=set)


class EnvelopeReader:
    """Turns the tokenizer's segments into envelope events; see the module docstring."""

    def __init__(self, source: bytes | BinaryIO, chunk_size: int | None = None) -> None:
        self.tokenizer = Tokenizer(source) if chunk_size is None else Tokenizer(source, chunk_size)
        self._interchange: _OpenInterchange | None = None
        self._group: _OpenGroup | None = None
        self._set: _OpenSet | None = None
        self._seen_isa13: set[tuple[str, str, str, str, str]] = set()
        self._pending: list[Problem] = []

    def __iter__(self) -> Iterator[Event]:
        tokenizer = self.tokenizer
        for segment in tokenizer:
            if tokenizer.problems:
                self._file_problems(tokenizer.take_problems())
            current = self._set
            tag = segment.elements[0]
            if current is not None and tag not in _CONTROL:
                current.segments.append(segment)
                continue
            yield from self._control(segment, tag)
        if tokenizer.problems:
            self._file_problems(tokenizer.take_problems())
        yield from self._close_all(None, "the file ends")
        yield FileEnd(self._pending)
        self._pending = []

    # -- problems ----------------------------------------------------------------------------

    def _file_problems(self, problems: list[Problem]) -> None:
        """Attach tokenizer problems to the innermost open level."""
        for problem in problems:
            if problem.location.segment_tag == "ISA" or self._interchange is None:
                if self._interchange is not None:
                    self._interchange.problems.append(problem)
                else:
                    self._pending.append(problem)
            elif self._set is not None:
                first = self._set.segments[0].index
                index = problem.location.segment_index
                position = None if index is None else index - first + 1
                loc = dataclasses.replace(problem.location, set_position=position)
                self._set.problems.append(dataclasses.replace(problem, location=loc))
            elif self._group is not None:
                self._group.problems.append(problem)
            else:
                self._interchange.problems.append(problem)

    # -- control segments --------------------------------------------------------------------

    def _control(self, segment: Segment, tag: str) -> Iterator[Event]:
        if tag == "ISA":
            yield from self._close_all(segment, "a new ISA begins")
            yield from self._open_interchange(segment)
        elif tag == "IEA":
            yield from self._close_interchange(segment)
        elif tag == "GS":
            yield from self._open_group(segment)
        elif tag == "GE":
            yield from self._close_group(segment)
        elif tag == "ST":
            yield from self._open_set(segment)
        elif tag == "SE":
            yield from self._close_set(segment)
        elif tag == "TA1" and self._group is None and self._interchange is not None:
            self._interchange.ta1.append(segment)
        else:
            self._stray(segment)

    def _stray(self, segment: Segment) -> None:
        inside = "functional group" if self._group is not None else "interchange"
        problem = error(
            "ENV_SEGMENT_OUTSIDE_SET",
            f"segment {segment.tag} stands outside any transaction set in the {inside}",
            _where(segment),
            ta1("024"),
        )
        if self._group is not None:
            self._group.problems.append(problem)
        elif self._interchange is not None:
            self._interchange.problems.append(problem)

    def _open_interchange(self, segment: Segment) -> Iterator[Event]:
        header = InterchangeHeader.from_segment(segment)
        delimiters = self.tokenizer.delimiters or Delimiters()
        opened = _OpenInterchange(header, segment, delimiters)
        opened.problems.extend(self._pending)
        self._pending = []
        opened.problems.extend(check_isa(header, _where(segment)))
        key = (
            header.sender_qualifier,
            header.sender_id,
            header.receiver_qualifier,
            header.receiver_id,
            header.control_number,
        )
        if key in self._seen_isa13:
            opened.problems.append(
                error(
                    "ENV_DUPLICATE_ISA13",
                    f"interchange control number {header.control_number} was already used "
                    "earlier in this file by the same sender for the same receiver",
                    dataclasses.replace(_where(segment), element=13),
                    ta1("025"),
                )
            )
        self._seen_isa13.add(key)
        self._interchange = opened
        yield InterchangeStart(header, segment, delimiters)

    def _close_interchange(self, trailer: Segment | None) -> Iterator[Event]:
        opened = self._interchange
        if opened is None:
            return
        yield from self._close_group(None, "the interchange ends")
        header = opened.header
        if trailer is None:
            opened.problems.append(
                error(
                    "ENV_IEA_MISSING",
                    f"interchange {header.control_number} has no IEA trailer",
                    _where(opened.segment),
                    ta1("023"),
                )
            )
        else:
            where = _where(trailer)
            if trailer.get(2) != header.control_number:
                opened.problems.append(
                    error(
                        "ENV_IEA02_MISMATCH",
                        f"IEA02 {trailer.get(2)!r} does not match ISA13 {header.control_number!r}",
                        dataclasses.replace(where, element=2),
                        ta1("001"),
                    )
                )
            count = trailer.get(1)
            if count != str(opened.group_count) and not (
                is_digits(count) and int(count) == opened.group_count
            ):
                tolerated = opened.group_count == 0 and bool(opened.ta1) and count == "1"
                make = warning if tolerated else error
                opened.problems.append(
                    make(
                        "ENV_IEA01_COUNT",
                        f"IEA01 says {count!r} functional groups but the interchange has "
                        f"{opened.group_count}",
                        dataclasses.replace(where, element=1),
                        ta1("021"),
                    )
                )
        self._interchange = None
        yield InterchangeEnd(
            header, opened.segment, trailer, opened.group_count, opened.problems, opened.ta1
        )

    def _open_group(self, segment: Segment) -> Iterator[Event]:
        yield from self._close_group(None, "a new GS begins")
        assert self._interchange is not None  # the tokenizer starts every file with an ISA
        header = GroupHeader.from_segment(segment)
        opened = _OpenGroup(header, segment)
        opened.problems.extend(check_gs(header, _where(segment)))
        interchange = self._interchange
        if header.control_number in interchange.group_numbers:
            opened.problems.append(
                error(
                    "ENV_DUPLICATE_GS06",
                    f"group control number {header.control_number} is used twice in this "
                    "interchange",
                    dataclasses.replace(_where(segment), element=6),
                    ak9("6"),
                )
            )
        interchange.group_numbers.add(header.control_number)
        interchange.group_count += 1
        self._group = opened
        yield GroupStart(header, segment)

    def _close_group(self, trailer: Segment | None, why: str = "") -> Iterator[Event]:
        yield from self._close_set(None, why or "the group ends")
        opened = self._group
        if opened is None:
            if trailer is not None:
                self._stray(trailer)
            return
        header = opened.header
        if trailer is None:
            opened.problems.append(
                error(
                    "ENV_GE_MISSING",
                    f"functional group {header.control_number} has no GE trailer ({why})",
                    _where(opened.segment),
                    ak9("3"),
                )
            )
        else:
            where = _where(trailer)
            if trailer.get(2) != header.control_number:
                opened.problems.append(
                    error(
                        "ENV_GE02_MISMATCH",
                        f"GE02 {trailer.get(2)!r} does not match GS06 {header.control_number!r}",
                        dataclasses.replace(where, element=2),
                        ak9("4"),
                    )
                )
            count = trailer.get(1)
            if not (is_digits(count) and int(count) == opened.set_count):
                opened.problems.append(
                    error(
                        "ENV_GE01_COUNT",
                        f"GE01 says {count!r} transaction sets but the group has "
                        f"{opened.set_count}",
                        dataclasses.replace(where, element=1),
                        ak9("5"),
                    )
                )
        self._group = None
        yield GroupEnd(header, opened.segment, trailer, opened.set_count, opened.problems)

    def _open_set(self, segment: Segment) -> Iterator[Event]:
        yield from self._close_set(None, "a new ST begins")
        header = SetHeader.from_segment(segment)
        opened = _OpenSet(header, [segment], check_st(header, _where(segment)))
        group = self._group
        if group is None:
            opened.problems.append(
                error(
                    "ENV_SET_OUTSIDE_GROUP",
                    f"transaction set {header.control_number} is not inside a functional group",
                    _where(segment),
                    ta1("024"),
                )
            )
        else:
            group.set_count += 1
            if header.control_number in group.set_numbers:
                opened.problems.append(
                    error(
                        "ENV_DUPLICATE_ST02",
                        f"transaction set control number {header.control_number} is used twice "
                        "in this functional group",
                        Location(segment.offset, segment.line, segment.index, "ST", 1, 2),
                        ak5("23"),
                    )
                )
            group.set_numbers.add(header.control_number)
        self._set = opened

    def _close_set(self, trailer: Segment | None, why: str = "") -> Iterator[Event]:
        opened = self._set
        if opened is None:
            if trailer is not None:
                self._stray(trailer)
            return
        header = opened.header
        if trailer is None:
            opened.problems.append(
                error(
                    "ENV_SE_MISSING",
                    f"transaction set {header.control_number} has no SE trailer ({why})",
                    _where(opened.segments[0]),
                    ak5("2"),
                )
            )
        else:
            opened.segments.append(trailer)
            position = len(opened.segments)
            where = Location(trailer.offset, trailer.line, trailer.index, "SE", position)
            if trailer.get(2) != header.control_number:
                opened.problems.append(
                    error(
                        "ENV_SE02_MISMATCH",
                        f"SE02 {trailer.get(2)!r} does not match ST02 {header.control_number!r}",
                        dataclasses.replace(where, element=2),
                        ak5("3"),
                    )
                )
            count = trailer.get(1)
            if not (is_digits(count) and int(count) == position):
                opened.problems.append(
                    error(
                        "ENV_SE01_COUNT",
                        f"SE01 says {count!r} segments but the set has {position} (ST to SE)",
                        dataclasses.replace(where, element=1),
                        ak5("4"),
                    )
                )
        self._set = None
        interchange = self._interchange
        assert interchange is not None
        yield TransactionSet(
            header,
            opened.segments,
            trailer,
            self._group.header if self._group else None,
            interchange.header,
            interchange.delimiters,
            opened.problems,
        )

    def _close_all(self, next_isa: Segment | None, why: str) -> Iterator[Event]:
        if self._interchange is None:
            return
        yield from self._close_set(None, why)
        yield from self._close_group(None, why)
        yield from self._close_interchange(None)


_CONTROL = frozenset({"ISA", "IEA", "GS", "GE", "ST", "SE", "TA1"})


def read_envelopes(source: bytes | BinaryIO, chunk_size: int | None = None) -> Iterator[Event]:
    """Stream the envelope events of ``source``; raises ``X12ReadError`` only if unreadable."""
    return iter(EnvelopeReader(source, chunk_size))
