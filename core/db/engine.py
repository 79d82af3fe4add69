"""Engines for the ledger: SQLite (file, WAL, writers serialised with BEGIN IMMEDIATE) or
PostgreSQL through psycopg 3. Only ``gateway.bootstrap`` and tests call ``make_engine``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url

# SQLite page cache per connection (KiB; the default is 2 MiB): a batch's inserts touch the
# primary-key and index pages of a dozen tables, which then stay in memory between flushes
SQLITE_CACHE_KIB = 65536


def make_engine(url: str, **kwargs: Any) -> Engine:
    if url.startswith("sqlite"):
        _make_folder(url)
        engine = create_engine(url, **kwargs)
        _sqlite_pragmas(engine)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # let SQLAlchemy's begin event issue BEGIN IMMEDIATE
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def _make_folder(url: str) -> None:
    """Create the folder of a SQLite database file, so a first run can make the file."""
    path = make_url(url).database
    if path and path != ":memory:" and not path.startswith("file:"):
        Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
