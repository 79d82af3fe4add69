"""ISA, GS and ST headers as typed records (X12.5 interchange control, X12.6 application control).

Values are kept as sent; ``*_id`` properties give the padded IDs without their padding.
"""

from __future__ import annotations

from dataclasses import dataclass

from gateway.x12.segment import Segment


@dataclass(frozen=True, slots=True)
class InterchangeHeader:
    """ISA01..ISA16."""

    authorization_qualifier: str
    authorization: str
    security_qualifier: str
    security: str
    sender_qualifier: str
    sender: str
    receiver_qualifier: str
    receiver: str
    date: str
    time: str
    standards_id: str
    version: str
    control_number: str
    ack_requested: str
    usage: str
    component_separator: str

    @classmethod
    def from_segment(cls, segment: Segment) -> InterchangeHeader:
        values = [segment.get(n) for n in range(1, 17)]
        return cls(*values)

    @property
    def sender_id(self) -> str:
        return self.sender.strip()

    @property
    def receiver_id(self) -> str:
        return self.receiver.strip()

    @property
    def wants_ta1(self) -> bool:
        return self.ack_requested == "1"


@dataclass(frozen=True, slots=True)
class GroupHeader:
    """GS01..GS08."""

    functional_id: str
    sender: str
    receiver: str
    date: str
    time: str
    control_number: str
    agency: str
    version: str

    @classmethod
    def from_segment(cls, segment: Segment) -> GroupHeader:
        return cls(*[segment.get(n) for n in range(1, 9)])


@dataclass(frozen=True, slots=True)
class SetHeader:
    """ST01..ST03."""

    set_id: str
    control_number: str
    implementation_reference: str

    @classmethod
    def from_segment(cls, segment: Segment) -> SetHeader:
        return cls(segment.get(1), segment.get(2), segment.get(3))
