"""What an inbound interchange came to: per group and set, accepted or not, and why.

``collect_outcomes`` folds the envelope events (plus the map validation of each set) into one
``InterchangeOutcome`` per interchange, keeping problems but no segments, so acknowledgements can
be written for files of any size. Statuses follow X12: a set is A or R (AK501/IK501), a group
A, P or R (AK901), an interchange A or R (TA104).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from gateway.x12.delimiters import Delimiters
from gateway.x12.envelope import (
    Event,
    GroupEnd,
    GroupStart,
    InterchangeEnd,
    InterchangeStart,
    TransactionSet,
)
from gateway.x12.problems import AckLevel, Problem
from gateway.x12.records import GroupHeader, InterchangeHeader
from gateway.x12.report import SetCheck


@dataclass(frozen=True, slots=True)
class SetOutcome:
    set_id: str
    control_number: str
    implementation_reference: str
    problems: tuple[Problem, ...]

    @property
    def accepted(self) -> bool:
        return not any(p.is_error for p in self.problems)


@dataclass(slots=True)
class GroupOutcome:
    header: GroupHeader
    sets: list[SetOutcome] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    claimed_sets: int | None = None  # GE01 as sent

    @property
    def accepted_count(self) -> int:
        return sum(1 for s in self.sets if s.accepted)

    @property
    def status(self) -> str:
        if any(p.is_error for p in self.problems) or self.accepted_count == 0:
            return "R"
        return "A" if self.accepted_count == len(self.sets) else "P"


@dataclass(slots=True)
class InterchangeOutcome:
    header: InterchangeHeader
    delimiters: Delimiters
    groups: list[GroupOutcome] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ta1_segments: int = 0

    @property
    def envelope_errors(self) -> list[Problem]:
        """Errors that reject the interchange itself (those with a TA1 note code)."""
        return [
            p
            for p in self.problems
            if p.is_error and p.x12 is not None and p.x12.level is AckLevel.TA1
        ]

    @property
    def is_acknowledgement(self) -> bool:
        """True for an interchange of TA1s or FA groups only: we never acknowledge those."""
        return all(g.header.functional_id == "FA" for g in self.groups) and (
            bool(self.groups) or self.ta1_segments > 0
        )


def collect_outcomes(
    events: Iterable[Event], check_set: SetCheck | None = None
) -> Iterator[InterchangeOutcome]:
    """One outcome per interchange, yielded when its IEA (or the end of input) is reached."""
    current: InterchangeOutcome | None = None
    group: GroupOutcome | None = None
    for event in events:
        if isinstance(event, InterchangeStart):
            current = InterchangeOutcome(event.header, event.delimiters)
        elif isinstance(event, GroupStart) and current is not None:
            group = GroupOutcome(event.header)
            current.groups.append(group)
        elif isinstance(event, TransactionSet) and current is not None:
            problems = list(event.problems)
            if check_set is not None and event.header.set_id:
                problems.extend(check_set(event))
            outcome = SetOutcome(
                event.header.set_id,
                event.header.control_number,
                event.header.implementation_reference,
                tuple(problems),
            )
            if group is not None:
                group.sets.append(outcome)
            else:
                current.problems.extend(problems)
        elif isinstance(event, GroupEnd) and group is not None:
            group.problems.extend(event.problems)
            count = event.trailer.get(1) if event.trailer is not None else ""
            group.claimed_sets = int(count) if count.isdigit() else None
            group = None
        elif isinstance(event, InterchangeEnd) and current is not None:
            current.problems.extend(event.problems)
            current.ta1_segments = len(event.ta1)
            yield current
            current, group = None, None
