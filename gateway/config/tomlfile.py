"""Reading TOML configuration files: exact decimals, and the line of every key.

TOML floats are parsed with ``parse_float=Decimal`` so that ``0.05`` never passes through a
binary float. :func:`key_lines` scans the text for table headers and ``key =`` lines so that a
problem found later (by pydantic or a cross-check) can name the line of the key it is about.
It understands what configuration files use: ``[table]``, ``[[array]]``, dotted and quoted keys,
and one level of inline tables; anything else falls back to the nearest enclosing key.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

Path_ = tuple[str | int, ...]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_ASSIGN = re.compile(
    r"^\s*((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)\s*="
)
_INLINE_KEY = re.compile(r"[{,]\s*([A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')\s*=")


@dataclass(frozen=True, slots=True)
class TomlDocument:
    """A parsed TOML file: its data and the line of each key path."""

    data: dict[str, Any]
    lines: Mapping[Path_, int]

    def line_of(self, path: Sequence[str | int]) -> int | None:
        """The line of ``path``, or of its nearest enclosing key that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None


class TomlSyntaxError(Exception):
    """The text is not TOML; ``line`` is where the parser stopped, when it says."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def parse_toml(text: str) -> TomlDocument:
    """Parse ``text`` (floats as :class:`~decimal.Decimal`) and locate its keys."""
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise TomlSyntaxError(str(exc), int(match.group(1)) if match else None) from exc
    return TomlDocument(data, key_lines(text))


def _split_key(dotted: str) -> tuple[str, ...]:
    parts = re.findall(r"\"([^\"]*)\"|'([^']*)'|([A-Za-z0-9_-]+)", dotted)
    return tuple(next(p for p in part if p) if any(part) else "" for part in parts)


def key_lines(text: str) -> dict[Path_, int]:
    """Map each key path (array-of-table entries by index) to its 1-based line."""
    found: dict[Path_, int] = {}
    counters: dict[tuple[str, ...], int] = {}
    current: Path_ = ()
    in_multiline = False
    for number, line in enumerate(text.splitlines(), start=1):
        if in_multiline:
            in_multiline = line.count('"""') % 2 == 0 and line.count("'''") % 2 == 0
            continue
        header = _HEADER.match(line)
        if header:
            keys = _split_key(header.group(2))
            if header.group(1) == "[[":
                index = counters.get(keys, -1) + 1
                counters[keys] = index
                current = (*keys, index)
            else:
                current = keys
            found.setdefault(current, number)
            continue
        assign = _ASSIGN.match(line)
        if assign is None:
            continue
        path = (*current, *_split_key(assign.group(1)))
        found.setdefault(path, number)
        rest = line[assign.end() :]
        if rest.lstrip().startswith("{"):
            for inner in _INLINE_KEY.finditer(rest):
                found.setdefault((*path, *_split_key(inner.group(1))), number)
        if rest.count('"""') % 2 == 1 or rest.count("'''") % 2 == 1:
            in_multiline = True
    return found
