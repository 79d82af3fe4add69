"""Element-level checks against a compiled segment definition (X12 data element rules).

For one segment: too many elements (AK4 3), mandatory element missing (1), too short (4), too
long (5), invalid character for its type (6), invalid code value (7), invalid date (8) and time
(9), too many repetitions (12) and components (13), and the syntax notes: P, R, C, L missing a
conditionally required element (2), E violated (10). Lengths count what X12 counts: numeric
types count digits only (no sign, no decimal point).
"""

from __future__ import annotations

import re
from datetime import date, time

from gateway.digits import is_digits
from gateway.x12.specs import CompositeSpec, ElementSpec, SegmentSpec, SyntaxRule

#: (AK4 code, message, element position, component position, reference, bad value)
ElementError = tuple[str, str, int, int | None, str, str]
# ASCII digits only: X12's character sets have no others (``\d`` alone takes any script's)
_NUMBER = re.compile(r"-?\d+\Z", re.ASCII)
_DECIMAL = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:E-?\d+)?\Z", re.ASCII)


def _date_ok(value: str) -> bool:
    if not is_digits(value) or len(value) not in (6, 8):
        return False
    year = int(value[:4]) if len(value) == 8 else 2000 + int(value[:2])
    try:
        date(year, int(value[-4:-2]), int(value[-2:]))
    except ValueError:
        return False
    return True


def _time_ok(value: str) -> bool:
    if not is_digits(value) or len(value) not in (4, 6, 7, 8):
        return False
    try:
        time(int(value[:2]), int(value[2:4]), int(value[4:6]) if len(value) >= 6 else 0)
    except ValueError:
        return False
    return True


def check_value(spec: ElementSpec, value: str) -> tuple[str, str] | None:
    """The AK4 code and sentence for a present value that breaks its definition, else None."""
    kind = spec.data_type
    if kind in {"ID", "AN"}:
        size = len(value)
        if kind == "ID" and spec.codes is not None and value not in spec.codes:
            return "7", f"{value!r} is not a valid code for {spec.name or spec.reference}"
    elif kind == "DT":
        if not _date_ok(value):
            return "8", f"{value!r} is not a valid date"
        if len(GOOD_DATES) > 10_000:
            GOOD_DATES.clear()
        GOOD_DATES.add(value)
        size = len(value)
    elif kind == "TM":
        if not _time_ok(value):
            return "9", f"{value!r} is not a valid time"
        size = len(value)
    elif kind == "R":
        if not _DECIMAL.match(value):
            return "6", f"{value!r} is not a decimal number"
        size = len(value) - value.count(".") - (value[0] == "-")
        if "E" in value:
            size = sum(is_digits(c) for c in value.split("E", maxsplit=1)[0])
    elif kind[:1] == "N":
        if not _NUMBER.match(value):
            return "6", f"{value!r} is not a whole number (type {kind})"
        size = len(value) - (value[0] == "-")
    else:
        size = len(value)
    if size < spec.min_length:
        return "4", f"{value!r} is shorter than the minimum of {spec.min_length}"
    if size > spec.max_length:
        return "5", f"{value!r} is longer than the maximum of {spec.max_length}"
    return None


def _syntax(rule: SyntaxRule, elements: list[str]) -> tuple[str, str] | None:
    """The AK4 code and sentence when ``rule`` is broken by ``elements``, else None."""
    count = len(elements)
    positions = rule.positions
    there = 0
    for p in positions:
        if p < count and elements[p]:
            there += 1
    kind = rule.kind
    first = positions[0] < count and bool(elements[positions[0]])
    if kind == "P":
        broken = 0 < there < len(positions)
    elif kind == "R":
        broken = there == 0
    elif kind == "C":
        broken = first and there != len(positions)
    elif kind == "L":
        broken = first and there < 2
    else:  # E
        broken = there > 1
    if not broken:
        return None
    names = ", ".join(f"{p:02d}" for p in positions)
    messages = {
        "P": f"if any of {names} is present, all are required",
        "R": f"at least one of {names} is required",
        "C": f"when {positions[0]:02d} is present, all of {names} are required",
        "L": f"when {positions[0]:02d} is present, another of {names} is required",
        "E": f"only one of {names} may be present",
    }
    return ("10" if kind == "E" else "2"), f"syntax {rule}: {messages[kind]}"


