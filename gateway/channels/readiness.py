"""When is an inbound file complete? Temp names, stable size and time, or a done-marker.

Senders write files in place, so a listing can show a file that is still growing. The rules:

- a name matching one of the temporary patterns (``*.tmp``, ``*.part``, ``.*`` ...) is never taken;
- ``stable_polls``: a file is ready when its size and modification time are the same as at the
  previous poll; the first sight of a file is never ready;
- ``done_marker``: a file is ready when ``<name><marker_suffix>`` (``a.edi.done``) exists; the
  marker files themselves are never returned;
- ``immediate``: every non-temporary file is ready (only for folders filled by atomic renames).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Literal

from gateway.channels.base import RemoteFile

Stability = Literal["stable_polls", "done_marker", "immediate"]

DEFAULT_TEMP_PATTERNS: tuple[str, ...] = ("*.tmp", "*.part", "*.partial", "*.filepart", ".*", "~*")


@dataclass(frozen=True)
class ReadinessRule:
    """How an inbound folder decides that a file is complete."""

    stability: Stability = "stable_polls"
    temp_patterns: tuple[str, ...] = DEFAULT_TEMP_PATTERNS
    marker_suffix: str = ".done"

    def is_temporary(self, name: str) -> bool:
        return any(fnmatchcase(name, pattern) for pattern in self.temp_patterns)

    def is_marker(self, name: str) -> bool:
        return self.stability == "done_marker" and name.endswith(self.marker_suffix)

    def marker_for(self, name: str) -> str:
        return name + self.marker_suffix


class ReadyTracker:
    """Applies a :class:`ReadinessRule` to successive listings; keeps the previous listing."""

    def __init__(self, rule: ReadinessRule) -> None:
        self.rule = rule
        self._previous: dict[str, tuple[int, float]] = {}

    def select(self, listing: Iterable[RemoteFile]) -> list[RemoteFile]:
        """The ready files of this listing, oldest first (then by name)."""
        files = [f for f in listing if not self.rule.is_temporary(f.name)]
        if self.rule.stability == "done_marker":
            names = {f.name for f in files}
            ready = [
                f
                for f in files
                if not self.rule.is_marker(f.name) and self.rule.marker_for(f.name) in names
            ]
        elif self.rule.stability == "immediate":
            ready = files
        else:
            current = {f.name: (f.size, f.mtime.timestamp()) for f in files}
            ready = [f for f in files if self._previous.get(f.name) == current[f.name]]
            self._previous = current
        return sorted(ready, key=lambda f: (f.mtime, f.name))

    def forget(self, name: str) -> None:
        """Drop what is known of ``name`` (it was acknowledged)."""
        self._previous.pop(name, None)
