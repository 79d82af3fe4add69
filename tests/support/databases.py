"""Test databases shared by the integration and end-to-end suites: a uniquely named PostgreSQL
database for the session (ledger and gateway store migrated once, dropped at the end; skipped
with a reason when 127.0.0.1:5432 does not answer) and helpers to give each test an empty,
migrated database."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from core.db import tables
from core.db.engine import make_engine
from core.db.migrate import upgrade as upgrade_ledger
from gateway.store import migrate as store_migrate
from gateway.store import tables as store_tables


def upgrade(engine: Engine) -> None:
    """Both migration trees: the ledger's and the gateway store's."""
    upgrade_ledger(engine)
    store_migrate.upgrade(engine)


PG_SERVER = os.environ.get("O2C_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432")
BACKENDS = ["sqlite", "postgresql"]


def _pg_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    if not _pg_answers():
        pytest.skip("PostgreSQL does not answer on 127.0.0.1:5432")
    name = f"o2c_test_{uuid.uuid4().hex[:12]}"
    admin = make_engine(f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # no role or no rights: skip rather than fail
        admin.dispose()
        pytest.skip(f"cannot create a PostgreSQL test database: {exc}")
    url = f"{PG_SERVER}/{name}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def empty_database(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> str:
    """The URL of an empty, migrated database of ``backend`` for one test."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'ledger.sqlite'}"
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        return url
    url = str(request.getfixturevalue("pg_url"))
    engine = make_engine(url)
    every = [*tables.metadata.sorted_tables, *store_tables.metadata.sorted_tables]
    names = ", ".join(f'"{t.name}"' for t in every)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()
    return url


def engine_for(url: str) -> Engine:
    return make_engine(url)