def check_segment(
    spec: SegmentSpec, elements: list[str], component: str, repetition: str | None
) -> list[ElementError]:
    """Every element error of one segment (``elements[0]`` is its ID)."""
    found: list[ElementError] = []
    defined = len(spec.elements)
    if len(elements) - 1 > defined:
        extra = len(elements) - 1
        found.append(
            (
                "3",
                f"{spec.tag} has {extra} elements; its definition has {defined}",
                defined + 1,
                None,
                "",
                elements[defined + 1][:99],
            )
        )
    count = len(elements)
    by_position, required, fast = _plan(spec)
    for position in required:
        if position >= count or not elements[position]:
            definition = by_position[position]
            assert definition is not None
            found.append(
                (
                    "1",
                    f"{spec.tag}{position:02d} ({definition.name}) is required",
                    position,
                    None,
                    definition.reference,
                    "",
                )
            )
    for position in range(1, min(count, len(by_position))):
        value = elements[position]
        definition = by_position[position]
        if not value or definition is None:
            continue
        if (repetition and repetition in value) or isinstance(definition, CompositeSpec):
            found.extend(_check_repeated(spec.tag, definition, value, component, repetition))
            continue
        if component and component in value:
            found.append(
                (
                    "13" if repetition is not None else "6",
                    f"{spec.tag}{position:02d} is a simple element but holds components",
                    position,
                    None,
                    definition.reference,
                    value[:99],
                )
            )
            continue
        kind, shortest, longest, codes = fast[position]
        if kind == _TEXT:
            if shortest <= len(value) <= longest:
                continue
        elif kind == _CODE:
            if (codes is None or value in codes) and shortest <= len(value) <= longest:
                continue
        elif kind == _INTEGER:
            if is_digits(value) and shortest <= len(value) <= longest:
                continue
        elif kind == _REAL:
            digits = value.replace(".", "", 1)
            if is_digits(digits) and shortest <= len(digits) <= longest:
                continue
        elif kind == _DATE and value in GOOD_DATES and shortest <= len(value) <= longest:
            continue
        bad = check_value(definition, value)
        if bad is not None:
            found.append(
                (
                    bad[0],
                    f"{spec.tag}{position:02d}: {bad[1]}",
                    position,
                    None,
                    definition.reference,
                    value[:99],
                )
            )
    for rule in spec.syntax:
        positions = rule.positions
        if rule.kind != "R" and positions[0] >= count:
            continue  # nothing of the rule is present: only R can be broken that way
        if rule.kind == "P" and len(positions) == 2:  # the common ID-qualifier pair
            second = positions[1] < count and elements[positions[1]] != ""
            if (elements[positions[0]] != "") == second:
                continue
        broken = _syntax(rule, elements)
        if broken is not None:

            def present(position: int) -> bool:
                return position < count and elements[position] != ""

            target = next((p for p in rule.positions if not present(p)), rule.positions[0])
            if broken[0] == "10":
                target = [p for p in rule.positions if present(p)][1]
            reference = _reference(spec, target)
            found.append((broken[0], f"{spec.tag}: {broken[1]}", target, None, reference, ""))
    return found


_TEXT, _CODE, _INTEGER, _REAL, _DATE, _OTHER = 0, 1, 2, 3, 4, 5
#: Dates already found valid (dates repeat a lot in a file); bounded.
GOOD_DATES: set[str] = set()
_Fast = tuple[int, int, int, frozenset[str] | None]
_Plan = tuple[list[ElementSpec | CompositeSpec | None], tuple[int, ...], list[_Fast]]
_PLANS: dict[int, tuple[SegmentSpec, _Plan]] = {}


