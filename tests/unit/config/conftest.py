"""A writable copy of the shipped example configuration, and helpers to break it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gateway.config import ConfigProblem, check_config
from tests.conftest import REPO


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """The config directory of a fresh copy of config/ and mappings/ (side by side)."""
    shutil.copytree(REPO / "config", tmp_path / "config")
    shutil.copytree(REPO / "mappings", tmp_path / "mappings")
    return tmp_path / "config"


def edit(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in ``path`` (fails unless it occurs exactly once)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of the only line of ``path`` containing ``needle``."""
    lines = [n for n, line in enumerate(path.read_text().splitlines(), 1) if needle in line]
    assert len(lines) == 1, f"{needle!r} on lines {lines} of {path}"
    return lines[0]


def only_problem(root: Path) -> ConfigProblem:
    problems = check_config(root)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]
