"""The CLI in process (click's runner) on a kept demo workspace, for end-to-end tests."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from gateway.cli import main


def demo_env(factory: pytest.TempPathFactory, name: str) -> dict[str, str]:
    """Run ``o2c demo --keep`` into a fresh folder; the environment that points at it."""
    kept = factory.mktemp(name) / "demo"
    result = CliRunner().invoke(main, ["demo", "--keep", str(kept)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return {"O2C_CONFIG": str(kept / "config")}


def run(env: dict[str, str], *args: str, code: int = 0) -> Any:
    """``o2c ARGS``: its exit code must be ``code``; the parsed JSON with --json, else text."""
    result = CliRunner().invoke(main, list(args), env=env)
    assert result.exit_code == code, result.output
    return json.loads(result.output) if "--json" in args else result.output