def _fast(definition: ElementSpec | CompositeSpec | None) -> _Fast:
    """What a valid value of ``definition`` looks like, checkable without a call."""
    if not isinstance(definition, ElementSpec):
        return (_OTHER, 0, 0, None)
    kind = {"AN": _TEXT, "ID": _CODE, "N0": _INTEGER, "N": _INTEGER, "R": _REAL, "DT": _DATE}.get(
        definition.data_type, _OTHER
    )
    return (kind, definition.min_length, definition.max_length, definition.codes)


def _plan(spec: SegmentSpec) -> _Plan:
    """Definitions by position, required positions and fast checks of ``spec`` (cached)."""
    cached = _PLANS.get(id(spec))
    if cached is None or cached[0] is not spec:
        size = max((d.position for d in spec.elements), default=0) + 1
        by_position: list[ElementSpec | CompositeSpec | None] = [None] * size
        for definition in spec.elements:
            by_position[definition.position] = definition
        required = tuple(d.position for d in spec.elements if d.usage == "R")
        fast = [_fast(d) for d in by_position]
        cached = _PLANS[id(spec)] = (spec, (by_position, required, fast))
    return cached[1]


def _reference(spec: SegmentSpec, position: int) -> str:
    for definition in spec.elements:
        if definition.position == position:
            return definition.reference
    return ""


def _check_repeated(
    tag: str,
    definition: ElementSpec | CompositeSpec,
    value: str,
    component: str,
    repetition: str | None,
) -> list[ElementError]:
    """Checks of an element that repeats or is a composite (the uncommon path)."""
    found: list[ElementError] = []
    position = definition.position
    values = value.split(repetition) if repetition and repetition in value else [value]
    if len(values) > definition.repeat:
        found.append(
            (
                "12",
                f"{tag}{position:02d} repeats {len(values)} times, at most "
                f"{definition.repeat} allowed",
                position,
                None,
                definition.reference,
                value[:99],
            )
        )
        values = values[: definition.repeat]
    for one in values:
        if isinstance(definition, CompositeSpec):
            found.extend(_check_composite(tag, definition, one, component))
        elif component and component in one:
            found.append(
                (
                    "13" if repetition is not None else "6",
                    f"{tag}{position:02d} is a simple element but holds components",
                    position,
                    None,
                    definition.reference,
                    one[:99],
                )
            )
        else:
            bad = check_value(definition, one)
            if bad is not None:
                found.append(
                    (
                        bad[0],
                        f"{tag}{position:02d}: {bad[1]}",
                        position,
                        None,
                        definition.reference,
                        one[:99],
                    )
                )
    return found


def _check_composite(
    tag: str, definition: CompositeSpec, value: str, separator: str
) -> list[ElementError]:
    found: list[ElementError] = []
    parts = value.split(separator) if separator else [value]
    position = definition.position
    if len(parts) > len(definition.components):
        found.append(
            (
                "13",
                f"{tag}{position:02d} has {len(parts)} components, at most "
                f"{len(definition.components)}",
                position,
                len(parts),
                definition.reference,
                value[:99],
            )
        )
    for index, component in enumerate(definition.components, start=1):
        part = parts[index - 1] if index <= len(parts) else ""
        if not part:
            if component.usage == "R":
                found.append(
                    (
                        "1",
                        f"{tag}{position:02d}-{index} ({component.name}) is required",
                        position,
                        index,
                        component.reference,
                        "",
                    )
                )
            continue
        bad = check_value(component, part)
        if bad is not None:
            found.append(
                (
                    bad[0],
                    f"{tag}{position:02d}-{index}: {bad[1]}",
                    position,
                    index,
                    component.reference,
                    part[:99],
                )
            )
    return found
