"""Store fixtures: SQLite (a fresh migrated file) and PostgreSQL (the session database of the
ledger's fixtures, with the gateway migrations added, gateway tables emptied before each test)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from core.db.engine import make_engine
from core.db.migrate import upgrade as upgrade_ledger
from gateway.store import migrate
from gateway.store.tables import metadata
from tests.integration.core.conftest import pg_url  # noqa: F401  (re-exported fixture)

_MIGRATED: set[str] = set()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'gateway.sqlite'}")
        upgrade_ledger(engine)
        migrate.upgrade(engine)
    else:
        url = request.getfixturevalue("pg_url")
        engine = make_engine(url)
        if url not in _MIGRATED:
            migrate.upgrade(engine)
            _MIGRATED.add(url)
        names = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
        with engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    yield engine
    engine.dispose()
