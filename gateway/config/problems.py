"""Configuration problems as values, and the one exception that carries them.

Every check in ``gateway.config`` returns :class:`ConfigProblem` values; only the loader raises,
with a :class:`ConfigError` holding all of them, so an administrator sees every mistake at once.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class ConfigProblem:
    """One mistake in one file.

    ``file`` is relative to the configuration or mappings root when possible (``partners/x.toml``,
    ``mappings/x/items.csv``); ``key`` is the dotted TOML key or CSV column; ``line`` is the
    1-based line in the file, when known; ``code`` is a stable identifier (``CFG_UNKNOWN_KEY``).
    """

    file: str
    line: int | None
    key: str
    code: str
    message: str

    def location(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.key:
            where += f" [{self.key}]"
        return where

    def __str__(self) -> str:
        return f"{self.location()}: {self.code}: {self.message}"

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "key": self.key,
            "code": self.code,
            "message": self.message,
        }


class ConfigError(Exception):
    """The configuration cannot be loaded; ``problems`` lists every mistake found."""

    def __init__(self, problems: list[ConfigProblem]) -> None:
        self.problems = tuple(sort_problems(problems))
        count = len(self.problems)
        first = str(self.problems[0]) if self.problems else "no details"
        super().__init__(f"{count} configuration problem(s); first: {first}")


class SecretMissingError(Exception):
    """A secret's environment variable, named in the configuration, is not set."""


def _order(problem: ConfigProblem) -> tuple[str, int, str, str]:
    return (problem.file, problem.line or 0, problem.key, problem.code)


def sort_problems(problems: list[ConfigProblem]) -> list[ConfigProblem]:
    """Problems by file, then line, then key, each once: the order ``o2c config check`` uses.

    A problem of the base mapping is found once per partner that uses it; it is listed once.
    """
    return sorted(set(problems), key=_order)
