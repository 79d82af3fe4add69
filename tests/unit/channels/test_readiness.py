"""The readiness rule: temp names, stable size and mtime across polls, done-markers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from gateway.channels import RemoteFile
from gateway.channels.readiness import ReadinessRule, ReadyTracker

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def f(name: str, size: int = 10, seconds: int = 0) -> RemoteFile:
    return RemoteFile(name, size, T0 + timedelta(seconds=seconds))


def test_first_sight_is_never_ready_and_a_stable_file_is() -> None:
    tracker = ReadyTracker(ReadinessRule())
    assert tracker.select([f("a.edi")]) == []
    assert tracker.select([f("a.edi")]) == [f("a.edi")]


def test_a_change_of_size_or_mtime_restarts_the_wait() -> None:
    tracker = ReadyTracker(ReadinessRule())
    tracker.select([f("a.edi", 10)])
    assert tracker.select([f("a.edi", 20)]) == []
    assert tracker.select([f("a.edi", 20, seconds=1)]) == []
    assert tracker.select([f("a.edi", 20, seconds=1)]) == [f("a.edi", 20, seconds=1)]


def test_a_file_that_disappears_and_returns_starts_again() -> None:
    tracker = ReadyTracker(ReadinessRule())
    tracker.select([f("a.edi")])
    tracker.select([])
    assert tracker.select([f("a.edi")]) == []


def test_forget_drops_an_acknowledged_name() -> None:
    tracker = ReadyTracker(ReadinessRule())
    tracker.select([f("a.edi")])
    tracker.forget("a.edi")
    assert tracker.select([f("a.edi")]) == []  # a new delivery under the same name


def test_temporary_patterns_are_never_ready() -> None:
    rule = ReadinessRule(stability="immediate", temp_patterns=("*.tmp", ".*", "upload_*"))
    listing = [f("a.edi"), f("a.edi.tmp"), f(".a.edi"), f("upload_b.edi"), f("b.xml")]
    assert [x.name for x in ReadyTracker(rule).select(listing)] == ["a.edi", "b.xml"]


def test_default_temporary_patterns() -> None:
    rule = ReadinessRule()
    for name in ("x.tmp", "x.part", "x.partial", "x.filepart", ".x", "~x"):
        assert rule.is_temporary(name), name
    assert not rule.is_temporary("x.edi")


def test_done_marker_mode() -> None:
    tracker = ReadyTracker(ReadinessRule(stability="done_marker", marker_suffix=".ok"))
    assert tracker.select([f("a.edi"), f("b.edi")]) == []
    assert tracker.select([f("a.edi"), f("b.edi")]) == []  # stability does not count
    ready = tracker.select([f("a.edi"), f("a.edi.ok"), f("b.edi"), f("orphan.edi.ok")])
    assert ready == [f("a.edi")]


def test_ready_files_come_oldest_first() -> None:
    tracker = ReadyTracker(ReadinessRule(stability="immediate"))
    listing = [f("c.edi", seconds=5), f("b.edi", seconds=1), f("a.edi", seconds=5)]
    assert [x.name for x in tracker.select(listing)] == ["b.edi", "a.edi", "c.edi"]
