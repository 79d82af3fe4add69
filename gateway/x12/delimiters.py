"""X12 delimiters, and finding them in an ISA segment (X12.5 / X12.6, versions 00200 to 00801).

The ISA is a fixed-length segment by the standard (106 characters with its terminator), but real
files pad it wrongly (81, 103 or 107 characters). So the delimiters are found by *counting*: the
character after ``ISA`` is the element separator; after the sixteenth element separator comes
ISA16 (the component separator) and then the segment terminator. ISA11 is the repetition
separator only from version 00402 on, and never when it is a letter or digit (partners send ``U``
with 00501 files).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gateway.digits import is_digits
from gateway.x12.errors import X12ReadError
from gateway.x12.problems import Location, Problem, error, ta1, warning

#: Widths of ISA01..ISA16 in the standard.
ISA_WIDTHS: tuple[int, ...] = (2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1)
#: Length of a standard ISA including its segment terminator.
ISA_LENGTH = 106
#: How far from ``ISA`` the sixteenth separator may be before the ISA is judged unreadable.
_ISA_SEARCH_LIMIT = 400
#: First version whose ISA11 is the repetition separator (X12 00402 introduced it).
_FIRST_REPETITION_VERSION = 402


@dataclass(frozen=True, slots=True)
class Delimiters:
    """The four delimiters of an interchange.

    ``repetition`` is ``None`` when the interchange has none (before 00402, or ISA11 is a
    letter or digit). ``component`` is empty only when a broken ISA lacks ISA16.
    """

    element: str = "*"
    component: str = ">"
    repetition: str | None = "^"
    segment: str = "~"

    def characters(self) -> frozenset[str]:
        """Every delimiter character in use."""
        chars = {self.element, self.segment}
        if self.component:
            chars.add(self.component)
        if self.repetition:
            chars.add(self.repetition)
        return frozenset(chars)


@dataclass(frozen=True, slots=True)
class IsaScan:
    """The result of reading one ISA: its elements, delimiters, extent and problems.

    ``elements[0]`` is ``"ISA"``; ``elements[16]`` is ISA16. ``start`` and ``end`` are positions
    in the scanned text: ``end`` is just past the segment terminator.
    """

    elements: tuple[str, ...]
    delimiters: Delimiters
    start: int
    end: int
    problems: tuple[Problem, ...] = field(default=())

    @property
    def length(self) -> int:
        return self.end - self.start


def _is_bad_separator(char: str) -> bool:
    return char.isalnum() or char == " "


def repetition_separator(isa11: str, isa12: str) -> str | None:
    """ISA11 as a repetition separator, or ``None`` when it is not one (see module docstring)."""
    if len(isa11) != 1 or _is_bad_separator(isa11):
        return None
    if not is_digits(isa12) or int(isa12) < _FIRST_REPETITION_VERSION:
        return None
    return isa11


def scan_isa(text: str, start: int, base_offset: int = 0, line: int = 1) -> IsaScan:
    """Read the ISA that begins at ``text[start]`` (which must be ``"ISA"``).

    ``base_offset`` is the byte offset of ``text[0]`` in the file and ``line`` the line of
    ``start``, both used only for problem locations. Raises ``X12ReadError`` when no delimiter
    set can be determined; everything else is returned as problems.
    """
    where = Location(offset=base_offset + start, line=line, segment_tag="ISA")
    if text[start : start + 3] != "ISA" or len(text) < start + 4:
        raise X12ReadError("expected an ISA segment", base_offset + start)
    sep = text[start + 3]
    if _is_bad_separator(sep) or sep in "\r\n":
        raise X12ReadError(
            f"the element separator after ISA is {sep!r}, which cannot be a separator",
            base_offset + start + 3,
        )
    limit = min(len(text), start + _ISA_SEARCH_LIMIT)
    q = start + 3
    for count in range(2, 17):
        q = text.find(sep, q + 1, limit)
        if q < 0:
            raise X12ReadError(
                f"the ISA segment ends after {count - 1} of its 16 elements", base_offset + start
            )
    problems: list[Problem] = []
    after = text[q + 1 : q + 3]
    if len(after) < 2:
        raise X12ReadError("the file ends inside the ISA segment", base_offset + start)
    component, terminator = after[0], after[1]
    end = q + 3
    if _is_bad_separator(terminator) and not _is_bad_separator(component):
        # ISA16 is missing: the character after the 16th separator is the terminator itself.
        problems.append(
            error(
                "ENV_ISA16_MISSING",
                f"ISA16 (component separator) is missing; {component!r} is read as the segment "
                "terminator",
                where,
                ta1("027"),
            )
        )
        component, terminator, end = "", component, q + 2
    elif _is_bad_separator(component):
        problems.append(
            error(
                "ENV_ISA16_INVALID",
                f"ISA16 (component separator) is {component!r}, a letter, digit or space",
                where,
                ta1("027"),
            )
        )
    if _is_bad_separator(terminator):
        raise X12ReadError(
            f"the segment terminator after ISA16 is {terminator!r}, which cannot be one",
            base_offset + q + 2,
        )
    elements = tuple(text[start : end - 1].split(sep))
    elements = (*elements[:16], component)
    repetition = repetition_separator(elements[11], elements[12])
    delimiters = Delimiters(sep, component, repetition, terminator)
    problems.extend(_delimiter_problems(delimiters, where))
    problems.extend(_width_problems(elements, end - start, where))
    if component == "~" and terminator in "\r\n":
        problems.append(
            warning(
                "SYN_ISA16_TILDE",
                "ISA16 (component separator) is '~' and segments end at line breaks; if the "
                "partner meant '~' as the segment terminator, each segment's last element reads "
                "as a composite ending in an empty component",
                where,
            )
        )
    return IsaScan(elements, delimiters, start, end, tuple(problems))


def _delimiter_problems(d: Delimiters, where: Location) -> list[Problem]:
    used = [("element separator", d.element), ("segment terminator", d.segment)]
    if d.component:
        used.append(("component separator", d.component))
    if d.repetition:
        used.append(("repetition separator", d.repetition))
    problems = []
    seen: dict[str, str] = {}
    for name, char in used:
        if char in seen:
            code = "027" if "component" in (name + seen[char]) else "026"
            problems.append(
                error(
                    "ENV_DELIMITER_CLASH",
                    f"the {name} {char!r} is also the {seen[char]}",
                    where,
                    ta1(code),
                )
            )
        seen[char] = name
    return problems


def _width_problems(elements: tuple[str, ...], length: int, where: Location) -> list[Problem]:
    if length == ISA_LENGTH:
        return []
    wrong = [
        f"ISA{n:02d} has {len(elements[n])} characters instead of {width}"
        for n, width in enumerate(ISA_WIDTHS, start=1)
        if n < 16 and len(elements[n]) != width
    ]
    detail = "; ".join(wrong) if wrong else "its fields are not of the standard widths"
    return [
        warning(
            "SYN_ISA_LENGTH",
            f"the ISA segment is {length} characters long instead of {ISA_LENGTH}: {detail}",
            where,
        )
    ]
