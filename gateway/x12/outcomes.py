"""What an inbound interchange came to: per group and set, accepted or not, and why.

``collect_outcomes`` folds the envelope events (plus the map validation of each set) into one
``InterchangeOutcome`` per interchange, keeping problems but no segments, so acknowledgements can
be written for files of any size. Statuses follow X12: a set is A or R (AK501/IK501), a group
A, P or R (AK901), an interchange A or R (TA104).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from gateway.digits import is_digits
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


class OutcomeBuilder:
    """Folds events one at a time; ``feed`` returns an outcome when an interchange closes.

    ``set_problems`` are extra findings for a ``TransactionSet`` event (its map validation).
    """

    def __init__(self) -> None:
        self.current: InterchangeOutcome | None = None
        self.group: GroupOutcome | None = None

    def feed(self, event: Event, set_problems: Iterable[Problem] = ()) -> InterchangeOutcome | None:
        if isinstance(event, InterchangeStart):
            self.current = InterchangeOutcome(event.header, event.delimiters)
        elif isinstance(event, GroupStart) and self.current is not None:
            self.group = GroupOutcome(event.header)
            self.current.groups.append(self.group)
        elif isinstance(event, TransactionSet) and self.current is not None:
            problems = (*event.problems, *set_problems)
            outcome = SetOutcome(
                event.header.set_id,
                event.header.control_number,
                event.header.implementation_reference,
                problems,
            )
            if self.group is not None:
                self.group.sets.append(outcome)
            else:
                self.current.problems.extend(problems)
        elif isinstance(event, GroupEnd) and self.group is not None:
            self.group.problems.extend(event.problems)
            count = event.trailer.get(1) if event.trailer is not None else ""
            self.group.claimed_sets = int(count) if is_digits(count) else None
            self.group = None
        elif isinstance(event, InterchangeEnd) and self.current is not None:
            self.current.problems.extend(event.problems)
            self.current.ta1_segments = len(event.ta1)
            done, self.current, self.group = self.current, None, None
            return done
        return None


def collect_outcomes(
    events: Iterable[Event], check_set: SetCheck | None = None
) -> Iterator[InterchangeOutcome]:
    """One outcome per interchange, yielded when its IEA (or the end of input) is reached."""
    builder = OutcomeBuilder()
    for event in events:
        extra: list[Problem] = []
        if check_set is not None and isinstance(event, TransactionSet) and event.header.set_id:
            extra = check_set(event)
        done = builder.feed(event, extra)
        if done is not None:
            yield done
