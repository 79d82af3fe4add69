"""Problems found in an interchange, as values.

Every problem has a stable project code (``SYN_...`` for syntax, ``ENV_...`` for envelopes), a
sentence for a person, a severity, where it is, and the X12 code it maps to in an acknowledgement:
a TA1 note code (TA105), a functional group code (AK905 / AK9 in 999), a transaction set code
(AK502 / IK502), a segment code (AK304 / IK304) or an element code (AK403 / IK403). The code lists
are those of X12 997 (004010) and 999 (005010).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a problem is: an error rejects its level, a warning is reported only."""

    ERROR = "error"
    WARNING = "warning"


class AckLevel(StrEnum):
    """Where in an acknowledgement a problem's X12 code goes."""

    TA1 = "TA1"  # TA105 interchange note code
    GROUP = "AK9"  # AK905.. functional group syntax error code (element 716)
    SET = "AK5"  # AK502.. / IK502.. transaction set syntax error code (element 718)
    SEGMENT = "AK3"  # AK304 / IK304 segment syntax error code (element 720)
    ELEMENT = "AK4"  # AK403 / IK403 element syntax error code (element 723)


@dataclass(frozen=True, slots=True)
class X12Code:
    """An X12 error code and the acknowledgement level it belongs to."""

    level: AckLevel
    code: str

    def __str__(self) -> str:
        return f"{self.level.value} {self.code}"


@dataclass(frozen=True, slots=True)
class Location:
    """Where a problem is: byte offset and line of its segment, segment index, element position.

    ``segment_index`` counts segments from 0 in the file; ``set_position`` counts from 1 at the ST
    of its transaction set (the AK302 position); ``element`` and ``component`` are 1-based.
    """

    offset: int | None = None
    line: int | None = None
    segment_index: int | None = None
    segment_tag: str | None = None
    set_position: int | None = None
    element: int | None = None
    component: int | None = None
    loop: str | None = None
    repetition: int | None = None

    def describe(self) -> str:
        """A short human rendering, such as ``line 4, segment 3 (BEG), element 03``."""
        parts = []
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.segment_index is not None:
            tag = f" ({self.segment_tag})" if self.segment_tag else ""
            parts.append(f"segment {self.segment_index}{tag}")
        elif self.segment_tag:
            parts.append(f"segment {self.segment_tag}")
        if self.element is not None:
            comp = f"-{self.component}" if self.component is not None else ""
            parts.append(f"element {self.element:02d}{comp}")
        if self.offset is not None:
            parts.append(f"byte {self.offset}")
        return ", ".join(parts) if parts else "unknown position"


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding: stable code, sentence, severity, location and X12 code."""

    code: str
    message: str
    severity: Severity
    location: Location
    x12: X12Code | None = None
    reference: str | None = None  # the data element number, for AK404 / IK404
    value: str | None = None  # a copy of the bad data, for AK404 / IK404

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready rendering (the ``--json`` shape of ``o2c x12 validate``)."""
        loc = self.location
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "segment_index": loc.segment_index,
            "segment": loc.segment_tag,
            "set_position": loc.set_position,
            "element": loc.element,
            "component": loc.component,
            "line": loc.line,
            "offset": loc.offset,
            "loop": loc.loop,
            "data_element": self.reference,
            "value": self.value,
            "x12": None
            if self.x12 is None
            else {"level": self.x12.level.value, "code": self.x12.code},
        }


def error(code: str, message: str, location: Location, x12: X12Code | None = None) -> Problem:
    """An error problem."""
    return Problem(code, message, Severity.ERROR, location, x12)


def warning(code: str, message: str, location: Location, x12: X12Code | None = None) -> Problem:
    """A warning problem."""
    return Problem(code, message, Severity.WARNING, location, x12)


def ta1(code: str) -> X12Code:
    return X12Code(AckLevel.TA1, code)


def ak9(code: str) -> X12Code:
    return X12Code(AckLevel.GROUP, code)


def ak5(code: str) -> X12Code:
    return X12Code(AckLevel.SET, code)


def ak3(code: str) -> X12Code:
    return X12Code(AckLevel.SEGMENT, code)


def ak4(code: str) -> X12Code:
    return X12Code(AckLevel.ELEMENT, code)
