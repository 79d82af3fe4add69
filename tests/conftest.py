"""Shared test fixtures: where the repository's fixtures and the shared conformance samples are."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.servers import ServerUnavailable, SmtpRecorder, SmtpServer, start_smtp

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


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    """aiosmtpd on loopback keeping what it receives (skips when aiosmtpd is absent)."""
    try:
        server = start_smtp(SmtpRecorder())
    except ServerUnavailable as exc:
        pytest.skip(str(exc))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def _collector_as_found() -> Iterator[None]:
    """Give the garbage collector back as the test found it: ``o2c run`` and ``o2c demo`` tune
    it for their process (gateway/runtime_tuning.py), which here is the test runner."""
    thresholds, frozen = gc.get_threshold(), gc.get_freeze_count()
    yield
    gc.set_threshold(*thresholds)
    if gc.get_freeze_count() != frozen:
        gc.unfreeze()
