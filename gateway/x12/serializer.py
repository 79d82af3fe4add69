"""Write X12: segments and whole interchanges with a given delimiter set (X12.5, X12.6).

``write_segments`` writes segments as they are (the inverse of the tokenizer, so
``write_segments(tokenize(x)) == x`` for a file written with one layout). ``write_interchange``
builds ISA/GS/ST envelopes around transaction set bodies: the ISA fields padded to their widths,
ISA11 and ISA16 from the delimiters, SE01, GE01 and IEA01 counted. A value holding a delimiter is
refused with ``X12WriteError``: X12 has no escape mechanism.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from gateway.digits import is_digits
from gateway.x12.delimiters import ISA_WIDTHS, Delimiters
from gateway.x12.errors import X12WriteError
from gateway.x12.records import GroupHeader, InterchangeHeader

#: A composite element: its components, joined with the component separator when written.
Composite = tuple[str, ...]
#: An element value as given to the writer.
Value = str | Composite
_FIRST_REPETITION_VERSION = 402


@dataclass(frozen=True, slots=True)
class Layout:
    """Delimiters plus what follows each terminator: ``""``, ``"\\n"`` or ``"\\r\\n"``."""

    delimiters: Delimiters = field(default_factory=Delimiters)
    line_ending: str = ""

    def __post_init__(self) -> None:
        if self.line_ending not in ("", "\n", "\r\n"):
            raise X12WriteError("the line ending must be empty, LF or CRLF")
        if self.line_ending and self.delimiters.segment in "\r\n":
            raise X12WriteError("a line ending after a line-break terminator would add segments")


@dataclass(frozen=True, slots=True)
class SetBody:
    """One transaction set to write: ST01, ST02 (, ST03) and the segments between ST and SE."""

    set_id: str
    control_number: str
    segments: Sequence[Sequence[Value]]
    implementation_reference: str = ""


@dataclass(frozen=True, slots=True)
class GroupBody:
    header: GroupHeader
    sets: Sequence[SetBody]


def _check(value: str, forbidden: Iterable[str], tag: str, position: int) -> None:
    for char in forbidden:
        if char and char in value:
            raise X12WriteError(
                f"{tag}{position:02d} value {value!r} contains the delimiter {char!r}"
            )


def format_segment(elements: Sequence[Value], layout: Layout, *, raw: bool = False) -> str:
    """One segment with its terminator and line ending.

    With ``raw=True`` string values may already hold component and repetition separators (as
    read from a file); otherwise those are refused too, and composites are given as tuples.
    """
    d = layout.delimiters
    always = (d.element, d.segment)
    inner = () if raw else (d.component, d.repetition or "")
    tag = str(elements[0])
    parts = []
    for position, value in enumerate(elements):
        if isinstance(value, tuple):
            for component in value:
                _check(component, (*always, d.component, d.repetition or ""), tag, position)
            parts.append(d.component.join(value))
        else:
            _check(value, (*always, *inner), tag, position)
            parts.append(value)
    while not raw and len(parts) > 1 and parts[-1] == "":
        parts.pop()
    return d.element.join(parts) + d.segment + layout.line_ending


def write_segments(segments: Iterable[Sequence[Value]], layout: Layout) -> bytes:
    """Segments as given (raw), one after another, encoded as latin-1."""
    text = "".join(format_segment(s, layout, raw=True) for s in segments)
    return text.encode("latin-1")


def isa_elements(header: InterchangeHeader, layout: Layout) -> list[str]:
    """ISA01..ISA16 padded to their widths, with ISA11 and ISA16 from the layout."""
    d = layout.delimiters
    repetition_version = is_digits(header.version) and int(header.version) >= (
        _FIRST_REPETITION_VERSION
    )
    isa11 = d.repetition if (repetition_version and d.repetition) else "U"
    values = [
        header.authorization_qualifier,
        header.authorization,
        header.security_qualifier,
        header.security,
        header.sender_qualifier,
        header.sender,
        header.receiver_qualifier,
        header.receiver,
        header.date,
        header.time,
        isa11,
        header.version,
        header.control_number.zfill(9),
        header.ack_requested,
        header.usage,
        d.component,
    ]
    padded = ["ISA"]
    for position, (value, width) in enumerate(zip(values, ISA_WIDTHS, strict=True), start=1):
        if len(value) > width:
            raise X12WriteError(f"ISA{position:02d} {value!r} is longer than {width} characters")
        if position not in (11, 16):
            _check(value, d.characters(), "ISA", position)
        padded.append(value.ljust(width))
    return padded


def write_interchange(
    header: InterchangeHeader,
    groups: Sequence[GroupBody],
    layout: Layout,
    ta1: Sequence[Sequence[Value]] = (),
) -> bytes:
    """A whole interchange: ISA, any TA1 segments, groups with their sets, counted trailers, IEA.

    TA1 segments go right after the ISA, where X12.5 puts them.
    """
    lines = [format_segment(isa_elements(header, layout), layout, raw=True)]
    lines.extend(format_segment(segment, layout) for segment in ta1)
    for group in groups:
        g = group.header
        lines.append(
            format_segment(
                [
                    "GS",
                    g.functional_id,
                    g.sender,
                    g.receiver,
                    g.date,
                    g.time,
                    g.control_number,
                    g.agency,
                    g.version,
                ],
                layout,
            )
        )
        for body in group.sets:
            st: list[Value] = ["ST", body.set_id, body.control_number]
            if body.implementation_reference:
                st.append(body.implementation_reference)
            lines.append(format_segment(st, layout))
            lines.extend(format_segment(segment, layout) for segment in body.segments)
            count = len(body.segments) + 2
            lines.append(format_segment(["SE", str(count), body.control_number], layout))
        lines.append(format_segment(["GE", str(len(group.sets)), g.control_number], layout))
    lines.append(format_segment(["IEA", str(len(groups)), header.control_number.zfill(9)], layout))
    return "".join(lines).encode("latin-1")
