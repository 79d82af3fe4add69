"""Read acknowledgements partners send us: 997 (004010/005010), 999 (005010X231A1) and TA1.

Each becomes a typed result for the reconciliation of what we sent: per acknowledged group its
status (AK901: A accepted, E accepted with errors, P partially accepted, R rejected, and the
rarer M, W, X) with the counts and codes, and per set its status (AK501/IK501) with the
segment (AK3/IK3) and element (AK4/IK4) errors. Pure: envelope events in, results out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from gateway.digits import is_digits
from gateway.x12.envelope import Event, InterchangeEnd, TransactionSet
from gateway.x12.segment import Segment

STATUS_NAMES = {
    "A": "accepted",
    "E": "accepted with errors",
    "P": "partially accepted",
    "R": "rejected",
    "M": "rejected, message authentication failed",
    "W": "rejected, assurance failed",
    "X": "rejected, content could not be analyzed",
}


@dataclass(frozen=True, slots=True)
class ElementError:
    position: str  # AK401 / IK401 as sent, e.g. "3" or "5:2"
    reference: str
    code: str
    value: str


@dataclass(frozen=True, slots=True)
class SegmentError:
    tag: str
    position: str
    loop: str
    code: str
    elements: tuple[ElementError, ...] = ()


@dataclass(frozen=True, slots=True)
class SetAck:
    set_id: str
    control_number: str
    status: str
    codes: tuple[str, ...]
    errors: tuple[SegmentError, ...]

    @property
    def accepted(self) -> bool:
        return self.status in ("A", "E")


@dataclass(frozen=True, slots=True)
class GroupAck:
    """One 997 or 999: the acknowledged group and its sets."""

    kind: str
    ack_control_number: str
    functional_id: str
    group_control_number: str
    version: str
    status: str
    included: int | None
    received: int | None
    accepted: int | None
    codes: tuple[str, ...]
    sets: tuple[SetAck, ...]

    @property
    def status_name(self) -> str:
        return STATUS_NAMES.get(self.status, self.status)


@dataclass(frozen=True, slots=True)
class InterchangeAck:
    """One TA1."""

    control_number: str
    date: str
    time: str
    status: str
    note: str

    @property
    def accepted(self) -> bool:
        return self.status in ("A", "E")


def _number(text: str) -> int | None:
    return int(text) if is_digits(text) else None


def read_functional_ack(transaction: TransactionSet) -> GroupAck | None:
    """The 997 or 999 in ``transaction``, or None when it is not one."""
    kind = transaction.header.set_id
    if kind not in ("997", "999"):
        return None
    ak1: Segment | None = None
    ak9: Segment | None = None
    sets: list[SetAck] = []
    current: dict[str, object] | None = None
    errors: list[SegmentError] = []
    elements: list[ElementError] = []

    def close_segment() -> None:
        nonlocal elements
        if errors and elements:
            last = errors[-1]
            errors[-1] = SegmentError(
                last.tag, last.position, last.loop, last.code, last.elements + tuple(elements)
            )
        elements = []

    for segment in transaction.segments:
        tag = segment.tag
        if tag == "AK1":
            ak1 = segment
        elif tag == "AK2":
            current = {"id": segment.get(1), "number": segment.get(2)}
            errors, elements = [], []
        elif tag in ("AK3", "IK3"):
            close_segment()
            errors.append(
                SegmentError(segment.get(1), segment.get(2), segment.get(3), segment.get(4))
            )
        elif tag in ("AK4", "IK4"):
            elements.append(
                ElementError(segment.get(1), segment.get(2), segment.get(3), segment.get(4))
            )
        elif tag in ("AK5", "IK5") and current is not None:
            close_segment()
            codes = tuple(c for c in segment.elements[2:7] if c)
            sets.append(
                SetAck(
                    str(current["id"]), str(current["number"]), segment.get(1), codes, tuple(errors)
                )
            )
            current = None
        elif tag == "AK9":
            ak9 = segment
    if ak1 is None or ak9 is None:
        return None
    return GroupAck(
        kind,
        transaction.header.control_number,
        ak1.get(1),
        ak1.get(2),
        ak1.get(3),
        ak9.get(1),
        _number(ak9.get(2)),
        _number(ak9.get(3)),
        _number(ak9.get(4)),
        tuple(c for c in ak9.elements[5:10] if c),
        tuple(sets),
    )


def read_ta1(segment: Segment) -> InterchangeAck:
    return InterchangeAck(
        segment.get(1), segment.get(2), segment.get(3), segment.get(4), segment.get(5)
    )


def read_acks(events: Iterable[Event]) -> Iterator[GroupAck | InterchangeAck]:
    """Every 997, 999 and TA1 in a stream of envelope events, in file order."""
    for event in events:
        if isinstance(event, TransactionSet):
            ack = read_functional_ack(event)
            if ack is not None:
                yield ack
        elif isinstance(event, InterchangeEnd):
            for segment in event.ta1:
                yield read_ta1(segment)
