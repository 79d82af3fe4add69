"""Database fixtures: every test here runs on SQLite (a fresh file, migrated) and on PostgreSQL
(a uniquely named database created for the session, migrated once, emptied before each test,
dropped at the end). PostgreSQL tests skip with a reason when 127.0.0.1:5432 does not answer."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from core.clock import FixedClock
from core.db import tables
from core.db.engine import make_engine
from core.db.migrate import upgrade
from core.db.uow import SqlUnitOfWork

PG_SERVER = os.environ.get("O2C_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432")


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


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
        upgrade(eng)
    else:
        eng = make_engine(request.getfixturevalue("pg_url"))
        names = ", ".join(f'"{t.name}"' for t in tables.metadata.sorted_tables)
        with eng.begin() as conn:
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    yield eng
    eng.dispose()


@pytest.fixture
def uow(engine: Engine) -> SqlUnitOfWork:
    from datetime import date

    return SqlUnitOfWork(engine, clock=FixedClock(date(2026, 1, 5)))
