"""``o2c x12``: show and validate X12 interchanges.

``show`` prints an envelope summary and every segment, indented by envelope and loop.
``validate`` checks syntax, envelopes and each set against its map; ``ack`` prints the
acknowledgements the gateway would send back. Exit status 0 when every file is valid, 1 when any
file has an error, 2 when any file cannot be read as X12 at all (empty, not X12, missing).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import BinaryIO

import click

from gateway.x12.ack_reader import GroupAck, InterchangeAck, read_acks
from gateway.x12.acks import acknowledge
from gateway.x12.control_numbers import MemoryControlNumbers
from gateway.x12.envelope import read_envelopes
from gateway.x12.errors import X12ReadError
from gateway.x12.loops import LoopTracker
from gateway.x12.outcomes import collect_outcomes
from gateway.x12.problems import Problem
from gateway.x12.report import InterchangeReport, SetCheck, summarize
from gateway.x12.tokenizer import Tokenizer
from gateway.x12.validator import Validator

EXIT_VALID, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2


@click.group()
def x12() -> None:
    """Read, show and validate X12 interchanges."""


@dataclass(slots=True)
class FileResult:
    path: str
    reports: list[InterchangeReport] = field(default_factory=list)
    unreadable: str | None = None

    @property
    def status(self) -> str:
        if self.unreadable is not None:
            return "unreadable"
        return "valid" if all(r.valid for r in self.reports) else "invalid"

    def to_dict(self) -> dict[str, object]:
        result: dict[str, object] = {"file": self.path, "status": self.status}
        if self.unreadable is not None:
            result["error"] = self.unreadable
        result["interchanges"] = [r.to_dict() for r in self.reports]
        return result


def _open(path: str) -> BinaryIO:
    return open(path, "rb")


def validate_file(path: str, check_set: SetCheck | None = None) -> FileResult:
    """Read ``path`` and summarise it; ``check_set`` validates each set (against its map).

    Unreadable input is recorded in the result, not raised.
    """
    result = FileResult(path)
    try:
        with _open(path) as stream:
            result.reports = summarize(read_envelopes(stream), check_set)
    except X12ReadError as exc:
        where = f" (byte {exc.offset})" if exc.offset is not None else ""
        result.unreadable = f"{exc.message}{where}"
    except OSError as exc:
        result.unreadable = f"cannot read the file: {exc.strerror or exc}"
    return result


def _problem_line(problem: Problem) -> str:
    code = f" [{problem.x12}]" if problem.x12 else ""
    return (
        f"{problem.severity.value} {problem.code}{code}: {problem.message} "
        f"({problem.location.describe()})"
    )


def _print_human(result: FileResult) -> None:
    click.echo(f"{result.path}: {result.status}")
    if result.unreadable is not None:
        click.echo(f"  {result.unreadable}")
        return
    for report in result.reports:
        click.echo(
            f"  interchange {report.control_number} {report.sender} -> {report.receiver} "
            f"(version {report.version}): {report.status}"
        )
        for problem in report.problems:
            click.echo(f"    {_problem_line(problem)}")
        for group in report.groups:
            accepted = sum(1 for s in group.sets if s.status == "accepted")
            click.echo(
                f"    group {group.functional_id} {group.control_number} ({group.version}): "
                f"{group.status}, {accepted} of {len(group.sets)} sets accepted"
            )
            for problem in group.problems:
                click.echo(f"      {_problem_line(problem)}")
            for s in group.sets:
                if s.problems or s.status != "accepted":
                    click.echo(f"      set {s.set_id} {s.control_number}: {s.status}")
                    for problem in s.problems:
                        click.echo(f"        {_problem_line(problem)}")
        for s in report.loose_sets:
            click.echo(f"    set {s.set_id} {s.control_number} outside any group: {s.status}")
            for problem in s.problems:
                click.echo(f"      {_problem_line(problem)}")


@x12.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON report instead of text.")
@click.option("--no-maps", is_flag=True, help="Check syntax and envelopes only, not the set maps.")
def validate(files: tuple[str, ...], as_json: bool, no_maps: bool) -> None:
    """Check X12 FILES: syntax, envelopes, and each set against its map in schemas/x12.

    Exit status: 0 all valid, 1 some file invalid, 2 some file unreadable as X12.
    """
    check = None if no_maps else Validator()
    results = [validate_file(path, check) for path in files]
    if as_json:
        click.echo(json.dumps([r.to_dict() for r in results], indent=2))
    else:
        for result in results:
            _print_human(result)
    statuses = {r.status for r in results}
    if "unreadable" in statuses:
        sys.exit(EXIT_UNREADABLE)
    sys.exit(EXIT_INVALID if "invalid" in statuses else EXIT_VALID)


@x12.command()
@click.argument("file", type=click.Path(dir_okay=False))
def show(file: str) -> None:
    """Print the segments of an X12 FILE, one per line, indented by envelope and loop."""
    result = validate_file(file, Validator())
    if result.unreadable is not None:
        click.echo(f"{file}: {result.unreadable}", err=True)
        sys.exit(EXIT_UNREADABLE)
    for report in result.reports:
        d = report.delimiters
        click.echo(
            f"interchange {report.control_number}  {report.sender} -> {report.receiver}  "
            f"version {report.version}  usage {report.usage}  delimiters: element "
            f"{d['element']!r} component {d['component']!r} repetition {d['repetition']!r} "
            f"segment {d['segment']!r}  [{report.status}]"
        )
        for group in report.groups:
            click.echo(
                f"  group {group.functional_id} {group.control_number} version {group.version}: "
                f"{len(group.sets)} set(s) [{group.status}]"
            )
    click.echo("")
    with _open(file) as stream:
        tokenizer = Tokenizer(stream)
        tracker: LoopTracker | None = None
        depth_of_envelope = {"ISA": 0, "IEA": 0, "GS": 1, "GE": 1, "TA1": 1}
        for segment in tokenizer:
            tag = segment.tag
            if tag == "ST":
                tracker = LoopTracker(segment.get(1))
            if tag in depth_of_envelope:
                depth = depth_of_envelope[tag]
            elif tracker is not None:
                depth = 2 + tracker.depth(segment)
            else:
                depth = 2
            text = tokenizer.delimiters.element if tokenizer.delimiters else "*"
            click.echo(f"{segment.line:>6}  {'  ' * depth}{text.join(segment.elements)}")
            if tag == "SE":
                tracker = None
    problems = [p for r in result.reports for p in r.all_problems()]
    if problems:
        click.echo("")
        for problem in problems:
            click.echo(_problem_line(problem))


@x12.command()
@click.argument("file", type=click.Path(dir_okay=False))
def ack(file: str) -> None:
    """Print the acknowledgements the gateway would send back for X12 FILE.

    A 997 per 004010 group, a 999 per 005010 group, and a TA1 right after the ISA when the
    sender asked for one (ISA14 = 1) or the interchange envelope is broken. Inbound 997, 999
    and TA1 are never acknowledged: for those the acknowledgements read are printed instead.
    Control numbers come from an in-memory sequence starting at 1 (nothing is sent).
    """
    try:
        with _open(file) as stream:
            outcomes = list(collect_outcomes(read_envelopes(stream), Validator()))
    except X12ReadError as exc:
        click.echo(f"{file}: {exc.message}; no acknowledgement can be addressed", err=True)
        sys.exit(EXIT_UNREADABLE)
    except OSError as exc:
        click.echo(f"{file}: cannot read the file: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_UNREADABLE)
    numbers = MemoryControlNumbers()
    now = datetime.now(UTC)
    for outcome in outcomes:
        result = acknowledge(outcome, numbers, now)
        if result is not None:
            click.echo(result.data.decode("latin-1"), nl=False)
        elif outcome.is_acknowledgement:
            click.echo(
                f"# interchange {outcome.header.control_number} is itself an acknowledgement; "
                "nothing is sent back. It says:"
            )
            with _open(file) as stream:
                for found in read_acks(read_envelopes(stream)):
                    click.echo(f"#   {_describe_ack(found)}")
            break
        else:
            click.echo(
                f"# interchange {outcome.header.control_number}: no sender to address, "
                "no acknowledgement"
            )


def _describe_ack(found: GroupAck | InterchangeAck) -> str:
    if isinstance(found, InterchangeAck):
        return f"TA1 for interchange {found.control_number}: {found.status} note {found.note}"
    sets = ", ".join(f"{s.set_id} {s.control_number} {s.status}" for s in found.sets)
    return (
        f"{found.kind} for group {found.functional_id} {found.group_control_number}: "
        f"{found.status_name} ({found.accepted}/{found.received} sets accepted) [{sets}]"
    )
