"""Store fixtures: every test runs on SQLite and on PostgreSQL, on an empty database with the
ledger and gateway store migrated (see tests/support/databases.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from core.db.engine import make_engine
from tests.support.databases import BACKENDS, empty_database, pg_url

__all__ = ["pg_url"]


@pytest.fixture(params=BACKENDS)
def store_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(empty_database(request, request.param, tmp_path))
    yield engine
    engine.dispose()
