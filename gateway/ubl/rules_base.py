"""Shared helpers of the EN 16931 rule modules: problems as values, in one place."""

from __future__ import annotations

from decimal import Decimal

from gateway.ubl.problems import Problem, Severity, Source

ZERO = Decimal(0)


def fail(out: list[Problem], rule: str, message: str, path: str = "") -> None:
    """Record a failed EN 16931 rule."""
    out.append(Problem(rule, Severity.ERROR, message, path, Source.EN16931))


def require(out: list[Problem], ok: bool, rule: str, message: str, path: str = "") -> None:
    """Record ``rule`` as failed unless ``ok``."""
    if not ok:
        fail(out, rule, message, path)


def total(values: list[Decimal | None]) -> Decimal | None:
    """Sum of decimals, or None when any is missing or invalid (the rule is then skipped)."""
    if any(v is None for v in values):
        return None
    return sum((v for v in values if v is not None), ZERO)
