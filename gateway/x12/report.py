"""A summary of one file's envelopes: interchanges → groups → sets, each with status and problems.

This is what ``o2c x12 validate`` prints. It keeps no segments, so memory stays small however
large the file. Statuses follow the acknowledgement codes: a set is ``accepted`` or
``rejected``; a group is ``accepted``, ``partially accepted`` or ``rejected`` (AK901 A, P, R); an
interchange ``accepted`` or ``rejected`` (TA104 A, R). Warnings never change a status.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from gateway.x12.envelope import (
    Event,
    FileEnd,
    GroupEnd,
    GroupStart,
    InterchangeEnd,
    InterchangeStart,
    TransactionSet,
)
from gateway.x12.problems import Problem


def _has_error(problems: Iterable[Problem]) -> bool:
    return any(p.is_error for p in problems)


@dataclass(slots=True)
class SetReport:
    set_id: str
    control_number: str
    segment_count: int
    first_line: int
    problems: list[Problem] = field(default_factory=list)

    @property
    def status(self) -> str:
        return "rejected" if _has_error(self.problems) else "accepted"

    def to_dict(self) -> dict[str, object]:
        return {
            "set_id": self.set_id,
            "control_number": self.control_number,
            "segments": self.segment_count,
            "line": self.first_line,
            "status": self.status,
            "problems": [p.to_dict() for p in self.problems],
        }


@dataclass(slots=True)
class GroupReport:
    functional_id: str
    control_number: str
    version: str
    sets: list[SetReport] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def status(self) -> str:
        accepted = sum(1 for s in self.sets if s.status == "accepted")
        if _has_error(self.problems) or (self.sets and accepted == 0):
            return "rejected"
        if accepted < len(self.sets):
            return "partially accepted"
        return "accepted"

    def to_dict(self) -> dict[str, object]:
        return {
            "functional_id": self.functional_id,
            "control_number": self.control_number,
            "version": self.version,
            "status": self.status,
            "problems": [p.to_dict() for p in self.problems],
            "sets": [s.to_dict() for s in self.sets],
        }


@dataclass(slots=True)
class InterchangeReport:
    sender: str
    receiver: str
    control_number: str
    version: str
    usage: str
    delimiters: dict[str, str | None]
    groups: list[GroupReport] = field(default_factory=list)
    loose_sets: list[SetReport] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ta1_count: int = 0

    @property
    def status(self) -> str:
        return "rejected" if _has_error(self.problems) else "accepted"

    @property
    def valid(self) -> bool:
        if self.status != "accepted" or self.loose_sets:
            return False
        return all(
            g.status == "accepted" and all(s.status == "accepted" for s in g.sets)
            for g in self.groups
        )

    def all_problems(self) -> list[Problem]:
        found = list(self.problems)
        for group in self.groups:
            found.extend(group.problems)
            for s in group.sets:
                found.extend(s.problems)
        for s in self.loose_sets:
            found.extend(s.problems)
        return sorted(found, key=lambda p: p.location.offset or 0)

    def to_dict(self) -> dict[str, object]:
        return {
            "sender": self.sender,
            "receiver": self.receiver,
            "control_number": self.control_number,
            "version": self.version,
            "usage": self.usage,
            "delimiters": self.delimiters,
            "status": self.status,
            "ta1_segments": self.ta1_count,
            "problems": [p.to_dict() for p in self.problems],
            "groups": [g.to_dict() for g in self.groups],
            "sets_outside_groups": [s.to_dict() for s in self.loose_sets],
        }


SetCheck = Callable[[TransactionSet], list[Problem]]


def summarize(
    events: Iterable[Event], check_set: SetCheck | None = None
) -> list[InterchangeReport]:
    """Fold envelope events into reports; ``check_set`` adds findings per set (map validation)."""
    reports: list[InterchangeReport] = []
    current: InterchangeReport | None = None
    group: GroupReport | None = None
    for event in events:
        if isinstance(event, InterchangeStart):
            h, d = event.header, event.delimiters
            current = InterchangeReport(
                f"{h.sender_qualifier}:{h.sender_id}",
                f"{h.receiver_qualifier}:{h.receiver_id}",
                h.control_number,
                h.version,
                h.usage,
                {
                    "element": d.element,
                    "component": d.component,
                    "repetition": d.repetition,
                    "segment": d.segment,
                },
            )
            reports.append(current)
        elif isinstance(event, GroupStart) and current is not None:
            g = event.header
            group = GroupReport(g.functional_id, g.control_number, g.version)
            current.groups.append(group)
        elif isinstance(event, TransactionSet) and current is not None:
            problems = list(event.problems)
            if check_set is not None:
                problems.extend(check_set(event))
            report = SetReport(
                event.header.set_id,
                event.header.control_number,
                len(event.segments),
                event.segments[0].line,
                problems,
            )
            (group.sets if group is not None else current.loose_sets).append(report)
        elif isinstance(event, GroupEnd) and group is not None:
            group.problems.extend(event.problems)
            group = None
        elif isinstance(event, InterchangeEnd) and current is not None:
            current.problems.extend(event.problems)
            current.ta1_count = len(event.ta1)
            current, group = None, None
        elif isinstance(event, FileEnd) and event.problems and reports:
            reports[-1].problems.extend(event.problems)
    return reports
