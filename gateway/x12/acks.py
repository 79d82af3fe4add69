"""Write the acknowledgements the standard prescribes for an inbound interchange.

- **TA1** (X12.5 interchange acknowledgment) right after our ISA, when the sender asked for one
  (ISA14 = 1) or when the interchange envelope itself is broken; TA104 A/E/R and TA105 the note
  code (000 when fine). A rejected interchange gets a TA1 only.
- **997** (004010 Functional Acknowledgment) for 004010 groups, **999** (005010X231A1
  Implementation Acknowledgment) for 005010 groups: one set per functional group, with AK1, an
  AK2 loop per set with AK3/AK4 (IK3/IK4 in the 999) for every segment and element error, AK5
  (IK5) A or R with up to five set codes, and AK9 A, P or R with the counts of sets included,
  received and accepted.

Nothing is written for inbound acknowledgements (FA groups and TA1 interchanges). Our ack
swaps sender and receiver, takes ISA13/GS06/ST02 from a ``ControlNumbers`` sequence, writes GS08
in full, and uses the partner's delimiters. Pure: the clock is passed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from gateway.digits import is_digits
from gateway.x12.checks import ID_QUALIFIERS
from gateway.x12.control_numbers import ControlNumbers
from gateway.x12.delimiters import Delimiters
from gateway.x12.outcomes import GroupOutcome, InterchangeOutcome, SetOutcome
from gateway.x12.problems import AckLevel, Problem
from gateway.x12.records import GroupHeader, InterchangeHeader
from gateway.x12.serializer import GroupBody, Layout, SetBody, Value, write_interchange

IMPLEMENTATION_999 = "005010X231A1"
_BROKEN_DELIMITERS = frozenset({"ENV_ISA16_INVALID", "ENV_ISA16_MISSING", "ENV_DELIMITER_CLASH"})
_MAX_CODES = 5


@dataclass(frozen=True, slots=True)
class Acknowledgement:
    """One interchange we would send back, and what it acknowledges."""

    data: bytes
    interchange_control_number: str
    kinds: tuple[str, ...]  # "TA1", "997", "999"
    acknowledged_interchange: str
    acknowledged_groups: tuple[str, ...]


def ack_kind(group: GroupHeader) -> str:
    """997 for groups before 005010, 999 from 005010 on."""
    version = group.version[:6]
    return "999" if is_digits(version) and int(version) >= 5010 else "997"


def ta1_segment(outcome: InterchangeOutcome) -> list[Value]:
    """TA1 for the interchange: A/000, E with a warning's note, or R with the first error's."""
    header = outcome.header
    errors = outcome.envelope_errors
    noted = [p for p in outcome.problems if p.x12 is not None and p.x12.level is AckLevel.TA1]
    if errors:
        status, note = "R", errors[0].x12.code if errors[0].x12 else "022"
    elif noted:
        status, note = "E", noted[0].x12.code if noted[0].x12 else "000"
    else:
        status, note = "A", "000"
    return ["TA1", header.control_number, header.date, header.time, status, note]


def _clean(value: str, layout: Layout) -> str:
    """A copy of bad data fit to be written back: no delimiters, at most 99 characters."""
    for char in layout.delimiters.characters():
        value = value.replace(char, "")
    return value[:99]


def _set_loop(
    outcome: SetOutcome, kind: str, version_5010: bool, layout: Layout
) -> list[list[Value]]:
    ak2: list[Value] = ["AK2", outcome.set_id, outcome.control_number]
    if version_5010 and outcome.implementation_reference:
        ak2.append(outcome.implementation_reference)
    segments: list[list[Value]] = [ak2]
    seg_tag, elem_tag, set_tag = ("IK3", "IK4", "IK5") if kind == "999" else ("AK3", "AK4", "AK5")
    blocks: dict[tuple[int, str], list[Problem]] = {}
    set_codes: list[str] = []
    for problem in outcome.problems:
        if not problem.is_error or problem.x12 is None:
            continue
        level = problem.x12.level
        if level is AckLevel.SET:
            set_codes.append(problem.x12.code)
        elif level in (AckLevel.SEGMENT, AckLevel.ELEMENT):
            where = problem.location
            key = (where.set_position or 0, where.segment_tag or "")
            blocks.setdefault(key, []).append(problem)
    for (position, tag), problems in sorted(blocks.items()):
        segment_codes = [p.x12.code for p in problems if p.x12 and p.x12.level is AckLevel.SEGMENT]
        elements = [p for p in problems if p.x12 and p.x12.level is AckLevel.ELEMENT]
        code = segment_codes[0] if segment_codes else "8"
        if not tag or not position:
            continue  # an empty segment has no ID to report; AK5 5 still marks the set
        loop = problems[0].location.loop or ""
        segments.append([seg_tag, tag, str(position), loop, code])
        for problem in elements:
            where = problem.location
            place: Value = str(where.element or 0)
            if where.component:
                place = (str(where.element or 0), str(where.component))
            segments.append(
                [
                    elem_tag,
                    place,
                    problem.reference or "",
                    problem.x12.code if problem.x12 else "",
                    _clean(problem.value or "", layout),
                ]
            )
    if not outcome.accepted:
        if len(segments) > 1 or any(
            p.is_error and p.x12 is not None and p.x12.level is not AckLevel.SET
            for p in outcome.problems
        ):
            set_codes.append("5")
        codes = list(dict.fromkeys(set_codes))[:_MAX_CODES] or ["5"]
        segments.append([set_tag, "R", *codes])
    else:
        segments.append([set_tag, "A"])
    return segments


def functional_ack(group: GroupOutcome, kind: str, layout: Layout) -> list[list[Value]]:
    """The body (AK1..AK9) of the 997 or 999 for one inbound group."""
    header = group.header
    version_5010 = kind == "999" or header.version[:6] >= "005010"
    ak1: list[Value] = ["AK1", header.functional_id, header.control_number]
    if version_5010:
        ak1.append(header.version)
    body: list[list[Value]] = [ak1]
    for outcome in group.sets:
        body.extend(_set_loop(outcome, kind, version_5010, layout))
    codes = [
        p.x12.code
        for p in group.problems
        if p.is_error and p.x12 is not None and p.x12.level is AckLevel.GROUP
    ]
    received = len(group.sets)
    included = group.claimed_sets if group.claimed_sets is not None else received
    body.append(
        [
            "AK9",
            group.status,
            str(included),
            str(received),
            str(group.accepted_count),
            *list(dict.fromkeys(codes))[:_MAX_CODES],
        ]
    )
    return body


def acknowledge(
    outcome: InterchangeOutcome,
    numbers: ControlNumbers,
    now: datetime,
    line_ending: str = "\n",
) -> Acknowledgement | None:
    """The interchange to send back for ``outcome``, or None when none is due."""
    if outcome.is_acknowledgement:
        return None
    inbound = outcome.header
    delimiters = outcome.delimiters
    if any(p.code in _BROKEN_DELIMITERS for p in outcome.problems):
        delimiters = Delimiters()
    if line_ending and delimiters.segment in "\r\n":
        line_ending = ""
    layout = Layout(delimiters, line_ending)
    us, them = _clean_id(inbound.receiver), _clean_id(inbound.sender)
    if not us or not them:
        return None  # nobody to address: the caller records that no ack could be sent
    rejected = bool(outcome.envelope_errors)
    want_ta1 = inbound.wants_ta1 or rejected
    ta1 = [ta1_segment(outcome)] if want_ta1 else []
    groups: list[GroupBody] = []
    kinds = ["TA1"] if want_ta1 else []
    acked: list[str] = []
    if not rejected:
        for group in outcome.groups:
            if group.header.functional_id == "FA":
                continue
            kind = ack_kind(group.header)
            body = functional_ack(group, kind, layout)
            gs06 = str(numbers.next("group", us, them))
            st02 = f"{numbers.next('set', us, them):04d}"
            version = IMPLEMENTATION_999 if kind == "999" else _gs08_997(group.header.version)
            gs = GroupHeader(
                "FA",
                _application(group.header.receiver, us),
                _application(group.header.sender, them),
                now.strftime("%Y%m%d"),
                now.strftime("%H%M"),
                gs06,
                "X",
                version,
            )
            reference = IMPLEMENTATION_999 if kind == "999" else ""
            groups.append(GroupBody(gs, [SetBody(kind, st02, body, reference)]))
            kinds.append(kind)
            acked.append(group.header.control_number)
    if not groups and not ta1:
        return None
    isa13 = f"{numbers.next('interchange', us, them):09d}"
    header = InterchangeHeader(
        "00",
        "",
        "00",
        "",
        _qualifier(inbound.receiver_qualifier),
        us,
        _qualifier(inbound.sender_qualifier),
        them,
        now.strftime("%y%m%d"),
        now.strftime("%H%M"),
        inbound.standards_id,
        inbound.version if _version_ok(inbound.version) else "00401",
        isa13,
        "0",
        inbound.usage if inbound.usage in ("P", "T") else "P",
        delimiters.component,
    )
    data = write_interchange(header, groups, layout, ta1)
    return Acknowledgement(
        data, isa13, tuple(dict.fromkeys(kinds)), inbound.control_number, tuple(acked)
    )


def _gs08_997(version: str) -> str:
    """GS08 for a 997, written in full: the inbound 004010 variant, else 004010 itself."""
    return version if version in ("004010", "004010VICS", "004010UCS") else "004010"


def _clean_id(value: str) -> str:
    """An ISA ID fit to write back: padding and characters outside X12 dropped, 15 at most."""
    kept = "".join(c for c in value if " " <= c <= "~").strip()
    return kept[:15]


def _application(code: str, fallback: str) -> str:
    """A GS02/GS03 to write back: the partner's when well formed, else the ISA ID."""
    return code if 2 <= len(code) <= 15 and _clean_id(code) == code else fallback


def _qualifier(value: str) -> str:
    return value if value in ID_QUALIFIERS else "ZZ"


def _version_ok(version: str) -> bool:
    return len(version) == 5 and is_digits(version) and 200 <= int(version) <= 801


def acknowledge_all(
    outcomes: Iterable[InterchangeOutcome], numbers: ControlNumbers, now: datetime
) -> list[Acknowledgement]:
    """Acknowledgements for every interchange that is due one."""
    found = (acknowledge(outcome, numbers, now) for outcome in outcomes)
    return [ack for ack in found if ack is not None]
