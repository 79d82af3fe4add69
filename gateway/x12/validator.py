"""Validate a transaction set against its compiled map (X12 004010 / 005010 set structure).

The walker follows the map as a stack of loop frames: each segment is looked for from the
current place forward in the innermost loop, then outward; a loop's opening segment starts a new
iteration (``placement`` works each step out once and keeps it). A segment's elements are
checked by the compiled checker of its definition (``fastcheck``), and by
``elements.check_segment`` when that one finds fault, so the findings are always those of
``check_segment``. Findings carry the acknowledgement codes of X12: AK3/IK3 segment codes (1
unrecognized, 2 unexpected, 3 mandatory missing, 4 loop over maximum, 5 segment over maximum use,
6 not in the set, 7 out of sequence, 8 has element errors) and the AK4/IK4 element codes of
``elements``. Pure: a set and a spec in, problems out.
"""

from __future__ import annotations

from gateway.x12.delimiters import Delimiters
from gateway.x12.elements import ElementError, check_segment
from gateway.x12.envelope import TransactionSet
from gateway.x12.fastcheck import Checkers
from gateway.x12.maps import MapLibrary
from gateway.x12.placement import Note, PlaceMap
from gateway.x12.problems import Location, Problem, Severity, ak3, ak4, ak5, error
from gateway.x12.segment import Segment
from gateway.x12.specs import SegmentSpec, SetSpec

_MEMO_SIZE = 4096
_MAX_DELIMITER_SETS = 16


class SetValidator:
    """Validates sets of one spec; keeps no state between sets, only what it worked out.

    Per component/repetition separator pair it keeps a ``PlaceMap`` (the loop state machine,
    with a compiled element checker per segment definition) and a bounded memo of the element
    findings of segments that fail their checker.
    """

    def __init__(self, spec: SetSpec) -> None:
        self.spec = spec
        self._maps: dict[tuple[str, str | None], PlaceMap] = {}
        self._memos: dict[tuple[str, str | None], dict[tuple[object, ...], list[ElementError]]] = {}

    def memo(
        self, component: str, repetition: str | None
    ) -> dict[tuple[object, ...], list[ElementError]]:
        """Element findings of segments seen word for word before, per delimiter set (bounded).

        ``check_segment`` is a pure function of the definition and the elements, and many
        segments repeat exactly in a file (units, currencies, an item's description).
        """
        return self._memos.setdefault((component, repetition), {})

    def places(self, component: str, repetition: str | None) -> PlaceMap:
        """The state machine for interchanges with these separators (a few kept)."""
        key = (component, repetition)
        found = self._maps.get(key)
        if found is None:
            if len(self._maps) >= _MAX_DELIMITER_SETS:
                self._maps.clear()
                self._memos.clear()
            made: dict[int, Checkers] = {}

            def checkers(spec: SegmentSpec) -> Checkers:
                found = made.get(id(spec))
                if found is None:
                    found = made[id(spec)] = Checkers(spec, component, repetition)
                return found

            found = self._maps[key] = PlaceMap(self.spec, checkers)
        return found

    def validate(
        self, segments: list[Segment], delimiters: Delimiters, has_trailer: bool = True
    ) -> list[Problem]:
        """Problems of the set ``segments`` (ST first; SE last when ``has_trailer``)."""
        if not segments:
            return []
        component, repetition = delimiters.component, delimiters.repetition
        places = self.places(component, repetition)
        first = segments[0].index
        problems: list[Problem] = []
        counts = [1] * places.depth  # per open frame: times its current child came in a row
        place = places.start
        moves = place.moves
        for segment in segments[1:-1] if has_trailer else segments[1:]:
            elements = segment.elements
            try:
                move = moves[elements[0]]
            except KeyError:
                move = places.move(place, elements[0])
            if move.notes:
                _note(move.notes, segment, first, problems)
            depth = move.depth
            if depth >= 0:
                count = counts[depth] + 1 if move.same else 1
                counts[depth] = count
                if count > move.limit:
                    _note((move.overflow,), segment, first, problems)
                if not move.checks[len(elements)](elements):
                    assert move.spec is not None
                    found = self._check(move.spec, elements, component, repetition)
                    if found:
                        _report(found, segment, first, move.loop, problems)
            place = move.after
            moves = place.moves
        end = segments[-1] if has_trailer else Segment(["SE"], 0, first, 0)
        notes = places.end(place, end.tag)
        if notes:
            _note(notes, end, first, problems)
        return problems

    def _check(
        self, spec: SegmentSpec, elements: list[str], component: str, repetition: str | None
    ) -> list[ElementError]:
        """``check_segment``, remembered for segments that come again word for word."""
        memo = self.memo(component, repetition)
        key = (id(spec), *elements)
        found = memo.get(key)
        if found is None:
            found = check_segment(spec, elements, component, repetition)
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            memo[key] = found
        return found


