"""Typed rows of the gateway store, as the pipeline, jobs and CLI see them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

#: Final states of an inbound file: every archived file ends in one of these.
FILE_FINAL = frozenset({"posted", "rejected", "duplicate", "ignored"})
EXCEPTION_STATES = frozenset({"open", "replayed", "resolved", "dismissed"})


@dataclass(frozen=True, slots=True)
class FileRow:
    id: int
    sha256: str
    size: int
    direction: str
    channel: str
    name: str
    partner_id: str
    received_at: datetime
    status: str
    duplicate_of: int | None
    note: str


@dataclass(frozen=True, slots=True)
class SetRow:
    id: int
    group_id: int
    set_id: str
    control_number: str
    status: str
    business_key: str
    document: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class ExceptionRow:
    id: int
    code: str
    message: str
    partner_id: str
    file_id: int | None
    set_row_id: int | None
    archive_hash: str
    segment: str
    segment_index: int | None
    element: int | None
    line: int | None
    business_key: str
    evidence: str
    state: str
    created_at: datetime
    updated_at: datetime
    updated_by: str
    note: str

    @property
    def stage(self) -> str:
        """The stage prefix of the code: RCV, ENV, SYN, MAP, LDG, OUT, SND, ACK or RMT."""
        return self.code.split("_", 1)[0]


@dataclass(frozen=True, slots=True)
class OutboundRow:
    id: int
    partner_id: str
    kind: str
    business_key: str
    source: str
    file_id: int | None
    sha256: str
    name: str
    channel: str
    state: str
    attempts: int
    next_attempt_at: datetime | None
    last_error: str
    receipt: str
    interchange_control: str
    group_control: str
    ack_deadline: datetime | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class DecisionRow:
    """A clerk's decision on a deduction item or a remittance, kept as the audit trail."""

    id: int
    subject: str
    kind: str
    action: str
    reason: str
    document: str
    decided_by: str
    decided_at: datetime
