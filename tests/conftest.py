"""Shared test fixtures: where the repository's fixtures and the shared conformance samples are."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
#: The shared project folder sits beside the repository checkout (``../shared``).
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the calling test with a reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"conformance input {path} is absent (../shared is not beside the checkout)")
    return path


@pytest.fixture
def x12_fixtures() -> Path:
    return FIXTURES / "x12"