def _note(notes: tuple[Note, ...], segment: Segment, first: int, problems: list[Problem]) -> None:
    """Structural findings at ``segment`` (the set's ST has index ``first``)."""
    for name, message, tag, loop, code in notes:
        where = Location(
            segment.offset,
            segment.line,
            segment.index,
            tag,
            segment.index - first + 1,
            loop=loop,
        )
        problems.append(error(name, message, where, ak3(code)))


def _report(
    found: list[ElementError],
    segment: Segment,
    first: int,
    loop: str | None,
    problems: list[Problem],
) -> None:
    """Element findings of ``segment``, in loop ``loop``."""
    for code, message, position, component, reference, value in found:
        where = Location(
            segment.offset,
            segment.line,
            segment.index,
            segment.tag,
            segment.index - first + 1,
            element=position,
            component=component,
            loop=loop,
        )
        problems.append(
            Problem(
                _ELEMENT_NAMES[code],
                message,
                Severity.ERROR,
                where,
                ak4(code),
                reference or None,
                value,
            )
        )


_ELEMENT_NAMES = {
    "1": "SYN_ELEMENT_MISSING",
    "2": "SYN_CONDITIONAL_MISSING",
    "3": "SYN_TOO_MANY_ELEMENTS",
    "4": "SYN_ELEMENT_TOO_SHORT",
    "5": "SYN_ELEMENT_TOO_LONG",
    "6": "SYN_ELEMENT_INVALID_CHARACTER",
    "7": "SYN_INVALID_CODE",
    "8": "SYN_INVALID_DATE",
    "9": "SYN_INVALID_TIME",
    "10": "SYN_EXCLUSION_VIOLATED",
    "12": "SYN_TOO_MANY_REPETITIONS",
    "13": "SYN_TOO_MANY_COMPONENTS",
}


def unsupported_set(set_id: str, version: str, where: Location) -> Problem:
    """The problem for a set that no map covers (AK5 1)."""
    return error(
        "SYN_SET_NOT_SUPPORTED",
        f"transaction set {set_id} in version {version or '?'} is not supported (no map)",
        where,
        ak5("1"),
    )


class Validator:
    """Validates transaction sets against the maps of a ``MapLibrary`` (the ``check_set`` hook)."""

    def __init__(self, library: MapLibrary | None = None) -> None:
        self.library = library or MapLibrary()
        self._validators: dict[int, SetValidator] = {}

    def spec_for(self, transaction: TransactionSet) -> SetSpec | None:
        group = transaction.group
        return self.library.find(
            transaction.interchange.version,
            group.version if group else "",
            group.functional_id if group else "",
            transaction.header.set_id,
        )

    def __call__(self, transaction: TransactionSet) -> list[Problem]:
        spec = self.spec_for(transaction)
        if spec is None:
            st = transaction.segments[0]
            where = Location(st.offset, st.line, st.index, "ST", 1, element=1)
            version = transaction.group.version if transaction.group else ""
            return [unsupported_set(transaction.header.set_id, version, where)]
        validator = self._validators.get(id(spec))
        if validator is None:
            validator = self._validators[id(spec)] = SetValidator(spec)
        return validator.validate(
            transaction.segments, transaction.delimiters, transaction.trailer is not None
        )
