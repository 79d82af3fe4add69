"""Element-level checks against a compiled segment definition (X12 data element rules).

For one segment: too many elements (AK4 3), mandatory element missing (1), too short (4), too
long (5), invalid character for its type (6), invalid code value (7), invalid date (8) and time
(9), too many repetitions (12) and components (13), and the syntax notes: P, R, C, L missing a
conditionally required element (2), E violated (10). Lengths count what X12 counts: numeric
types count digits only (no sign, no decimal point).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, time

from gateway.x12.specs import CompositeSpec, ElementSpec, SegmentSpec, SyntaxRule

#: (AK4 code, message, element position, component position, reference, bad value)
ElementError = tuple[str, str, int, int | None, str, str]
_NUMBER = re.compile(r"-?\d+\Z")
_DECIMAL = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:E-?\d+)?\Z")


def _date_ok(value: str) -> bool:
    if not value.isdigit() or len(value) not in (6, 8):
        return False
    year = int(value[:4]) if len(value) == 8 else 2000 + int(value[:2])
    try:
        date(year, int(value[-4:-2]), int(value[-2:]))
    except ValueError:
        return False
    return True


def _time_ok(value: str) -> bool:
    if not value.isdigit() or len(value) not in (4, 6, 7, 8):
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
        size = len(value)
    elif kind == "TM":
        if not _time_ok(value):
            return "9", f"{value!r} is not a valid time"
        size = len(value)
    elif kind == "R":
        if not _DECIMAL.match(value):
            return "6", f"{value!r} is not a decimal number"
        size = sum(c.isdigit() for c in value)
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


def _syntax(rule: SyntaxRule, present: Callable[[int], bool]) -> tuple[str, str] | None:
    positions = rule.positions
    there = [p for p in positions if present(p)]
    names = ", ".join(f"{p:02d}" for p in positions)
    kind = rule.kind
    if kind == "P" and there and len(there) != len(positions):
        return "2", f"syntax {rule}: if any of {names} is present, all are required"
    if kind == "R" and not there:
        return "2", f"syntax {rule}: at least one of {names} is required"
    if kind == "C" and present(positions[0]) and len(there) != len(positions):
        return "2", f"syntax {rule}: when {positions[0]:02d} is present, all of {names} are"
    if kind == "L" and present(positions[0]) and len(there) < 2:
        return "2", f"syntax {rule}: when {positions[0]:02d} is present, another of {names} is"
    if kind == "E" and len(there) > 1:
        return "10", f"syntax {rule}: only one of {names} may be present"
    return None


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
    for definition in spec.elements:
        position = definition.position
        value = elements[position] if position < count else ""
        if not value:
            if definition.usage == "R":
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
            continue
        values = [value]
        if repetition and repetition in value:
            values = value.split(repetition)
            if len(values) > definition.repeat:
                found.append(
                    (
                        "12",
                        f"{spec.tag}{position:02d} repeats {len(values)} times, "
                        f"at most {definition.repeat} allowed",
                        position,
                        None,
                        definition.reference,
                        value[:99],
                    )
                )
                values = values[: definition.repeat]
        for one in values:
            if isinstance(definition, CompositeSpec):
                found.extend(_check_composite(spec.tag, definition, one, component))
            else:
                if component and component in one:
                    found.append(
                        (
                            "13" if repetition is not None else "6",
                            f"{spec.tag}{position:02d} is a simple element but holds components",
                            position,
                            None,
                            definition.reference,
                            one[:99],
                        )
                    )
                    continue
                bad = check_value(definition, one)
                if bad is not None:
                    found.append(
                        (
                            bad[0],
                            f"{spec.tag}{position:02d}: {bad[1]}",
                            position,
                            None,
                            definition.reference,
                            one[:99],
                        )
                    )
    if spec.syntax:

        def present(position: int) -> bool:
            return position < count and elements[position] != ""

        for rule in spec.syntax:
            broken = _syntax(rule, present)
            if broken is not None:
                target = next((p for p in rule.positions if not present(p)), rule.positions[0])
                if broken[0] == "10":
                    target = [p for p in rule.positions if present(p)][1]
                reference = _reference(spec, target)
                found.append((broken[0], f"{spec.tag}: {broken[1]}", target, None, reference, ""))
    return found


def _reference(spec: SegmentSpec, position: int) -> str:
    for definition in spec.elements:
        if definition.position == position:
            return definition.reference
    return ""


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
