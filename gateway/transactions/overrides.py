"""Field overrides of a partner mapping, on segments, in both directions.

A path is ``SEG[QUAL]NN`` (``REF[IA]02``: REF02 of the REF whose REF01 is IA) or ``SEGNN``.
An override sets its target to a fixed ``value`` or to the value found at its ``source`` path.
Inbound (850, 820) the set reads as if the partner had sent that value there; outbound (855,
856, 810) it is written there. When the target segment is absent, a segment is added where the
set allows it (see ``_insertion_point``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from gateway.transactions.mapping import FieldOverride
from gateway.x12.segment import Segment
from gateway.x12.serializer import Value

PATH = re.compile(r"^(?P<tag>[A-Z][A-Z0-9]{1,2})(?:\[(?P<qualifier>[^\]]+)\])?(?P<element>\d{2})$")
_DETAIL = ("PO1", "ENT", "IT1", "HL")


def _parse(path: str) -> tuple[str, str | None, int] | None:
    match = PATH.match(path)
    if match is None:
        return None
    return match["tag"], match["qualifier"], int(match["element"])


def _find(rows: Sequence[list[Value]], tag: str, qualifier: str | None) -> list[Value] | None:
    return next(
        (row for row in rows if row[0] == tag and (qualifier is None or row[1:2] == [qualifier])),
        None,
    )


def _value(rows: Sequence[list[Value]], override: FieldOverride) -> str:
    if override.value:
        return override.value
    source = _parse(override.source) if override.source else None
    if source is None:
        return ""
    row = _find(rows, source[0], source[1])
    if row is None or len(row) <= source[2]:
        return ""
    found = row[source[2]]
    return found if isinstance(found, str) else ""


def _insertion_point(rows: list[list[Value]], set_id: str, tag: str, inbound: bool) -> int:
    """Where a new segment goes: inbound before the detail; in an 856 a REF after the first
    order's PRF (the order level, where vendor and department references stand), anything
    else after the first HL; otherwise after the opening segment."""
    if inbound:
        return next((i for i, r in enumerate(rows) if r[0] in _DETAIL), len(rows) - 1)
    if set_id == "856":
        anchor = "PRF" if tag == "REF" and any(r[0] == "PRF" for r in rows) else "HL"
        return 1 + next(i for i, r in enumerate(rows) if r[0] == anchor)
    return 1


def apply(
    rows: list[list[Value]], set_id: str, overrides: Sequence[FieldOverride], inbound: bool
) -> list[list[Value]]:
    """``rows`` (segments as element lists, ID first) with the overrides of ``set_id`` applied."""
    result = [list(row) for row in rows]
    for override in overrides:
        if override.transaction_set not in ("", set_id):
            continue
        target = _parse(override.target)
        value = _value(result, override)
        if target is None or not value:
            continue
        tag, qualifier, element = target
        row = _find(result, tag, qualifier)
        if row is None:
            row = [tag, qualifier] if qualifier else [tag]
            result.insert(_insertion_point(result, set_id, tag, inbound), row)
        while len(row) <= element:
            row.append("")
        row[element] = value
    return result


def apply_inbound(
    segments: list[Segment], set_id: str, overrides: Sequence[FieldOverride]
) -> list[Segment]:
    """Inbound segments with the overrides applied (positions kept for problem locations)."""
    if not any(o.transaction_set in ("", set_id) for o in overrides):
        return segments
    rows = apply([list(s.elements) for s in segments], set_id, overrides, inbound=True)
    out: list[Segment] = []
    for index, row in enumerate(rows):
        near = segments[min(index, len(segments) - 1)]
        out.append(Segment([str(v) for v in row], near.offset, near.index, near.line))
    return out
