"""Database fixtures: every test here runs on SQLite (a fresh file, migrated) and on PostgreSQL
(a database created for the session, emptied before each test; skipped with a reason when
127.0.0.1:5432 does not answer). See tests/support/databases.py."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from core.clock import FixedClock
from core.db.engine import make_engine
from core.db.uow import SqlUnitOfWork
from tests.support.databases import BACKENDS, empty_database, pg_url

__all__ = ["pg_url"]


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    eng = make_engine(empty_database(request, request.param, tmp_path))
    yield eng
    eng.dispose()


@pytest.fixture
def uow(engine: Engine) -> SqlUnitOfWork:
    return SqlUnitOfWork(engine, clock=FixedClock(date(2026, 1, 5)))
