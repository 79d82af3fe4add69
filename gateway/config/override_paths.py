"""Field-override paths (``SEG[QUAL]NN``) and their check against the X12 maps.

Syntax (see :class:`gateway.transactions.mapping.FieldOverride`): a segment ID of 2-3 letters or
digits, an optional qualifier in brackets that selects the occurrence whose first element has
that value, and a two-digit element position: ``BEG03``, ``REF[DP]02``, ``N1[ST]04``.
The segment must occur in the transaction set's map for the partner's version and the position
must be one of its elements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gateway.x12.maps import MapError, MapLibrary
from gateway.x12.specs import LoopSpec, SegmentSpec, SetSpec

_PATH = re.compile(r"^([A-Z][A-Z0-9]{1,2})(?:\[([A-Z0-9]{1,3})\])?([0-9]{2})$")

#: transaction sets an override may name, with their GS01 functional identifier
SET_GROUPS: dict[str, str] = {"850": "PO", "855": "PR", "856": "SH", "810": "IN", "820": "RA"}


@dataclass(frozen=True, slots=True)
class OverridePath:
    segment: str
    qualifier: str
    element: int


def parse_path(text: str) -> OverridePath | str:
    """The parsed path, or a sentence saying why ``text`` is not one."""
    match = _PATH.match(text)
    if match is None:
        return (
            f"{text!r} is not an override path: write SEG[QUAL]NN, e.g. BEG03, REF[DP]02, N1[ST]04"
        )
    segment, qualifier, element = match.groups()
    if int(element) == 0:
        return f"{text!r}: element positions start at 01"
    return OverridePath(segment, qualifier or "", int(element))


def _segments(loop: LoopSpec, found: dict[str, SegmentSpec]) -> None:
    for child in loop.children:
        if isinstance(child, LoopSpec):
            _segments(child, found)
        else:
            found.setdefault(child.tag, child)


def find_set(library: MapLibrary, version: str, set_id: str) -> SetSpec | None:
    """The map of ``set_id`` for a partner version (``004010VICS`` ...), or None."""
    icvn = "00501" if version.startswith("005") else "00401"
    try:
        return library.find(icvn, version, SET_GROUPS[set_id], set_id)
    except MapError:
        return None


def path_problem(path: OverridePath, spec: SetSpec) -> str | None:
    """Why ``path`` does not fit the set's map, or None."""
    segments: dict[str, SegmentSpec] = {}
    _segments(spec.root, segments)
    segment = segments.get(path.segment)
    if segment is None:
        return f"segment {path.segment} does not occur in the {spec.set_id} ({spec.version}) map"
    count = len(segment.elements)
    if path.element > count:
        return f"{path.segment} has {count} elements; there is no {path.segment}{path.element:02d}"
    return None
