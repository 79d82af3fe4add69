"""Throwaway databases for the benchmarks: a SQLite file in a temporary folder, or a uniquely
named PostgreSQL database on the local server, created empty and dropped afterwards."""

from __future__ import annotations

import socket
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text

from core.db.engine import make_engine

PG_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"


def pg_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return True
    except OSError:
        return False


@contextmanager
def bench_database(kind: str, pg_server: str = PG_SERVER) -> Iterator[str]:
    """The URL of an empty database of ``kind`` ("sqlite" or "postgresql"), gone afterwards."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        return
    name = f"o2c_bench_{uuid.uuid4().hex[:10]}"
    admin = make_engine(f"{pg_server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{pg_server}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
